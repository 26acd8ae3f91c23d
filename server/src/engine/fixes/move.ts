// Fixes for split-domain: move the trigger into its function's unit, or the function into
// its trigger's unit, so one pipeline deploys the domain.
//
// Both refuse where the move could not keep everything working: the moved definition refers
// to things that stay behind, the old unit refers to it in a way that cannot become an
// import (Sub, DependsOn), the move would create a deploy cycle, or a file is JSON.

import type { LinkedWiring } from '../link';
import type { OutputFact, UnitFacts } from '../model';
import { joinPath, normalizePath, relativePath } from '../paths';
import type { RuleContext } from '../rules/rule';
import { get, getPath, str } from '../tree';
import type { Fix, Loc, TextEdit } from '../types';
import { Block } from './edits';
import { implicitOutputsLeaving, readersOf, rewriteCfReaders } from './readers';
import { attributeOf, blockAt0, cutEntry, insertIntoMap, insertSections, outputEntry, removeEntries, stackExportName, viewOf, yamlQuote } from './yaml';
import { column } from '../../protocol/resource-types';

/** Trigger types a move supports, with the attribute an event source reads. */
const MOVABLE: Record<string, string> = column('movableAttr');

const IMPLICIT_APIS = new Set(['ApiGatewayRestApi', 'HttpApi']);

function within(loc: Loc, block: Block, file: string): boolean {
  return loc.file === file && loc.start >= block.start && loc.end <= block.end;
}

export function moveTriggerFix(ctx: RuleContext, w: LinkedWiring): Fix | undefined {
  const linked = ctx.linked;
  const trig = w.trigger;
  const attr = MOVABLE[trig.type];
  const owner = trig.factsId ? linked.factsOf(trig.factsId) : undefined;
  const target = w.fn.facts;
  if (!attr || !owner || !trig.unit || owner.json || target.json || w.facts !== target) return undefined;
  if (linked.isNested(owner.id) || linked.isNested(target.id) || !w.wiring.triggerLoc) return undefined;
  const res = owner.resources.get(trig.id);
  if (!res || res.implicit || !res.node || get(res.node, 'Condition')) return undefined;
  if (target.resources.has(trig.id) || target.functions.has(trig.id)) return undefined;
  // The resource must not refer to anything it would leave behind.
  if (owner.refs.some((r) => r.from === trig.id && !r.name.startsWith('AWS::'))) return undefined;
  const resFile = res.loc.file;
  const resBlock = cutEntry(ctx.text(resFile), resFile, res.loc, res.node);
  if (!resBlock) return undefined;

  // The trigger must invoke nothing outside the target: a function left behind would be split from it.
  if (linked.allWirings().some((x) => x.trigger.factsId === trig.factsId && x.trigger.id === trig.id && x.fn.facts !== target)) return undefined;
  // Outputs that re-export the trigger move with it; their export names stay, as literals. One that
  // only the target read (its reads become local) goes: kept, it would be an export nobody imports.
  const skipTarget = new Set([target.id]);
  const moved: Array<{ o: OutputFact; block: Block }> = [];
  const dropped: Array<{ o: OutputFact; block: Block }> = [];
  for (const o of owner.outputs) {
    if (!o.refs.includes(trig.id)) continue;
    if (o.refs.some((r) => r !== trig.id) || o.implicit) return undefined;
    const file = o.loc.file;
    const entry = cutEntry(ctx.text(file), file, o.loc, { k: 'scalar', value: null, loc: o.entryLoc });
    if (!entry) return undefined;
    if (readersOf(ctx, owner, o, skipTarget).length === 0 && readersOf(ctx, owner, o, new Set()).length > 0) dropped.push({ o, block: entry });
    else moved.push({ o, block: entry });
  }
  // Other units reading a moved output through `${cf:<owner stack>.Key}` now read the target's stack.
  const readerEdits = rewriteCfReaders(ctx, owner, new Set(moved.map(({ o }) => o.key)), target.stackName, skipTarget);
  if (!readerEdits) return undefined;

  // The owner's other uses become imports of exports the target adds.
  const ownerEdits: TextEdit[] = [];
  const newOutputs: string[] = [];
  const exportsByAttr = new Map<string, string>();
  for (const { o } of moved) {
    if (!o.exportName) continue;
    const a = attributeOf(ctx.text(o.loc.file).slice(o.valueLoc?.start ?? 0, o.valueLoc?.end ?? 0));
    if (!exportsByAttr.has(a)) exportsByAttr.set(a, o.exportName);
  }
  for (const u of owner.refs) {
    if (u.name !== trig.id || u.from === trig.id || u.from === 'Outputs') continue;
    if ((u.kind !== 'Ref' && u.kind !== 'GetAtt') || !u.nodeLoc) return undefined;
    const key = u.kind === 'Ref' ? 'Ref' : u.attr ?? 'Arn';
    let exp = exportsByAttr.get(key);
    if (!exp) {
      const outKey = `${trig.id}${key === 'Ref' ? '' : key}Export`;
      exp = `${target.stackName}-${outKey}`;
      exportsByAttr.set(key, exp);
      newOutputs.push(outputEntry(outKey, key === 'Ref' ? `!Ref ${trig.id}` : `!GetAtt ${trig.id}.${key}`, stackExportName(target.kind, outKey)));
    }
    ownerEdits.push({ file: u.nodeLoc.file, start: u.nodeLoc.start, end: u.nodeLoc.end, newText: `!ImportValue ${yamlQuote(exp)}` });
  }
  const ownerUnit = trig.unit;
  // Target-side edits: the wiring and any other import of the moved outputs become local.
  const targetEdits: TextEdit[] = [];
  const tl = w.wiring.triggerLoc;
  targetEdits.push({ file: tl.file, start: tl.start, end: tl.end, newText: `!GetAtt ${trig.id}.${attr}` });
  for (const imp of linked.importsOf(target)) {
    const thing = linked.resolve(target, imp.target);
    if (!thing || thing.unit !== ownerUnit) continue;
    if (thing.id !== trig.id) {
      // The target still needs something else from the owner: with new imports the other way, a cycle.
      if (ownerEdits.length) return undefined;
      continue;
    }
    if (imp.loc.start >= tl.start && imp.loc.end <= tl.end && imp.loc.file === tl.file) continue;
    const o = thing.output;
    if (!o?.valueLoc) return undefined;
    const whole = ctx.text(imp.loc.file).slice(imp.loc.start, imp.loc.end);
    if (!(whole.startsWith('!ImportValue') || /^\$\{cf/.test(whole)) || ctx.parsed(imp.loc.file)?.json) return undefined;
    const scalarText = ctx.text(imp.loc.file);
    // `${cf:...}` inside a longer string cannot become an intrinsic.
    const lineRest = scalarText.slice(imp.loc.end, scalarText.indexOf('\n', imp.loc.end) === -1 ? undefined : scalarText.indexOf('\n', imp.loc.end)).trim();
    if (whole.startsWith('${') && (lineRest !== '' && !lineRest.startsWith('#'))) return undefined;
    targetEdits.push({ file: imp.loc.file, start: imp.loc.start, end: imp.loc.end, newText: ctx.text(o.loc.file).slice(o.valueLoc.start, o.valueLoc.end) });
  }

  const outputs = [
    ...moved.map(({ o, block }) => blockAt0(block, o.exportName && o.exportNameLoc && within(o.exportNameLoc, block, o.loc.file) ? [{ start: o.exportNameLoc.start, end: o.exportNameLoc.end, newText: yamlQuote(o.exportName) }] : [])),
    ...newOutputs,
  ];
  const added = insertSections(viewOf(target, ctx.text), target.kind === 'serverless' ? ['resources'] : [], [
    { key: 'Resources', entries: blockAt0(resBlock) },
    { key: 'Outputs', entries: outputs.join('') },
  ]);
  if (!added) return undefined;
  const edits: TextEdit[] = [...added, ...targetEdits, ...ownerEdits, ...readerEdits];
  edits.push({ file: resFile, start: resBlock.start, end: resBlock.end, newText: '' });
  const byFile = new Map<string, Block[]>();
  for (const { o, block } of [...moved, ...dropped]) byFile.set(o.loc.file, [...(byFile.get(o.loc.file) ?? []), block]);
  for (const [file, blocks] of byFile) edits.push(...removeEntries(ctx.text(file), owner, file, blocks, 'Outputs'));
  if (overlaps(edits)) return undefined;
  return { title: `Move ${trig.id} into ${target.files[0]}, beside ${w.fn.fn.id}`, preferred: true, edits };
}

export function moveFunctionFix(ctx: RuleContext, w: LinkedWiring): Fix | undefined {
  const linked = ctx.linked;
  const trig = w.trigger;
  const src = w.fn.facts;
  const dest = trig.factsId ? linked.factsOf(trig.factsId) : undefined;
  const fn = w.fn.fn;
  if (!dest || src.kind !== dest.kind || src.kind === 'cloudformation' || src.json || dest.json) return undefined;
  if (linked.isNested(src.id) || linked.isNested(dest.id) || w.facts !== src) return undefined;
  const attr = MOVABLE[trig.type];
  const implicitApi = IMPLICIT_APIS.has(trig.id) && !w.wiring.triggerLoc && src.kind === 'serverless';
  if (!(attr && w.wiring.triggerLoc) && !implicitApi) return undefined;
  if (dest.functions.has(fn.id) || dest.resources.has(fn.id)) return undefined;
  // The function must not use anything it would leave behind, nor be used by anything that stays.
  const names = new Set([fn.id, fn.logicalId]);
  if (src.refs.some((r) => r.from !== undefined && names.has(r.from) && !r.name.startsWith('AWS::'))) return undefined;
  if (src.refs.some((r) => names.has(r.name) && !(r.from && names.has(r.from)))) return undefined;
  if ([...src.invokedNames].some((n) => names.has(n))) return undefined;
  if (src.wirings.some((x) => x.fn.k === 'local' && names.has(x.fn.id) && x !== w.wiring && x.triggerLoc === undefined && !implicitApi && x.event !== 'schedule')) return undefined;
  for (const imp of linked.importsOf(src)) {
    if (!imp.from || !names.has(imp.from)) continue;
    const owner = linked.ownerOfImport(imp.target, src.id);
    if (owner === trig.unit && !(w.wiring.triggerLoc && imp.loc.start >= w.wiring.triggerLoc.start && imp.loc.end <= w.wiring.triggerLoc.end)) return undefined;
  }
  const file = fn.loc.file;
  const text = ctx.text(file);
  const block = cutEntry(text, file, fn.loc, fn.node);
  if (!block) return undefined;
  if (!variablesTravel(ctx, src, dest, text.slice(block.start, block.end))) return undefined;
  const inner: Array<{ start: number; end: number; newText: string }> = [];
  if (attr && w.wiring.triggerLoc) {
    if (!within(w.wiring.triggerLoc, block, file)) return undefined;
    inner.push({ start: w.wiring.triggerLoc.start, end: w.wiring.triggerLoc.end, newText: `!GetAtt ${trig.id}.${attr}` });
  }
  // Code paths are relative to the unit's folder: rewrite them for the new folder.
  const pathNode = src.kind === 'serverless' ? get(fn.node, 'handler') : get(get(fn.node, 'Properties'), 'CodeUri');
  const p = str(pathNode);
  if (pathNode && p && pathNode.k === 'scalar' && !/^(s3:|https?:|\/)/.test(p) && within(pathNode.loc, block, file)) {
    const abs = normalizePath(joinPath(src.dir, p));
    if (abs === undefined) return undefined;
    const rel = relativePath(dest.dir, abs);
    if (rel !== p) inner.push({ start: pathNode.loc.start, end: pathNode.loc.end, newText: /[:#{}[\],&*!|>'"%@`]/.test(rel) ? yamlQuote(rel) : rel });
  } else if (pathNode) return undefined;
  // The outputs the framework adds for the function (and an API only it used) move to the other
  // stack: readers through `${cf:<src stack>.Key}` now read the destination's stack.
  const readerEdits = rewriteCfReaders(ctx, src, implicitOutputsLeaving(src, new Set([fn.id])), dest.stackName, new Set([src.id]));
  if (!readerEdits) return undefined;
  const destPath = dest.kind === 'serverless' ? ['functions'] : ['Resources'];
  const add = insertIntoMap(viewOf(dest, ctx.text), destPath, blockAt0(block, inner));
  if (!add) return undefined;
  const edits: TextEdit[] = [add, { file, start: block.start, end: block.end, newText: '' }, ...readerEdits];
  // An output of the destination that only this function's trigger read (now a local !GetAtt) goes:
  // kept, it would be an export nobody imports.
  const tl = w.wiring.triggerLoc;
  const unread = new Map<string, Block[]>();
  for (const o of dest.outputs) {
    if (o.implicit) continue;
    const rs = readersOf(ctx, dest, o, new Set());
    if (!tl || rs.length === 0 || !rs.every((i) => i.loc.file === tl.file && i.loc.start >= tl.start && i.loc.end <= tl.end)) continue;
    const entry = cutEntry(ctx.text(o.loc.file), o.loc.file, o.loc, { k: 'scalar', value: null, loc: o.entryLoc });
    if (!entry) return undefined;
    unread.set(o.loc.file, [...(unread.get(o.loc.file) ?? []), entry]);
  }
  for (const [f, blocks] of unread) edits.push(...removeEntries(ctx.text(f), dest, f, blocks, 'Outputs'));
  if (overlaps(edits)) return undefined;
  return { title: `Move function ${fn.id} into ${dest.files[0]}, beside ${trig.id}`, edits };
}

/**
 * A Serverless function's text means the same in the other service: every `${self:path}` it uses is
 * written the same there, and a `${file()}` path (relative to the service folder) stays in the same
 * folder. Otherwise the move would leave a broken or changed reference behind.
 */
function variablesTravel(ctx: RuleContext, src: UnitFacts, dest: UnitFacts, blockText: string): boolean {
  if (src.kind !== 'serverless') return true;
  if (blockText.includes('${file(') && src.dir !== dest.dir) return false;
  const written = (f: UnitFacts, path: string[]) => {
    const n = getPath(f.tree, ...path);
    return n ? ctx.text(n.loc.file).slice(n.loc.start, n.loc.end) : undefined;
  };
  for (const m of blockText.matchAll(/\$\{self:([A-Za-z0-9_.-]+)/g)) {
    const path = m[1].split('.').filter((x) => x !== '');
    const there = written(dest, path);
    if (there === undefined || there !== written(src, path)) return false;
  }
  return true;
}

function overlaps(edits: TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start));
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1];
    const b = sorted[i];
    if (a.file === b.file && b.start < a.end) return true;
  }
  return false;
}
