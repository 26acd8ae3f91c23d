// The command line on a folder with Terraform files: the HCL parser is loaded before the
// analysis, and a broken `.tf` file neither crashes nor hangs the check.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { writeWorkspace } from '../harness';

const BIN = path.resolve(__dirname, '../../../bin/serverless-domains.js');

const WS = writeWorkspace(`
# --- infra/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Q:
    Type: AWS::SQS::Queue
# --- tf/main.tf
resource "aws_sqs_queue" "q" {
  name = "orders"
# --- tf/ok.tf
resource "aws_sns_topic" "t" {
  name = "events"
}
`);

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60000 });
  return { code: r.status, out: r.stdout, err: r.stderr, signal: r.signal };
}

for (const args of [['check'], ['check', '--format', 'json'], ['check', '--format', 'sarif'], ['graph'], ['graph', '--format', 'json']]) {
  test(`${args.join(' ')} on a folder with a broken .tf file finishes`, () => {
    const r = cli(args[0], WS, ...args.slice(1));
    assert.equal(r.signal, null);
    assert.ok(r.code === 0 || r.code === 1, `exit status ${r.code}: ${r.err}`);
    assert.doesNotMatch(r.err, /HCL parser could not load|Error:|at .*\.js:\d+/);
    assert.ok(r.out.length > 0);
    if (args.includes('json')) JSON.parse(r.out);
  });
}

test('check reports the syntax error of a broken .tf file', () => {
  const r = cli('check', WS, '--format', 'json');
  const j = JSON.parse(r.out) as { diagnostics: Array<{ file: string; rule: string }> };
  assert.ok(j.diagnostics.some((d) => d.file === 'tf/main.tf' && d.rule === 'syntax-error'), r.out);
});
