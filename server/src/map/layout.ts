// Laying out boxes and the links between them so that the picture uses its space: the graph is
// split into connected components, each laid out by dagre (left to right: a box refers to the
// ones on its right... or left; dagre decides) and wrapped into bands when too long; boxes with no
// link are set in a grid in their given order; and everything is packed towards a target aspect.

import * as dagre from '@dagrejs/dagre';
import { type Node, pack, type Size, wrap } from './pack';

export interface LayoutBox extends Size {
  id: string;
}

export interface Layout {
  /** Top-left corner of each box. */
  at: Map<string, { x: number; y: number }>;
  w: number;
  h: number;
}

export const GAP = 28;

/** Components of the undirected link graph, in the order of their first box. */
function components(boxes: readonly LayoutBox[], links: ReadonlyArray<[string, string]>): LayoutBox[][] {
  const parent = new Map<string, string>(boxes.map((b) => [b.id, b.id]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    let c = x;
    while (c !== r) {
      const n = parent.get(c)!;
      parent.set(c, r);
      c = n;
    }
    return r;
  };
  for (const [a, b] of links) if (parent.has(a) && parent.has(b)) parent.set(find(a), find(b));
  const groups = new Map<string, LayoutBox[]>();
  for (const b of boxes) {
    const r = find(b.id);
    const list = groups.get(r);
    if (list) list.push(b);
    else groups.set(r, [b]);
  }
  return [...groups.values()];
}

function dagreBlock(boxes: LayoutBox[], links: ReadonlyArray<[string, string]>, aspect: number, room: Size): { nodes: Array<Node & { id: string }>; size: Size } {
  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 90, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(boxes.map((b) => b.id));
  for (const b of boxes) g.setNode(b.id, { width: b.w, height: b.h });
  for (const [a, b] of links) if (a !== b && ids.has(a) && ids.has(b) && !g.hasEdge(a, b) && !g.hasEdge(b, a)) g.setEdge(a, b);
  dagre.layout(g);
  const nodes = boxes.map((b) => {
    const n = g.node(b.id) as { x: number; y: number };
    return { id: b.id, x: n.x, y: n.y, w: b.w, h: b.h };
  });
  const left = Math.min(...nodes.map((n) => n.x - n.w / 2));
  const top = Math.min(...nodes.map((n) => n.y - n.h / 2));
  for (const n of nodes) {
    n.x -= left;
    n.y -= top;
  }
  let size = { w: Math.max(...nodes.map((n) => n.x + n.w / 2)), h: Math.max(...nodes.map((n) => n.y + n.h / 2)) };
  size = wrap(nodes, size, aspect, GAP, room);
  return { nodes, size };
}

/** Positions for every box: linked ones by component, the rest in a grid, all packed towards `aspect` (width / height). */
export function layoutBoxes(boxes: readonly LayoutBox[], links: ReadonlyArray<[string, string]>, aspect: number): Layout {
  const at = new Map<string, { x: number; y: number }>();
  const comps = components(boxes, links);
  const linked = comps.filter((c) => c.length > 1);
  const loners = comps.filter((c) => c.length === 1).map((c) => c[0]);
  const blocks: Array<Size & { put: (x: number, y: number) => void }> = [];
  // The size the whole picture would have at the target aspect, with room for the gaps.
  const area = boxes.reduce((s, b) => s + (b.w + GAP * 2) * (b.h + GAP), 0);
  const room = { w: Math.sqrt(area * aspect), h: Math.sqrt(area / aspect) };
  for (const c of linked) {
    const { nodes, size } = dagreBlock(c, links, aspect, room);
    blocks.push({ ...size, put: (x, y) => nodes.forEach((n) => at.set(n.id, { x: x + n.x - n.w / 2, y: y + n.y - n.h / 2 })) });
  }
  // Larger components first; the loners' grid last, as one block.
  blocks.sort((a, b) => b.w * b.h - a.w * a.h);
  if (loners.length) {
    const grid = pack(loners, aspect, GAP);
    blocks.push({ w: grid.w, h: grid.h, put: (x, y) => loners.forEach((b, i) => at.set(b.id, { x: x + grid.places[i].x, y: y + grid.places[i].y })) });
  }
  const all = pack(blocks, aspect, GAP * 2);
  blocks.forEach((b, i) => b.put(all.places[i].x, all.places[i].y));
  return { at, w: all.w, h: all.h };
}
