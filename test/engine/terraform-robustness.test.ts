// Hostile Terraform: what the analysis follows is bounded, never exponential.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { Workspace } from '../../server/src/engine';
import { createHclParser } from '../../server/src/node/hcl';

/** Locals that each read the previous one `fan` times, `levels` deep, read by a function, a policy and an output. */
function fanOutLocals(levels: number, fan: number): string {
  const locals = ['  l0 = aws_sqs_queue.q.arn'];
  for (let i = 1; i < levels; i++) locals.push(`  l${i} = [${Array(fan).fill(`local.l${i - 1}`).join(', ')}]`);
  const last = `local.l${levels - 1}`;
  return [
    'resource "aws_sqs_queue" "q" {',
    '  name = "q"',
    '}',
    'locals {',
    ...locals,
    '}',
    'resource "aws_lambda_function" "f" {',
    '  function_name = "f"',
    '  filename      = "f.zip"',
    '  environment {',
    `    variables = { Q = jsonencode(${last}) }`,
    '  }',
    '}',
    'resource "aws_iam_policy" "p" {',
    `  policy = jsonencode({ Statement = [{ Resource = ${last} }] })`,
    '}',
    'output "q" {',
    `  value = ${last}`,
    '}',
    '',
  ].join('\n');
}

test('a chain of locals that each read the previous one ten times is followed once per local, not 10^9 times', { timeout: 20_000 }, async () => {
  const ws = new Workspace({ rootName: 'w', hcl: await createHclParser() });
  ws.setFile('main.tf', fanOutLocals(10, 10));
  const start = Date.now();
  const a = ws.analyze();
  assert.ok(Date.now() - start < 5_000, `analysed in ${Date.now() - start} ms`);
  // What the function reads is still found, once: the queue, through the locals.
  const fn = a.domains.flatMap((d) => d.functions).find((f) => f.key.endsWith('aws_lambda_function.f'));
  assert.ok(fn, 'the function is in a domain');
  const refs = fn.facts.refs.filter((r) => r.from === 'aws_lambda_function.f');
  assert.deepEqual(refs.map((r) => `${r.name}.${r.attr}`), ['aws_sqs_queue.q.arn']);
  const out = fn.facts.outputs.find((o) => o.key === 'q');
  assert.deepEqual(out?.refs, ['aws_sqs_queue.q']);
});
