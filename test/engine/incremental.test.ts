// Re-analysing after one file changes re-parses that file only, and gives the same result as
// a cold analysis of the new text.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { Workspace } from '../../server/src/engine';
import { parseFixture } from '../harness';

const files = parseFixture(`
# --- infra/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Q:
    Type: AWS::SQS::Queue
Outputs:
  QArn:
    Value: !GetAtt Q.Arn
# --- app/serverless.yml
service: app
provider: { name: aws }
custom: \${file(./custom.yml)}
functions:
  f:
    handler: h.f
    events:
      - sqs: \${cf:infra.QArn}
# --- app/custom.yml
a: 1
# --- other/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  T:
    Type: AWS::SNS::Topic
`).files;

function summary(ws: Workspace): string[] {
  return ws.analyze().findings.map((f) => `${f.rule} ${f.loc.file} ${f.loc.start} ${f.message}`);
}

test('one edited file is re-parsed, the others are not', () => {
  const ws = new Workspace();
  for (const [p, t] of files) ws.setFile(p, t);
  ws.analyze();
  const parsed = ws.parseCount;
  ws.setFile('other/template.yaml', files.get('other/template.yaml')!.replace('T:', 'Topic:'));
  ws.analyze();
  assert.equal(ws.parseCount - parsed, 1);
});

test('editing an included file re-extracts its service, and the result equals a cold analysis', () => {
  const ws = new Workspace();
  for (const [p, t] of files) ws.setFile(p, t);
  const before = summary(ws);
  assert.ok(before.some((s) => s.startsWith('split-domain app/serverless.yml')));
  // The infrastructure template changes: the split-domain finding in the service goes away.
  ws.setFile('infra/template.yaml', "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n");
  const after = summary(ws);
  assert.ok(!after.some((s) => s.startsWith('split-domain')));
  const cold = new Workspace();
  for (const p of ws.paths()) cold.setFile(p, ws.getText(p)!);
  assert.deepEqual(after, summary(cold));
  ws.setFile('app/custom.yml', 'a: [');
  assert.ok(summary(ws).some((s) => s.startsWith('syntax-error app/custom.yml')));
  ws.deleteFile('app/custom.yml');
  assert.ok(summary(ws).some((s) => s.startsWith('unresolved-include app/serverless.yml')));
});

test("editing a deploy script's --stack-name renames the stack it deploys, as a cold analysis does", () => {
  const estate = parseFixture(`
# --- deploy.sh
aws cloudformation deploy --stack-name net-prod --template-file net/vpc.yaml
# --- net/vpc.yaml
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Vpc:
    Type: AWS::EC2::VPC
Outputs:
  VpcId:
    Value: !Ref Vpc
    Export: { Name: !Sub '\${AWS::StackName}-VpcId' }
# --- app/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      VpcId: !ImportValue net-prod-VpcId
`).files;
  const ws = new Workspace();
  for (const [p, t] of estate) ws.setFile(p, t);
  assert.deepEqual(summary(ws).filter((s) => s.startsWith('unresolved-import')), []);
  for (const edit of ['net-test', 'net-prod', '"$1"']) {
    ws.setFile('deploy.sh', estate.get('deploy.sh')!.replace('net-prod', edit));
    const cold = new Workspace();
    for (const [p, t] of estate) cold.setFile(p, p === 'deploy.sh' ? ws.getText(p)! : t);
    assert.deepEqual(summary(ws), summary(cold));
  }
  assert.ok(summary(ws).some((s) => s.startsWith('unresolved-import')));
});
