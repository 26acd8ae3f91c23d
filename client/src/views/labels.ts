// Short names for units, so tree labels fit a sidebar: a unit is named by its folder when its
// file has a conventional name (`services/orders/serverless.yml` is `orders`), by its file
// otherwise; more of the path is added only where two units would share a name. The full
// path goes in the tooltip.

const CONVENTIONAL = /^(serverless(-compose)?\.(ya?ml|json|js|ts)|template\.(ya?ml|json)|.*\.tf(\.json)?)$/i;

function candidate(id: string, depth: number): string {
  const parts = id.split('/').filter(Boolean);
  const base = parts.pop() ?? id;
  const dirs = parts.slice(Math.max(0, parts.length - depth));
  if (CONVENTIONAL.test(base) && parts.length) return dirs.join('/');
  return [...parts.slice(Math.max(0, parts.length - depth + 1)), base].join('/');
}

/** The short name of each unit id, unique among `ids`. */
export function shortNames(ids: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  let pending = [...new Set(ids)];
  for (let depth = 1; pending.length; depth++) {
    const names = new Map<string, string[]>();
    for (const id of pending) names.set(candidate(id, depth), [...(names.get(candidate(id, depth)) ?? []), id]);
    const next: string[] = [];
    for (const [name, owners] of names) {
      // A name shared by units whose path has run out stays shared (it is then the whole path).
      if (owners.length === 1 || owners.every((o) => candidate(o, depth + 1) === name)) for (const o of owners) out.set(o, name);
      else next.push(...owners);
    }
    pending = next;
  }
  return out;
}
