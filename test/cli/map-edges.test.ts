// The map's edges join the exact nodes they concern (issue 11), and each kind of edge has its own
// colour and dash, named in a legend generated from the same table.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapInput } from '../../server/src/cli/map-svg';
import { drawMap } from '../../server/src/map/draw';
import { EDGE_STYLES, mapCss } from '../../server/src/map/style';
import { parseFixture, workspaceOf } from '../harness';
import { ESTATE } from '../engine/edges-estate';
import { domain, edge, folderOf, unit } from './map-estate';

function drawn() {
  const ws = workspaceOf(parseFixture(ESTATE).files);
  const { folder } = mapInput(ws, ws.analyze(), 'fixture');
  return drawMap(folder).svg;
}

const edgesOf = (svg: string) => [...svg.matchAll(/<path class="edge e-(\w+)" data-kind="\w+" data-from="([^"]*)" data-to="([^"]*)"[^>]*><title>([^<]*)/g)].map((m) => ({ kind: m[1], from: m[2], to: m[3], title: m[4] }));

test('"OneMacTable invokes handleOneStream" joins the two parts of the split domain, not the first domain of each unit', () => {
  const e = edgesOf(drawn()).find((x) => x.kind === 'trigger');
  assert.ok(e);
  assert.match(e.title, /OneMacTable invokes handleOneStream/);
  assert.equal(e.from, 'd:OneMacTable@stream/serverless.yml');
  assert.equal(e.to, 'd:OneMacTable@tables/template.yaml');
});

test('a hard-coded reference runs from the referencing function\'s domain to a unit with no domain: its box, no floating label', () => {
  const svg = drawn();
  const e = edgesOf(svg).find((x) => x.kind === 'hardcoded');
  assert.ok(e);
  assert.equal(e.from, 'd:caller@stream/serverless.yml');
  assert.equal(e.to, 'u:parking/template.yaml');
  assert.match(svg, /data-node="u:parking\/template.yaml" data-kind="unit" data-unit="parking\/template.yaml"/);
  assert.doesNotMatch(svg, /class="empty"/);
});

test('a contract joins the unit boxes; a domain part shows its trigger type and size', () => {
  const svg = drawn();
  const e = edgesOf(svg).find((x) => x.kind === 'contract');
  assert.deepEqual([e?.from, e?.to], ['u:stream/serverless.yml', 'u:tables/template.yaml']);
  assert.match(svg, />Nightly · Events · 1 fn</);
  assert.match(svg, />OneMacTable · SQS · 0 fn( ⚠\d+)?</, 'the part in the trigger\'s unit has none of the functions');
});

test('a domain spanning units is a part in each unit box, each after its unit in the document', () => {
  const svg = drawn();
  const order = [...svg.matchAll(/data-node="([^"]*)"/g)].map((m) => m[1]);
  const i = order.indexOf('u:tables/template.yaml');
  const j = order.indexOf('u:stream/serverless.yml');
  assert.ok(order.indexOf('d:OneMacTable@tables/template.yaml') > i);
  assert.ok(order.indexOf('d:OneMacTable@stream/serverless.yml') > j);
  assert.match(svg, /data-domain="OneMacTable" data-search="[^"]*onemactable[^"]*handleonestream/);
});

test('every edge kind has a colour and a dash of its own, and the legend names each', () => {
  const kinds = EDGE_STYLES.map((s) => s.kind);
  assert.deepEqual([...kinds].sort(), ['codedeploy', 'contract', 'cycle', 'hardcoded', 'nested', 'trigger']);
  assert.equal(new Set(EDGE_STYLES.map((s) => s.dash)).size, kinds.length, 'dashes');
  assert.equal(new Set(EDGE_STYLES.map((s) => s.colour.light)).size, kinds.length, 'light colours');
  assert.equal(new Set(EDGE_STYLES.map((s) => s.colour.dark)).size, kinds.length, 'dark colours');
  assert.equal(new Set(EDGE_STYLES.map((s) => s.colour.theme)).size, kinds.length, 'theme colours');
  const css = mapCss();
  const svg = drawMap(folderOf([unit('a/serverless.yml')], [], [])).svg;
  for (const s of EDGE_STYLES) {
    assert.match(css, new RegExp(`\\.e-${s.kind} \\{ stroke: var\\(--sd-e-${s.kind}\\); stroke-dasharray: ${s.dash};`));
    assert.match(css, new RegExp(`--sd-e-${s.kind}: var\\(${s.colour.theme}, ${s.colour.light}\\)`));
    assert.ok(svg.includes(`data-edge-kind="${s.kind}"><path class="edge e-${s.kind}"`), s.kind);
    assert.ok(svg.includes(`>${s.legend}<`), s.legend);
  }
  assert.match(css, /@media \(prefers-color-scheme: dark\)/);
});

test('a cycle edge takes the cycle style instead of its kind\'s', () => {
  const f = folderOf([unit('a/serverless.yml'), unit('b/serverless.yml')], [], [edge('a/serverless.yml', 'b/serverless.yml', 'contract', { inCycle: true }), edge('b/serverless.yml', 'a/serverless.yml', 'contract', { inCycle: true })]);
  const found = edgesOf(drawMap(f).svg);
  assert.deepEqual(found.map((e) => e.kind), ['cycle', 'cycle']);
});

test('a code-only deploy runs from a pipeline chip to the function\'s domain', () => {
  const f = folderOf([unit('a/serverless.yml')], [domain('Jobs', ['a/serverless.yml'])], []);
  const loc = f.units[0].location;
  const pipelines = {
    generation: 1,
    folders: [{ uri: f.uri, name: 'ws', pipelines: [{ id: '.github/workflows/deploy.yml', kind: 'github', file: '.github/workflows/deploy.yml', name: 'deploy', location: loc, after: [], domains: [], jobs: [{ id: 'j', needs: [], after: [], location: loc, deploys: [], unmatched: [], codeDeploys: [{ function: 'x', unit: 'a/serverless.yml', fn: 'JobsFn0', command: 'aws lambda update-function-code', location: loc }] }] }] }],
  };
  const svg = drawMap(f, { pipelines }).svg;
  const e = edgesOf(svg).find((x) => x.kind === 'codedeploy');
  assert.deepEqual([e?.from, e?.to], ['p:.github/workflows/deploy.yml', 'd:Jobs@a/serverless.yml']);
  assert.match(svg, /data-node="p:.github\/workflows\/deploy.yml" data-kind="pipeline"/);
});
