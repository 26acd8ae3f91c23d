// The command line on a workspace with pipelines: the text summary names the estate's patterns,
// the JSON and SARIF carry the pipelines and patterns, the graph shows the pipelines. Without
// pipeline files, none of that appears.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { writeWorkspace } from '../harness';

const BIN = path.resolve(__dirname, '../../../bin/serverless-domains.js');

const UNITS = `
# --- platform/template.yaml
Transform: AWS::Serverless-2016-10-31
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
  Jobs:
    Type: AWS::SQS::Queue
Outputs:
  JobsArn:
    Value: !GetAtt Jobs.Arn
    Export:
      Name: jobs-arn
# --- worker/serverless.yml
service: worker
provider:
  name: aws
  runtime: nodejs20.x
functions:
  work:
    handler: h.main
    events:
      - sqs:
          arn: !ImportValue jobs-arn
`;

const WITH = writeWorkspace(`${UNITS}
# --- .github/workflows/release.yml
on: push
jobs:
  worker:
    runs-on: ubuntu-latest
    steps:
      - run: cd worker && npx sls deploy --stage prod
  platform:
    runs-on: ubuntu-latest
    steps:
      - run: sam deploy -t platform/template.yaml --stack-name platform
# --- .github/workflows/code.yml
on: push
jobs:
  ship:
    runs-on: ubuntu-latest
    steps:
      - run: aws lambda update-function-code --function-name shop-api --zip-file fileb://api.zip
`);
const WITHOUT = writeWorkspace(UNITS);

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('check: the summary line names the patterns, with the pipeline that ships code apart', () => {
  const r = cli('check', WITH);
  const last = r.out.trim().split('\n').pop()!;
  assert.match(last, /2 pipelines: .*1 domain infrastructure apart from application \(\.github\/workflows\/code\.yml ships code into platform\/template\.yaml\)/);
  assert.match(last, /1 domain per trigger/);
  assert.match(r.out, /\.github\/workflows\/release\.yml:6:31 {2}warning {2}worker\/serverless\.yml imports from platform\/template\.yaml .*pipeline-order/);
});

test('check --format json: pipelines with deploys, code deploys and after; each domain its pattern; the summary', () => {
  const j = JSON.parse(cli('check', WITH, '--format', 'json').out);
  const release = j.pipelines.find((p: { id: string }) => p.id === '.github/workflows/release.yml');
  assert.deepEqual(
    release.deploys.map((d: { unit: string; job: string; stackName?: string; code: boolean }) => [d.unit, d.job, d.stackName ?? null, d.code]),
    [
      ['worker/serverless.yml', 'worker', null, false],
      ['platform/template.yaml', 'platform', 'platform', false],
    ],
  );
  const code = j.pipelines.find((p: { id: string }) => p.id === '.github/workflows/code.yml');
  assert.deepEqual(code.codeDeploys.map((c: { function: string; unit: string }) => [c.function, c.unit]), [['shop-api', 'platform/template.yaml']]);
  assert.equal(code.kind, 'github');
  // The queue's domain: one pipeline deploys both units (in any order: pipeline-order says so), so per trigger.
  assert.deepEqual(j.summary.patterns, { 'per-trigger': 1, 'infra-apart': 1, 'per-function': 0, monolith: 0 });
  assert.ok(j.domains.every((d: { pattern: string; pipelines: string[] }) => typeof d.pattern === 'string' && Array.isArray(d.pipelines)));
});

test('check --format sarif: the run carries the pipelines and patterns; the rules list the pipeline rules', () => {
  const s = JSON.parse(cli('check', WITH, '--format', 'sarif').out);
  const run = s.runs[0];
  assert.ok(run.tool.driver.rules.some((r: { id: string }) => r.id === 'pipeline-order'));
  assert.equal(run.properties.pipelines.length, 2);
  assert.equal(run.properties.summary.patterns['infra-apart'], 1);
});

test('graph shows the pipelines and what they deploy', () => {
  const mermaid = cli('graph', WITH).out;
  assert.match(mermaid, /p\d\[\/"\.github\/workflows\/release\.yml \(github\)"\/\]/);
  assert.match(mermaid, /p\d -\.->\|deploys\| u\d/);
  const g = JSON.parse(cli('graph', WITH, '--format', 'json').out);
  assert.deepEqual(g.pipelines.find((p: { id: string }) => p.id === '.github/workflows/release.yml').units, ['worker/serverless.yml', 'platform/template.yaml']);
  assert.match(cli('graph', WITH, '--format', 'dot').out, /shape=cds/);
});

test('without pipeline files: no pipelines, patterns or pipeline findings anywhere', () => {
  const r = cli('check', WITHOUT);
  assert.doesNotMatch(r.out, /pipeline-|pipelines:/);
  const j = JSON.parse(cli('check', WITHOUT, '--format', 'json').out);
  assert.equal(j.pipelines, undefined);
  assert.equal(j.summary, undefined);
  assert.ok(j.domains.every((d: object) => !('pattern' in d)));
  assert.equal(JSON.parse(cli('check', WITHOUT, '--format', 'sarif').out).runs[0].properties, undefined);
  assert.doesNotMatch(cli('graph', WITHOUT).out, /deploys/);
});
