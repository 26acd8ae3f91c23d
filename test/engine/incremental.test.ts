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

test('an invoke grant, a sibling fragment and SDK code added or removed later update orphan-function as a cold analysis would', () => {
  const fn = (name: string) => `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Worker:\n    Type: AWS::Lambda::Function\n    Properties:\n      FunctionName: ${name}\n      Handler: i.h\n      Runtime: nodejs20.x\n      Role: arn:aws:iam::1:role/r\n      Code: { S3Bucket: b, S3Key: k.zip }\n`;
  const grant = (resource: string) => `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: lambda:InvokeFunction\n            Resource: ${resource}\n`;
  const ws = new Workspace();
  ws.setFile('workers/template.yaml', fn('jobs-worker'));
  ws.setFile('ops/template.yaml', grant('arn:aws:lambda:eu-west-1:1:function:billing-*'));
  const orphans = () => summary(ws).filter((s) => s.startsWith('orphan-function')).length;
  const cold = () => {
    const c = new Workspace();
    for (const p of ws.paths()) c.setFile(p, ws.getText(p)!);
    return summary(c);
  };
  assert.equal(orphans(), 1);
  ws.setFile('ops/template.yaml', grant('arn:aws:lambda:eu-west-1:1:function:jobs-*'));
  assert.equal(orphans(), 0, 'the grant now matches the worker of another unit');
  assert.deepEqual(summary(ws), cold());
  ws.setFile('workers/template.yaml', fn('reports-worker'));
  assert.equal(orphans(), 1, 'the worker was renamed out of the pattern');
  assert.deepEqual(summary(ws), cold());
  ws.setFile('tools/run.ts', 'await lambda.send(new InvokeCommand({ FunctionName: "reports-worker" }));\n');
  assert.equal(orphans(), 0, 'code that invokes it by name');
  ws.setFile('tools/run.ts', 'export {};\n');
  assert.equal(orphans(), 1);
  assert.deepEqual(summary(ws), cold());
  const part = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Proc:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: p.h\n      Runtime: nodejs20.x\n      CodeUri: src/\n";
  const mapping = (fn: string) => `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n  M:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      EventSourceArn: !GetAtt Q.Arn\n      FunctionName: !Ref ${fn}\n`;
  ws.setFile('acct/function/proc.yaml', part);
  ws.setFile('acct/queue/proc.yaml', mapping('Proc'));
  assert.equal(orphans(), 1, 'the sibling fragment invokes Proc');
  ws.setFile('acct/queue/proc.yaml', mapping('Other'));
  assert.equal(orphans(), 2, 'no part of the assembly refers to Proc any more');
  assert.deepEqual(summary(ws), cold());
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
