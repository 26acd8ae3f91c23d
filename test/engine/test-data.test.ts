// A test suite's data (templates under test/, tests/, fixtures/, testdata/ folders) is not part of
// the estate: skipped with a reason, unless the configuration's include names it.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { Workspace } from '../../server/src/engine';

const BROKEN = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Ref Missing\n";
const SERVICE = 'service: ok\nprovider:\n  name: aws\nfunctions:\n  hello:\n    handler: h.hello\n    events:\n      - sqs: arn:aws:sqs:us-east-1:1:q\n';

test("templates in a test suite's data folders are skipped with a reason; the estate beside them is analysed", () => {
  const ws = new Workspace({ rootName: 'w' });
  ws.setFile('tests/fixtures/bad/refs.yaml', BROKEN);
  ws.setFile('test/integration/testdata/template.yaml', BROKEN);
  ws.setFile('src/__tests__/serverless.yml', SERVICE);
  ws.setFile('integration/resources/templates/basic/function.yaml', BROKEN);
  ws.setFile('api-tests/template.yaml', BROKEN);
  ws.setFile('api/testing/template.yaml', BROKEN); // "testing" is not a test-data folder
  ws.setFile('services/integration/serverless.yml', SERVICE); // an "integration" service is not test data
  ws.setFile('services/orders/serverless.yml', SERVICE);
  const a = ws.analyze();
  assert.deepEqual(a.units.map((u) => u.id).sort(), ['api/testing/template.yaml', 'services/integration/serverless.yml', 'services/orders/serverless.yml']);
  const reasons = new Map(a.skipped.map((s) => [s.file, s.reason]));
  assert.match(reasons.get('tests/fixtures/bad/refs.yaml') ?? '', /^test data \(under tests\/\)/);
  assert.match(reasons.get('test/integration/testdata/template.yaml') ?? '', /^test data \(under test\/\)/);
  assert.match(reasons.get('src/__tests__/serverless.yml') ?? '', /^test data \(under src\/__tests__\/\)/);
  assert.match(reasons.get('integration/resources/templates/basic/function.yaml') ?? '', /^test data \(under integration\/\)/);
  assert.match(reasons.get('api-tests/template.yaml') ?? '', /^test data \(under api-tests\/\)/);
  assert.deepEqual(a.findings.filter((f) => f.rule === 'broken-reference').map((f) => f.loc.file), ['api/testing/template.yaml']);
});

test('the configuration include analyses test data again', () => {
  const ws = new Workspace({ rootName: 'w' });
  ws.setFile('.serverless-domains.yml', 'include:\n  - "tests/**"\n');
  ws.setFile('tests/fixtures/bad/refs.yaml', BROKEN);
  const a = ws.analyze();
  assert.deepEqual(a.units.map((u) => u.id), ['tests/fixtures/bad/refs.yaml']);
  assert.equal(a.findings.filter((f) => f.rule === 'broken-reference').length, 1);
});

test('test data is skipped unparsed; only files that look like units are listed', () => {
  const ws = new Workspace({ rootName: 'w' });
  ws.setFile('tests/a/template.yaml', BROKEN);
  ws.setFile('tests/b/template.json', JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { Q: { Type: 'AWS::SQS::Queue' } } }));
  ws.setFile('tests/c/sam.yaml', 'Transform: AWS::Serverless-2016-10-31\nResources: {}\n');
  ws.setFile('tests/d/config.yaml', 'Resources:\n  note: a list of things, not a template\n');
  ws.setFile('tests/e/serverless.yml', SERVICE);
  ws.setFile('tests/f/samconfig.toml', 'version = 0.1\n');
  const a = ws.analyze();
  assert.equal(ws.parseCount, 0);
  assert.deepEqual(a.skipped.map((s) => s.file).sort(), ['tests/a/template.yaml', 'tests/b/template.json', 'tests/c/sam.yaml', 'tests/e/serverless.yml']);
});
