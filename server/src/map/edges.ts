// The map's edges: each graph edge attached to the node it concerns (a domain's part in a unit,
// else the unit box, or the group a folded unit is in), merged when several join the same two
// nodes with the same kind; code-only deploys from a pipeline to the function's domain; and the
// curve drawn between two boxes.

import type { GraphEdge, PipelinesResult } from '../protocol/ext';

type Location = GraphEdge['location'];
import type { Folder } from './boxes';
import { partNodeId, unitNodeId } from './boxes';
import type { EdgeKind } from './style';

export interface MapEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  /** The kind before a cycle restyled it. */
  base: string;
  labels: string[];
  location?: Location;
}

/**
 * The drawn edges. `nodeOf(unit, domain?)` names the node standing for a unit (or a domain's part
 * in it): the part, the unit box, or a folded group; undefined when the unit is not drawn.
 */
export function mapEdges(folder: Folder, nodeOf: (unit: string, domain?: string) => string | undefined): MapEdge[] {
  const out = new Map<string, MapEdge>();
  for (const e of folder.edges) {
    const from = nodeOf(e.from, e.fromDomain);
    const to = nodeOf(e.to, e.toDomain);
    if (!from || !to || from === to) continue;
    add(out, from, to, e.inCycle ? 'cycle' : (e.kind as GraphEdge['kind']), e.kind, `${e.kind}: ${e.label}`, e.location);
  }
  return [...out.values()];
}

function add(out: Map<string, MapEdge>, from: string, to: string, kind: EdgeKind, base: string, label: string, location?: Location): void {
  const key = `${from}\u0000${to}\u0000${kind}`;
  const e = out.get(key);
  if (e) e.labels.push(label);
  else out.set(key, { from, to, kind, base, labels: [label], location });
}

/** Code-only deploys of a folder's pipelines: pipeline id → the node of the function's domain part, with the command. */
export function codeDeployEdges(folder: Folder, pipelines: PipelinesResult | undefined, nodeOf: (unit: string, domain?: string) => string | undefined, pipelineNode: (id: string) => string): MapEdge[] {
  const f = pipelines?.folders.find((x) => x.uri === folder.uri);
  if (!f) return [];
  const out = new Map<string, MapEdge>();
  for (const p of f.pipelines)
    for (const j of p.jobs)
      for (const c of j.codeDeploys) {
        if (!c.unit || !c.fn) continue;
        const d = folder.domains.find((x) => x.functions.some((fn) => fn.unit === c.unit && fn.id === c.fn));
        const to = nodeOf(c.unit, d?.name);
        if (to) add(out, pipelineNode(p.id), to, 'codedeploy', 'codedeploy', `code-only deploy: ${c.command}`, c.location);
      }
  return [...out.values()];
}

export const defaultNodeOf = (unit: string, domain?: string) => (domain ? partNodeId(domain, unit) : unitNodeId(unit));

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * A curve from the side of `a` facing `b` to the side of `b` facing `a`; `fa` and `fb` (0 to 1)
 * say where along each side, so that edges meeting one box do not all meet at one point.
 */
export function curve(a: Rect, b: Rect, fa = 0.5, fb = 0.5): string {
  const f = (n: number) => n.toFixed(1);
  // A frame holding the other end (a pipeline around the units it deploys): from under its label.
  if (b.x >= a.x && b.y >= a.y && b.x + b.w <= a.x + a.w && b.y + b.h <= a.y + a.h) {
    const x1 = a.x + 6;
    const y1 = a.y + 18;
    const y2 = b.y + b.h * fb;
    return `M${f(x1)},${f(y1)} C${f(x1)},${f(y2)} ${f(x1)},${f(y2)} ${f(b.x)},${f(y2)}`;
  }
  if (b.x >= a.x + a.w + 8 || a.x >= b.x + b.w + 8) {
    const right = b.x + b.w / 2 > a.x + a.w / 2;
    const x1 = right ? a.x + a.w : a.x;
    const x2 = right ? b.x : b.x + b.w;
    const y1 = a.y + a.h * fa;
    const y2 = b.y + b.h * fb;
    const dx = Math.max(30, Math.abs(x2 - x1) / 2) * (right ? 1 : -1);
    return `M${f(x1)},${f(y1)} C${f(x1 + dx)},${f(y1)} ${f(x2 - dx)},${f(y2)} ${f(x2)},${f(y2)}`;
  }
  const down = b.y + b.h / 2 > a.y + a.h / 2;
  const x1 = a.x + a.w * fa;
  const x2 = b.x + b.w * fb;
  const y1 = down ? a.y + a.h : a.y;
  const y2 = down ? b.y : b.y + b.h;
  const dy = Math.max(30, Math.abs(y2 - y1) / 2) * (down ? 1 : -1);
  return `M${f(x1)},${f(y1)} C${f(x1)},${f(y1 + dy)} ${f(x2)},${f(y2 - dy)} ${f(x2)},${f(y2)}`;
}

/** Where each edge meets each of its two boxes: the edges at one box spread along it, ordered by where their other end is. */
export function spread(edges: readonly MapEdge[], rect: (node: string) => Rect | undefined): Map<MapEdge, [number, number]> {
  const at = new Map<string, Array<{ e: MapEdge; end: 0 | 1; key: number }>>();
  for (const e of edges) {
    const a = rect(e.from);
    const b = rect(e.to);
    if (!a || !b) continue;
    const push = (node: string, end: 0 | 1, other: Rect) => {
      const list = at.get(node) ?? [];
      list.push({ e, end, key: other.y + other.h / 2 + (other.x + other.w / 2) / 1e6 });
      at.set(node, list);
    };
    push(e.from, 0, b);
    push(e.to, 1, a);
  }
  const out = new Map<MapEdge, [number, number]>();
  for (const list of at.values()) {
    list.sort((x, y) => x.key - y.key);
    // Within the middle 70% of the side.
    list.forEach((x, i) => {
      const pos = out.get(x.e) ?? [0.5, 0.5];
      pos[x.end] = list.length === 1 ? 0.5 : 0.15 + (0.7 * i) / (list.length - 1);
      out.set(x.e, pos);
    });
  }
  return out;
}
