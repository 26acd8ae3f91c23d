// Domains: the connected groups of triggers and functions, kept up to date from edge deltas.
//
// The link pass adds and removes trigger-function edges; the nodes they touch are regrouped, their
// domains named (unique: a second domain of a name is qualified by its unit), and the resources only
// a domain's functions use are attached to it. Every change is recorded as a changed key
// (`domain:<node>`, `unitDomains:<unit>`) for the rules' cache.

import { baseName, fnOrder, fnOrderKey, unresolvedName } from './link-graph';
import type { Domain, FunctionNode, LinkedWiring, TriggerNode } from './link-types';
import type { UnitFacts } from './model';

/** What the domain index reads of the link pass. */
export interface DomainHost {
  byId(): Map<string, UnitFacts>;
  domainNames(): Record<string, string>;
  fnNodesOf(): Map<string, FunctionNode[]>;
  functions(): Map<string, FunctionNode>;
  order(): Map<string, number>;
  triggerCount(): Map<string, number>;
  wiringsByFn(): Map<string, LinkedWiring[]>;
  unitOf(id: string): string;
  usesOf(f: FunctionNode): Set<string>;
}

/** Per unit's list of function nodes: which of them use each resource key. */
const usersCache = new WeakMap<FunctionNode[], Map<string, FunctionNode[]>>();

export class DomainIndex {
  private readonly adj = new Map<string, Map<string, number>>();
  private readonly nodeDomain = new Map<string, Domain>();
  private readonly domainSet = new Set<Domain>();
  private readonly baseNames = new Map<string, Set<Domain>>();
  private readonly unitDomainSet = new Map<string, Set<Domain>>();
  private sortedDomains: Domain[] | undefined;

  constructor(private readonly host: DomainHost) {}

  ofNode(key: string): Domain | undefined {
    return this.nodeDomain.get(key);
  }

  ofUnit(unit: string): Domain[] {
    return [...(this.unitDomainSet.get(unit) ?? [])];
  }

  get count(): number {
    return this.domainSet.size;
  }

  /** The domains in a stable order: by their first function. */
  sorted(): Domain[] {
    if (!this.sortedDomains) {
      const key = (d: Domain) => fnOrder(d.functions[0]);
      this.sortedDomains = [...this.domainSet].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    }
    return this.sortedDomains;
  }

  unsort(): void {
    this.sortedDomains = undefined;
  }

  clear(): void {
    for (const m of [this.adj, this.nodeDomain, this.baseNames, this.unitDomainSet] as Array<Map<unknown, unknown>>) m.clear();
    this.domainSet.clear();
    this.sortedDomains = undefined;
  }

  edge(a: string, b: string, by: number, touched: Set<string>): void {
    const bump = (x: string, y: string) => {
      let m = this.adj.get(x);
      if (!m) this.adj.set(x, (m = new Map()));
      const c = (m.get(y) ?? 0) + by;
      if (c > 0) m.set(y, c);
      else m.delete(y);
      if (m.size === 0) this.adj.delete(x);
    };
    bump(a, b);
    bump(b, a);
    touched.add(a);
    touched.add(b);
  }

  /** Recomputes the domains that touched nodes belonged to or belong to now. */
  update(touched: Set<string>, resourceDirtyFacts: Set<string>, K2: Set<string>): void {
    const old = new Set<Domain>();
    for (const n of touched) {
      const d = this.nodeDomain.get(n);
      if (d) old.add(d);
    }
    const nodes = new Set<string>(touched);
    for (const d of old) {
      for (const f of d.functions) nodes.add(f.key);
      for (const t of d.triggers) nodes.add(t.key);
      this.drop(d, K2);
    }
    const created: Domain[] = [];
    const seen = new Set<string>();
    for (const start of nodes) {
      if (seen.has(start) || !(this.host.functions().has(start) || this.adj.has(start))) continue;
      const comp: string[] = [];
      const queue = [start];
      seen.add(start);
      while (queue.length) {
        const x = queue.pop()!;
        comp.push(x);
        for (const y of this.adj.get(x)?.keys() ?? []) if (!seen.has(y)) {
          seen.add(y);
          queue.push(y);
        }
      }
      const fns = comp.map((k) => this.host.functions().get(k)).filter((x): x is FunctionNode => !!x);
      if (!fns.length) continue;
      created.push(this.make(fns));
    }
    const dirtyNames = new Set<string>();
    for (const d of old) dirtyNames.add(baseName(d, this.host.domainNames()));
    for (const d of created) {
      this.add(d, K2);
      dirtyNames.add(baseName(d, this.host.domainNames()));
    }
    // Supporting resources: recomputed for new domains and for domains of units that changed.
    const resDirty = new Set<Domain>(created);
    for (const id of resourceDirtyFacts) for (const n of this.host.fnNodesOf().get(id) ?? []) {
      const d = this.nodeDomain.get(n.key);
      if (d) resDirty.add(d);
    }
    for (const d of resDirty) d.resources = this.resourcesOf(d);
    // Names are unique: a second domain of the same name is qualified by its unit.
    for (const base of dirtyNames) {
      const set = this.baseNames.get(base);
      if (!set) continue;
      for (const d of set) {
        const name = set.size > 1 ? `${base} (${d.units[0]})` : base;
        if (d.name !== name) {
          d.name = name;
          this.touch(d, K2);
        }
      }
    }
    if (old.size || created.length) this.sortedDomains = undefined;
  }

  private make(fns: FunctionNode[]): Domain {
    fns.sort((a, b) => (fnOrder(a) < fnOrder(b) ? -1 : fnOrder(a) > fnOrder(b) ? 1 : 0));
    const ws = fns.flatMap((f) => this.host.wiringsByFn().get(f.key) ?? []).filter((w) => w.domainForming);
    ws.sort((a, b) => (this.host.order().get(a.facts.id) ?? 0) - (this.host.order().get(b.facts.id) ?? 0) || a.order - b.order);
    const triggers: TriggerNode[] = [];
    const tseen = new Set<string>();
    for (const w of ws) if (!tseen.has(w.trigger.key)) {
      tseen.add(w.trigger.key);
      triggers.push(w.trigger);
    }
    const t0 = triggers[0];
    // A generated logical ID says less than the name the user wrote (`sns: orders`).
    const triggerName = t0 ? (t0.implicit && t0.physicalName ? t0.physicalName : t0.id) : undefined;
    // A name that is mostly unresolved (`*`, `arn:aws:s3:::*`) names no trigger: the function does.
    const defaultName = triggerName && !unresolvedName(triggerName) ? triggerName : fns[0].fn.id;
    const units = [...new Set([...fns.map((f) => f.unit), ...triggers.filter((t) => t.unit).map((t) => t.unit!)])].sort();
    return { name: '', defaultName, units, triggers, functions: fns, resources: [] };
  }

  private add(d: Domain, K2: Set<string>): void {
    this.domainSet.add(d);
    const base = baseName(d, this.host.domainNames());
    d.name = base;
    let set = this.baseNames.get(base);
    if (!set) this.baseNames.set(base, (set = new Set()));
    set.add(d);
    for (const f of d.functions) this.nodeDomain.set(f.key, d);
    for (const t of d.triggers) this.nodeDomain.set(t.key, d);
    for (const u of d.units) {
      let s = this.unitDomainSet.get(u);
      if (!s) this.unitDomainSet.set(u, (s = new Set()));
      s.add(d);
    }
    this.touch(d, K2);
  }

  private drop(d: Domain, K2: Set<string>): void {
    this.domainSet.delete(d);
    const base = baseName(d, this.host.domainNames());
    this.baseNames.get(base)?.delete(d);
    if (this.baseNames.get(base)?.size === 0) this.baseNames.delete(base);
    for (const f of d.functions) if (this.nodeDomain.get(f.key) === d) this.nodeDomain.delete(f.key);
    for (const t of d.triggers) if (this.nodeDomain.get(t.key) === d) this.nodeDomain.delete(t.key);
    for (const u of d.units) this.unitDomainSet.get(u)?.delete(d);
    this.touch(d, K2);
  }

  private touch(d: Domain, K2: Set<string>): void {
    for (const f of d.functions) K2.add('domain:' + f.key);
    for (const t of d.triggers) K2.add('domain:' + t.key);
    for (const u of d.units) K2.add('unitDomains:' + u);
  }

  /** The functions of a unit that use a resource key; indexed once per unit version (a big template is not quadratic). */
  private usersOf(factsId: string, key: string): FunctionNode[] {
    const nodes = this.host.fnNodesOf().get(factsId) ?? [];
    let index = usersCache.get(nodes);
    if (!index) {
      index = new Map();
      for (const n of nodes) {
        for (const k of this.host.usesOf(n)) {
          const list = index.get(k);
          if (list) list.push(n);
          else index.set(k, [n]);
        }
      }
      usersCache.set(nodes, index);
    }
    return index.get(key) ?? [];
  }

  /** Resources only this domain's functions use, in their own unit. */
  private resourcesOf(d: Domain): Domain['resources'] {
    const out: Domain['resources'] = [];
    const seen = new Set<string>();
    for (const f of d.functions) {
      for (const key of this.host.usesOf(f)) {
        if (seen.has(key)) continue;
        seen.add(key);
        const factsId = key.slice(0, key.lastIndexOf('#'));
        // A resource that triggers anything is not a supporting resource.
        if (this.host.triggerCount().has(key)) continue;
        const users = this.usersOf(factsId, key);
        if (users.some((n) => this.nodeDomain.get(n.key) !== d)) continue;
        const id = key.slice(key.lastIndexOf('#') + 1);
        const facts = this.host.byId().get(factsId)!;
        const r = facts.resources.get(id)!;
        out.push({ unit: this.host.unitOf(factsId), id, type: r.type, loc: r.loc, factsId });
      }
    }
    return out.sort((a, b) => (fnOrderKey(a.unit, a.loc) < fnOrderKey(b.unit, b.loc) ? -1 : 1));
  }
}
