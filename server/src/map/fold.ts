// Folding a large estate: units grouped by folder (the first folder under the one all units share)
// or, when grouping by pipeline, by the first pipeline that deploys them; each group of two or more
// units is drawn as one box with its counts, except the groups the user expanded.

import type { GraphUnit } from '../protocol/ext';
import type { Folder } from './boxes';
import type { PipelineColours } from './pipelines';

export interface Group {
  key: string;
  id: string;
  units: GraphUnit[];
  domains: number;
}

export const groupNodeId = (key: string) => `g:${key}`;
export const NO_PIPELINE = '(no pipeline)';
export const ROOT = '(root)';

function dirs(id: string): string[] {
  return id.split('/').slice(0, -1);
}

/** Each unit's group key: its folder one level under the folders every unit shares, or its first pipeline. */
export function groupKeys(folder: Folder, by: 'folder' | 'pipeline', colours?: PipelineColours): Map<string, string> {
  const keys = new Map<string, string>();
  if (by === 'pipeline') {
    for (const u of folder.units) keys.set(u.id, colours?.unitPipelines.get(u.id)?.[0] ?? NO_PIPELINE);
    return keys;
  }
  let common: string[] | undefined;
  for (const u of folder.units) {
    const d = dirs(u.id);
    if (!common) common = d;
    else {
      let i = 0;
      while (i < common.length && i < d.length && common[i] === d[i]) i++;
      common = common.slice(0, i);
    }
  }
  const depth = common?.length ?? 0;
  for (const u of folder.units) {
    const d = dirs(u.id);
    keys.set(u.id, d.length > depth ? d.slice(0, depth + 1).join('/') + '/' : ROOT);
  }
  return keys;
}

/** The groups to draw folded (two units or more, not expanded) and, for each folded unit, its group. */
export function fold(folder: Folder, keys: Map<string, string>, expanded: ReadonlySet<string>): { groups: Group[]; of: Map<string, Group> } {
  const byKey = new Map<string, GraphUnit[]>();
  for (const u of folder.units) {
    const k = keys.get(u.id)!;
    const list = byKey.get(k);
    if (list) list.push(u);
    else byKey.set(k, [u]);
  }
  const groups: Group[] = [];
  const of = new Map<string, Group>();
  for (const [key, units] of [...byKey].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (units.length < 2 || expanded.has(key)) continue;
    const ids = new Set(units.map((u) => u.id));
    const domains = folder.domains.filter((d) => d.units.some((u) => ids.has(u))).length;
    const g = { key, id: groupNodeId(key), units, domains };
    groups.push(g);
    for (const u of units) of.set(u.id, g);
  }
  return { groups, of };
}
