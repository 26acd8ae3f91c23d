// Which Serverless services are units: only those deployed to AWS.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { Workspace } from '../../server/src/engine';

const AZURE = 'service: az\nprovider:\n  name: azure\n  runtime: nodejs18\nfunctions:\n  hello:\n    handler: h.hello\n    events:\n      - http: true\n';
const GOOGLE = 'service: gcf\nprovider: google\nfunctions:\n  hello:\n    handler: hello\n';
const AWS = 'service: ok\nprovider:\n  name: aws\nfunctions:\n  hello:\n    handler: h.hello\n';

test('a service for another cloud is not a unit: it is skipped with its provider as the reason', () => {
  const ws = new Workspace({ rootName: 'w' });
  ws.setFile('az/serverless.yml', AZURE);
  ws.setFile('gcf/serverless.yml', GOOGLE);
  ws.setFile('ok/serverless.yml', AWS);
  const a = ws.analyze();
  assert.deepEqual(a.units.map((u) => u.id), ['ok/serverless.yml']);
  const reasons = new Map(a.skipped.map((s) => [s.file, s.reason]));
  assert.match(reasons.get('az/serverless.yml') ?? '', /provider "azure", not AWS/);
  assert.match(reasons.get('gcf/serverless.yml') ?? '', /provider "google", not AWS/);
  assert.equal(a.findings.filter((f) => f.loc.file !== 'ok/serverless.yml').length, 0);
});

test('editing the provider of a service makes it a unit or takes it out', () => {
  const ws = new Workspace({ rootName: 'w' });
  ws.setFile('s/serverless.yml', AWS);
  assert.equal(ws.analyze().units.length, 1);
  ws.setFile('s/serverless.yml', AWS.replace('name: aws', 'name: azure'));
  assert.equal(ws.analyze().units.length, 0);
  ws.setFile('s/serverless.yml', AWS);
  assert.equal(ws.analyze().units.length, 1);
});
