// The domain map's drawing (server/src/map/draw.ts, pure): units hold their domains; grouped
// by pipeline, each unit sits inside the box of the first pipeline that deploys it, and a unit no
// pipeline deploys sits in none.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { drawMap } from '../../server/src/map/draw';
import type { PipelineColours } from '../../server/src/map/pipelines';

const folder = {
  uri: 'file:///ws',
  name: 'ws',
  units: ['a/serverless.yml', 'b/template.yaml', 'c/template.yaml'].map((id) => ({ id, kind: 'sam', stackName: id.split('/')[0], location: { uri: 'file:///ws/' + id, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } })),
  domains: [{ name: 'Queue', units: ['a/serverless.yml'], functions: [], triggers: [] }],
  edges: [],
} as unknown as Parameters<typeof drawMap>[0];

const colours: PipelineColours = {
  unitPipelines: new Map([
    ['a/serverless.yml', ['.github/workflows/x.yml']],
    ['b/template.yaml', ['.github/workflows/y.yml', '.github/workflows/x.yml']],
  ]),
  index: new Map([
    ['.github/workflows/x.yml', 0],
    ['.github/workflows/y.yml', 1],
  ]),
};

type Rect = { x: number; y: number; w: number; h: number };
function rectAfter(svg: string, marker: string): Rect {
  const at = svg.indexOf(marker);
  assert.ok(at >= 0, marker);
  const m = /<rect x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="([\d.]+)"/.exec(svg.slice(at))!;
  return { x: +m[1], y: +m[2], w: +m[3], h: +m[4] };
}
const inside = (a: Rect, b: Rect) => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;

test('grouped by pipeline: a box per pipeline around the units it deploys first; ungrouped: none', () => {
  const svg = drawMap(folder, { colours, groupBy: 'pipeline' }).svg;
  const x = rectAfter(svg, 'units deployed by .github/workflows/x.yml');
  const y = rectAfter(svg, 'units deployed by .github/workflows/y.yml');
  const a = rectAfter(svg, '<title>a/serverless.yml');
  const b = rectAfter(svg, '<title>b/template.yaml');
  const c = rectAfter(svg, '<title>c/template.yaml');
  assert.ok(inside(a, x) && !inside(a, y));
  assert.ok(inside(b, y) && !inside(b, x), 'b sits in the box of the first pipeline that deploys it');
  assert.ok(!inside(c, x) && !inside(c, y), 'a unit no pipeline deploys sits in no box');
  assert.match(svg, /class="unit pipe-none"/);
  const plain = drawMap(folder, { colours }).svg;
  assert.doesNotMatch(plain, /class="pipeline /);
  assert.match(plain, /Queue/);
});
