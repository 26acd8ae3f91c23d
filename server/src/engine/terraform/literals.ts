// Literal ARNs, queue URLs and names written in a Terraform block: what `hardcoded-reference`
// compares with the workspace's resources. A name counts only in an attribute that takes one
// (`*_name`, `*_arn`, `queue`, `endpoint`...) or an environment variable; the resource's own name
// attribute, tags and descriptions are never references.

import { findArnsIn } from '../aws';
import type { UnitFacts } from '../model';
import type { HclBlock, HclExpr } from './hcl-model';
import { childExprs } from './hcl-model';

const NAMEISH = /(^|_)(name|arn|arns|url|queue|topic|table|bucket|stream|target|destination|endpoint|function)$/;
const NEVER = /^(name_prefix|policy_name|role_name|statement_id|sid|display_name|key_name|handler|runtime|alias|qualifier)$/;
const SKIP_ATTRS = new Set(['tags', 'tags_all', 'description', 'provider', 'providers', 'depends_on', 'source', 'version', 'type', 'count', 'for_each']);
const SKIP_BLOCKS = new Set(['lifecycle', 'validation', 'provisioner', 'connection']);

export function scanLiterals(f: UnitFacts, b: HclBlock, from: string | undefined, ownName: string | undefined, text: (file: string) => string, arnsOnly = false): void {
  const src = text(b.loc.file);
  const stack: Array<{ items: HclBlock['items']; env: boolean; top: boolean }> = [{ items: b.items, env: false, top: true }];
  while (stack.length) {
    const { items, env, top } = stack.pop()!;
    for (const i of items) {
      if (i.k === 'block') {
        if (!SKIP_BLOCKS.has(i.type)) stack.push({ items: i.items, env: env || i.type === 'environment', top: false });
        continue;
      }
      // A resource's top-level `name` is its own name, also for types the analysis does not map.
      if (SKIP_ATTRS.has(i.name) || (top && (i.name === ownName || (from !== undefined && i.name === 'name')))) continue;
      scanExpr(f, src, i.value, i.name, env && i.name === 'variables', from, arnsOnly);
    }
  }
}

function scanExpr(f: UnitFacts, src: string, root: HclExpr, key: string, inEnv: boolean, from: string | undefined, arnsOnly: boolean): void {
  const stack: Array<{ e: HclExpr; key: string }> = [{ e: root, key }];
  while (stack.length) {
    const { e, key: k } = stack.pop()!;
    if (e.k === 'object') {
      for (const entry of e.entries) stack.push({ e: entry.value, key: entry.name ?? k });
      continue;
    }
    if (e.k === 'literal') {
      if (typeof e.value === 'string' && e.valueLoc) scanString(f, src, e.valueLoc.start, e.value, e, k, inEnv, from, arnsOnly, true);
      continue;
    }
    if (e.k === 'template') {
      // The text as written covers the interpolations too (`arn:aws:sqs:${var.region}:...`).
      if (!e.heredoc) {
        const start = e.loc.start + 1;
        const raw = src.slice(start, e.loc.end - 1);
        scanString(f, src, start, raw, e, k, inEnv, from, arnsOnly, e.parts.every((p) => p.k === 'text'));
      } else for (const p of e.parts) if (p.k === 'text') scanString(f, src, p.loc.start, src.slice(p.loc.start, p.loc.end), e, k, inEnv, from, arnsOnly, false);
      continue;
    }
    if (e.k === 'ref') continue;
    for (const c of childExprs(e)) stack.push({ e: c, key: k });
  }
}

function scanString(f: UnitFacts, src: string, start: number, raw: string, e: HclExpr, key: string, inEnv: boolean, from: string | undefined, arnsOnly: boolean, plain: boolean): void {
  const file = e.loc.file;
  if (raw.includes('arn:') || raw.includes('https://sqs.')) {
    for (const a of findArnsIn(raw)) {
      f.literals.push({ target: { k: 'arn', service: a.name.service, name: a.name.name, text: a.text }, loc: { file, start: start + a.index, end: start + a.index + a.text.length }, text: a.text, whole: a.text === raw, from, scalarLoc: e.loc, scalarValue: raw });
    }
    return;
  }
  if (arnsOnly || !plain || NEVER.test(key) || !(inEnv || NAMEISH.test(key))) return;
  if (/^[A-Za-z0-9][\w.\-/]{2,}$/.test(raw) && /[-_/]/.test(raw) && src.slice(start, start + raw.length) === raw) {
    f.literals.push({ target: { k: 'name', name: raw }, loc: { file, start, end: start + raw.length }, text: raw, whole: true, from, scalarLoc: e.loc, scalarValue: raw });
  }
}
