// Broken references inside a Terraform unit: `var.X`, `local.X`, `module.M` (and a local
// module's output), `data.T.N` and `T.N` that the module does not declare. Names bound by `for`
// expressions and `dynamic` blocks, and Terraform's own (`each`, `count`, `self`, `path`,
// `terraform`), are not references. A module folder is checked once, whichever instance.

import type { UnitFacts } from '../model';
import type { Loc } from '../types';
import type { HclBlock, HclExpr, HclItem, HclRef } from './hcl-model';
import { attribute, childExprs, stringValue } from './hcl-model';
import { localSource, ModuleScope } from './scope';

const BUILTIN = new Set(['each', 'count', 'self', 'path', 'terraform', 'var', 'local', 'module', 'data']);
/** Blocks whose references are not to the module's objects (`moved { from = ... }`), or are checked by Terraform elsewhere. */
const SKIP_BLOCKS = new Set(['moved', 'import', 'removed', 'check', 'lifecycle', 'terraform']);
const SKIP_ATTRS = new Set(['provider', 'providers', 'type']);

/**
 * A library module (no backend or provider, and nothing in the workspace calls it) is applied by a
 * tool we do not see (Terragrunt, a wrapper) that may generate files declaring its variables: its
 * `var.X` are not checked.
 */
export function brokenReferences(f: UnitFacts, scopes: ModuleScope[]): void {
  const seen = new Set<string>();
  for (const s of scopes) {
    if (seen.has(s.decls.dir)) continue;
    seen.add(s.decls.dir);
    if (s.decls.files.some((x) => x.errors.length)) continue;
    const vars = s.parent !== undefined || s.decls.root;
    for (const file of s.decls.files) checkItems(f, s, file.items, vars);
  }
}

interface Frame {
  items: HclItem[];
  bound: Set<string>;
}

function checkItems(f: UnitFacts, s: ModuleScope, items: HclItem[], vars: boolean): void {
  const stack: Frame[] = [{ items, bound: new Set() }];
  while (stack.length) {
    const { items: list, bound } = stack.pop()!;
    for (const i of list) {
      if (i.k === 'block') {
        if (SKIP_BLOCKS.has(i.type)) continue;
        let b = bound;
        if (i.type === 'dynamic' && i.labels[0]) {
          b = new Set(bound);
          b.add(stringValue(attribute(i.items, 'iterator')?.value) ?? i.labels[0].value);
          const it = attribute(i.items, 'iterator')?.value;
          if (it?.k === 'ref') b.add(it.name);
        }
        stack.push({ items: i.items, bound: b });
        continue;
      }
      if (SKIP_ATTRS.has(i.name)) continue;
      checkExpr(f, s, i.value, bound, vars);
    }
  }
}

function checkExpr(f: UnitFacts, s: ModuleScope, root: HclExpr, bound0: Set<string>, vars: boolean): void {
  const stack: Array<{ e: HclExpr; bound: Set<string>; loose: boolean }> = [{ e: root, bound: bound0, loose: false }];
  while (stack.length) {
    const { e, bound, loose } = stack.pop()!;
    if (e.k === 'ref') {
      check(f, s, e, bound, loose, vars);
      for (const c of childExprs(e)) stack.push({ e: c, bound, loose });
      continue;
    }
    if (e.k === 'for') {
      const inner = new Set(bound);
      inner.add(e.valueVar);
      if (e.keyVar) inner.add(e.keyVar);
      stack.push({ e: e.collection, bound, loose });
      for (const c of [e.key, e.value, e.cond]) if (c) stack.push({ e: c, bound: inner, loose });
      continue;
    }
    if (e.k === 'object') {
      // Keys are names, not references (`{ queue_url = ... }`).
      for (const x of e.entries) stack.push({ e: x.value, bound, loose });
      continue;
    }
    // A template with `%{ for x in ... }` binds names we do not track: only var/local/module/data are checked inside it.
    const l = loose || (e.k === 'template' && e.parts.some((p) => p.k === 'directive'));
    for (const c of childExprs(e)) stack.push({ e: c, bound, loose: l });
  }
}

function check(f: UnitFacts, s: ModuleScope, r: HclRef, bound: Set<string>, loose: boolean, vars: boolean): void {
  if (bound.has(r.name)) return;
  const p0 = r.parts[0]?.k === 'attr' ? r.parts[0] : undefined;
  if (!p0) return;
  const d = s.decls;
  const where = d.dir || '.';
  const at = (start: Loc, end: Loc): Loc => ({ file: start.file, start: start.start, end: end.end });
  switch (r.name) {
    case 'var':
      if (vars && !d.variables.has(p0.name)) issue(f, r.loc, p0.loc, p0.name, `var.${p0.name} is not declared in ${where} (no variable "${p0.name}").`, d.variables.keys());
      return;
    case 'local':
      if (!d.locals.has(p0.name)) issue(f, r.loc, p0.loc, p0.name, `local.${p0.name} is not defined in ${where} (no such local value).`, d.locals.keys());
      return;
    case 'module': {
      const m = d.modules.get(p0.name);
      if (!m) {
        issue(f, r.loc, p0.loc, p0.name, `module.${p0.name} is not declared in ${where} (no module "${p0.name}").`, d.modules.keys());
        return;
      }
      const out = r.parts[1]?.k === 'attr' ? r.parts[1] : undefined;
      const child = s.children.get(p0.name);
      if (out && child && localSource(m) && !child.decls.files.some((x) => x.errors.length) && !child.decls.outputs.has(out.name)) {
        issue(f, r.loc, out.loc, out.name, `module.${p0.name} (${child.decls.dir || '.'}) has no output "${out.name}".`, child.decls.outputs.keys());
      }
      return;
    }
    case 'data': {
      const p1 = r.parts[1]?.k === 'attr' ? r.parts[1] : undefined;
      if (p1 && !d.data.has(`${p0.name}.${p1.name}`)) issue(f, r.loc, at(r.nameLoc, p1.loc), `data.${p0.name}.${p1.name}`, `data.${p0.name}.${p1.name} is not declared in ${where}.`, [...d.data.keys()].map((k) => `data.${k}`));
      return;
    }
    default:
      if (loose || BUILTIN.has(r.name) || !r.name.includes('_')) return;
      if (!d.resources.has(`${r.name}.${p0.name}`)) issue(f, r.loc, at(r.nameLoc, p0.loc), `${r.name}.${p0.name}`, `${r.name}.${p0.name} is not declared in ${where} (no resource "${r.name}" "${p0.name}").`, d.resources.keys());
  }
}

/** One cause, one finding: a missing name used in several places of a module is reported at its first use, the others related. */
function issue(f: UnitFacts, loc: Loc, nameLoc: Loc, subject: string, message: string, candidates: Iterable<string>): void {
  const first = f.issues.find((i) => i.rule === 'broken-reference' && i.subject === subject && i.message === message);
  if (first) {
    (first.related ??= []).push({ loc, message: `${subject} is used here too, in ${loc.file}` });
    return;
  }
  f.issues.push({ rule: 'broken-reference', loc, subject, message, nameLoc, candidates: [...candidates] });
}

export type { HclBlock };
