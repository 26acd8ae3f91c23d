// The configuration file: severities, thresholds, stack names, allowed couplings, include/exclude.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFixture, workspaceOf } from '../harness';

const ESTATE = `
# --- infra/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Q:
    Type: AWS::SQS::Queue
Outputs:
  QArn:
    Value: !GetAtt Q.Arn
    Export: { Name: infra-prod-QArn }
# --- app/serverless.yml
service: app
provider: { name: aws }
functions:
  f:
    handler: h.f
    events:
      - sqs: \${cf:infra-prod.QArn}
  lonely:
    handler: h.lonely
  tick:
    handler: h.tick
    events:
      - schedule: rate(1 hour)
# --- legacy/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  X:
    Type: AWS::SQS::Queue
    DependsOn: Nothing
`;

function run(config: string) {
  const files = parseFixture(ESTATE).files;
  files.set('.serverless-domains.yml', config);
  return workspaceOf(files).analyze();
}

test('stack names come from the configuration', () => {
  const a = run('stackNames:\n  infra/template.yaml: infra-prod\n');
  assert.equal(a.units.find((u) => u.id === 'infra/template.yaml')?.stackName, 'infra-prod');
  assert.ok(a.findings.some((f) => f.rule === 'split-domain'));
});

test('a rule can be turned off or given another severity', () => {
  const a = run('stackNames: { infra/template.yaml: infra-prod }\nrules:\n  split-domain: off\n  orphan-function: error\n  broken-reference: { severity: warning }\n');
  assert.ok(!a.findings.some((f) => f.rule === 'split-domain'));
  assert.equal(a.findings.find((f) => f.rule === 'orphan-function')?.severity, 'error');
  assert.equal(a.findings.find((f) => f.rule === 'broken-reference')?.severity, 'warning');
});

test('an allowed coupling is not reported', () => {
  const a = run('stackNames: { infra/template.yaml: infra-prod }\nallow:\n  - from: app/**\n    to: infra/*\n');
  assert.ok(!a.findings.some((f) => f.rule === 'split-domain'));
});

test('excluded files are not analysed', () => {
  const a = run('exclude: ["legacy/**"]\n');
  assert.ok(!a.units.some((u) => u.id.startsWith('legacy/')));
  assert.ok(!a.findings.some((f) => f.loc.file.startsWith('legacy/')));
});

test('include limits the analysis to matching files', () => {
  const a = run('include: ["app/**"]\n');
  assert.deepEqual(a.units.map((u) => u.id), ['app/serverless.yml']);
});

test('the monolith threshold is configurable', () => {
  const a = run('rules:\n  monolith-unit: { threshold: 2 }\n');
  assert.ok(a.findings.some((f) => f.rule === 'monolith-unit' && f.subject === 'app/serverless.yml'));
});

test('mistakes in the configuration are reported, not fatal', () => {
  const a = run('rules:\n  split-domain: loud\n');
  assert.ok(a.configProblems.some((p) => p.includes('loud')));
});
