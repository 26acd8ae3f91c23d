// Keys, orders and graph algorithms of the link pass: function keys, the order of domains, and
// strongly connected components for deploy cycles.

import type { Domain, FunctionNode } from './link-types';
import type { Loc } from './types';

export function fnKey(unit: string, factsId: string, fnId: string): string {
  return `fn:${unit}#${factsId}#${fnId}`;
}

export function fnOrderKey(unit: string, loc: Loc): string {
  return `${unit}\u0000${loc.file}\u0000${String(loc.start).padStart(9, '0')}`;
}

/** The order of domains in `Linked.domains`: by their first function. */
export function domainOrder(d: Domain): string {
  return fnOrder(d.functions[0]);
}

export function fnOrder(n: FunctionNode): string {
  return fnOrderKey(n.unit, n.fn.loc);
}

export function baseName(d: Domain, names: Record<string, string> = {}): string {
  return names[d.defaultName] ?? names[`${d.units[0]}:${d.defaultName}`] ?? d.defaultName;
}

/** Tarjan's strongly connected components, iterative: a chain of thousands of units must not overflow the stack. */
export function stronglyConnected(nodes: string[], edges: Map<string, Set<string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  for (const root of nodes) {
    if (idx.has(root)) continue;
    const work: Array<{ v: string; it: Iterator<string> }> = [];
    const enter = (v: string) => {
      idx.set(v, index);
      low.set(v, index);
      index++;
      stack.push(v);
      onStack.add(v);
      work.push({ v, it: (edges.get(v) ?? new Set<string>()).values() });
    };
    enter(root);
    while (work.length) {
      const top = work[work.length - 1];
      const next = top.it.next();
      if (!next.done) {
        const w = next.value;
        if (!idx.has(w)) enter(w);
        else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v)!, idx.get(w)!));
        continue;
      }
      work.pop();
      const v = top.v;
      if (work.length) {
        const parent = work[work.length - 1].v;
        low.set(parent, Math.min(low.get(parent)!, low.get(v)!));
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
    }
  }
  return out;
}

// A name whose own part is wildcards or blanks: `*`, `*_*`, an execute-api ARN ending in `/*`, `arn:aws:logs:*:*:log-group:*`.
export function unresolvedName(name: string): boolean {
  // A logical ID (`Q`) is a name however short; a physical name with unresolved parts (`*`, `*_*`) is not.
  if (/^[A-Za-z0-9]+$/.test(name)) return false;
  if ((name.match(/[A-Za-z0-9]/g) ?? []).length < 3) return true;
  const arn = /^arn:[^:]*:[^:]*:[^:]*:[^:]*:(.*)$/s.exec(name);
  if (!arn) return false;
  const last = arn[1].split(/[:/]/).filter((x) => x !== '').pop() ?? '';
  return !/[A-Za-z0-9]/.test(last);
}
