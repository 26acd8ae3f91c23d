// The map's legend, generated from the table of edge kinds (style.ts), so that every kind drawn
// is named with the same colour and dash; then what the node styles mean.

import { EDGE_STYLES } from './style';
import { esc, textWidth } from './svg-text';

const ROW = 20;
const SWATCH = 34;

/** The legend as an SVG group at (x, y), wrapped to `maxWidth`; its size. */
export function legend(x: number, y: number, maxWidth: number): { svg: string; w: number; h: number } {
  const items: Array<{ w: number; draw: (ix: number, iy: number) => string }> = EDGE_STYLES.map((s) => ({
    w: SWATCH + 6 + textWidth(s.legend, 6.9) + 18,
    draw: (ix, iy) => `<g class="legend-item" data-edge-kind="${s.kind}"><path class="edge e-${s.kind}" d="M${ix},${iy + 10} L${ix + SWATCH},${iy + 10}"/><text x="${ix + SWATCH + 6}" y="${iy + 14}" class="muted">${esc(s.legend)}</text></g>`,
  }));
  const notes = 'dashed domain: split across units · ⚠ findings · red box: in a deploy cycle';
  items.push({ w: textWidth(notes, 6.9) + 10, draw: (ix, iy) => `<text x="${ix}" y="${iy + 14}" class="muted">${esc(notes)}</text>` });
  const parts: string[] = [];
  let cx = 8;
  let cy = 6;
  let w = 0;
  for (const it of items) {
    if (cx > 8 && cx + it.w > maxWidth) {
      cx = 8;
      cy += ROW;
    }
    parts.push(it.draw(x + cx, y + cy));
    cx += it.w;
    w = Math.max(w, cx);
  }
  const h = cy + ROW + 6;
  return { svg: `<g class="legend"><rect x="${x}" y="${y}" width="${w}" height="${h}" rx="4"/>${parts.join('')}</g>`, w, h };
}
