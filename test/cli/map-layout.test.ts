// The map's layout uses the space (issue 11): from 5 to 500 units, in chains, stars and loners,
// the picture stays between 1:3 and 3:1, names every unit, and every edge joins drawn nodes.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { drawMap } from '../../server/src/map/draw';
import { estate } from './map-estate';
import { wellFormed } from './map-xml';

const attrs = (svg: string, name: string) => [...svg.matchAll(new RegExp(` ${name}="([^"]*)"`, 'g'))].map((m) => m[1]);

for (const n of [5, 50, 500])
  for (const shape of ['chain', 'stars', 'loners', 'mixed'] as const)
    test(`${n} units, ${shape}: between 1:3 and 3:1, every unit named, every edge between drawn nodes`, () => {
      const f = estate(n, shape);
      const { svg, width, height } = drawMap(f);
      const ratio = width / height;
      assert.ok(ratio >= 1 / 3 && ratio <= 3, `${width} x ${height}`);
      assert.match(svg, new RegExp(`^<svg xmlns="http://www.w3.org/2000/svg" class="sd-map" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`));
      assert.equal(wellFormed(svg), undefined);
      const units = new Set(attrs(svg, 'data-unit'));
      for (const u of f.units) assert.ok(units.has(u.id), u.id);
      const nodes = new Set(attrs(svg, 'data-node'));
      assert.equal(nodes.size, attrs(svg, 'data-node').length, 'node ids are unique');
      for (const id of [...attrs(svg, 'data-from'), ...attrs(svg, 'data-to')]) assert.ok(nodes.has(id), id);
      assert.equal(attrs(svg, 'data-from').length, new Set(f.edges.map((e) => `${e.from}>${e.to}>${e.kind}`)).size);
      // Nothing drawn outside the canvas.
      for (const m of svg.matchAll(/<rect x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="([\d.]+)"/g)) {
        assert.ok(+m[1] >= 0 && +m[2] >= 0 && +m[1] + +m[3] <= width + 0.5 && +m[2] + +m[4] <= height + 0.5, m[0]);
      }
    });

test('one unit, and a 500-unit picture: the canvas is padded, never narrower than 1:3', () => {
  for (const n of [1, 2]) {
    const { width, height } = drawMap(estate(n, 'loners'));
    assert.ok(width / height <= 3 && width / height >= 1 / 3, `${n}: ${width} x ${height}`);
  }
});

test('a target aspect ratio is an option', () => {
  const wide = drawMap(estate(60, 'loners'), { aspect: 2.5 });
  const tall = drawMap(estate(60, 'loners'), { aspect: 0.6 });
  assert.ok(wide.width / wide.height > tall.width / tall.height);
});
