// The bundles carry the HCL parser with both .wasm files embedded: a copy of the command-line
// bundle, alone in a folder without node_modules, parses HCL.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const BUNDLE = path.resolve(__dirname, '../../../dist/cli.js');

test('the command-line bundle parses HCL with its embedded tree-sitter and grammar', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-bundle-hcl-'));
  try {
    fs.copyFileSync(BUNDLE, path.join(dir, 'cli.js'));
    const script = `require('./cli.js').createHclParser().then((p) => {
      const m = p.parse('main.tf', 'resource "aws_sqs_queue" "q" {\\n  name = var.x\\n');
      process.stdout.write(JSON.stringify({ labels: m.items[0].labels.map((l) => l.value), errors: m.errors.map((e) => e.message) }));
    });`;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { labels: ['aws_sqs_queue', 'q'], errors: ['No closing } for this {'] });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
