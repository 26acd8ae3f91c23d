// Related information names the unit by its workspace-relative path: editors show a related
// location by its base name only, and in an estate of many `serverless.yml` files a bare
// `serverless.yml(4, 5)` does not say which one.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFixture, workspaceOf } from '../harness';

function related(text: string, rule: string): string[] {
  const a = workspaceOf(parseFixture(text).files).analyze();
  return a.findings.filter((f) => f.rule === rule).flatMap((f) => (f.related ?? []).map((r) => `${r.loc.file}: ${r.message}`));
}

test('split-domain: the trigger is defined in the other unit, named by its path', () => {
  const msgs = related(
    `
# --- services/infra/serverless.yml
service: infra
provider: { name: aws }
resources:
  Resources:
    Jobs:
      Type: AWS::SQS::Queue
  Outputs:
    JobsArn:
      Value: !GetAtt Jobs.Arn
# --- services/app-api/serverless.yml
service: app-api
provider: { name: aws }
functions:
  worker:
    handler: h.worker
    events:
      - sqs: \${cf:infra-dev.JobsArn}
`,
    'split-domain',
  );
  assert.deepEqual(msgs, ['services/infra/serverless.yml: Jobs is defined here in services/infra/serverless.yml']);
});

test('split-domain: a trigger in an included file names the file and the unit including it', () => {
  const msgs = related(
    `
# --- services/infra/serverless.yml
service: infra
provider: { name: aws }
resources:
  - \${file(./resources/queues.yml)}
# --- services/infra/resources/queues.yml
Resources:
  Jobs:
    Type: AWS::SQS::Queue
Outputs:
  JobsArn:
    Value: !GetAtt Jobs.Arn
# --- services/app-api/serverless.yml
service: app-api
provider: { name: aws }
functions:
  worker:
    handler: h.worker
    events:
      - sqs: \${cf:infra-dev.JobsArn}
`,
    'split-domain',
  );
  assert.deepEqual(msgs, ['services/infra/resources/queues.yml: Jobs is defined here in services/infra/resources/queues.yml, included by services/infra/serverless.yml']);
});

test('hardcoded-reference: the resource named is defined in the other unit, named by its path', () => {
  const msgs = related(
    `
# --- services/infra/serverless.yml
service: infra
provider: { name: aws }
resources:
  Resources:
    Jobs:
      Type: AWS::SQS::Queue
      Properties:
        QueueName: jobs-queue
# --- services/app-api/serverless.yml
service: app-api
provider: { name: aws }
functions:
  worker:
    handler: h.worker
    environment:
      QUEUE_URL: https://sqs.eu-west-1.amazonaws.com/123456789012/jobs-queue
`,
    'hardcoded-reference',
  );
  assert.deepEqual(msgs, ['services/infra/serverless.yml: Jobs is defined here in services/infra/serverless.yml']);
});

test('lambda-placeholder: the unit deploying the real code is named by its path', () => {
  const msgs = related(
    `
# --- infra/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: orders-handler
      Runtime: nodejs20.x
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/x
      Code:
        ZipFile: "exports.handler = async () => 'placeholder';"
# --- services/orders/serverless.yml
service: orders
provider: { name: aws }
functions:
  handler:
    name: orders-handler
    handler: src/h.main
`,
    'lambda-placeholder',
  );
  assert.deepEqual(msgs, ['services/orders/serverless.yml: orders-handler is deployed with code here in services/orders/serverless.yml']);
});

test('unresolved-import: a custom variable read once and used in several places lists each other place once, never its own line', () => {
  const a = workspaceOf(
    parseFixture(`
# --- svc/serverless.yml
service: svc
provider:
  name: aws
custom:
  subnets:
    - \${ssm:/configuration/dev/vpc/subnet-a}
functions:
  f:
    handler: h.f
    vpc:
      subnetIds: \${self:custom.subnets}
  g:
    handler: h.g
    vpc:
      subnetIds: \${self:custom.subnets}
  h:
    handler: h.h
    vpc:
      subnetIds: \${self:custom.subnets}
`).files,
  ).analyze();
  const [f, ...rest] = a.findings.filter((x) => x.rule === 'unresolved-import');
  assert.equal(rest.length, 0);
  const places = (f.related ?? []).map((r) => `${r.loc.file}:${r.loc.start}`);
  assert.equal(new Set(places).size, places.length, 'each place once');
  assert.ok(!places.includes(`${f.loc.file}:${f.loc.start}`), "never the finding's own place");
});
