// Templates a build step assembles from fragments (`rain merge`, `yq`, `cat` over a folder):
// each part refers to names its siblings define. The assembly of a template is the other
// templates of its folder, of its sub-folders, of its parent folder and of that folder's
// sub-folders; a name defined there cannot be proven missing.

import type { LinkView } from './link-view';
import type { UnitFacts } from './model';
import { dirname } from './paths';

function near(a: string, b: string): boolean {
  if (a === b) return true;
  const pa = dirname(a);
  const pb = dirname(b);
  // b is a sub-folder of a, a sibling folder, or the parent folder.
  return pb === a || (pa !== '' && pa === pb) || pa === b;
}

/** The templates that may be assembled with `facts` by a build step. */
export function assemblyOf(linked: LinkView, facts: UnitFacts): UnitFacts[] {
  const out: UnitFacts[] = [];
  for (const t of linked.units()) {
    if (t === facts || t.kind === 'serverless' || !near(facts.dir, t.dir)) continue;
    out.push(linked.factsOf(t.id)!);
  }
  return out;
}

/** The names a template defines for Ref, GetAtt, Sub, DependsOn and Condition. */
export function definedNames(f: UnitFacts): Set<string> {
  return new Set<string>([...f.resources.keys(), ...f.parameters, ...f.conditions, ...[...f.functions.values()].flatMap((x) => [x.id, x.logicalId])]);
}

/** Names each template defines, computed once per facts object (facts are immutable). */
const namesCache = new WeakMap<UnitFacts, { names: Set<string>; sam: string[] }>();
function namesOf(t: UnitFacts): { names: Set<string>; sam: string[] } {
  let c = namesCache.get(t);
  if (!c) namesCache.set(t, (c = { names: definedNames(t), sam: [...t.resources.values()].filter((r) => r.type.startsWith('AWS::Serverless::')).map((r) => r.id) }));
  return c;
}

/** Of `missing` (names a template does not define), those its assembly defines; empty when none does. */
export function definedByAssembly(linked: LinkView, facts: UnitFacts, missing: Iterable<string>): Set<string> {
  const wanted = [...missing];
  const out = new Set<string>();
  if (!wanted.length || facts.kind === 'serverless') return out;
  const parts = assemblyOf(linked, facts).map(namesOf);
  // SAM generates `<Function>Role`, `<Function>.Alias`, `<Api>Deployment`... for the parts' SAM resources.
  for (const w of wanted) if (parts.some((p) => p.names.has(w) || p.names.has(w.split('.')[0]) || p.sam.some((x) => w.startsWith(x)))) out.add(w);
  return out;
}
