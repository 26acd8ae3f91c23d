// The engine's view of a YAML or JSON document: a small tree with source locations.
//
// Aliases are not copied: an alias node points at its anchor's node, so an alias bomb costs
// nothing to build. Accessors (`deref`, `get`, `entries`) look through aliases and merge keys;
// deep walks (`walk`) skip alias nodes and merged entries, because those parts of the tree are
// walked where they are written. That keeps every walk linear in the size of the source.

import type { Loc } from './types';

export interface RBase {
  loc: Loc;
  /** A YAML tag such as `!Ref`, when the node had one. */
  tag?: string;
}

export interface REntry {
  key: string;
  keyLoc: Loc;
  value: RNode;
  /** The entry came from a `<<` merge key and is written elsewhere. */
  merged?: boolean;
}

export interface RMap extends RBase {
  k: 'map';
  entries: REntry[];
}

export interface RSeq extends RBase {
  k: 'seq';
  items: RNode[];
}

export interface RScalar extends RBase {
  k: 'scalar';
  value: string | number | boolean | null;
  /** Plain (unquoted) scalars are the ones a fix may rewrite in place without re-quoting. */
  plain?: boolean;
}

export interface RAlias extends RBase {
  k: 'alias';
  target: RNode | undefined;
}

export type RNode = RMap | RSeq | RScalar | RAlias;

export function deref(n: RNode | undefined): RNode | undefined {
  let guard = 0;
  while (n && n.k === 'alias' && guard++ < 64) n = n.target;
  return n && n.k === 'alias' ? undefined : n;
}

export function isMap(n: RNode | undefined): n is RMap {
  return deref(n)?.k === 'map';
}

export function asMap(n: RNode | undefined): RMap | undefined {
  const d = deref(n);
  return d && d.k === 'map' ? d : undefined;
}

export function asSeq(n: RNode | undefined): RSeq | undefined {
  const d = deref(n);
  return d && d.k === 'seq' ? d : undefined;
}

/** The entry for a key: of duplicate keys the last written one wins (as in most YAML loaders); an own entry beats a merged one. */
export function getEntry(n: RNode | undefined, key: string): REntry | undefined {
  const m = asMap(n);
  if (!m) return undefined;
  let own: REntry | undefined;
  let merged: REntry | undefined;
  for (const e of m.entries) {
    if (e.key !== key) continue;
    if (!e.merged) own = e;
    else if (!merged) merged = e;
  }
  return own ?? merged;
}

export function get(n: RNode | undefined, key: string): RNode | undefined {
  const e = getEntry(n, key);
  return e ? deref(e.value) : undefined;
}

export function getPath(n: RNode | undefined, ...keys: string[]): RNode | undefined {
  let cur = n;
  for (const k of keys) {
    cur = get(cur, k);
    if (!cur) return undefined;
  }
  return cur;
}

/** Entries of a map, own entries shadowing merged ones, in source order. */
export function entries(n: RNode | undefined): REntry[] {
  const m = asMap(n);
  if (!m) return [];
  if (!m.entries.some((e) => e.merged)) return m.entries;
  const own = new Set(m.entries.filter((e) => !e.merged).map((e) => e.key));
  const seen = new Set<string>();
  return m.entries.filter((e) => {
    if (e.merged && (own.has(e.key) || seen.has(e.key))) return false;
    seen.add(e.key);
    return true;
  });
}

export function items(n: RNode | undefined): RNode[] {
  const s = asSeq(n);
  return s ? s.items : [];
}

/** A scalar's value as a string (numbers and booleans too), or undefined. Ignores tags. */
export function str(n: RNode | undefined): string | undefined {
  const d = deref(n);
  if (!d || d.k !== 'scalar' || d.value === null) return undefined;
  return typeof d.value === 'string' ? d.value : String(d.value);
}

/** A plain (untagged) scalar's value as a string: `!ImportValue x` is not the string "x". */
export function plainStr(n: RNode | undefined): string | undefined {
  const d = deref(n);
  if (!d || d.tag) return undefined;
  return str(d);
}

/** Depth-first walk of the nodes written in the source (aliases and merged entries are not followed). */
export function walk(
  n: RNode | undefined,
  visit: (node: RNode, path: readonly string[]) => boolean | void,
  path: string[] = [],
): void {
  if (!n || n.k === 'alias') return;
  if (visit(n, path) === false) return;
  if (n.k === 'map') {
    for (const e of n.entries) {
      if (e.merged) continue;
      path.push(e.key);
      walk(e.value, visit, path);
      path.pop();
    }
  } else if (n.k === 'seq') {
    for (let i = 0; i < n.items.length; i++) {
      path.push(String(i));
      walk(n.items[i], visit, path);
      path.pop();
    }
  }
}

export function scalar(value: string, loc: Loc, tag?: string): RScalar {
  return tag ? { k: 'scalar', value, loc, tag } : { k: 'scalar', value, loc };
}
