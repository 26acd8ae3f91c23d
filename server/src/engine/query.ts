// Questions an editor asks about an analysed workspace: what is at this offset, where is it
// defined, who refers to it, what to show on hover, in the outline, in a lens, in completion,
// and the whole domain graph. Plain data in, plain data out.

import { GETATT_ATTRIBUTES, PSEUDO_PARAMETERS } from './aws';
import type { Domain, ResolvedThing } from './link';
import { isPubSub } from './model';
import type { OutputFact, UnitFacts } from './model';
import { shortType } from './rules/describe';
import { entries, get, RNode } from './tree';
import type { Finding, Loc, Severity, UnitKind } from './types';
import type { AnalysisResult, Workspace } from './workspace';
import { terraformSymbols } from './terraform/symbols';
import { pipelineDefinition, pipelineHover, pipelineLenses } from './query-pipelines';
import { terraformDeclaration, terraformDeclarationLine, terraformPlace, terraformStateLine, terraformThingAt, terraformUses, withoutOverlaps } from './terraform/navigate';

export type ThingAt =
  | { kind: 'resource' | 'function'; facts: UnitFacts; id: string; loc: Loc }
  | { kind: 'output'; facts: UnitFacts; output: OutputFact; loc: Loc }
  | { kind: 'parameter' | 'condition'; facts: UnitFacts; name: string; loc: Loc }
  | { kind: 'file'; target: Loc; loc: Loc };

export interface SymbolInfo {
  name: string;
  kind: 'function' | 'resource' | 'output' | 'parameter' | 'section' | 'module' | 'variable' | 'data' | 'attribute';
  detail?: string;
  range: Loc;
  selection: Loc;
  children?: SymbolInfo[];
}

export interface LensInfo {
  loc: Loc;
  title: string;
  /** The domain the lens is about, for a "reveal" command. */
  domain?: string;
  /** A pipeline's lens: the deploy command it names first, for a "reveal" command. */
  target?: Loc;
}

export interface CompletionInfo {
  label: string;
  kind: 'resource' | 'parameter' | 'attribute' | 'export' | 'path' | 'stack' | 'output' | 'function';
  detail?: string;
  /** The text the completion replaces (the partial word before the cursor). */
  replace: Loc;
}

export interface GraphMember {
  unit: string | null;
  id: string;
  type: string;
  loc?: Loc;
}

export interface DomainGraph {
  units: Array<{
    id: string;
    kind: UnitKind;
    stackName: string;
    files: string[];
    loc: Loc;
    domains: string[];
    importsFrom: string[];
    exportsTo: string[];
    inCycle: boolean;
    findings: number;
    /** The findings counted by severity. */
    severities: SeverityCounts;
  }>;
  domains: Array<{
    name: string;
    units: string[];
    split: boolean;
    placeholder: boolean;
    triggers: Array<GraphMember & { external: boolean; pubsub: boolean }>;
    functions: Array<GraphMember & { placeholder: boolean }>;
    resources: GraphMember[];
    findings: number;
    severities: SeverityCounts;
  }>;
  /** `fromDomain`/`toDomain`: the domain of the node each end concerns (its part in that end's unit), when there is one. */
  edges: Array<{ from: string; to: string; kind: string; label: string; loc: Loc; inCycle: boolean; fromDomain?: string; toDomain?: string }>;
  deployOrder: string[];
  cycles: string[][];
}

export type SeverityCounts = Record<Severity, number>;

function counted(findings: Finding[]): { findings: number; severities: SeverityCounts } {
  return { findings: findings.length, severities: bySeverity(findings) };
}

function bySeverity(findings: Finding[]): SeverityCounts {
  const c: SeverityCounts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

const inside = (loc: Loc, file: string, offset: number) => loc.file === file && offset >= loc.start && offset <= loc.end;

export class Query {
  constructor(
    private readonly ws: Workspace,
    readonly a: AnalysisResult,
  ) {}

  /** Templates (units and nested stacks) that have this file. */
  factsOf(file: string): UnitFacts[] {
    return this.a.linked.templates.filter((t) => t.files.includes(file));
  }

  private fromResolved(r: ResolvedThing | undefined, loc: Loc): ThingAt | undefined {
    if (!r) return undefined;
    if (r.output && !r.resource && !r.fn) return { kind: 'output', facts: r.facts, output: r.output, loc };
    if (r.fn) return { kind: 'function', facts: r.facts, id: r.fn.id, loc };
    if (r.resource) return { kind: 'resource', facts: r.facts, id: r.id, loc };
    return undefined;
  }

  /** The thing a reference or a definition at this offset names. */
  thingAt(file: string, offset: number): ThingAt | undefined {
    const linked = this.a.linked;
    for (const f of this.factsOf(file)) {
      const tf = terraformThingAt(f, file, offset);
      if (tf) return tf;
      for (const n of f.navigation) if (inside(n.loc, file, offset)) {
        if (n.kind === 'file') return { kind: 'file', target: n.target, loc: n.loc };
      }
      for (const r of f.refs) {
        if (!inside(r.loc, file, offset)) continue;
        if (r.kind === 'Condition') return { kind: 'condition', facts: f, name: r.name, loc: r.loc };
        if (f.parameters.has(r.name)) return { kind: 'parameter', facts: f, name: r.name, loc: r.loc };
        if (r.kind === 'GetAtt' && r.attr?.startsWith('Outputs.')) {
          const child = linked.nestedChild(f, r.name);
          const o = child?.outputs.find((x) => x.key === r.attr!.slice(8));
          if (child && o) return { kind: 'output', facts: child, output: o, loc: r.loc };
        }
        const t = this.fromResolved(linked.local(f, r.name), r.loc);
        if (t) return t;
      }
      for (const imp of linked.importsOf(f)) {
        if (!inside(imp.loc, file, offset)) continue;
        const r = linked.resolve(f, imp.target);
        if (r?.output) return { kind: 'output', facts: r.facts, output: r.output, loc: imp.loc };
        const t = this.fromResolved(r, imp.loc);
        if (t) return t;
      }
      for (const w of f.wirings) {
        if (w.triggerLoc && inside(w.triggerLoc, file, offset)) {
          const t = this.fromResolved(linked.resolve(f, w.trigger), w.triggerLoc);
          if (t) return t;
        }
      }
      for (const l of f.literals) {
        if (inside(l.loc, file, offset)) {
          const t = this.fromResolved(linked.resolve(f, l.target), l.loc);
          if (t) return t;
        }
      }
      for (const fn of f.functions.values()) if (inside(fn.loc, file, offset)) return { kind: 'function', facts: f, id: fn.id, loc: fn.loc };
      for (const r of f.resources.values()) if (!r.implicit && inside(r.loc, file, offset)) return { kind: 'resource', facts: f, id: r.id, loc: r.loc };
      for (const o of f.outputs) if (!o.implicit && inside(o.loc, file, offset)) return { kind: 'output', facts: f, output: o, loc: o.loc };
      for (const [name, loc] of f.definitions) {
        if (!inside(loc, file, offset)) continue;
        return name.startsWith('Condition:') ? { kind: 'condition', facts: f, name: name.slice(10), loc } : { kind: 'parameter', facts: f, name, loc };
      }
    }
    return undefined;
  }

  /** Where the thing is defined. A `${self:}` leads to the value it reads. */
  definition(file: string, offset: number): Loc[] {
    for (const f of this.factsOf(file)) {
      for (const n of f.navigation) if ((n.kind === 'self' || n.kind === 'terraform') && inside(n.loc, file, offset)) return [n.target];
    }
    const t = this.thingAt(file, offset);
    if (!t) return pipelineDefinition(this.a, file, offset);
    const d = this.definitionOf(t);
    return d ? [d] : [];
  }

  private definitionOf(t: ThingAt): Loc | undefined {
    const tf = terraformDeclaration(t);
    if (tf) return tf;
    switch (t.kind) {
      case 'file':
        return t.target;
      case 'resource':
        return t.facts.resources.get(t.id)?.loc;
      case 'function':
        return t.facts.functions.get(t.id)?.loc;
      case 'output':
        return t.output.loc;
      case 'parameter':
        return t.facts.definitions.get(t.name);
      case 'condition':
        return t.facts.definitions.get(`Condition:${t.name}`);
    }
  }

  /** Every place that refers to the thing at this offset, in every unit. */
  references(file: string, offset: number, includeDeclaration: boolean): Loc[] {
    const t = this.thingAt(file, offset);
    if (!t || t.kind === 'file') return [];
    const out: Loc[] = [];
    const decl = this.definitionOf(t);
    if (includeDeclaration && decl) out.push(decl);
    const linked = this.a.linked;
    if (t.facts.kind === 'terraform') {
      if (decl) out.push(...terraformUses(linked.templates, decl));
      if (t.kind === 'parameter') return dedupe(out);
    }
    if (t.kind === 'parameter' || t.kind === 'condition') {
      for (const r of t.facts.refs) if (r.name === t.name && ((r.kind === 'Condition') === (t.kind === 'condition'))) out.push(r.loc);
      return dedupe(out);
    }
    if (t.kind === 'output') {
      for (const g of linked.templates) for (const imp of linked.importsOf(g)) {
        const r = linked.resolve(g, imp.target);
        if (r?.output === t.output) out.push(imp.loc);
      }
      for (const g of linked.templates) for (const r of g.refs) if (r.kind === 'GetAtt' && r.attr === `Outputs.${t.output.key}` && linked.nestedChild(g, r.name) === t.facts) out.push(r.loc);
      return dedupe(out);
    }
    const th = t as Extract<ThingAt, { kind: 'resource' | 'function' }>;
    const fn = th.kind === 'function' ? th.facts.functions.get(th.id) : undefined;
    const names = new Set([th.id, ...(fn ? [fn.logicalId] : [])]);
    if (th.facts.kind !== 'terraform') for (const r of th.facts.refs) if (names.has(r.name)) out.push(r.loc);
    const same = (r: ResolvedThing | undefined) => !!r && r.facts === th.facts && (r.id === th.id || r.fn?.id === th.id) && (r.fn ? th.kind === 'function' : th.kind === 'resource');
    for (const g of linked.templates) {
      for (const imp of linked.importsOf(g)) if (same(linked.resolve(g, imp.target))) out.push(imp.loc);
      for (const l of g.literals) if (same(linked.resolve(g, l.target))) out.push(l.loc);
      for (const w of g.wirings) if (w.triggerLoc && same(linked.resolve(g, w.trigger))) out.push(w.triggerLoc);
    }
    return th.facts.kind === 'terraform' ? withoutOverlaps(dedupe(out)) : dedupe(out);
  }

  domainOfFunction(facts: UnitFacts, id: string): Domain | undefined {
    return this.a.domains.find((d) => d.functions.some((f) => f.facts === facts && f.fn.id === id));
  }

  domainOfTrigger(facts: UnitFacts, id: string): Domain | undefined {
    return this.a.domains.find((d) => d.triggers.some((t) => t.factsId === facts.id && t.id === id));
  }

  /** Markdown for a hover over the thing at this offset. */
  hover(file: string, offset: number): { markdown: string; loc: Loc } | undefined {
    const t = this.thingAt(file, offset);
    if (!t || t.kind === 'file') return t ? undefined : pipelineHover(this.a, file, offset);
    const linked = this.a.linked;
    const unitLine = (f: UnitFacts) => `unit \`${linked.unitOf(f.id)}\` (stack \`${this.stackOf(f)}\`)`;
    const lines: string[] = [];
    if (t.kind === 'parameter') {
      if (t.facts.kind === 'terraform') lines.push(terraformDeclarationLine(t.name, unitLine(t.facts)), ...terraformStateLine(t.facts, t.name, (x) => linked.ownerOfImport(x, t.facts.id)));
      else lines.push(`**${t.name}** · parameter of ${unitLine(t.facts)}`);
    } else if (t.kind === 'condition') {
      lines.push(`**${t.name}** · condition of ${unitLine(t.facts)}`);
    } else if (t.kind === 'output') {
      lines.push(`**${t.output.key}** · output of ${unitLine(t.facts)}`);
      if (t.output.exportName) lines.push(`export \`${t.output.exportName}\``);
      const readers = this.referrerUnits(t.facts, (r) => r?.output === t.output);
      lines.push(readers.length ? `imported by ${readers.map((u) => `\`${u}\``).join(', ')}` : 'imported by no unit of the workspace');
    } else {
      const th = t as Extract<ThingAt, { kind: 'resource' | 'function' }>;
      const res = th.facts.resources.get(th.id);
      const fn = th.facts.functions.get(th.id);
      const type = fn && !res ? 'AWS::Lambda::Function (Serverless)' : res?.type ?? '';
      lines.push(`**${th.id}** · \`${type}\``, `defined in ${unitLine(th.facts)}`);
      const phys = fn?.physicalName ?? res?.physicalName;
      if (phys) lines.push(`physical name \`${phys}\``);
      if (th.facts.kind === 'terraform') lines.push(...terraformPlace(linked.templates, th.facts, th.id, (id) => linked.unitOf(id)));
      if (fn) {
        const d = this.domainOfFunction(th.facts, fn.id);
        if (d) lines.push(`domain **${d.name}**`);
        const triggers = linked.wirings.filter((w) => w.fn.facts === th.facts && w.fn.fn.id === fn.id);
        if (triggers.length) lines.push(`triggered by ${triggers.map((w) => `${shortType(w.trigger.type)} \`${w.trigger.id}\`${w.trigger.unit && w.trigger.unit !== linked.unitOf(th.facts.id) ? ` in \`${w.trigger.unit}\`` : w.trigger.external ? ' (outside the workspace)' : ''}`).join(', ')}`);
        else lines.push('no trigger in the workspace');
        if (fn.placeholder) lines.push(`placeholder: ${fn.placeholder.reason}`);
      } else {
        const d = this.domainOfTrigger(th.facts, th.id) ?? this.a.domains.find((x) => x.resources.some((r) => r.unit === linked.unitOf(th.facts.id) && r.id === th.id));
        if (d) lines.push(`domain **${d.name}**`);
        const invokes = linked.wirings.filter((w) => w.trigger.factsId === th.facts.id && w.trigger.id === th.id);
        if (invokes.length) {
          const units = new Set(invokes.map((w) => w.fn.unit));
          lines.push(`invokes ${invokes.map((w) => `\`${w.fn.fn.id}\``).join(', ')} in ${units.size} unit${units.size === 1 ? '' : 's'}`);
        }
      }
      const others = this.referrerUnits(th.facts, (r) => !!r && r.facts === th.facts && r.id === th.id);
      if (others.length) lines.push(`referred to from ${others.map((u) => `\`${u}\``).join(', ')}`);
    }
    return { markdown: lines.join('  \n'), loc: t.loc };
  }

  private stackOf(f: UnitFacts): string {
    return f.stackName;
  }

  /** Other units whose imports, literals or triggers resolve to something matching. */
  private referrerUnits(owner: UnitFacts, match: (r: ResolvedThing | undefined) => boolean): string[] {
    const linked = this.a.linked;
    const out = new Set<string>();
    const ownerUnit = linked.unitOf(owner.id);
    for (const g of linked.templates) {
      const u = linked.unitOf(g.id);
      if (u === ownerUnit) continue;
      if (linked.importsOf(g).some((imp) => match(linked.resolve(g, imp.target))) || g.literals.some((l) => match(linked.resolve(g, l.target))) || g.wirings.some((w) => match(linked.resolve(g, w.trigger)))) out.add(u);
    }
    return [...out].sort();
  }

  /** The outline of a file: functions, resources by type, outputs, parameters. */
  documentSymbols(file: string): SymbolInfo[] {
    if (/\.tf$/i.test(file)) return terraformSymbols(this.ws.hclOf(file), this.factsOf(file), (f, id) => this.domainOfFunction(f, id)?.name);
    const out: SymbolInfo[] = [];
    for (const f of this.factsOf(file)) {
      const section = (name: string, children: SymbolInfo[]) => {
        if (!children.length) return;
        const start = Math.min(...children.map((c) => c.range.start));
        const end = Math.max(...children.map((c) => c.range.end));
        out.push({ name, kind: 'section', range: { file, start, end }, selection: children[0].selection, children });
      };
      section(
        'Functions',
        [...f.functions.values()].filter((x) => x.loc.file === file).map((x) => ({ name: x.id, kind: 'function' as const, detail: this.domainOfFunction(f, x.id)?.name, range: x.entryLoc, selection: x.loc })),
      );
      section(
        'Resources',
        [...f.resources.values()].filter((r) => !r.implicit && r.loc.file === file && !f.functions.has(r.id)).map((r) => ({ name: r.id, kind: 'resource' as const, detail: r.type, range: r.entryLoc, selection: r.loc })),
      );
      section(
        'Outputs',
        f.outputs.filter((o) => !o.implicit && o.loc.file === file).map((o) => ({ name: o.key, kind: 'output' as const, detail: o.exportName, range: o.entryLoc, selection: o.loc })),
      );
      section(
        'Parameters',
        [...f.definitions].filter(([n, l]) => !n.startsWith('Condition:') && l.file === file).map(([n, l]) => ({ name: n, kind: 'parameter' as const, range: l, selection: l })),
      );
    }
    return out;
  }

  /** Functions, resources and outputs of every unit whose name contains the query. */
  workspaceSymbols(query: string, limit = 500): Array<SymbolInfo & { container: string }> {
    const q = query.toLowerCase();
    const out: Array<SymbolInfo & { container: string }> = [];
    for (const f of this.a.linked.templates) {
      const unit = this.a.linked.unitOf(f.id);
      for (const x of f.functions.values()) if (x.id.toLowerCase().includes(q)) out.push({ name: x.id, kind: 'function', detail: 'function', range: x.entryLoc, selection: x.loc, container: unit });
      for (const r of f.resources.values()) if (!r.implicit && !f.functions.has(r.id) && r.id.toLowerCase().includes(q)) out.push({ name: r.id, kind: 'resource', detail: r.type, range: r.entryLoc, selection: r.loc, container: unit });
      for (const o of f.outputs) if (!o.implicit && (o.key.toLowerCase().includes(q) || o.exportName?.toLowerCase().includes(q))) out.push({ name: o.exportName ?? o.key, kind: 'output', range: o.entryLoc, selection: o.loc, container: unit });
      if (out.length >= limit) break;
    }
    return out.slice(0, limit);
  }

  /** A lens over each function (its domain and triggers) and each trigger (what it invokes). */
  codeLenses(file: string): LensInfo[] {
    const out: LensInfo[] = [];
    const linked = this.a.linked;
    for (const f of this.factsOf(file)) {
      const unit = linked.unitOf(f.id);
      for (const fn of f.functions.values()) {
        if (fn.loc.file !== file) continue;
        const d = this.domainOfFunction(f, fn.id);
        const ws = linked.wirings.filter((w) => w.fn.facts === f && w.fn.fn.id === fn.id);
        const by = ws.map((w) => `${w.trigger.id}${w.trigger.unit && w.trigger.unit !== unit ? ` in ${w.trigger.unit}` : ''}`);
        const title = `domain ${d?.name ?? fn.id} · ${by.length ? `triggered by ${[...new Set(by)].join(', ')}` : 'no trigger'}`;
        out.push({ loc: fn.loc, title, domain: d?.name });
      }
      for (const r of f.resources.values()) {
        if (r.implicit || r.loc.file !== file) continue;
        const ws = linked.wirings.filter((w) => w.trigger.factsId === f.id && w.trigger.id === r.id);
        if (!ws.length) continue;
        const fns = new Set(ws.map((w) => w.fn.key));
        const units = new Set(ws.map((w) => w.fn.unit));
        const d = this.domainOfTrigger(f, r.id);
        out.push({ loc: r.loc, title: `invokes ${fns.size} function${fns.size === 1 ? '' : 's'} in ${units.size} unit${units.size === 1 ? '' : 's'}`, domain: d?.name });
      }
    }
    return [...pipelineLenses(this.a, file), ...out];
  }

  /** Completions at an offset: logical IDs, attributes, `${self:}` paths, export and stack names. */
  completions(file: string, offset: number): CompletionInfo[] {
    const text = this.ws.getText(file) ?? '';
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const before = text.slice(lineStart, offset);
    const facts = this.factsOf(file)[0];
    const linked = this.a.linked;
    const word = (m: RegExpExecArray, group = 1): Loc => ({ file, start: offset - m[group].length, end: offset });
    const ids = (replace: Loc, withParams: boolean): CompletionInfo[] => {
      if (!facts) return [];
      const out: CompletionInfo[] = [];
      for (const r of facts.resources.values()) if (!r.implicit) out.push({ label: r.id, kind: 'resource', detail: r.type, replace });
      if (facts.kind === 'serverless') for (const fn of facts.functions.values()) out.push({ label: fn.logicalId, kind: 'function', detail: `function ${fn.id}`, replace });
      if (withParams) {
        for (const p of facts.parameters) out.push({ label: p, kind: 'parameter', detail: 'parameter', replace });
        for (const p of PSEUDO_PARAMETERS) out.push({ label: p, kind: 'parameter', detail: 'pseudo parameter', replace });
      }
      return out;
    };
    let m: RegExpExecArray | null;
    if ((m = /\$\{self:([\w.-]*)$/.exec(before))) {
      const path = m[1].split('.');
      const partial = path.pop() ?? '';
      let node: RNode | undefined = facts?.tree;
      for (const seg of path) node = get(node, seg);
      return entries(node).map((e) => ({ label: e.key, kind: 'path' as const, replace: { file, start: offset - partial.length, end: offset } }));
    }
    if ((m = /\$\{cf(?:\([^)]*\))?:([\w-]+)\.(\w*)$/.exec(before))) {
      const u = linked.stacks.get(m[1], facts?.id ?? file);
      return (u?.outputs ?? []).map((o) => ({ label: o.key, kind: 'output' as const, detail: o.exportName, replace: word(m!, 2) }));
    }
    if ((m = /\$\{cf(?:\([^)]*\))?:([\w-]*)$/.exec(before))) {
      return linked.roots.map((r) => ({ label: r.stackName, kind: 'stack' as const, detail: r.id, replace: word(m!) }));
    }
    if ((m = /(?:!ImportValue\s+|Fn::ImportValue["']?\s*:\s*)["']?([\w:./-]*)$/.exec(before))) {
      return [...linked.exports.keys()].map((name) => ({ label: name, kind: 'export' as const, detail: linked.exports.get(name, facts?.id ?? file)?.facts.id, replace: word(m!) }));
    }
    if ((m = /(?:!GetAtt\s+|Fn::GetAtt["']?\s*:\s*\[\s*["']?)(\w+)[.,]\s*["']?(\w*)$/.exec(before))) {
      const type = facts?.resources.get(m[1])?.type ?? '';
      const attrs = type === 'AWS::CloudFormation::Stack' ? (linked.nestedChild(facts!, m[1])?.outputs.map((o) => `Outputs.${o.key}`) ?? []) : GETATT_ATTRIBUTES[type] ?? ['Arn'];
      return attrs.map((a) => ({ label: a, kind: 'attribute' as const, detail: type, replace: word(m!, 2) }));
    }
    if ((m = /(?:!GetAtt\s+|Fn::GetAtt["']?\s*:\s*\[\s*["']?)(\w*)$/.exec(before))) return ids(word(m), false);
    if ((m = /(?:!Ref\s+|\bRef["']?\s*:\s*)["']?([\w:]*)$/.exec(before))) return ids(word(m), true);
    if ((m = /\$\{([\w:]*)$/.exec(before)) && /Sub/.test(text.slice(Math.max(0, lineStart - 200), offset))) return ids(word(m), true);
    return [];
  }

  /** The domain graph the client's views draw. */
  graph(): DomainGraph {
    const a = this.a;
    const linked = a.linked;
    const inCycle = new Set(a.cycles.flat());
    const findingsIn = (files: Set<string>) => a.findings.filter((f) => files.has(f.loc.file));
    const domainOf = new Map<string, string>();
    for (const d of a.domains) {
      for (const f of d.functions) domainOf.set(f.key, d.name);
      for (const t of d.triggers) domainOf.set(t.key, d.name);
      for (const r of d.resources) if (r.factsId) domainOf.set(`tr:${r.unit}#${r.factsId}#${r.id}`, d.name);
    }
    const ends = (e: (typeof a.edges)[number]) => {
      const fromDomain = e.fromNode ? domainOf.get(e.fromNode) : undefined;
      const toDomain = e.toNode ? domainOf.get(e.toNode) : undefined;
      return { ...(fromDomain ? { fromDomain } : {}), ...(toDomain ? { toDomain } : {}) };
    };
    const edges = a.edges.map((e) => ({ from: e.from, to: e.to, kind: e.kind, label: e.label, loc: e.loc, inCycle: e.kind === 'contract' && inCycle.has(e.from) && inCycle.has(e.to), ...ends(e) }));
    const units = a.units.map((u) => {
      const facts = linked.byId.get(u.id)!;
      return {
        id: u.id,
        kind: u.kind,
        stackName: u.stackName,
        files: u.files,
        loc: facts.firstLineLoc,
        domains: a.domains.filter((d) => d.functions.some((f) => f.unit === u.id) || d.triggers.some((t) => t.unit === u.id)).map((d) => d.name),
        importsFrom: [...new Set(a.edges.filter((e) => e.from === u.id && e.kind === 'contract').map((e) => e.to))].sort(),
        exportsTo: [...new Set(a.edges.filter((e) => e.to === u.id && e.kind === 'contract').map((e) => e.from))].sort(),
        inCycle: inCycle.has(u.id),
        ...counted(findingsIn(new Set(u.files))),
      };
    });
    const domains = a.domains.map((d) => {
      const files = new Set<string>([...d.functions.map((f) => f.fn.loc.file), ...d.triggers.filter((t) => t.loc).map((t) => t.loc!.file)]);
      return {
        name: d.name,
        units: d.units,
        split: linked.wirings.some((w) => w.crossing && !isPubSub(w.trigger.type) && d.functions.includes(w.fn)),
        placeholder: d.functions.some((f) => !!f.fn.placeholder),
        triggers: d.triggers.map((t) => ({ unit: t.unit ?? null, id: t.id, type: t.type, loc: t.loc, external: t.external, pubsub: isPubSub(t.type) })),
        functions: d.functions.map((f) => ({ unit: f.unit, id: f.fn.id, type: 'AWS::Lambda::Function', loc: f.fn.loc, placeholder: !!f.fn.placeholder })),
        resources: d.resources.map((r) => ({ unit: r.unit, id: r.id, type: r.type, loc: r.loc })),
        ...counted(a.findings.filter((f) => files.has(f.loc.file) && (d.functions.some((x) => x.fn.id === f.subject) || d.triggers.some((x) => x.id === f.subject)))),
      };
    });
    return { units, domains, edges, deployOrder: a.deployOrder, cycles: a.cycles };
  }
}

function dedupe(locs: Loc[]): Loc[] {
  const seen = new Set<string>();
  return locs.filter((l) => {
    const k = `${l.file}:${l.start}:${l.end}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
