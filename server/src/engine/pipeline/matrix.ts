// A literal matrix expanded into its combinations: GitHub `strategy.matrix` (keys of lists,
// `include` entries that extend matching combinations or add their own, `exclude`) and GitLab
// `parallel: matrix` (a list of maps of lists). Anything not literal marks the matrix unknown.

import type { RNode } from '../tree';
import { deref, entries, items, str } from '../tree';
import type { Matrix } from './model';

const MAX = 256;

type Combo = Record<string, string>;

function literal(n: RNode | undefined): string | undefined {
  const s = str(n);
  return s === undefined || s.includes('${{') ? undefined : s;
}

/** The values of one key: a list of scalars, or one scalar; undefined when not literal. */
function values(n: RNode | undefined): string[] | undefined {
  const d = deref(n);
  if (!d) return undefined;
  if (d.k === 'scalar') {
    const v = literal(d);
    return v === undefined ? undefined : [v];
  }
  if (d.k !== 'seq') return undefined;
  const out: string[] = [];
  for (const it of items(d)) {
    const v = literal(it);
    if (v === undefined) return undefined;
    out.push(v);
  }
  return out;
}

function product(keys: Array<[string, string[]]>, m: Matrix): Combo[] {
  let combos: Combo[] = [{}];
  for (const [k, vs] of keys) {
    const next: Combo[] = [];
    for (const c of combos) for (const v of vs) if (next.length < MAX) next.push({ ...c, [k]: v });
    if (combos.length * vs.length > MAX) m.unknown = true;
    combos = next;
  }
  return combos;
}

function literalMap(n: RNode | undefined): Combo | undefined {
  const out: Combo = {};
  for (const e of entries(n)) {
    const v = literal(e.value);
    if (v === undefined) return undefined;
    out[e.key] = v;
  }
  return out;
}

/** GitHub `strategy.matrix`. */
export function expandMatrix(n: RNode | undefined): Matrix {
  const m: Matrix = { combinations: [] };
  const d = deref(n);
  if (!d || d.k !== 'map') {
    m.unknown = true;
    return m;
  }
  const keys: Array<[string, string[]]> = [];
  for (const e of entries(d)) {
    if (e.key === 'include' || e.key === 'exclude') continue;
    const vs = values(e.value);
    if (vs === undefined) m.unknown = true;
    else keys.push([e.key, vs]);
  }
  let combos = keys.length ? product(keys, m) : [];
  const base = new Set(keys.map(([k]) => k));
  for (const x of items(deref(entries(d).find((e) => e.key === 'exclude')?.value))) {
    const ex = literalMap(x);
    if (!ex) continue;
    combos = combos.filter((c) => !Object.entries(ex).every(([k, v]) => c[k] === v));
  }
  const include = entries(d).find((e) => e.key === 'include')?.value;
  if (include && deref(include)?.k !== 'seq') m.unknown = true;
  const originals = combos.length;
  for (const x of items(include)) {
    const inc = literalMap(x);
    if (!inc) {
      m.unknown = true;
      continue;
    }
    const matching = combos.slice(0, originals).filter((c) => Object.entries(inc).every(([k, v]) => !base.has(k) || c[k] === v));
    if (matching.length) for (const c of matching) Object.assign(c, inc);
    else if (combos.length < MAX) combos.push({ ...inc });
  }
  m.combinations = combos;
  return m;
}

/** GitLab `parallel: matrix`: each map of the list gives the product of its keys' values. */
export function expandGitlabMatrix(n: RNode | undefined): Matrix {
  const m: Matrix = { combinations: [] };
  for (const it of items(n)) {
    const keys: Array<[string, string[]]> = [];
    for (const e of entries(it)) {
      const vs = values(e.value);
      if (vs === undefined) m.unknown = true;
      else keys.push([e.key, vs]);
    }
    if (keys.length) m.combinations.push(...product(keys, m).slice(0, MAX - m.combinations.length));
  }
  return m;
}
