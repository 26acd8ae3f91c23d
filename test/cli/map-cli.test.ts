// `serverless-domains graph --format svg` on the examples: a standalone SVG document that is
// well-formed XML, fits a screen and names every unit; `--format html` draws the same map in the
// interactive page, with the pipelines.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { wellFormed } from './map-xml';

const BIN = path.resolve(__dirname, '../../../bin/serverless-domains.js');
const EXAMPLES = path.resolve(__dirname, '../../../examples');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('graph --format svg draws the examples as one standalone SVG', () => {
  const r = cli('graph', EXAMPLES, '--format', 'svg');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="sd-map" width="(\d+)" height="(\d+)"/);
  assert.equal(wellFormed(r.out), undefined);
  const [, w, h] = /width="(\d+)" height="(\d+)"/.exec(r.out)!.map(Number);
  assert.ok(w / h >= 1 / 3 && w / h <= 3, `${w} x ${h}`);
  assert.match(r.out, /<style>[^<]*prefers-color-scheme: dark/);
  assert.match(r.out, /class="sd-viewport"/);
  const units = JSON.parse(cli('graph', EXAMPLES, '--format', 'json').out).units as Array<{ id: string }>;
  assert.ok(units.length >= 5);
  for (const u of units) assert.ok(r.out.includes(`data-unit="${u.id}"`), u.id);
  // Locations are workspace-relative.
  assert.match(r.out, /data-loc="\{&#34;uri&#34;:&#34;1-monolith\/template.yaml&#34;/);
});

test('graph --format html: the same drawing (its legend, its CSS once under the nonce) and, with pipelines, the drawing grouped by pipeline', () => {
  const r = cli('graph', EXAMPLES, '--format', 'html');
  assert.equal(r.code, 0, r.err);
  const styles = [...r.out.matchAll(/<style\b[^>]*>/g)];
  assert.equal(styles.length, 1, 'one style element');
  assert.match(styles[0][0], /nonce="/);
  assert.match(r.out, /\.sd-map \.e-trigger \{ stroke: var\(--sd-e-trigger\)/);
  assert.match(r.out, /<g class="legend">/);
  assert.match(r.out, /data-variant="plain"/);
  assert.match(r.out, /data-variant="grouped"/);
  assert.match(r.out, /id="sd-by-pipeline"/);
  assert.match(r.out, /<g class="pipeline pipe-\d+" data-node="p:/);
  // Locations are workspace-relative, as in --format svg.
  assert.match(r.out, /data-loc="\{&#34;uri&#34;:&#34;1-monolith\/template.yaml&#34;/);
});

test('--fold is for the svg format; an unknown format is refused', () => {
  assert.equal(cli('graph', EXAMPLES, '--format', 'svg', '--fold').code, 0);
  const r = cli('graph', EXAMPLES, '--fold');
  assert.equal(r.code, 2);
  assert.match(r.err, /--fold applies to --format svg only/);
});
