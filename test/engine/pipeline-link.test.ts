// Pipelines linked to units: deploys matched by template, folder, --config, Terraform folder,
// stack name and samconfig; code-only deploys attached to functions; unmatched commands with
// their reasons; the four patterns per domain; no pipeline files, no change.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFixture, workspaceOf } from '../harness';

const QUEUE_SERVICE = (name: string) => `service: ${name}
provider:
  name: aws
  runtime: nodejs20.x
functions:
  worker:
    handler: handler.main
    events:
      - sqs:
          arn: !GetAtt Jobs.Arn
resources:
  Resources:
    Jobs:
      Type: AWS::SQS::Queue
`;

const SAM = `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: shop-api
      Handler: index.handler
      Runtime: nodejs20.x
      InlineCode: "exports.handler = async () => 'placeholder'"
      Events:
        Tick:
          Type: Schedule
          Properties:
            Schedule: rate(1 hour)
`;

function analyse(files: Record<string, string>) {
  const text = Object.entries(files)
    .map(([p, t]) => `# --- ${p}\n${t}`)
    .join('\n');
  const ws = workspaceOf(parseFixture(text).files);
  return ws.analyze();
}

test('deploys matched by template, service folder, --config, stack name and samconfig; the rest unmatched with the reason', () => {
  const a = analyse({
    'orders/serverless.yml': QUEUE_SERVICE('orders'),
    'billing/serverless.yml': QUEUE_SERVICE('billing'),
    'shop/template.yaml': SAM,
    'shop/samconfig.toml': 'version = 0.1\n[default.deploy.parameters]\nstack_name = "shop-prod"\n',
    'infra/template.yaml': "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n",
    '.github/workflows/deploy.yml': [
      'on: push',
      'jobs:',
      '  deploy:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: cd orders && npx sls deploy --stage prod',
      '      - run: sls deploy --config billing/serverless.yml',
      '      - run: sam deploy',
      '        working-directory: shop',
      '      - run: aws cloudformation deploy --template-file infra/template.yaml --stack-name infra',
      '      - run: sam deploy -t missing/template.yaml --stack-name nope',
      '      - run: cdk deploy --all',
    ].join('\n'),
  });
  const p = a.pipelines.pipelines[0];
  assert.equal(p.kind, 'github');
  assert.deepEqual(
    p.deploys.map((d) => [d.unit, d.stackName ?? null]),
    [
      ['orders/serverless.yml', null],
      ['billing/serverless.yml', null],
      ['shop/template.yaml', 'shop-prod'],
      ['infra/template.yaml', 'infra'],
    ],
  );
  assert.deepEqual(
    p.unmatched.map((u) => [u.command, u.reason]),
    [
      ['sam deploy -t missing/template.yaml --stack-name nope', 'missing/template.yaml is not a template of the workspace'],
      ['cdk deploy --all', 'cdk deploys stacks the analysis cannot see'],
    ],
  );
});

test('no pipeline files: no pipelines, every domain per trigger or per its units, and findings as before', () => {
  const a = analyse({ 'orders/serverless.yml': QUEUE_SERVICE('orders') });
  assert.deepEqual(a.pipelines.pipelines, []);
  assert.deepEqual(a.patterns.counts, { 'per-trigger': 1, 'infra-apart': 0, 'per-function': 0, monolith: 0 });
  assert.deepEqual(a.patterns.domains[0].pipelines, ['unit:orders/serverless.yml']);
});

test('patterns: code shipped by another pipeline is infrastructure apart from the application', () => {
  const a = analyse({
    'shop/template.yaml': SAM,
    '.github/workflows/infra.yml': 'on: push\njobs:\n  infra:\n    runs-on: ubuntu-latest\n    steps:\n      - run: sam deploy -t shop/template.yaml --stack-name shop\n',
    '.github/workflows/code.yml': 'on: push\njobs:\n  code:\n    runs-on: ubuntu-latest\n    steps:\n      - run: aws lambda update-function-code --function-name shop-api --zip-file fileb://api.zip\n',
  });
  const code = a.pipelines.byId.get('.github/workflows/code.yml')!;
  assert.deepEqual(
    code.codeDeploys.map((c) => [c.function, c.unit, c.fn]),
    [['shop-api', 'shop/template.yaml', 'Api']],
  );
  const d = a.patterns.domains.find((x) => x.pattern === 'infra-apart');
  assert.ok(d, JSON.stringify(a.patterns));
  assert.deepEqual(d.pipelines, ['.github/workflows/code.yml', '.github/workflows/infra.yml']);
  assert.match(d.why, /code\.yml ships code into shop\/template\.yaml/);
});

test('patterns: a trigger and its function deployed by different pipelines is per function; one pipeline per trigger is per trigger', () => {
  const a = analyse({
    'queue/template.yaml': "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Jobs:\n    Type: AWS::SQS::Queue\nOutputs:\n  JobsArn:\n    Value: !GetAtt Jobs.Arn\n    Export:\n      Name: jobs-arn\n",
    'worker/serverless.yml': 'service: worker\nprovider:\n  name: aws\n  runtime: nodejs20.x\nfunctions:\n  work:\n    handler: h.main\n    events:\n      - sqs:\n          arn: !ImportValue jobs-arn\n',
    'orders/serverless.yml': QUEUE_SERVICE('orders'),
    '.github/workflows/queue.yml': 'on: push\njobs:\n  q:\n    runs-on: ubuntu-latest\n    steps:\n      - run: sam deploy -t queue/template.yaml --stack-name queue\n',
    '.github/workflows/worker.yml': 'on: push\njobs:\n  w:\n    runs-on: ubuntu-latest\n    steps:\n      - run: cd worker && sls deploy\n      - run: cd orders && sls deploy\n',
  });
  const split = a.patterns.domains.find((d) => d.pattern === 'per-function')!;
  assert.deepEqual(split.pipelines, ['.github/workflows/queue.yml', '.github/workflows/worker.yml']);
  assert.equal(a.patterns.counts['per-function'], 1, JSON.stringify(a.patterns));
  assert.equal(a.patterns.counts['per-trigger'], 1, JSON.stringify(a.patterns));
});

test('patterns: a pipeline deploying as many domains as the threshold is a monolith', () => {
  const files: Record<string, string> = {};
  const steps: string[] = [];
  for (const n of ['a', 'b', 'c', 'd']) {
    files[`${n}/serverless.yml`] = QUEUE_SERVICE(n);
    steps.push(`      - run: cd ${n} && sls deploy`);
  }
  files['.github/workflows/all.yml'] = ['on: push', 'jobs:', '  all:', '    runs-on: ubuntu-latest', '    steps:', ...steps].join('\n');
  const a = analyse(files);
  assert.equal(a.patterns.counts.monolith, 4, JSON.stringify(a.patterns));
  assert.match(a.patterns.domains[0].why, /all\.yml deploys 4 domains/);
});
