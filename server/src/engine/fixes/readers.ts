// The readers of a unit's outputs in other units: a fix that moves an output (or the resource
// behind one of the framework's own outputs) to another stack must update them, or not be
// offered, so that it never leaves a broken reference elsewhere.

import type { ImportFact, OutputFact, UnitFacts } from '../model';
import type { RuleContext } from '../rules/rule';
import { deref, entries, get, items, RNode } from '../tree';
import type { TextEdit } from '../types';

/** `${cf:stack.Key}` as written, with a literal stack name (an optional region in parentheses). */
const CF_READ = /^\$\{cf(\([\w-]+\))?:([\w-]+)\.([\w-]+)\}$/;

/** The imports of an output (by export name or `${cf:}`) from units not in `skip`. */
export function readersOf(ctx: RuleContext, unit: UnitFacts, o: OutputFact, skip: Set<string>): ImportFact[] {
  const linked = ctx.linked;
  const out: ImportFact[] = [];
  for (const t of linked.units()) {
    if (skip.has(t.id) || skip.has(linked.unitOf(t.id))) continue;
    for (const imp of linked.importsOf(t)) {
      if (imp.target.k === 'cf' && imp.target.output === o.key && linked.stacks.get(imp.target.stack, t.id) === unit) out.push(imp);
      else if (imp.target.k === 'import' && o.exportName && imp.target.exportName === o.exportName) out.push(imp);
    }
  }
  return out;
}

/**
 * Rewrites `${cf:<unit's stack>.Key}` in units other than `skip` to read `newStack`, for every
 * output key in `keys` (the outputs that leave the unit). Undefined when a reader cannot be
 * rewritten: the stack name is built from variables, or the read sits in a JSON file.
 */
export function rewriteCfReaders(ctx: RuleContext, unit: UnitFacts, keys: Set<string>, newStack: string, skip: Set<string>): TextEdit[] | undefined {
  const linked = ctx.linked;
  const edits: TextEdit[] = [];
  for (const t of linked.units()) {
    if (skip.has(t.id) || skip.has(linked.unitOf(t.id))) continue;
    for (const imp of linked.importsOf(t)) {
      if (imp.target.k !== 'cf' || !keys.has(imp.target.output) || linked.stacks.get(imp.target.stack, t.id) !== unit) continue;
      const written = ctx.text(imp.loc.file).slice(imp.loc.start, imp.loc.end);
      const m = CF_READ.exec(written);
      if (!m || m[3] !== imp.target.output || t.json) return undefined;
      edits.push({ file: imp.loc.file, start: imp.loc.start, end: imp.loc.end, newText: `\${cf${m[1] ?? ''}:${newStack}.${m[3]}}` });
    }
  }
  return edits;
}

/** The framework's own API outputs a set of Serverless functions (their definitions) makes the stack have. */
function apiOutputs(fns: Array<RNode | undefined>): Set<string> {
  const out = new Set<string>();
  for (const fn of fns) {
    for (const ev of items(get(deref(fn), 'events'))) {
      const kind = entries(deref(ev))[0]?.key;
      if (kind === 'http') out.add('ServiceEndpoint');
      if (kind === 'httpApi') out.add('HttpApiId').add('HttpApiUrl');
      if (kind === 'websocket') out.add('ServiceEndpointWebsocket');
    }
  }
  return out;
}

/**
 * The outputs the framework adds to a Serverless stack that leave it when the functions `moved`
 * (ids) go to another stack: their `<LogicalId>QualifiedArn`, and the API outputs no remaining
 * function keeps.
 */
export function implicitOutputsLeaving(unit: UnitFacts, moved: Set<string>): Set<string> {
  const out = new Set<string>();
  if (unit.kind !== 'serverless') return out;
  const stay: Array<RNode | undefined> = [];
  const go: Array<RNode | undefined> = [];
  for (const f of unit.functions.values()) {
    if (moved.has(f.id)) {
      go.push(f.node);
      out.add(`${f.logicalId}QualifiedArn`);
    } else stay.push(f.node);
  }
  const kept = apiOutputs(stay);
  for (const k of apiOutputs(go)) if (!kept.has(k)) out.add(k);
  return out;
}
