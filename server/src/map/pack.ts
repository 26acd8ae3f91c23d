// Packing laid-out blocks into one picture of a target aspect ratio: shelves (rows) of blocks,
// the row width chosen among candidates so that the whole is closest to the target; and wrapping
// one block that is itself too long (a chain of 500 units laid out left to right) into bands.

export interface Size {
  w: number;
  h: number;
}

export interface Placed {
  x: number;
  y: number;
}

/** Rows of blocks no wider than `width`, in the given order; the places and the total size. */
export function shelves(items: readonly Size[], width: number, gap: number): { places: Placed[]; w: number; h: number } {
  const places: Placed[] = [];
  let x = 0;
  let y = 0;
  let rowH = 0;
  let w = 0;
  for (const it of items) {
    if (x > 0 && x + it.w > width) {
      y += rowH + gap;
      x = 0;
      rowH = 0;
    }
    places.push({ x, y });
    x += it.w + gap;
    w = Math.max(w, x - gap);
    rowH = Math.max(rowH, it.h);
  }
  return { places, w, h: y + rowH };
}

/** How far a width:height ratio is from the target (0 when equal, symmetric in log scale). */
export function aspectError(w: number, h: number, aspect: number): number {
  return Math.abs(Math.log(Math.max(w, 1) / Math.max(h, 1) / aspect));
}

/** Shelves of the items, with the row width that brings the whole closest to `aspect`. */
export function pack(items: readonly Size[], aspect: number, gap: number): { places: Placed[]; w: number; h: number } {
  if (!items.length) return { places: [], w: 0, h: 0 };
  const widest = Math.max(...items.map((i) => i.w));
  const total = items.reduce((s, i) => s + i.w + gap, 0);
  const area = items.reduce((s, i) => s + (i.w + gap) * (i.h + gap), 0);
  const ideal = Math.sqrt(area * aspect);
  const candidates = new Set<number>([widest, total]);
  for (let f = 0.5; f <= 2.5; f += 0.1) candidates.add(Math.max(widest, Math.min(total, ideal * f)));
  let best: { places: Placed[]; w: number; h: number } | undefined;
  for (const width of candidates) {
    const r = shelves(items, width, gap);
    if (!best || aspectError(r.w, r.h, aspect) < aspectError(best.w, best.h, aspect) - 1e-9) best = r;
  }
  return best!;
}

export interface Node extends Size {
  /** Centre, as dagre gives it. */
  x: number;
  y: number;
}

/**
 * Cuts a block laid out along one axis into bands placed side by side along the other, when it is
 * far longer than the target and than the picture (`room`): a chain becomes rows read left to right, a tall star columns.
 * Moves the nodes in place; returns the new size.
 */
export function wrap(nodes: Node[], size: Size, aspect: number, gap: number, room: Size): Size {
  const ratio = size.w / Math.max(size.h, 1);
  // Only a block longer than the whole picture would be: a short chain stays a row.
  const wide = ratio > aspect * 2 && size.w > room.w;
  const tall = ratio < aspect / 2 && size.h > room.h;
  if (!(wide || tall) || nodes.length < 4) return size;
  const bands = Math.max(2, Math.min(nodes.length, Math.round(Math.sqrt(wide ? ratio / aspect : aspect / ratio))));
  // Along the long axis, each band takes a slice of the nodes in order.
  const along = (n: Node) => (wide ? n.x : n.y);
  const sorted = [...nodes].sort((a, b) => along(a) - along(b));
  const per = Math.ceil(sorted.length / bands);
  let offset = 0;
  let cross = 0;
  for (let b = 0; b < bands; b++) {
    const slice = sorted.slice(b * per, (b + 1) * per);
    if (!slice.length) break;
    const lo = Math.min(...slice.map((n) => (wide ? n.x - n.w / 2 : n.y - n.h / 2)));
    const hi = Math.max(...slice.map((n) => (wide ? n.x + n.w / 2 : n.y + n.h / 2)));
    const cLo = Math.min(...slice.map((n) => (wide ? n.y - n.h / 2 : n.x - n.w / 2)));
    const cHi = Math.max(...slice.map((n) => (wide ? n.y + n.h / 2 : n.x + n.w / 2)));
    for (const n of slice) {
      if (wide) {
        n.x -= lo;
        n.y += offset - cLo;
      } else {
        n.y -= lo;
        n.x += offset - cLo;
      }
    }
    offset += cHi - cLo + gap * 2;
    cross = Math.max(cross, hi - lo);
  }
  offset -= gap * 2;
  return wide ? { w: cross, h: offset } : { w: offset, h: cross };
}
