// Fix for monolith-unit (and the "Extract domain" refactor): move one domain's triggers,
// functions and supporting resources into a new unit beside the old one, with explicit
// imports where the two still refer to each other.
//
// SAM/CloudFormation: `<folder>/<domain>/template.yaml`. Serverless: `<folder>/<domain>/serverless.yml`
// with the provider copied. Refused where the split would leave a reference that cannot become
// an import (Sub, DependsOn), would make the two units import from each other, or a file is JSON.

import type { Domain } from '../link';
import type { OutputFact, UnitFacts } from '../model';
import { joinPath, normalizePath, relativePath } from '../paths';
import type { RuleContext } from '../rules/rule';
import { entries, get, REntry, RNode, walk } from '../tree';
import type { Fix, TextEdit } from '../types';
import { Block, reindent } from './edits';
import { implicitOutputsLeaving, rewriteCfReaders } from './readers';
import { blockAt0, cutEntry, insertSections, outputEntry, removeEntries, viewOf, yamlQuote } from './yaml';

const PATH_KEYS = new Set(['CodeUri', 'DefinitionUri', 'ContentUri', 'Location', 'TemplateURL', 'handler']);

export function kebab(name: string): string {
  return (
    name
      .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase() || 'domain'
  );
}

interface Member {
  id: string;
  entry: REntry;
  block: Block;
}

/** Relative code paths inside a block, rewritten for a unit one folder deeper. */
function pathEdits(node: RNode | undefined, fromDir: string, toDir: string): Array<{ start: number; end: number; newText: string }> {
  const out: Array<{ start: number; end: number; newText: string }> = [];
  walk(node, (n, path) => {
    const key = path[path.length - 1];
    if (n.k !== 'scalar' || !PATH_KEYS.has(key ?? '') || typeof n.value !== 'string' || n.tag) return true;
    const p = n.value;
    if (/^(s3:|https?:|\/|\$\{)/.test(p)) return true;
    const abs = normalizePath(joinPath(fromDir, p));
    if (abs === undefined) return true;
    const rel = relativePath(toDir, abs) + (p.endsWith('/') && !abs.endsWith('/') ? '/' : '');
    out.push({ start: n.loc.start, end: n.loc.end, newText: /[:#{}[\],&*!|>'"%@`]/.test(rel) ? yamlQuote(rel) : rel });
    return true;
  });
  return out;
}

export function extractDomainFix(ctx: RuleContext, unit: UnitFacts, d: Domain): Fix | undefined {
  const linked = ctx.linked;
  if (unit.json || linked.isNested(unit.id) || !unit.tree) return undefined;
  const file = unit.id;
  const text = ctx.text(file);
  const serverless = unit.kind === 'serverless';
  const resSection = serverless ? get(get(unit.tree, 'resources'), 'Resources') : get(unit.tree, 'Resources');
  const fnSection = serverless ? get(unit.tree, 'functions') : undefined;
  const ids = new Set<string>();
  for (const f of d.functions) if (f.facts === unit) ids.add(serverless ? f.fn.id : f.fn.logicalId);
  for (const t of d.triggers) if (t.factsId === unit.id && unit.resources.get(t.id)?.node) ids.add(t.id);
  for (const r of d.resources) if (r.unit === unit.id) ids.add(r.id);
  if (ids.size === 0) return undefined;
  // Serverless function names and CloudFormation logical IDs of the members, for references.
  const refNames = new Set(ids);
  for (const f of d.functions) if (f.facts === unit) refNames.add(f.fn.logicalId);

  const members: Member[] = [];
  const fnMembers: Member[] = [];
  for (const id of ids) {
    const inFns = serverless && unit.functions.has(id);
    const section = inFns ? fnSection : resSection;
    const entry = section?.k === 'map' ? section.entries.find((e) => e.key === id && !e.merged) : undefined;
    if (!entry) return undefined;
    const block = cutEntry(text, file, entry.keyLoc, entry.value);
    if (!block) return undefined;
    (inFns ? fnMembers : members).push({ id, entry, block });
  }
  const remaining = entries(resSection).filter((e) => !ids.has(e.key)).length + (serverless ? entries(fnSection).filter((e) => !ids.has(e.key)).length : 0);
  if (remaining === 0) return undefined;

  const name = kebab(d.name);
  const newDir = unit.dir ? `${unit.dir}/${name}` : name;
  const newFile = `${newDir}/${serverless ? 'serverless.yml' : 'template.yaml'}`;
  if (ctx.text(newFile) || (linked.factsOf(newFile) !== undefined)) return undefined;
  const service = serverless ? `${unit.service}-${name}` : undefined;
  const newStack = serverless ? `${service}-${unit.stage ?? 'dev'}` : name;

  const inner = new Map<string, Array<{ start: number; end: number; newText: string }>>();
  const addInner = (id: string, e: { start: number; end: number; newText: string }) => inner.set(id, [...(inner.get(id) ?? []), e]);
  const oldOutputs: string[] = [];
  const newOutputs: string[] = [];
  const oldEdits: TextEdit[] = [];
  const importExpr = (exportName: string, stack: string, key: string) => (serverless ? `\${cf:${stack}.${key}}` : `!ImportValue ${yamlQuote(exportName)}`);
  const params = new Set<string>();
  let needsConditions = false;
  let importsOld = false;
  let importsNew = false;
  const memberOf = (from: string | undefined) => (from && refNames.has(from) ? [...ids].find((i) => i === from) ?? [...d.functions].find((f) => f.fn.logicalId === from)?.fn.id : undefined);

  for (const r of unit.refs) {
    const fromMember = memberOf(r.from);
    const toMember = refNames.has(r.name);
    if (fromMember && !toMember) {
      if (r.kind === 'Condition') {
        needsConditions = true;
        continue;
      }
      if (unit.parameters.has(r.name)) {
        params.add(r.name);
        continue;
      }
      if (r.name.startsWith('AWS::') || (unit.generatedNames?.test(r.name) ?? false)) continue;
      if ((r.kind !== 'Ref' && r.kind !== 'GetAtt') || !r.nodeLoc) return undefined;
      // The new unit imports this from the old one.
      const attr = r.kind === 'Ref' ? '' : r.attr ?? 'Arn';
      const key = `${r.name}${attr || 'Ref'}`;
      const exportName = `${unit.stackName}-${key}`;
      if (!oldOutputs.some((o) => o.startsWith(key + ':'))) oldOutputs.push(outputEntry(key, r.kind === 'Ref' ? `!Ref ${r.name}` : `!GetAtt ${r.name}.${attr}`, exportName));
      addInner(fromMember, { start: r.nodeLoc.start, end: r.nodeLoc.end, newText: importExpr(exportName, unit.stackName, key) });
      importsOld = true;
    } else if (!fromMember && toMember) {
      if (r.from === 'Outputs') continue;
      if ((r.kind !== 'Ref' && r.kind !== 'GetAtt') || !r.nodeLoc) return undefined;
      const attr = r.kind === 'Ref' ? '' : r.attr ?? 'Arn';
      const key = `${r.name}${attr || 'Ref'}`;
      const exportName = `${newStack}-${key}`;
      if (!newOutputs.some((o) => o.startsWith(key + ':'))) newOutputs.push(outputEntry(key, r.kind === 'Ref' ? `!Ref ${r.name}` : `!GetAtt ${r.name}.${attr}`, exportName));
      oldEdits.push({ file: r.nodeLoc.file, start: r.nodeLoc.start, end: r.nodeLoc.end, newText: importExpr(exportName, newStack, key) });
      importsNew = true;
    }
  }
  // The member's Outputs move with them (export names kept as literals).
  const movedOutputs: Array<{ o: OutputFact; block: Block }> = [];
  for (const o of unit.outputs) {
    if (o.implicit) continue;
    const inside = o.refs.filter((n) => refNames.has(n));
    if (inside.length === 0) continue;
    if (inside.length !== o.refs.length) return undefined;
    const block = cutEntry(text, o.loc.file, o.loc, { k: 'scalar', value: null, loc: o.entryLoc });
    if (!block || o.loc.file !== file) return undefined;
    movedOutputs.push({ o, block });
  }
  // Other units that read a moved output, or one the framework adds for a moved function or API,
  // through `${cf:<old stack>.Key}` now read the new stack; where one cannot be rewritten
  // (a stack name built from variables), no fix: the extraction would break that unit.
  const leaving = serverless ? implicitOutputsLeaving(unit, new Set(fnMembers.map((m) => m.id))) : new Set<string>();
  for (const { o } of movedOutputs) leaving.add(o.key);
  const readerEdits = rewriteCfReaders(ctx, unit, leaving, newStack, new Set([unit.id]));
  if (!readerEdits) return undefined;
  if (importsOld && importsNew) return undefined; // the two would import from each other
  if (oldEdits.some((e) => members.concat(fnMembers).some((m) => e.file === file && e.start >= m.block.start && e.end <= m.block.end))) return undefined;

  const ind = (s: string, n: number) => reindent(s, 0, n);
  const memberText = (m: Member) => blockAt0(m.block, [...(inner.get(m.id) ?? []), ...pathEdits(m.entry.value, unit.dir, newDir)]);
  const lines: string[] = [];
  const sectionText = (key: string): string | undefined => {
    const e = entries(unit.tree).find((x) => x.key === key && !x.merged);
    if (!e) return undefined;
    const b = cutEntry(text, file, e.keyLoc, e.value);
    return b ? blockAt0(b, key === 'Globals' ? pathEdits(e.value, unit.dir, newDir) : []) : undefined;
  };
  if (serverless) {
    lines.push(`service: ${service}\n`);
    for (const key of ['frameworkVersion', 'provider', 'plugins', 'custom', 'package']) {
      const t = sectionText(key);
      if (t) lines.push(t);
    }
    if (fnMembers.length) lines.push('functions:\n' + fnMembers.map((m) => ind(memberText(m), 2)).join(''));
    const res = members.map((m) => ind(memberText(m), 4)).join('');
    const outs = [...movedOutputs.map(({ o, block }) => literalExport(block, o)), ...newOutputs].map((t) => ind(t, 4)).join('');
    if (res || outs) lines.push('resources:\n' + (res ? '  Resources:\n' + res : '') + (outs ? '  Outputs:\n' + outs : ''));
  } else {
    lines.push(`AWSTemplateFormatVersion: '2010-09-09'\n`);
    const transform = sectionText('Transform');
    if (transform) lines.push(transform);
    lines.push(`Description: ${yamlQuote(`Domain ${d.name}, extracted from ${unit.files[0]}`)}\n`);
    const paramEntries = entries(get(unit.tree, 'Parameters'));
    // Conditions come along whole, with the parameters they read.
    if (needsConditions) for (const r of unit.refs) if (r.from === 'Conditions' && unit.parameters.has(r.name)) params.add(r.name);
    const ps = paramEntries.filter((e) => params.has(e.key)).map((e) => cutEntry(text, file, e.keyLoc, e.value));
    if (ps.some((b) => !b)) return undefined;
    if (ps.length) lines.push('Parameters:\n' + ps.map((b) => ind(blockAt0(b!), 2)).join(''));
    for (const key of ['Mappings', ...(needsConditions ? ['Conditions'] : []), 'Globals']) {
      const t = sectionText(key);
      if (t) lines.push(t);
    }
    lines.push('Resources:\n' + members.map((m) => ind(memberText(m), 2)).join(''));
    const outs = [...movedOutputs.map(({ o, block }) => literalExport(block, o)), ...newOutputs];
    if (outs.length) lines.push('Outputs:\n' + outs.map((t) => ind(t, 2)).join(''));
  }
  const content = lines.join('');

  const edits: TextEdit[] = [{ file: newFile, start: 0, end: 0, newText: content }];
  for (const m of [...members, ...fnMembers]) edits.push({ file, start: m.block.start, end: m.block.end, newText: '' });
  edits.push(...removeEntries(text, unit, file, movedOutputs.map((m) => m.block), 'Outputs'));
  edits.push(...oldEdits, ...readerEdits);
  if (oldOutputs.length) {
    const add = insertSections(viewOf(unit, ctx.text), serverless ? ['resources'] : [], [{ key: 'Outputs', entries: oldOutputs.join('') }]);
    if (!add) return undefined;
    edits.push(...add);
  }
  return { title: `Extract domain ${d.name} into ${newFile}`, edits, creates: [newFile] };

  function literalExport(block: Block, o: OutputFact): string {
    const t = o.exportName && o.exportNameLoc ? [{ start: o.exportNameLoc.start, end: o.exportNameLoc.end, newText: yamlQuote(o.exportName) }] : [];
    return blockAt0(block, t);
  }
}
