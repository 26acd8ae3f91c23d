// The map page's pure parts: fitting, zooming, panning and centring a view box, and matching a
// search against the nodes' `data-search` words. Written as one self-contained factory so the page
// embeds exactly this code (`(${mapMath})()`, which survives minification: the factory refers to
// nothing outside itself) and the unit tests call the same functions (test/cli/map-page.test.ts).

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Size {
  w: number;
  h: number;
}

export interface SearchEntry {
  id: string;
  text: string;
}

export function mapMath() {
  /** The most a fit magnifies a small drawing (past that, boxes and text look blown up). */
  const MAX_FIT = 1.25;
  /** Zoom limits: from a quarter of the fitted scale (or 0.02) to 8 (eight screen pixels a unit). */
  const MAX_SCALE = 8;

  /** Screen pixels per drawing unit; the view box always has the panel's aspect. */
  function scaleOf(vb: Box, client: Size): number {
    return client.w / vb.w;
  }

  /** The view box that shows `content` whole and centred in a panel of `client`'s size, with `pad` pixels around. */
  function fit(content: Box, client: Size, pad = 16): Box {
    const cw = Math.max(1, client.w);
    const ch = Math.max(1, client.h);
    const s = Math.max(1e-3, Math.min((cw - 2 * pad) / Math.max(1, content.w), (ch - 2 * pad) / Math.max(1, content.h), MAX_FIT));
    const w = cw / s;
    const h = ch / s;
    return { x: content.x + content.w / 2 - w / 2, y: content.y + content.h / 2 - h / 2, w, h };
  }

  function limits(content: Box, client: Size): { min: number; max: number } {
    const fitted = scaleOf(fit(content, client), client);
    return { min: Math.min(fitted / 4, 0.02), max: Math.max(MAX_SCALE, fitted) };
  }

  /** The drawing's point under a panel pixel. */
  function toSvg(vb: Box, client: Size, px: number, py: number): { x: number; y: number } {
    return { x: vb.x + (px * vb.w) / client.w, y: vb.y + (py * vb.h) / client.h };
  }

  /** Zooms by `factor` (above 1: in) keeping the drawing's point `p` where it is on screen; the scale stays within `lim`. */
  function zoomAt(vb: Box, client: Size, factor: number, p: { x: number; y: number }, lim: { min: number; max: number }): Box {
    const s = scaleOf(vb, client);
    const target = Math.min(lim.max, Math.max(lim.min, s * factor));
    const f = target / s;
    if (!isFinite(f) || f <= 0) return vb;
    return { x: p.x - (p.x - vb.x) / f, y: p.y - (p.y - vb.y) / f, w: vb.w / f, h: vb.h / f };
  }

  /** Moves the view by panel pixels (the drawing follows the pointer). */
  function pan(vb: Box, client: Size, dx: number, dy: number): Box {
    return { x: vb.x - (dx * vb.w) / client.w, y: vb.y - (dy * vb.h) / client.h, w: vb.w, h: vb.h };
  }

  /** Centres `box` at a readable scale (at least `readable`, unless the box would not fit in 80% of the panel). */
  function centreOn(vb: Box, client: Size, box: Box, readable = 0.8): Box {
    const fitsAt = Math.min((0.8 * client.w) / Math.max(1, box.w), (0.8 * client.h) / Math.max(1, box.h));
    const s = Math.min(Math.max(scaleOf(vb, client), readable), fitsAt);
    const w = client.w / s;
    const h = client.h / s;
    return { x: box.x + box.w / 2 - w / 2, y: box.y + box.h / 2 - h / 2, w, h };
  }

  /** After the panel resized: the same centre and scale, the new aspect. */
  function resize(vb: Box, before: Size, after: Size): Box {
    const s = scaleOf(vb, before);
    const w = after.w / s;
    const h = after.h / s;
    return { x: vb.x + vb.w / 2 - w / 2, y: vb.y + vb.h / 2 - h / 2, w, h };
  }

  /**
   * The ids of the entries matching every word of the query, best first: a whole word scores 3,
   * the start of a word 2, anywhere else 1 (a word of a path like `orders/serverless.yml` is also
   * each of its `/`, `.`, `-`, `_` separated parts). Ties keep the entries' order.
   */
  function matchSearch(entries: SearchEntry[], query: string): string[] {
    const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (!terms.length) return [];
    const scored: Array<{ id: string; score: number; i: number }> = [];
    entries.forEach((e, i) => {
      const text = e.text.toLowerCase();
      const words = text.split(/\s+/).flatMap((w) => [w, ...w.split(/[/.\-_:]+/)]).filter(Boolean);
      let score = 0;
      for (const t of terms) {
        const s = words.includes(t) ? 3 : words.some((w) => w.startsWith(t)) ? 2 : text.includes(t) ? 1 : 0;
        if (!s) return;
        score += s;
      }
      scored.push({ id: e.id, score, i });
    });
    return scored.sort((a, b) => b.score - a.score || a.i - b.i).map((s) => s.id);
  }

  return { scaleOf, fit, limits, toSvg, zoomAt, pan, centreOn, resize, matchSearch };
}

export type MapMath = ReturnType<typeof mapMath>;
