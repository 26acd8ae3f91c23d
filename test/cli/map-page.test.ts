// The map page (server/src/map/page.ts, view.ts): the pure maths the page script runs (fit,
// zoom, pan, centring) and its search matching, and the page's self-containment (a CSP that
// allows no source, no external reference, the script embedded whole).

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapMath } from '../../server/src/map/view';
import { mapPage } from '../../server/src/map/page';
import { PAGE_SCRIPT } from '../../server/src/map/page-script';
import { mapDocument } from '../../server/src/map/document';
import { run } from '../../server/src/cli/main';
import { writeWorkspace } from '../harness';

// The page embeds the factory's source: test what the page runs.
const M = new Function(`return (${mapMath.toString()})();`)() as ReturnType<typeof mapMath>;
const near = (a: number, b: number, eps = 1e-6) => assert.ok(Math.abs(a - b) < eps, `${a} ≈ ${b}`);

test('fit: a tall drawing fills the panel\'s height, centred, with the panel\'s aspect', () => {
  const content = { x: -10, y: -20, w: 400, h: 3000 };
  const client = { w: 1200, h: 800 };
  const vb = M.fit(content, client, 16);
  near(vb.w / vb.h, client.w / client.h);
  near(vb.y + vb.h / 2, content.y + content.h / 2);
  near(vb.x + vb.w / 2, content.x + content.w / 2);
  near(M.scaleOf(vb, client), (800 - 32) / 3000);
  assert.ok(vb.x <= content.x && vb.x + vb.w >= content.x + content.w && vb.y <= content.y && vb.y + vb.h >= content.y + content.h);
});

test('fit: a small drawing is not blown up past 1.25', () => {
  const vb = M.fit({ x: 0, y: 0, w: 100, h: 50 }, { w: 1000, h: 800 });
  near(M.scaleOf(vb, { w: 1000, h: 800 }), 1.25);
});

test('zoomAt keeps the point under the pointer in place, within the limits', () => {
  const client = { w: 1000, h: 500 };
  const vb = { x: 0, y: 0, w: 2000, h: 1000 };
  const lim = { min: 0.1, max: 2 };
  const p = M.toSvg(vb, client, 250, 100);
  const z = M.zoomAt(vb, client, 2, p, lim);
  near(M.scaleOf(z, client), 1);
  const q = M.toSvg(z, client, 250, 100);
  near(q.x, p.x);
  near(q.y, p.y);
  near(M.scaleOf(M.zoomAt(z, client, 100, p, lim), client), 2);
  near(M.scaleOf(M.zoomAt(z, client, 0.001, p, lim), client), 0.1);
});

test('pan moves the drawing with the pointer; resize keeps centre and scale', () => {
  const client = { w: 1000, h: 500 };
  const vb = { x: 0, y: 0, w: 2000, h: 1000 };
  assert.deepEqual(M.pan(vb, client, 100, -50), { x: -200, y: 100, w: 2000, h: 1000 });
  const r = M.resize(vb, client, { w: 500, h: 500 });
  near(r.x + r.w / 2, 1000);
  near(r.y + r.h / 2, 500);
  near(M.scaleOf(r, { w: 500, h: 500 }), 0.5);
});

test('centreOn centres a node at a readable scale, zooming out when it would not fit', () => {
  const client = { w: 1000, h: 500 };
  const far = { x: 0, y: 0, w: 10000, h: 5000 };
  const box = { x: 3000, y: 2000, w: 200, h: 40 };
  const c = M.centreOn(far, client, box);
  near(c.x + c.w / 2, 3100);
  near(c.y + c.h / 2, 2020);
  near(M.scaleOf(c, client), 0.8);
  const big = M.centreOn({ x: 0, y: 0, w: 1000, h: 500 }, client, { x: 0, y: 0, w: 2000, h: 100 });
  near(M.scaleOf(big, client), 0.4);
});

test('matchSearch: every word must match; whole words, then word starts, then substrings', () => {
  const entries = [
    { id: 'u:orders', text: 'services/orders/serverless.yml orders serverless' },
    { id: 'd:1', text: 'ordersqueue services/orders/serverless.yml aws::sqs::queue processorder' },
    { id: 'd:2', text: 'reorders services/billing/template.yaml' },
    { id: 'd:3', text: 'payments services/payments/template.yaml' },
  ];
  assert.deepEqual(M.matchSearch(entries, 'orders'), ['u:orders', 'd:1', 'd:2']);
  assert.deepEqual(M.matchSearch(entries, 'ORDERS queue'), ['d:1']);
  assert.deepEqual(M.matchSearch(entries, 'billing'), ['d:2']);
  assert.deepEqual(M.matchSearch(entries, '  '), []);
  assert.deepEqual(M.matchSearch(entries, 'nothing'), []);
});

const folder = {
  uri: 'file:///ws',
  name: 'ws',
  units: ['a/serverless.yml', 'b/template.yaml'].map((id) => ({ id, kind: 'sam', stackName: id.split('/')[0], location: { uri: 'file:///ws/' + id, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } })),
  domains: [{ name: 'Queue', units: ['a/serverless.yml'], functions: [{ unit: 'a/serverless.yml', id: 'worker', type: 'AWS::Lambda::Function' }], triggers: [{ unit: 'b/template.yaml', id: 'Queue', type: 'AWS::SQS::Queue' }] }],
  edges: [{ from: 'a/serverless.yml', to: 'b/template.yaml', kind: 'trigger', label: 'Queue invokes worker', inCycle: false, location: { uri: 'file:///ws/a/serverless.yml', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } } } }],
  deployOrder: [],
  cycles: [],
} as unknown as Parameters<typeof mapDocument>[0]['folders'][number];

test('the standalone page is self-contained: a CSP allowing no source, no external reference', () => {
  const html = mapDocument({ folders: [folder] }, undefined, { host: 'none', nonce: 'abc123' });
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-abc123'; script-src 'nonce-abc123'; img-src 'none';">/);
  assert.doesNotMatch(html, /\b(src|href)="(https?:)?\/\//);
  assert.doesNotMatch(html, /@import|url\((?!#)/);
  assert.match(html, /var HOST = "none";/);
  // The drawing keeps the contract the script works on.
  assert.match(html, /<g class="unit[^"]*" data-node="u:a\/serverless.yml" data-kind="unit" data-unit="a\/serverless.yml"/);
  assert.match(html, /data-kind="domain" data-domain="Queue"[^>]*data-search="[^"]*\bqueue\b[^"]*\bworker\b/);
  assert.match(html, /<path class="edge e-trigger"[^>]* data-from="u:a\/serverless.yml" data-to="u:b\/template.yaml"/);
  // Every script and style carries the nonce.
  for (const m of html.matchAll(/<(script|style)\b[^>]*>/g)) assert.match(m[0], /nonce="abc123"/);
});

test('the webview page allows the webview\'s source and uses acquireVsCodeApi; several folders get a chooser', () => {
  const html = mapPage({ host: 'vscode', title: 't', folders: [{ name: 'one', plain: '<svg viewBox="0 0 10 10"></svg>' }, { name: 'two', plain: '<svg viewBox="0 0 10 10"></svg>', grouped: '<svg viewBox="0 0 20 10"></svg>' }], legend: '', drawingCss: '', nonce: 'n', cspSource: 'vscode-resource:' });
  assert.match(html, /img-src vscode-resource:;/);
  assert.match(html, /<select id="sd-folder"[^>]*><option value="0">one<\/option><option value="1">two<\/option>/);
  assert.match(html, /id="sd-by-pipeline"/);
  assert.match(html, /data-folder="1" data-variant="grouped"/);
});

test('the page script is valid JavaScript', () => {
  assert.doesNotThrow(() => new Function('HOST', 'M', PAGE_SCRIPT));
});

test('graph --format html prints one page with every unit drawn, locations relative to the folder', async () => {
  const dir = writeWorkspace(`
# --- app/serverless.yml
service: app
provider:
  name: aws
functions:
  worker:
    handler: h.handler
    events:
      - sqs: !ImportValue infra-QueueArn
# --- infra/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Queue:
    Type: AWS::SQS::Queue
Outputs:
  QueueArn:
    Value: !GetAtt Queue.Arn
    Export:
      Name: infra-QueueArn
`);
  let out = '';
  const code = await run(['graph', dir, '--format', 'html'], (s) => (out += s), () => undefined);
  assert.equal(code, 0);
  assert.match(out, /^<!DOCTYPE html>/);
  assert.match(out, /data-node="u:app\/serverless.yml"/);
  assert.match(out, /data-node="u:infra\/template.yaml"/);
  assert.match(out, /data-loc="\{&#34;uri&#34;:&#34;app\/serverless.yml&#34;/);
  assert.doesNotMatch(out, /file:\/\//);
});
