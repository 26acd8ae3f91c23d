// The link pass's look-ups: name indexes that record which keys a computation read (for the
// incremental cache), and the list helpers that keep them ordered.

/** The name indexes a look-up can read: what a cached result depends on. */
export type IndexPrefix = 'export:' | 'stack:' | 'ssm:';

/**
 * A dependency key: one piece of link state a computation read. The link pass names the keys
 * whose state changed (`changedKeys`); results that read one of them are computed again. Typed,
 * so a key written with a typo does not silently depend on nothing.
 */
export type DepKey =
  | `${IndexPrefix}${string}`
  | `list:${IndexPrefix}`
  | `facts:${string}`
  | `children:${string}`
  | `exportsuffix:${string}`
  | `phys:${string}`
  | `fnname:${string}`
  | `invoked:${string}`
  | `consumed:${string}`
  | `domain:${string}`
  | `unitDomains:${string}`
  | `cycle:${string}`
  | `deployer:${string}`
  | `links:${string}`
  | `fnwirings:${string}`
  | 'list:roots'
  | 'list:units'
  | 'list:fnnames'
  | 'list:wirings'
  | 'scripts'
  | 'pipelines';

/** Records the index keys a computation reads. */
export class Tracker {
  private readonly open: Array<Set<string>> = [];
  begin(): void {
    this.open.push(new Set());
  }
  end(): Set<string> {
    return this.open.pop() ?? new Set();
  }
  touch(key: DepKey): void {
    for (const s of this.open) s.add(key);
  }
}

/** Of several candidates, the one whose path shares the longest folder prefix with `from`. */
export function nearest<T>(list: T[] | undefined, idOf: (x: T) => string, from: string): T | undefined {
  if (!list || list.length === 0) return undefined;
  if (list.length === 1) return list[0];
  // The referring unit's own definition comes first: a twin elsewhere (a copy, an alternative) never shadows it.
  const own = list.find((x) => idOf(x) === from);
  if (own) return own;
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

/** Look-ups by name; where several units share a name, the nearest one to the referring unit wins. */
export class NearestMap<T> {
  constructor(
    private readonly lists: Map<string, T[]>,
    private readonly idOf: (x: T) => string,
    private readonly tracker: Tracker,
    private readonly prefix: IndexPrefix,
  ) {}
  get(key: string, from: string): T | undefined {
    this.tracker.touch(`${this.prefix}${key}`);
    return nearest(this.lists.get(key), this.idOf, from);
  }
  has(key: string): boolean {
    this.tracker.touch(`${this.prefix}${key}`);
    return this.lists.has(key);
  }
  keys(): string[] {
    this.tracker.touch(`list:${this.prefix}`);
    return [...this.lists.keys()];
  }
  /** Every entry: the reader depends on the list and on each value it sees. */
  entries(): Array<[string, T]> {
    this.tracker.touch(`list:${this.prefix}`);
    for (const k of this.lists.keys()) this.tracker.touch(`${this.prefix}${k}`);
    return [...this.lists].map(([k, v]) => [k, v[0]]);
  }
}

export function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const cur = m.get(k);
  if (cur) cur.push(v);
  else m.set(k, [v]);
}

/** Inserts keeping the list ordered by unit path, so ties resolve the same whatever the order of edits. */
export function pushSorted<K, V>(m: Map<K, V[]>, k: K, v: V, idOf: (x: V) => string): void {
  const cur = m.get(k);
  if (!cur) {
    m.set(k, [v]);
    return;
  }
  const id = idOf(v);
  let i = cur.length;
  while (i > 0 && idOf(cur[i - 1]) > id) i--;
  cur.splice(i, 0, v);
}

export function pull<K, V>(m: Map<K, V[]>, k: K, match: (v: V) => boolean): void {
  const cur = m.get(k);
  if (!cur) return;
  const rest = cur.filter((v) => !match(v));
  if (rest.length) m.set(k, rest);
  else m.delete(k);
}
