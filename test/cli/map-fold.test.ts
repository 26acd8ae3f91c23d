// Large estates fold by folder (or by pipeline when grouping by pipeline) into group boxes with
// their counts; an expanded group is drawn unfolded; nothing folds unless asked.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { drawMap } from '../../server/src/map/draw';
import type { PipelineColours } from '../../server/src/map/pipelines';
import { estate } from './map-estate';

const attrs = (svg: string, name: string) => [...svg.matchAll(new RegExp(` ${name}="([^"]*)"`, 'g'))].map((m) => m[1]);

test('over the threshold, units fold by the folder under the one they share; the groups show their counts', () => {
  const f = estate(200, 'mixed', 5);
  const { svg, width, height } = drawMap(f, { foldAbove: 80 });
  assert.deepEqual(attrs(svg, 'data-group').sort(), ['services-0/', 'services-1/', 'services-2/', 'services-3/', 'services-4/']);
  assert.equal(attrs(svg, 'data-unit').length, 0);
  assert.match(svg, /data-kind="group" data-group="services-0\/"/);
  assert.match(svg, />40 units · \d+ domains</);
  assert.ok(width / height >= 1 / 3 && width / height <= 3);
  const nodes = new Set(attrs(svg, 'data-node'));
  for (const id of [...attrs(svg, 'data-from'), ...attrs(svg, 'data-to')]) assert.ok(nodes.has(id), id);
  // A folded group can be found by the units it holds.
  assert.match(svg, /data-group="services-1\/" data-search="[^"]*services-1\/svc-1\/serverless.yml/);
});

test('an expanded group is drawn unfolded, the others stay folded', () => {
  const f = estate(200, 'mixed', 5);
  const svg = drawMap(f, { foldAbove: 80, expanded: ['services-2/'] }).svg;
  assert.equal(attrs(svg, 'data-group').length, 4);
  const units = attrs(svg, 'data-unit');
  assert.equal(units.length, 40);
  assert.ok(units.every((u) => u.startsWith('services-2/')));
});

test('under the threshold, or with no threshold, nothing folds', () => {
  const f = estate(200, 'mixed', 5);
  assert.equal(attrs(drawMap(f, { foldAbove: 500 }).svg, 'data-group').length, 0);
  assert.equal(attrs(drawMap(f).svg, 'data-unit').length, 200);
});

test('grouped by pipeline, units fold by the first pipeline that deploys them', () => {
  const f = estate(100, 'loners', 2);
  const colours: PipelineColours = { unitPipelines: new Map(f.units.slice(0, 60).map((u, i) => [u.id, [i < 30 ? 'a.yml' : 'b.yml']])), index: new Map([['a.yml', 0], ['b.yml', 1]]) };
  const svg = drawMap(f, { colours, groupBy: 'pipeline', foldAbove: 50 }).svg;
  assert.deepEqual(attrs(svg, 'data-group').sort(), ['(no pipeline)', 'a.yml', 'b.yml']);
});
