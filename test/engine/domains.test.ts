// Domains group as the spec defines them: a trigger and the functions it invokes, leaving out
// subscriptions to another unit's topic or bus.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFixture, workspaceOf } from '../harness';

function domainsOf(text: string): Record<string, string[]> {
  const ws = workspaceOf(parseFixture(text).files);
  const a = ws.analyze();
  return Object.fromEntries(a.domains.map((d) => [d.name, d.functions.map((f) => `${f.unit}#${f.fn.id}`).sort()]));
}

const ESTATE = `
# --- events/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  OrderEvents:
    Type: AWS::SNS::Topic
  Inbox:
    Type: AWS::SQS::Queue
  Listener:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/x
      Code: { S3Bucket: code, S3Key: listener.zip }
  ListenerSub:
    Type: AWS::SNS::Subscription
    Properties:
      Protocol: lambda
      TopicArn: !Ref OrderEvents
      Endpoint: !GetAtt Listener.Arn
Outputs:
  TopicArn:
    Value: !Ref OrderEvents
    Export: { Name: events-TopicArn }
  InboxArn:
    Value: !GetAtt Inbox.Arn
    Export: { Name: events-InboxArn }
# --- mail/serverless.yml
service: mail
provider: { name: aws }
functions:
  sendMail:
    handler: h.send
    events:
      - sns: \${cf:events.TopicArn}
  sendSms:
    handler: h.sms
    events:
      - sns: \${cf:events.TopicArn}
  readInbox:
    handler: h.read
    events:
      - sqs: \${cf:events.InboxArn}
  alsoInbox:
    handler: h.read2
    events:
      - sqs:
          arn: !GetAtt LocalQueue.Arn
      - sqs: \${cf:events.InboxArn}
  alone:
    handler: h.alone
resources:
  Resources:
    LocalQueue:
      Type: AWS::SQS::Queue
`;

test('a topic subscribed from another unit does not join that unit\'s functions into its domain', () => {
  const d = domainsOf(ESTATE);
  assert.deepEqual(d.OrderEvents, ['events/template.yaml#Listener']);
  assert.deepEqual(d.sendMail, ['mail/serverless.yml#sendMail']);
  assert.deepEqual(d.sendSms, ['mail/serverless.yml#sendSms']);
});

test('a point-to-point trigger joins its functions across units, and a function joins its triggers', () => {
  const d = domainsOf(ESTATE);
  assert.deepEqual(d.Inbox, ['mail/serverless.yml#alsoInbox', 'mail/serverless.yml#readInbox']);
  assert.equal(d.LocalQueue, undefined, 'LocalQueue and Inbox share alsoInbox, so they are one domain named after its first trigger');
});

test('a function with no trigger is a domain of its own, named after it', () => {
  assert.deepEqual(domainsOf(ESTATE).alone, ['mail/serverless.yml#alone']);
});

test('functions on one unit\'s topic in the same unit share the domain', () => {
  const d = domainsOf(`
# --- n/serverless.yml
service: n
provider: { name: aws }
functions:
  a:
    handler: h.a
    events: [{ sns: orders }]
  b:
    handler: h.b
    events: [{ sns: orders }]
`);
  assert.deepEqual(d.orders, ['n/serverless.yml#a', 'n/serverless.yml#b']);
});

test('the configuration names domains, and supporting resources belong to the one domain that uses them', () => {
  const files = parseFixture(`
# --- .serverless-domains.yml
domains:
  Jobs: Job processing
# --- w/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Jobs:
    Type: AWS::SQS::Queue
  JobsTable:
    Type: AWS::DynamoDB::Table
  Shared:
    Type: AWS::S3::Bucket
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: w.handler
      Runtime: nodejs20.x
      CodeUri: src/
      Environment: { Variables: { T: !Ref JobsTable, S: !Ref Shared } }
      Events:
        Q: { Type: SQS, Properties: { Queue: !GetAtt Jobs.Arn } }
  Other:
    Type: AWS::Serverless::Function
    Properties:
      Handler: o.handler
      Runtime: nodejs20.x
      CodeUri: src/
      Environment: { Variables: { S: !Ref Shared } }
`).files;
  const a = workspaceOf(files).analyze();
  const jobs = a.domains.find((d) => d.name === 'Job processing');
  assert.ok(jobs, `domains: ${a.domains.map((d) => d.name).join(', ')}`);
  assert.deepEqual(jobs.triggers.map((t) => t.id), ['Jobs']);
  assert.deepEqual(jobs.resources.map((r) => r.id), ['JobsTable'], 'Shared is used by two domains, so it supports neither');
});

test('a placeholder and the function that ships its code are one deployed Lambda, in one domain', () => {
  const files = parseFixture(`
# --- infra/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Jobs:
    Type: AWS::SQS::Queue
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: jobs-worker
      Runtime: nodejs20.x
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: "exports.handler = async () => {}; // placeholder" }
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Jobs.Arn
      FunctionName: !Ref Worker
# --- app/serverless.yml
service: app
provider: { name: aws }
functions:
  worker:
    name: jobs-worker
    handler: src/worker.handler
`).files;
  const a = workspaceOf(files).analyze();
  const jobs = a.domains.find((d) => d.name === 'Jobs');
  assert.deepEqual(jobs?.functions.map((f) => `${f.unit}#${f.fn.id}`).sort(), ['app/serverless.yml#worker', 'infra/template.yaml#Worker']);
  assert.ok(!a.findings.some((f) => f.rule === 'orphan-function'), 'the app function is invoked through the mapping');
  assert.ok(a.findings.some((f) => f.rule === 'lambda-placeholder' && /ships from app\/serverless\.yml/.test(f.message)));
});
