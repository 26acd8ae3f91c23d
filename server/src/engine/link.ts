// The link pass: joins the facts of every unit into one graph, and keeps it up to date.
//
// `Linked` lives as long as its Workspace. Each analysis hands it the current facts; facts
// objects that did not change are the same objects as before. Everything the link pass
// derives from a unit (its wirings, the functions it invokes, its cross-unit edges) is kept
// per unit together with the index keys its computation read (`export:X`, `stack:S`...,
// misses included). After an edit, only units that changed or that read a changed key are
// linked again; invocations, importers, domains and cycles are updated from the deltas; and
// `changedKeys` tells the rules which of their cached results to recompute. A cold analysis
// is the same computation starting from nothing (the equivalence test checks they agree).
//
// Beside this file: link-types.ts (the graph's types), link-index.ts (name indexes and the
// typed dependency keys), link-unit.ts (linking one unit), link-domains.ts (domains),
// link-graph.ts (ordering and cycles), link-view.ts (what rules may read, every read tracked).

import type { LinkView } from './link-view';
import { ARN_SERVICE, FUNCTION_TYPES } from './aws';
import { targetText } from './model';
import type { FunctionFact, ImportFact, OutputFact, Target, UnitFacts } from './model';
import type { Loc } from './types';
import { DomainIndex } from './link-domains';
import { nearest, NearestMap, pull, push, pushSorted, Tracker } from './link-index';
import { fnKey, stronglyConnected } from './link-graph';
import { linkUnit } from './link-unit';
import type { CrossEdge, Domain, FunctionNode, LinkedWiring, LinkInput, Products, ResolvedThing, TriggerNode } from './link-types';

export * from './link-types';
export { domainOrder, unresolvedName } from './link-graph';
export { nearest, NearestMap, Tracker } from './link-index';

const usesCache = new WeakMap<FunctionFact, Set<string>>();

export class Linked implements LinkView {
  readonly tracker = new Tracker();
  templates: UnitFacts[] = [];
  readonly byId = new Map<string, UnitFacts>();
  parentOf = new Map<string, string>();
  domainNames: Record<string, string> = {};
  extraImports = new Map<string, ImportFact[]>();
  private extraSig = '';
  private readonly exportList = new Map<string, Array<{ facts: UnitFacts; output: OutputFact }>>();
  private readonly stackList = new Map<string, UnitFacts[]>();
  private readonly ssmList = new Map<string, Array<{ facts: UnitFacts; resource: string; loc: Loc; value?: Target }>>();
  private readonly physList = new Map<string, ResolvedThing[]>();
  private readonly fnNameList = new Map<string, FunctionNode[]>();
  private readonly exportSuffixList = new Map<string, Array<{ facts: UnitFacts; output: OutputFact }>>();
  readonly exports = new NearestMap(this.exportList, (x) => x.facts.id, this.tracker, 'export:');
  readonly stacks = new NearestMap(this.stackList, (x) => x.id, this.tracker, 'stack:');
  readonly ssm = new NearestMap(this.ssmList, (x) => x.facts.id, this.tracker, 'ssm:');
  readonly functions = new Map<string, FunctionNode>();
  private readonly fnNodesOf = new Map<string, FunctionNode[]>();
  private readonly children = new Map<string, Set<string>>();
  private readonly products = new Map<string, Products>();
  private readonly dependents = new Map<string, Set<string>>();
  private order = new Map<string, number>();
  // invocation
  private readonly invokeCount = new Map<string, number>();
  readonly invoked = new Set<string>();
  private readonly consumeCount = new Map<string, number>();
  // domains
  private readonly domainIndex = new DomainIndex({
    byId: () => this.byId,
    domainNames: () => this.domainNames,
    fnNodesOf: () => this.fnNodesOf,
    functions: () => this.functions,
    order: () => this.order,
    triggerCount: () => this.triggerCount,
    wiringsByFn: () => this.wiringsByFn,
    unitOf: (id) => this.unitOf(id),
    usesOf: (f) => this.usesOf(f),
  });
  private readonly nameChains = new Map<string, Array<[string, string]>>();
  private readonly wiringsByFn = new Map<string, LinkedWiring[]>();
  /** How many wirings name each resource (`<facts id>#<logical ID>`) as their trigger. */
  private readonly triggerCount = new Map<string, number>();
  private flatWirings: LinkedWiring[] | undefined;
  private flatEdges: CrossEdge[] | undefined;
  private triggerMap: Map<string, TriggerNode> | undefined;
  // cycles
  cycles: string[][] = [];
  private cycleSig = new Map<string, string>();
  private contractSig = '';
  /** Keys whose meaning changed in the last update. */
  changedKeys = new Set<string>();
  /** Units linked again in the last update. */
  relinked = new Set<string>();
  /** Whether the last update started from nothing. */
  fullUpdate = true;

  // ---- look-ups (each records what it read) ----

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
    this.tracker.touch('list:roots');
    return this.templates.filter((t) => !this.parentOf.has(t.id));
  }

  importsOf(facts: UnitFacts): ImportFact[] {
    const extra = this.extraImports.get(facts.id);
    return extra ? [...facts.imports, ...extra] : facts.imports;
  }

  physLookup(key: string, from: string): ResolvedThing | undefined {
    this.tracker.touch(`phys:${key}`);
    return nearest(this.physList.get(key), (x) => x.facts.id, from);
  }

  fnByName(name: string): FunctionNode[] {
    this.tracker.touch(`fnname:${name}`);
    return this.fnNameList.get(name) ?? [];
  }

  isInvoked(fnKey: string): boolean {
    this.tracker.touch(`invoked:${fnKey}`);
    return this.invoked.has(fnKey);
  }

  /** How many units import an export (`export:NAME`) or read an output (`read:STACK\0KEY`). */
  consumers(key: string): number {
    this.tracker.touch(`consumed:${key}`);
    return this.consumeCount.get(key) ?? 0;
  }

  domainOfNode(key: string): Domain | undefined {
    this.tracker.touch(`domain:${key}`);
    return this.domainIndex.ofNode(key);
  }

  domainsOfUnit(unit: string): Domain[] {
    this.tracker.touch(`unitDomains:${unit}`);
    return this.domainIndex.ofUnit(unit);
  }

  cycleOf(unit: string): string[] | undefined {
    this.tracker.touch(`cycle:${unit}`);
    return this.cycles.find((c) => c.includes(unit));
  }

  wiringsOf(facts: UnitFacts): LinkedWiring[] {
    this.tracker.touch(`links:${facts.id}`);
    return this.products.get(facts.id)?.wirings ?? [];
  }

  wiringsOfFunction(fnKey: string): readonly LinkedWiring[] {
    this.tracker.touch(`fnwirings:${fnKey}`);
    return this.wiringsByFn.get(fnKey) ?? [];
  }

  factsOf(id: string): UnitFacts | undefined {
    this.tracker.touch(`facts:${id}`);
    return this.byId.get(id);
  }

  isNested(id: string): boolean {
    this.tracker.touch('list:units');
    return this.parentOf.has(id);
  }

  units(): readonly UnitFacts[] {
    this.tracker.touch('list:units');
    return this.templates;
  }

  allWirings(): readonly LinkedWiring[] {
    this.tracker.touch('list:wirings');
    return this.wirings;
  }

  allDomains(): readonly Domain[] {
    this.tracker.touch('list:wirings');
    return this.domains;
  }

  edgesOf(facts: UnitFacts): CrossEdge[] {
    this.tracker.touch(`links:${facts.id}`);
    return this.products.get(facts.id)?.edges ?? [];
  }

  functionNodesOf(facts: UnitFacts): FunctionNode[] {
    return this.fnNodesOf.get(facts.id) ?? [];
  }

  get wirings(): LinkedWiring[] {
    if (!this.flatWirings) this.flatWirings = this.templates.flatMap((t) => this.products.get(t.id)?.wirings ?? []);
    return this.flatWirings;
  }

  get edges(): CrossEdge[] {
    if (!this.flatEdges) this.flatEdges = this.templates.flatMap((t) => this.products.get(t.id)?.edges ?? []);
    return this.flatEdges;
  }

  get triggers(): Map<string, TriggerNode> {
    if (!this.triggerMap) {
      this.triggerMap = new Map();
      for (const w of this.wirings) if (!this.triggerMap.has(w.trigger.key)) this.triggerMap.set(w.trigger.key, w.trigger);
    }
    return this.triggerMap;
  }

  get domainCount(): number {
    return this.domainIndex.count;
  }

  get domains(): Domain[] {
    return this.domainIndex.sorted();
  }

  /** Resolves a target written in `facts` to the thing it names, if the workspace defines it. */
  resolve(facts: UnitFacts, t: Target, depth = 0): ResolvedThing | undefined {
    if (depth > 6) return undefined;
    switch (t.k) {
      case 'local':
        return this.local(facts, t.id);
      case 'import': {
        const e = this.exportFor(t, facts.id);
        return e ? this.throughOutput(e.facts, e.output, 'import') : undefined;
      }
      case 'cf': {
        const u = this.stacks.get(t.stack, facts.id);
        const o = u?.outputs.find((x) => x.key === t.output);
        return u && o ? this.throughOutput(u, o, 'cf') : undefined;
      }
      case 'ssm': {
        const p = this.ssm.get(t.path, facts.id);
        if (!p) return undefined;
        // The parameter stands for what its value names: a resource of its unit, or a physical name.
        this.tracker.touch(`facts:${p.facts.id}`);
        const valueRef = p.facts.refs.find((r) => r.from === p.resource && (r.kind === 'Ref' || r.kind === 'GetAtt' || r.kind === 'Sub'));
        const target = valueRef ? this.local(p.facts, valueRef.name) : p.value ? this.resolve(p.facts, p.value, depth + 1) : undefined;
        return target ? { ...target, via: 'ssm' } : undefined;
      }
      case 'nested': {
        const child = this.nestedChild(facts, t.child);
        const o = child?.outputs.find((x) => x.key === t.output);
        return child && o ? this.throughOutput(child, o, 'nested') : undefined;
      }
      case 'arn':
        return this.physLookup(`${t.service}:${t.name}`, facts.id);
      case 'name':
        return this.physLookup(`${t.service ?? ''}:${t.name}`, facts.id);
      default:
        return undefined;
    }
  }

  nestedChild(facts: UnitFacts, logicalId: string): UnitFacts | undefined {
    this.tracker.touch(`children:${facts.id}`);
    if (!facts.nested.some((x) => x.id === logicalId)) return undefined;
    for (const child of this.children.get(facts.id) ?? []) {
      const c = this.byId.get(child);
      if (c?.nestedAs === `${facts.id}#${logicalId}`) return c;
    }
    return undefined;
  }

  private throughOutput(facts: UnitFacts, o: OutputFact, via: ResolvedThing['via']): ResolvedThing | undefined {
    for (const r of o.refs) {
      const thing = this.local(facts, r);
      if (thing) return { ...thing, via, output: o };
    }
    // An output re-exporting an import, or a value we cannot follow: the unit is still known.
    return { facts, unit: this.unitOf(facts.id), id: o.key, type: '', via, output: o };
  }

  local(facts: UnitFacts, id: string): ResolvedThing | undefined {
    this.tracker.touch(`facts:${facts.id}`);
    const unit = this.unitOf(facts.id);
    const r = facts.resources.get(id);
    if (r) {
      const fn = FUNCTION_TYPES.has(r.type) ? facts.functions.get(id) : undefined;
      return { facts, unit, id, type: r.type, resource: r, fn };
    }
    const fn = facts.functions.get(id) ?? this.functionNodesOf(facts).find((x) => x.fn.logicalId === id)?.fn;
    if (fn) return { facts, unit, id: fn.id, type: 'AWS::Lambda::Function', fn };
    return undefined;
  }

  functionNode(thing: ResolvedThing | undefined): FunctionNode | undefined {
    if (!thing?.fn) return undefined;
    return this.functions.get(fnKey(thing.unit, thing.facts.id, thing.fn.id));
  }

  /** The export an import names: by name, or, for a name built from a stack parameter, the one export
   * `${AWS::StackName}<suffix>` of another template when exactly one has it. */
  exportFor(t: Target & { k: 'import' }, from: string): { facts: UnitFacts; output: OutputFact } | undefined {
    const list = this.suffixExporters(t);
    if (!list) return this.exports.get(t.exportName, from);
    // A template can be deployed as several stacks: the one exporter may be the importer itself (another stack of it).
    return list.length === 1 && list[0].facts.id !== from ? list[0] : undefined;
  }

  /** Whether a unit of the workspace may provide the import: the export it names, or for a name built
   * from a stack parameter any template exporting `${AWS::StackName}<suffix>` (the parameter names
   * one of them at deploy time), other than the importer alone. */
  mayProvide(t: Target & { k: 'import' }, from: string): boolean {
    const list = this.suffixExporters(t);
    if (!list) return this.exports.has(t.exportName);
    return list.some((x) => x.facts.id !== from);
  }

  /** For an import named from a stack parameter, the templates exporting `${AWS::StackName}<suffix>`: with
   * no default, always; with a default, when no export has the name the default gives (the parameter is
   * then set at deploy time, or the exporter's stack name is a guess). Undefined: match by name. */
  private suffixExporters(t: Target & { k: 'import' }): Array<{ facts: UnitFacts; output: OutputFact }> | undefined {
    const suffix = t.suffix ?? (t.defaultSuffix !== undefined && !this.exports.has(t.exportName) ? t.defaultSuffix : undefined);
    if (suffix === undefined) return undefined;
    this.tracker.touch(`exportsuffix:${suffix}`);
    return this.exportSuffixList.get(suffix) ?? [];
  }

  /** Whether any unit imports anything across units (an export, an output, a parameter of the workspace). */
  hasContracts(): boolean {
    return this.consumers('contract') > 0;
  }

  /** The unit an explicit contract points at, if the workspace has it. */
  ownerOfImport(t: Target, from: string): string | undefined {
    switch (t.k) {
      case 'import': {
        const e = this.exportFor(t, from);
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

  /** Resources (as `<facts id>#<logical ID>`) a function's own definition uses, one hop through IAM roles and policies. */
  usesOf(f: FunctionNode): Set<string> {
    const cached = usesCache.get(f.fn);
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
    usesCache.set(f.fn, out);
    return out;
  }

  /** Units in an order that deploys them from scratch (explicit contracts only). */
  deployOrder(): { order: string[]; cycles: string[][] } {
    const units = this.templates.filter((t) => !this.parentOf.has(t.id)).map((r) => r.id);
    const deps = this.contractDeps(units);
    const order: string[] = [];
    const state = new Map<string, number>();
    // Depth-first post-order with an explicit stack: a chain of thousands of units must not overflow.
    for (const root of [...units].sort()) {
      if (state.get(root)) continue;
      state.set(root, 1);
      const work = [{ u: root, next: [...(deps.get(root) ?? [])].sort(), i: 0 }];
      while (work.length) {
        const top = work[work.length - 1];
        if (top.i < top.next.length) {
          const d = top.next[top.i++];
          if (state.get(d)) continue;
          state.set(d, 1);
          work.push({ u: d, next: [...(deps.get(d) ?? [])].sort(), i: 0 });
          continue;
        }
        work.pop();
        state.set(top.u, 2);
        order.push(top.u);
      }
    }
    return { order, cycles: this.cycles };
  }

  private contractDeps(units: string[]): Map<string, Set<string>> {
    const deps = new Map<string, Set<string>>(units.map((u) => [u, new Set<string>()]));
    for (const e of this.edges) {
      // A crossing trigger is a split domain, not a deploy-time dependency; literals deploy in any order.
      if (e.kind !== 'contract' || e.from === e.to) continue;
      deps.get(e.from)?.add(e.to);
    }
    return deps;
  }

  // ---- the update ----

  update(input: LinkInput): void {
    const extraSig = JSON.stringify([...input.extraImports].map(([k, v]) => [k, v.map((i) => targetText(i.target) + '@' + i.loc.start)]));
    const parentsSame = input.parents.size === this.parentOf.size && [...input.parents].every(([c, p]) => this.parentOf.get(c) === p);
    const full = !parentsSame || input.domainNames !== this.domainNames || extraSig !== this.extraSig;
    if (full) this.reset();
    this.fullUpdate = full || this.byId.size === 0;
    this.parentOf = new Map(input.parents);
    this.domainNames = input.domainNames;
    this.extraImports = input.extraImports;
    this.extraSig = extraSig;
    const quick = !!input.changed && !full && this.templates === input.templates;
    this.templates = input.templates;
    if (!quick) this.order = new Map(input.templates.map((t, i) => [t.id, i]));
    this.domainIndex.unsort();
    this.flatWirings = undefined;
    this.flatEdges = undefined;
    this.triggerMap = undefined;

    const K = new Set<string>();
    const removed: UnitFacts[] = [];
    const added: UnitFacts[] = [];
    let next: { has(id: string): boolean; get(id: string): UnitFacts | undefined };
    if (quick) {
      // Only these units changed: the others are the same objects as before.
      const changed = new Map(input.changed!.map((f) => [f.id, f]));
      for (const f of input.changed!) {
        const old = this.byId.get(f.id);
        if (old && old !== f) removed.push(old);
        if (old !== f) added.push(f);
      }
      const byId = this.byId;
      next = { has: (id) => changed.has(id) || byId.has(id), get: (id) => changed.get(id) ?? byId.get(id) };
    } else {
      const all = new Map(input.templates.map((t) => [t.id, t]));
      next = all;
      for (const [id, f] of this.byId) if (all.get(id) !== f) removed.push(f);
      for (const [id, f] of all) if (this.byId.get(id) !== f) added.push(f);
    }
    const touchedNodes = new Set<string>();
    const invokeCandidates = new Set<string>();
    const resourceDirtyFacts = new Set<string>();
    for (const f of removed) {
      this.provided(f, K);
      for (const n of this.fnNodesOf.get(f.id) ?? []) {
        touchedNodes.add(n.key);
        invokeCandidates.add(n.key);
      }
      this.indexRemove(f);
      resourceDirtyFacts.add(f.id);
    }
    for (const f of added) {
      this.indexAdd(f);
      this.provided(f, K);
      for (const n of this.fnNodesOf.get(f.id) ?? []) {
        touchedNodes.add(n.key);
        invokeCandidates.add(n.key);
      }
      resourceDirtyFacts.add(f.id);
    }
    // Lists change only when the set of names changes, not with every edit.
    const names = (list: UnitFacts[], pick: (f: UnitFacts) => string[]) => list.flatMap(pick).sort().join('\u0000');
    const roots = (f: UnitFacts) => (this.parentOf.has(f.id) ? [] : [f.stackName]);
    const exps = (f: UnitFacts) => f.outputs.map((o) => o.exportName ?? '').filter(Boolean);
    if (names(removed, roots) !== names(added, roots)) {
      K.add('list:stack:');
      K.add('list:roots');
    }
    if (names(removed, exps) !== names(added, exps)) K.add('list:export:');
    if (names(removed, (f) => [f.id]) !== names(added, (f) => [f.id])) K.add('list:units');
    const fnNames = (f: UnitFacts) => [...f.functions.values()].map((fn) => fn.physicalName ?? '').filter(Boolean);
    if (names(removed, fnNames) !== names(added, fnNames)) K.add('list:fnnames');
    // Units to link again: the changed ones, and those that read a changed key.
    const R = new Set<string>(added.map((f) => f.id));
    for (const k of K) for (const id of this.dependents.get(k) ?? []) if (next.has(id)) R.add(id);
    const removedOnly = removed.filter((f) => !next.has(f.id));
    const K2 = new Set<string>();
    let contractsChanged = false;
    const bumpTrigger = (w: LinkedWiring, by: number) => {
      if (!w.trigger.factsId) return;
      const k = `${w.trigger.factsId}#${w.trigger.id}`;
      const before = this.triggerCount.get(k) ?? 0;
      const after = before + by;
      if (after) this.triggerCount.set(k, after);
      else this.triggerCount.delete(k);
      // Whether a resource is a trigger decides whether it can support a domain.
      if ((before > 0) !== (after > 0)) resourceDirtyFacts.add(w.trigger.factsId);
    };
    const apply = (id: string, before: Products | undefined, after: Products | undefined) => {
      for (const w of before?.wirings ?? []) {
        pull(this.wiringsByFn, w.fn.key, (x) => x === w);
        K2.add(`fnwirings:${w.fn.key}`);
        if (w.domainForming) this.domainIndex.edge(w.trigger.key, w.fn.key, -1, touchedNodes);
        bumpTrigger(w, -1);
      }
      for (const w of after?.wirings ?? []) {
        push(this.wiringsByFn, w.fn.key, w);
        K2.add(`fnwirings:${w.fn.key}`);
        if (w.domainForming) this.domainIndex.edge(w.trigger.key, w.fn.key, +1, touchedNodes);
        bumpTrigger(w, +1);
      }
      for (const k of before?.invokes ?? []) {
        this.invokeCount.set(k, (this.invokeCount.get(k) ?? 0) - 1);
        invokeCandidates.add(k);
      }
      for (const k of after?.invokes ?? []) {
        this.invokeCount.set(k, (this.invokeCount.get(k) ?? 0) + 1);
        invokeCandidates.add(k);
      }
      const consumedBefore = new Set(before?.consumes ?? []);
      const consumedAfter = new Set(after?.consumes ?? []);
      for (const k of consumedBefore) if (!consumedAfter.has(k)) this.bumpConsumer(k, -1, K2);
      for (const k of consumedAfter) if (!consumedBefore.has(k)) this.bumpConsumer(k, +1, K2);
      const sig = (p: Products | undefined) => (p?.edges ?? []).filter((e) => e.kind === 'contract').map((e) => `${e.from}>${e.to}`).sort().join('|');
      if (sig(before) !== sig(after)) contractsChanged = true;
      for (const k of before?.deps ?? []) this.dependents.get(k)?.delete(id);
      for (const k of after?.deps ?? []) {
        let s = this.dependents.get(k);
        if (!s) this.dependents.set(k, (s = new Set()));
        s.add(id);
      }
    };
    for (const f of removedOnly) {
      apply(f.id, this.products.get(f.id), undefined);
      this.products.delete(f.id);
    }
    for (const id of R) {
      const f = next.get(id)!;
      const before = this.products.get(id);
      const after = linkUnit(this, f);
      this.products.set(id, after);
      apply(id, before, after);
    }
    // Functions of one physical name are one deployed Lambda: chain them in the domain graph.
    for (const k of K) {
      if (!k.startsWith('fnname:')) continue;
      const name = k.slice(7);
      for (const [a, b] of this.nameChains.get(name) ?? []) this.domainIndex.edge(a, b, -1, touchedNodes);
      const list = this.fnNameList.get(name) ?? [];
      const chain: Array<[string, string]> = [];
      for (let i = 1; i < list.length; i++) chain.push([list[0].key, list[i].key]);
      for (const [a, b] of chain) this.domainIndex.edge(a, b, +1, touchedNodes);
      if (chain.length) this.nameChains.set(name, chain);
      else this.nameChains.delete(name);
      for (const n of list) invokeCandidates.add(n.key);
    }
    this.updateInvoked(invokeCandidates, K2);
    this.domainIndex.update(touchedNodes, resourceDirtyFacts, K2);
    if (contractsChanged || full) this.updateCycles(K2);
    // A relinked unit's wirings and edges, and the lists of all of them.
    for (const id of [...R, ...removedOnly.map((f) => f.id)]) K2.add(`links:${id}`);
    if (R.size || removedOnly.length) K2.add('list:wirings');
    this.changedKeys = new Set([...K, ...K2]);
    this.relinked = R;
  }

  private reset(): void {
    for (const m of [this.byId, this.exportList, this.exportSuffixList, this.stackList, this.ssmList, this.physList, this.fnNameList, this.functions, this.fnNodesOf, this.children, this.products, this.dependents, this.invokeCount, this.consumeCount, this.nameChains, this.wiringsByFn, this.cycleSig, this.triggerCount] as Array<Map<unknown, unknown>>) m.clear();
    this.invoked.clear();
    this.domainIndex.clear();
    this.cycles = [];
    this.contractSig = '';
  }

  /** The keys a unit provides to others: a change to the unit changes all of them. */
  private provided(f: UnitFacts, K: Set<string>): void {
    K.add('facts:' + f.id);
    if (!this.parentOf.has(f.id)) K.add('stack:' + f.stackName);
    for (const name of f.possibleStackNames ?? []) K.add('stack:' + name);
    for (const [name] of alternativeExports(f)) K.add('export:' + name);
    const parent = this.parentOf.get(f.id);
    if (parent) K.add('children:' + parent);
    for (const o of f.outputs) if (o.exportName) K.add('export:' + o.exportName);
    for (const o of f.outputs) if (o.exportSuffix) K.add('exportsuffix:' + o.exportSuffix);
    for (const p of f.ssmParams) K.add('ssm:' + p.path);
    for (const r of f.resources.values()) if (r.physicalName) {
      K.add(`phys:${ARN_SERVICE[r.type] ?? ''}:${r.physicalName}`);
      K.add(`phys::${r.physicalName}`);
    }
    for (const fn of f.functions.values()) if (fn.physicalName) {
      K.add('fnname:' + fn.physicalName);
      K.add(`phys:lambda:${fn.physicalName}`);
      K.add(`phys::${fn.physicalName}`);
    }
  }

  private indexAdd(f: UnitFacts): void {
    this.byId.set(f.id, f);
    const unit = this.unitOf(f.id);
    const parent = this.parentOf.get(f.id);
    if (parent) {
      let s = this.children.get(parent);
      if (!s) this.children.set(parent, (s = new Set()));
      s.add(f.id);
    } else pushSorted(this.stackList, f.stackName, f, (x) => x.id);
    if (!parent) for (const name of f.possibleStackNames ?? []) pushSorted(this.stackList, name, f, (x) => x.id);
    if (!parent) for (const [name, output] of alternativeExports(f)) pushSorted(this.exportList, name, { facts: f, output }, (x) => x.facts.id);
    for (const o of f.outputs) if (o.exportName) pushSorted(this.exportList, o.exportName, { facts: f, output: o }, (x) => x.facts.id);
    if (!parent) for (const o of f.outputs) if (o.exportSuffix) pushSorted(this.exportSuffixList, o.exportSuffix, { facts: f, output: o }, (x) => x.facts.id);
    for (const p of f.ssmParams) pushSorted(this.ssmList, p.path, { facts: f, resource: p.resource, loc: p.loc, value: p.value }, (x) => x.facts.id);
    for (const r of f.resources.values()) {
      if (!r.physicalName) continue;
      // A function's resource entry carries the function: a name resolved to it is the function.
      const fn = FUNCTION_TYPES.has(r.type) ? f.functions.get(r.id) : undefined;
      const thing: ResolvedThing = { facts: f, unit, id: r.id, type: r.type, resource: r, ...(fn ? { fn } : {}) };
      pushSorted(this.physList, `${ARN_SERVICE[r.type] ?? ''}:${r.physicalName}`, thing, (x) => x.facts.id);
      pushSorted(this.physList, `:${r.physicalName}`, thing, (x) => x.facts.id);
    }
    const nodes: FunctionNode[] = [];
    for (const fn of f.functions.values()) {
      const node: FunctionNode = { key: fnKey(unit, f.id, fn.id), unit, facts: f, fn };
      nodes.push(node);
      this.functions.set(node.key, node);
      if (fn.physicalName) {
        pushSorted(this.fnNameList, fn.physicalName, node, (x) => x.facts.id);
        const thing: ResolvedThing = { facts: f, unit, id: fn.id, type: 'AWS::Lambda::Function', fn };
        pushSorted(this.physList, `lambda:${fn.physicalName}`, thing, (x) => x.facts.id);
        pushSorted(this.physList, `:${fn.physicalName}`, thing, (x) => x.facts.id);
      }
    }
    this.fnNodesOf.set(f.id, nodes);
  }

  private indexRemove(f: UnitFacts): void {
    this.byId.delete(f.id);
    const parent = this.parentOf.get(f.id);
    if (parent) this.children.get(parent)?.delete(f.id);
    if (!parent) pull(this.stackList, f.stackName, (x) => x === f);
    if (!parent) for (const name of f.possibleStackNames ?? []) pull(this.stackList, name, (x) => x === f);
    if (!parent) for (const [name] of alternativeExports(f)) pull(this.exportList, name, (x) => x.facts === f);
    for (const o of f.outputs) if (o.exportName) pull(this.exportList, o.exportName, (x) => x.facts === f);
    for (const o of f.outputs) if (o.exportSuffix) pull(this.exportSuffixList, o.exportSuffix, (x) => x.facts === f);
    for (const p of f.ssmParams) pull(this.ssmList, p.path, (x) => x.facts === f);
    for (const r of f.resources.values()) {
      if (!r.physicalName) continue;
      pull(this.physList, `${ARN_SERVICE[r.type] ?? ''}:${r.physicalName}`, (x) => x.facts === f);
      pull(this.physList, `:${r.physicalName}`, (x) => x.facts === f);
    }
    for (const n of this.fnNodesOf.get(f.id) ?? []) {
      this.functions.delete(n.key);
      if (n.fn.physicalName) {
        pull(this.fnNameList, n.fn.physicalName, (x) => x === n);
        pull(this.physList, `lambda:${n.fn.physicalName}`, (x) => x.facts === f);
        pull(this.physList, `:${n.fn.physicalName}`, (x) => x.facts === f);
      }
    }
    this.fnNodesOf.delete(f.id);
  }

  private bumpConsumer(k: string, by: number, K2: Set<string>): void {
    const before = this.consumeCount.get(k) ?? 0;
    const after = before + by;
    if (after) this.consumeCount.set(k, after);
    else this.consumeCount.delete(k);
    if ((before > 0) !== (after > 0)) K2.add('consumed:' + k);
  }

  private updateInvoked(candidates: Set<string>, K2: Set<string>): void {
    // A function sharing its physical name with an invoked one is invoked too.
    const all = new Set(candidates);
    for (const k of candidates) {
      const n = this.functions.get(k);
      if (n?.fn.physicalName) for (const m of this.fnNameList.get(n.fn.physicalName) ?? []) all.add(m.key);
    }
    for (const k of all) {
      const n = this.functions.get(k);
      let now = false;
      if (n) {
        now = (this.invokeCount.get(k) ?? 0) > 0;
        if (!now && n.fn.physicalName) now = (this.fnNameList.get(n.fn.physicalName) ?? []).some((m) => (this.invokeCount.get(m.key) ?? 0) > 0);
      }
      if (now !== this.invoked.has(k)) {
        if (now) this.invoked.add(k);
        else this.invoked.delete(k);
        K2.add('invoked:' + k);
      }
    }
    for (const [k, c] of this.invokeCount) if (c === 0) this.invokeCount.delete(k);
  }

  private updateCycles(K2: Set<string>): void {
    const units = this.templates.filter((t) => !this.parentOf.has(t.id)).map((r) => r.id);
    const deps = this.contractDeps(units);
    const sig = [...deps].map(([u, s]) => `${u}>${[...s].sort().join(',')}`).join('|');
    if (sig === this.contractSig) return;
    this.contractSig = sig;
    const comps = stronglyConnected(units, deps).filter((c) => c.length > 1 || deps.get(c[0])?.has(c[0]));
    this.cycles = comps.map((c) => c.sort()).sort((a, b) => (a[0] < b[0] ? -1 : 1));
    const now = new Map<string, string>();
    for (const c of this.cycles) for (const u of c) now.set(u, c.join(','));
    for (const u of new Set([...now.keys(), ...this.cycleSig.keys()])) if (now.get(u) !== this.cycleSig.get(u)) K2.add('cycle:' + u);
    this.cycleSig = now;
  }
}

/** A unit deployed under several stack names: the names its exports `${AWS::StackName}-X` take under each. */
export function alternativeExports(f: UnitFacts): Array<[string, OutputFact]> {
  const out: Array<[string, OutputFact]> = [];
  for (const name of f.possibleStackNames ?? []) {
    for (const o of f.outputs) if (o.exportSuffix && o.exportName !== name + o.exportSuffix) out.push([name + o.exportSuffix, o]);
  }
  return out;
}
