// The link pass: joins the facts of every unit into one graph. Cheap compared with parsing,
// so it runs in full after any change.

import { ARN_SERVICE, FUNCTION_TYPES, TRIGGER_TYPES } from './aws';
import { isPubSub, targetText } from './model';
import type { FunctionFact, ImportFact, OutputFact, ResourceFact, Target, UnitFacts, WiringFact } from './model';
import type { Loc, UnitKind } from './types';

export interface ResolvedThing {
  /** The template (unit facts) that defines it. */
  facts: UnitFacts;
  /** The deployment unit that owns it (the root of a nested-stack tree). */
  unit: string;
  id: string;
  type: string;
  resource?: ResourceFact;
  fn?: FunctionFact;
  /** Reached through an explicit contract (export, `${cf:}`, SSM, nested output). */
  via?: 'import' | 'cf' | 'ssm' | 'nested';
  output?: OutputFact;
}

export interface TriggerNode {
  key: string;
  unit?: string;
  /** The template that defines it (a nested stack's own file, or the unit's). */
  factsId?: string;
  id: string;
  type: string;
  loc?: Loc;
  external: boolean;
  physicalName?: string;
  /** Created by the framework from an event (its logical ID is generated). */
  implicit?: boolean;
}

export interface FunctionNode {
  key: string;
  unit: string;
  facts: UnitFacts;
  fn: FunctionFact;
}

export interface LinkedWiring {
  facts: UnitFacts;
  wiring: WiringFact;
  trigger: TriggerNode;
  fn: FunctionNode;
  /** The trigger's owner is another unit (a crossing). */
  crossing: boolean;
  /** The edge is part of a domain (not a subscription to another unit's topic or bus). */
  domainForming: boolean;
}

export interface Domain {
  name: string;
  defaultName: string;
  units: string[];
  triggers: TriggerNode[];
  functions: FunctionNode[];
  resources: Array<{ unit: string; id: string; type: string; loc: Loc }>;
}

export type EdgeKind = 'trigger' | 'contract' | 'hardcoded' | 'nested';

export interface CrossEdge {
  /** The unit that refers. */
  from: string;
  /** The unit referred to (deploys first). */
  to: string;
  kind: EdgeKind;
  loc: Loc;
  label: string;
}

export class Linked {
  readonly byId = new Map<string, UnitFacts>();
  readonly parentOf = new Map<string, string>();
  private readonly exportList = new Map<string, Array<{ facts: UnitFacts; output: OutputFact }>>();
  private readonly stackList = new Map<string, UnitFacts[]>();
  private readonly ssmList = new Map<string, Array<{ facts: UnitFacts; resource: string; loc: Loc; value?: Target }>>();
  /** Look-ups by name; where several units share a name, the nearest one (by folder) to the referring unit wins. */
  readonly exports = new NearestMap(this.exportList, (x) => x.facts.id);
  readonly stacks = new NearestMap(this.stackList, (x) => x.id);
  readonly ssm = new NearestMap(this.ssmList, (x) => x.facts.id);
  readonly phys = new Map<string, ResolvedThing[]>();
  readonly fnByName = new Map<string, FunctionNode[]>();
  wirings: LinkedWiring[] = [];
  domains: Domain[] = [];
  edges: CrossEdge[] = [];
  readonly triggers = new Map<string, TriggerNode>();
  readonly functions = new Map<string, FunctionNode>();
  /** Function keys something invokes. */
  readonly invoked = new Set<string>();

  constructor(
    readonly templates: UnitFacts[],
    parents: Map<string, string>,
    readonly domainNames: Record<string, string>,
    readonly extraImports: Map<string, ImportFact[]>,
  ) {
    for (const t of templates) this.byId.set(t.id, t);
    for (const [child, parent] of parents) this.parentOf.set(child, parent);
    this.index();
    this.link();
  }

  /** The deployment unit a template belongs to. */
  unitOf(id: string): string {
    let cur = id;
    for (let i = 0; i < 32; i++) {
      const p = this.parentOf.get(cur);
      if (!p) return cur;
      cur = p;
    }
    return cur;
  }

  get roots(): UnitFacts[] {
    return this.templates.filter((t) => !this.parentOf.has(t.id));
  }

  kindOf(unit: string): UnitKind {
    return this.byId.get(unit)?.kind ?? 'cloudformation';
  }

  importsOf(facts: UnitFacts): ImportFact[] {
    const extra = this.extraImports.get(facts.id);
    return extra ? [...facts.imports, ...extra] : facts.imports;
  }

  private index(): void {
    for (const f of this.templates) {
      const unit = this.unitOf(f.id);
      if (!this.parentOf.has(f.id)) push(this.stackList, f.stackName, f);
      for (const o of f.outputs) if (o.exportName) push(this.exportList, o.exportName, { facts: f, output: o });
      for (const p of f.ssmParams) push(this.ssmList, p.path, { facts: f, resource: p.resource, loc: p.loc, value: p.value });
      for (const r of f.resources.values()) {
        const service = ARN_SERVICE[r.type];
        if (r.physicalName) {
          const thing: ResolvedThing = { facts: f, unit, id: r.id, type: r.type, resource: r };
          push(this.phys, `${service ?? ''}:${r.physicalName}`, thing);
          push(this.phys, `:${r.physicalName}`, thing);
        }
      }
      for (const fn of f.functions.values()) {
        const node: FunctionNode = { key: `fn:${unit}#${f.id}#${fn.id}`, unit, facts: f, fn };
        this.functions.set(node.key, node);
        if (fn.physicalName) {
          push(this.fnByName, fn.physicalName, node);
          const thing: ResolvedThing = { facts: f, unit, id: fn.id, type: 'AWS::Lambda::Function', fn };
          push(this.phys, `lambda:${fn.physicalName}`, thing);
          push(this.phys, `:${fn.physicalName}`, thing);
        }
      }
    }
  }

  /** Resolves a target written in `facts` to the thing it names, if the workspace defines it. */
  resolve(facts: UnitFacts, t: Target, depth = 0): ResolvedThing | undefined {
    if (depth > 6) return undefined;
    switch (t.k) {
      case 'local':
        return this.local(facts, t.id);
      case 'import': {
        const e = this.exports.get(t.exportName, facts.id);
        return e ? this.throughOutput(e.facts, e.output, 'import', depth) : undefined;
      }
      case 'cf': {
        const u = this.stacks.get(t.stack, facts.id);
        const o = u?.outputs.find((x) => x.key === t.output);
        return u && o ? this.throughOutput(u, o, 'cf', depth) : undefined;
      }
      case 'ssm': {
        const p = this.ssm.get(t.path, facts.id);
        if (!p) return undefined;
        // The parameter stands for what its value names: a resource of its unit, or a physical name.
        const valueRef = p.facts.refs.find((r) => r.from === p.resource && (r.kind === 'Ref' || r.kind === 'GetAtt' || r.kind === 'Sub'));
        const target = valueRef ? this.local(p.facts, valueRef.name) : p.value ? this.resolve(p.facts, p.value, depth + 1) : undefined;
        return target ? { ...target, via: 'ssm' } : undefined;
      }
      case 'nested': {
        const child = this.nestedChild(facts, t.child);
        const o = child?.outputs.find((x) => x.key === t.output);
        return child && o ? this.throughOutput(child, o, 'nested', depth) : undefined;
      }
      case 'arn': {
        return nearest(this.phys.get(`${t.service}:${t.name}`), (x) => x.facts.id, facts.id);
      }
      case 'name': {
        return nearest(this.phys.get(`${t.service ?? ''}:${t.name}`), (x) => x.facts.id, facts.id);
      }
      default:
        return undefined;
    }
  }

  nestedChild(facts: UnitFacts, logicalId: string): UnitFacts | undefined {
    const n = facts.nested.find((x) => x.id === logicalId);
    if (!n) return undefined;
    for (const [child, parent] of this.parentOf) if (parent === facts.id && this.byId.get(child)?.nestedAs === `${facts.id}#${logicalId}`) return this.byId.get(child);
    return undefined;
  }

  private throughOutput(facts: UnitFacts, o: OutputFact, via: ResolvedThing['via'], depth: number): ResolvedThing | undefined {
    for (const r of o.refs) {
      const thing = this.local(facts, r);
      if (thing) return { ...thing, via, output: o };
    }
    // An output re-exporting an import, or a value we cannot follow: the unit is still known.
    return { facts, unit: this.unitOf(facts.id), id: o.key, type: '', via, output: o };
    void depth;
  }

  local(facts: UnitFacts, id: string): ResolvedThing | undefined {
    const unit = this.unitOf(facts.id);
    const r = facts.resources.get(id);
    if (r) {
      const fn = FUNCTION_TYPES.has(r.type) ? facts.functions.get(id) : undefined;
      return { facts, unit, id, type: r.type, resource: r, fn };
    }
    const fn = facts.functions.get(id) ?? [...facts.functions.values()].find((x) => x.logicalId === id);
    if (fn) return { facts, unit, id: fn.id, type: 'AWS::Lambda::Function', fn };
    return undefined;
  }

  functionNode(thing: ResolvedThing | undefined): FunctionNode | undefined {
    if (!thing?.fn) return undefined;
    return this.functions.get(`fn:${thing.unit}#${thing.facts.id}#${thing.fn.id}`);
  }

  private link(): void {
    const uf = new UnionFind();
    for (const facts of this.templates) {
      for (const w of facts.wirings) {
        const fnThing = this.resolve(facts, w.fn) ?? this.resolveFunctionByName(w.fn, facts.id);
        const fn = this.functionNode(fnThing);
        if (!fn) continue;
        // A bare name is looked up only among resources of the trigger's own service.
        let wt = w.trigger;
        if (wt.k === 'name' && !wt.service) wt = ARN_SERVICE[w.triggerType] ? { ...wt, service: ARN_SERVICE[w.triggerType] } : { k: 'unknown', text: wt.name };
        const trig = this.resolve(facts, wt);
        let trigger: TriggerNode;
        if (trig && !trig.fn) {
          const key = `tr:${trig.unit}#${trig.facts.id}#${trig.id}`;
          trigger = this.triggers.get(key) ?? {
            key,
            unit: trig.unit,
            factsId: trig.facts.id,
            id: trig.id,
            type: TRIGGER_TYPES.has(trig.type) || !w.triggerType ? trig.type : w.triggerType,
            loc: trig.resource?.loc ?? trig.output?.loc,
            external: false,
            physicalName: trig.resource?.physicalName,
            implicit: trig.resource?.implicit,
          };
        } else {
          const label = w.label ?? targetText(w.trigger);
          const key = `tr:ext:${w.triggerType}:${label}`;
          trigger = this.triggers.get(key) ?? { key, id: label, type: w.triggerType, external: true };
        }
        this.triggers.set(trigger.key, trigger);
        const crossing = !trigger.external && trigger.unit !== fn.unit;
        const domainForming = !(isPubSub(trigger.type) && trigger.unit !== fn.unit);
        this.wirings.push({ facts, wiring: w, trigger, fn, crossing, domainForming });
        this.invoked.add(fn.key);
        uf.add(fn.key);
        if (domainForming) uf.union(trigger.key, fn.key);
        if (crossing && trigger.unit) {
          this.edges.push({ from: fn.unit, to: trigger.unit, kind: 'trigger', loc: w.loc, label: `${trigger.id} invokes ${fn.fn.id}` });
        }
      }
    }
    this.markInvoked();
    this.buildDomains(uf);
    this.buildEdges();
  }

  private resolveFunctionByName(t: Target, from: string): ResolvedThing | undefined {
    if (t.k !== 'name' && t.k !== 'arn') return undefined;
    const n = nearest(this.fnByName.get(t.name), (x) => x.facts.id, from);
    return n ? { facts: n.facts, unit: n.unit, id: n.fn.id, type: 'AWS::Lambda::Function', fn: n.fn } : undefined;
  }

  /** Functions that something other than a trigger invokes: state machines, destinations, permissions, custom resources, grants. */
  private markInvoked(): void {
    this.markInvokedDirect();
    for (const list of this.fnByName.values()) {
      if (list.some((n) => this.invoked.has(n.key))) for (const n of list) this.invoked.add(n.key);
    }
  }

  private markInvokedDirect(): void {
    const ignoredFrom = new Set(['AWS::Logs::LogGroup', 'AWS::Lambda::Version', 'AWS::Lambda::Alias', 'AWS::Lambda::EventInvokeConfig', 'AWS::Lambda::Url']);
    for (const facts of this.templates) {
      const unit = this.unitOf(facts.id);
      for (const name of facts.invokedNames) {
        const t = this.local(facts, name);
        const n = this.functionNode(t);
        if (n) this.invoked.add(n.key);
      }
      for (const r of facts.refs) {
        if (!r.from || r.from === 'Outputs' || r.from === 'Conditions') continue;
        const t = this.local(facts, r.name);
        const n = this.functionNode(t);
        if (!n || n.fn.id === r.from || n.fn.logicalId === r.from) continue;
        const fromRes = facts.resources.get(r.from);
        if (fromRes && ignoredFrom.has(fromRes.type)) continue;
        if (facts.functions.has(r.from) && facts.kind === 'serverless' && r.kind !== 'GetAtt') continue;
        this.invoked.add(n.key);
      }
      for (const imp of this.importsOf(facts)) {
        const t = this.resolve(facts, imp.target);
        const n = this.functionNode(t);
        if (n && n.unit !== unit) this.invoked.add(n.key);
      }
      for (const l of facts.literals) {
        if (l.target.k !== 'arn' || l.target.service !== 'lambda') continue;
        const t = this.resolve(facts, l.target);
        const n = this.functionNode(t);
        if (n && !(n.facts === facts && (n.fn.id === l.from || n.fn.logicalId === l.from))) this.invoked.add(n.key);
      }
    }
  }

  private buildDomains(uf: UnionFind): void {
    for (const n of this.functions.values()) uf.add(n.key);
    // Functions of one physical name are one deployed Lambda (a placeholder and its real code).
    for (const list of this.fnByName.values()) for (let i = 1; i < list.length; i++) uf.union(list[0].key, list[i].key);
    const groups = new Map<string, { triggers: TriggerNode[]; functions: FunctionNode[] }>();
    const order = (n: FunctionNode) => `${n.unit}\u0000${n.fn.loc.file}\u0000${String(n.fn.loc.start).padStart(9, '0')}`;
    const fns = [...this.functions.values()].sort((a, b) => (order(a) < order(b) ? -1 : 1));
    for (const n of fns) {
      const root = uf.find(n.key);
      let g = groups.get(root);
      if (!g) groups.set(root, (g = { triggers: [], functions: [] }));
      g.functions.push(n);
    }
    const seenTrig = new Set<string>();
    for (const w of this.wirings) {
      if (!w.domainForming || seenTrig.has(w.trigger.key)) continue;
      seenTrig.add(w.trigger.key);
      groups.get(uf.find(w.trigger.key))?.triggers.push(w.trigger);
    }
    const usedBy = new Map<string, Set<number>>();
    const domainOfFn = new Map<string, number>();
    const list = [...groups.values()];
    list.forEach((g, i) => g.functions.forEach((f) => domainOfFn.set(f.key, i)));
    const triggerKeys = new Set([...this.triggers.values()].map((t) => `${t.factsId}#${t.id}`));
    for (const f of this.functions.values()) {
      const di = domainOfFn.get(f.key)!;
      for (const key of this.usesOf(f)) if (!triggerKeys.has(key)) addTo(usedBy, key, di);
    }
    const resourcesOf = list.map(() => [] as Domain['resources']);
    for (const [key, ds] of usedBy) {
      if (ds.size !== 1) continue;
      const [factsId, id] = [key.slice(0, key.lastIndexOf('#')), key.slice(key.lastIndexOf('#') + 1)];
      const facts = this.byId.get(factsId)!;
      const r = facts.resources.get(id)!;
      resourcesOf[[...ds][0]].push({ unit: this.unitOf(factsId), id, type: r.type, loc: r.loc });
    }
    this.domains = list.map((g, i) => {
      const t0 = g.triggers[0];
      // A generated logical ID says less than the name the user wrote (`sns: orders`).
      const defaultName = t0 ? (t0.implicit && t0.physicalName ? t0.physicalName : t0.id) : g.functions[0].fn.id;
      const units = [...new Set([...g.functions.map((f) => f.unit), ...g.triggers.filter((t) => t.unit).map((t) => t.unit!)])].sort();
      const name = this.domainNames[defaultName] ?? this.domainNames[`${units[0]}:${defaultName}`] ?? defaultName;
      return { name, defaultName, units, triggers: g.triggers, functions: g.functions, resources: resourcesOf[i] };
    });
    // Names are unique: a second domain of the same name is qualified by its unit.
    const count = new Map<string, number>();
    for (const d of this.domains) count.set(d.name, (count.get(d.name) ?? 0) + 1);
    for (const d of this.domains) if ((count.get(d.name) ?? 0) > 1) d.name = `${d.name} (${d.units[0]})`;
  }

  private readonly usesCache = new Map<string, Set<string>>();

  /** Resources (as `<facts id>#<logical ID>`) a function's own definition uses, one hop through IAM roles and policies. */
  usesOf(f: FunctionNode): Set<string> {
    const cached = this.usesCache.get(f.key);
    if (cached) return cached;
    const out = new Set<string>();
    const seen = new Set<string>();
    const visit = (id: string, hop: number) => {
      if (seen.has(id)) return;
      seen.add(id);
      const r = f.facts.resources.get(id);
      if (!r || FUNCTION_TYPES.has(r.type)) return;
      out.add(`${f.facts.id}#${id}`);
      if (hop < 1 && /^AWS::IAM::/.test(r.type)) {
        for (const ref of f.facts.refs) if (ref.from === id) visit(ref.name, hop + 1);
      }
    };
    for (const u of f.fn.uses) if (u.k === 'local') visit(u.id, 0);
    for (const ref of f.facts.refs) if (ref.from === f.fn.id && (ref.kind === 'Ref' || ref.kind === 'GetAtt')) visit(ref.name, 0);
    this.usesCache.set(f.key, out);
    return out;
  }

  /** Cross-unit edges: explicit contracts, hard-coded references, nested stacks. */
  private buildEdges(): void {
    for (const facts of this.templates) {
      const unit = this.unitOf(facts.id);
      const parent = this.parentOf.get(facts.id);
      if (parent) this.edges.push({ from: this.unitOf(parent), to: unit, kind: 'nested', loc: facts.firstLineLoc, label: 'nested stack' });
      for (const imp of this.importsOf(facts)) {
        const owner = this.ownerOfImport(imp.target, facts.id);
        if (owner && owner !== unit) this.edges.push({ from: unit, to: owner, kind: 'contract', loc: imp.loc, label: imp.text });
      }
      for (const l of facts.literals) {
        const t = this.resolve(facts, l.target);
        if (t && t.unit !== unit) this.edges.push({ from: unit, to: t.unit, kind: 'hardcoded', loc: l.loc, label: l.text });
      }
    }
  }

  /** The unit an explicit contract points at, if the workspace has it. */
  ownerOfImport(t: Target, from: string): string | undefined {
    switch (t.k) {
      case 'import': {
        const e = this.exports.get(t.exportName, from);
        return e ? this.unitOf(e.facts.id) : undefined;
      }
      case 'cf': {
        const u = this.stacks.get(t.stack, from);
        return u ? this.unitOf(u.id) : undefined;
      }
      case 'ssm': {
        const p = this.ssm.get(t.path, from);
        return p ? this.unitOf(p.facts.id) : undefined;
      }
      default:
        return undefined;
    }
  }

  /** Units in an order that deploys them from scratch, and the cycles that prevent it. */
  deployOrder(): { order: string[]; cycles: string[][] } {
    const units = this.roots.map((r) => r.id);
    const deps = new Map<string, Set<string>>(units.map((u) => [u, new Set<string>()]));
    for (const e of this.edges) {
      if (e.kind === 'nested' || e.from === e.to) continue;
      if (e.kind === 'trigger') continue; // a crossing trigger is a split domain, not a deploy-time dependency
      deps.get(e.from)?.add(e.to);
    }
    const cycles = stronglyConnected(units, deps).filter((c) => c.length > 1 || deps.get(c[0])?.has(c[0]));
    const order: string[] = [];
    const state = new Map<string, number>();
    const visit = (u: string) => {
      if (state.get(u)) return;
      state.set(u, 1);
      for (const d of [...(deps.get(u) ?? [])].sort()) visit(d);
      state.set(u, 2);
      order.push(u);
    };
    for (const u of [...units].sort()) visit(u);
    return { order, cycles: cycles.map((c) => c.sort()) };
  }
}

/** Of several candidates, the one whose path shares the longest folder prefix with `from`. */
export function nearest<T>(list: T[] | undefined, idOf: (x: T) => string, from: string): T | undefined {
  if (!list || list.length === 0) return undefined;
  if (list.length === 1) return list[0];
  let best = list[0];
  let bestScore = -1;
  const a = from.split('/');
  for (const x of list) {
    const b = idOf(x).split('/');
    let i = 0;
    while (i < a.length - 1 && i < b.length - 1 && a[i] === b[i]) i++;
    if (i > bestScore) {
      best = x;
      bestScore = i;
    }
  }
  return best;
}

export class NearestMap<T> {
  constructor(
    private readonly lists: Map<string, T[]>,
    private readonly idOf: (x: T) => string,
  ) {}
  get(key: string, from: string): T | undefined {
    return nearest(this.lists.get(key), this.idOf, from);
  }
  has(key: string): boolean {
    return this.lists.has(key);
  }
  keys(): IterableIterator<string> {
    return this.lists.keys();
  }
  entries(): Array<[string, T]> {
    return [...this.lists].map(([k, v]) => [k, v[0]]);
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const cur = m.get(k);
  if (cur) cur.push(v);
  else m.set(k, [v]);
}

function addTo<K, V>(m: Map<K, Set<V>>, k: K, v: V): void {
  const cur = m.get(k);
  if (cur) cur.add(v);
  else m.set(k, new Set([v]));
}

class UnionFind {
  private readonly parent = new Map<string, string>();
  add(k: string): void {
    if (!this.parent.has(k)) this.parent.set(k, k);
  }
  find(k: string): string {
    this.add(k);
    let r = k;
    while (this.parent.get(r) !== r) r = this.parent.get(r)!;
    let c = k;
    while (c !== r) {
      const n = this.parent.get(c)!;
      this.parent.set(c, r);
      c = n;
    }
    return r;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }
}

/** Tarjan's strongly connected components. */
function stronglyConnected(nodes: string[], edges: Map<string, Set<string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  const strong = (v: string) => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      out.push(comp);
    }
  };
  for (const n of nodes) if (!idx.has(n)) strong(n);
  return out;
}
