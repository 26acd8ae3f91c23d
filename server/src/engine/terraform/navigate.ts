// Where Terraform names lead, for the editor: each `var.X`, `local.X`, `module.M` (and a local
// module's `module.M.OUT`), `data.T.N` and `T.N` written in a unit's files, and the block that
// declares it (its name label). Built with the facts (`navigation`, kind `terraform`); the
// questions asked of them (what is at an offset, who refers to a declaration) are answered here
// for `Query`. A remote state's `outputs.Y` is not here: it crosses units, and the link
// resolves it (the unit's imports).

import type { Target, UnitFacts } from '../model';
import type { ThingAt } from '../query';
import type { Loc } from '../types';
import type { HclBlock, HclItem, HclRef, HclTraversalPart } from './hcl-model';
import { forEachExpr } from './hcl-model';
import { nameLoc } from './locs';
import type { ModuleScope } from './scope';

type Attr = Extract<HclTraversalPart, { k: 'attr' }>;

/** Fills `f.navigation` with every name of the unit's modules that leads to a declaration. A module folder is walked once, whichever instance. */
export function terraformNavigation(f: UnitFacts, scopes: ModuleScope[]): void {
  const seen = new Set<string>();
  for (const s of scopes) {
    if (seen.has(s.decls.dir)) continue;
    seen.add(s.decls.dir);
    const stack: HclItem[][] = s.decls.files.map((x) => x.items);
    while (stack.length) {
      for (const i of stack.pop()!) {
        if (i.k === 'block') stack.push(i.items);
        else forEachExpr(i.value, (e) => e.k === 'ref' && navigationOf(f, s, e));
      }
    }
  }
}

function navigationOf(f: UnitFacts, s: ModuleScope, r: HclRef): void {
  const attrs: Attr[] = [];
  for (const p of r.parts) {
    if (p.k !== 'attr' || !p.name) break;
    attrs.push(p);
  }
  const [p0, p1] = attrs;
  if (!p0) return;
  const d = s.decls;
  const add = (last: Attr, target: HclBlock | Loc | undefined, from: Loc = r.nameLoc) => {
    if (!target) return;
    const loc: Loc = { file: from.file, start: from.start, end: last.loc.end };
    const to = 'k' in target ? nameLoc(target) : target;
    f.navigation.push({ kind: 'terraform', loc, target: to, text: textOf(r, last) });
  };
  switch (r.name) {
    case 'var':
      return add(p0, d.variables.get(p0.name));
    case 'local':
      return add(p0, d.locals.get(p0.name)?.nameLoc);
    case 'module': {
      add(p0, d.modules.get(p0.name));
      // A local module's output: into that module's `output` block.
      const out = p1 ? s.children.get(p0.name)?.decls.outputs.get(p1.name) : undefined;
      if (p1 && out) add(p1, out, p1.loc);
      return;
    }
    case 'data':
      if (p1) add(p1, d.data.get(`${p0.name}.${p1.name}`));
      return;
    default:
      if (r.name.includes('_')) add(p0, d.resources.get(`${r.name}.${p0.name}`));
  }
}

function textOf(r: HclRef, last: Attr): string {
  const names = [r.name];
  for (const p of r.parts) {
    if (p.k !== 'attr') break;
    names.push(p.name);
    if (p === last) break;
  }
  return names.join('.');
}

const inside = (loc: Loc, file: string, offset: number) => loc.file === file && offset >= loc.start && offset <= loc.end;
const sameLoc = (a: Loc, b: Loc) => a.file === b.file && a.start === b.start && a.end === b.end;
const key = (l: Loc) => `${l.file}\u0000${l.start}\u0000${l.end}`;

/** Declaration name by the loc of its label, per unit (the first, when a module folder has several instances). */
const declarations = new WeakMap<UnitFacts, Map<string, string>>();

function declarationAt(f: UnitFacts, target: Loc): string | undefined {
  let m = declarations.get(f);
  if (!m) {
    m = new Map();
    for (const [name, loc] of f.definitions) if (!m.has(key(loc))) m.set(key(loc), name);
    declarations.set(f, m);
  }
  return m.get(key(target));
}

/** The declaration a Terraform name written at this offset leads to, as the thing `Query` answers about. */
export function terraformThingAt(f: UnitFacts, file: string, offset: number): ThingAt | undefined {
  if (f.kind !== 'terraform') return undefined;
  for (const n of f.navigation) {
    if (n.kind !== 'terraform' || !inside(n.loc, file, offset)) continue;
    const t = thingOf(f, n.target, n.loc);
    if (t) return t;
  }
  return undefined;
}

function thingOf(f: UnitFacts, target: Loc, loc: Loc): ThingAt | undefined {
  const name = declarationAt(f, target);
  if (name === undefined) return undefined;
  if (f.functions.has(name)) return { kind: 'function', facts: f, id: name, loc };
  if (f.resources.has(name)) return { kind: 'resource', facts: f, id: name, loc };
  const output = name.startsWith('output.') ? f.outputs.find((o) => o.key === name.slice(7)) : undefined;
  if (output) return { kind: 'output', facts: f, output, loc };
  return { kind: 'parameter', facts: f, name, loc };
}

/** The label of the block that declares a thing of a Terraform unit. */
export function terraformDeclaration(t: ThingAt): Loc | undefined {
  if (t.kind === 'file' || t.facts.kind !== 'terraform') return undefined;
  const name = t.kind === 'output' ? `output.${t.output.key}` : 'id' in t ? t.id : t.name;
  return t.facts.definitions.get(name);
}

/** Where the names written in Terraform units lead to a declaration (by its label). */
export function terraformUses(templates: UnitFacts[], declaration: Loc): Loc[] {
  const out: Loc[] = [];
  for (const g of templates) {
    if (g.kind !== 'terraform' || !g.files.includes(declaration.file)) continue;
    for (const n of g.navigation) if (n.kind === 'terraform' && sameLoc(n.target, declaration)) out.push(n.loc);
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start));
}

/** The locations without those that overlap one before them (a trigger's whole expression and the name in it are one use). */
export function withoutOverlaps(locs: Loc[]): Loc[] {
  const out: Loc[] = [];
  for (const l of locs) if (!out.some((x) => x.file === l.file && x.start < l.end && l.start < x.end)) out.push(l);
  return out;
}

/** The first line of a hover over a declaration of a Terraform unit: `**var.queue** · variable of module.audit in unit ...`. */
export function terraformDeclarationLine(name: string, unitLine: string): string {
  const [, prefix, local] = /^((?:module\.[^.]+\.)*)(.*)$/.exec(name)!;
  const kind = KINDS[local.slice(0, local.indexOf('.'))] ?? 'resource';
  return `**${local}** · ${kind} of ${prefix ? `\`${prefix.slice(0, -1)}\` in ` : ''}${unitLine}`;
}

const KINDS: Record<string, string> = { var: 'variable', local: 'local value', output: 'output', module: 'module', data: 'data source' };

/**
 * Hover lines about where a Terraform resource is: its file when it is not the unit's main file, a
 * name only partly known, and the other instances of the same block (a local module called
 * twice, or by several units), each with its own physical name.
 */
export function terraformPlace(templates: UnitFacts[], f: UnitFacts, id: string, unitOf: (factsId: string) => string): string[] {
  const r = f.resources.get(id);
  const fn = f.functions.get(id);
  const loc = r?.loc ?? fn?.loc;
  const out: string[] = [];
  if (fn && !fn.physicalName && fn.namePattern) out.push(`name \`${fn.namePattern}\` (\`*\`: decided at deployment)`);
  if (!loc) return out;
  if (loc.file !== f.id) out.push(`in \`${loc.file}\``);
  for (const g of templates) {
    if (g.kind !== 'terraform' || !g.files.includes(loc.file)) continue;
    for (const x of g.resources.values()) {
      if ((g === f && x.id === id) || x.loc.file !== loc.file || x.loc.start !== loc.start) continue;
      const name = x.physicalName ?? g.functions.get(x.id)?.physicalName;
      out.push(`also \`${x.id}\` in unit \`${unitOf(g.id)}\`${name ? ` (physical name \`${name}\`)` : ''}`);
    }
  }
  return out;
}

/** A hover line for a remote state (or CloudFormation stack) data source whose outputs the unit reads: the state it names and the unit that has it. */
export function terraformStateLine(f: UnitFacts, name: string, ownerOf: (t: Target) => string | undefined): string[] {
  const m = /(?:^|\.)data\.(terraform_remote_state|aws_cloudformation_stack)\.[^.]+$/.exec(name);
  const t = m ? f.imports.find((i) => i.from === name && i.target.k === 'cf')?.target : undefined;
  if (!m || t?.k !== 'cf') return [];
  const owner = ownerOf(t);
  return [`${m[1] === 'terraform_remote_state' ? 'state' : 'stack'} \`${t.stack}\`: ${owner ? `unit \`${owner}\`` : 'no unit of the workspace has it'}`];
}
