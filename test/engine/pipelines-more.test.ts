// Pipelines as facts, the other kinds: Bitbucket Pipelines, CircleCI and Azure Pipelines read into
// the model (order by `needs`, working directories, env, deploys located where written, unmatched
// commands, path filters, and bad input kept as skips, never a throw).

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { readPipelines } from '../../server/src/engine/pipeline/kinds';
import type { Deploy, Job, Pipeline, Step } from '../../server/src/engine/pipeline/model';

function readAll(path: string, files: Record<string, string>): Pipeline[] {
  return readPipelines(path, { text: (f) => (Object.prototype.hasOwnProperty.call(files, f) ? files[f] : undefined) });
}
function read(path: string, files: Record<string, string>): Pipeline {
  const ps = readAll(path, files);
  assert.equal(ps.length, 1);
  return ps[0];
}
function allSteps(steps: Step[]): Step[] {
  return steps.flatMap((s) => [s, ...allSteps(s.uses?.steps ?? [])]);
}
function allJobs(jobs: Job[]): Job[] {
  return jobs.flatMap((j) => [j, ...allJobs(j.calls?.jobs ?? [])]);
}
function deploys(p: Pipeline): Deploy[] {
  return allJobs(p.jobs).flatMap((j) => allSteps(j.steps).flatMap((s) => s.deploys));
}
function unmatched(p: Pipeline) {
  return allJobs(p.jobs).flatMap((j) => allSteps(j.steps).flatMap((s) => s.unmatched));
}
/** The text a location covers, in the file it names. */
const at = (files: Record<string, string>, d: { loc: { file: string; start: number; end: number } }) => files[d.loc.file].slice(d.loc.start, d.loc.end);

test('Bitbucket: one pipeline per entry, steps in sequence, parallel groups and stages, anchors, changesets', () => {
  const files = {
    'app/bitbucket-pipelines.yml': [
      'definitions:',
      '  steps:',
      '    - step: &test',
      '        name: Test',
      '        script:',
      '          - npm test',
      'pipelines:',
      '  default:',
      '    - step: *test',
      '  branches:',
      '    main:',
      '      - step: *test',
      '      - parallel:',
      '          - step:',
      '              name: Infra',
      '              condition:',
      '                changesets:',
      '                  includePaths: ["infra/**"]',
      '              script:',
      '                - export STAGE=prod',
      '                - cd infra && sam deploy --stack-name infra-$STAGE',
      '          - step:',
      '              name: Api',
      '              script:',
      '                - sls deploy --stage prod',
      '      - stage:',
      '          name: Release',
      '          steps:',
      '            - step:',
      '                deployment: production',
      '                script:',
      '                  - terraform -chdir=tf apply',
      '            - step:',
      '                name: Notify',
      '                script:',
      '                  - ./scripts/deploy-notify.sh',
      '  custom:',
      '    deploy-prod:',
      '      - variables:',
      '          - name: Stack',
      '      - step:',
      '          script:',
      '            - aws cloudformation deploy --template-file t.yaml --stack-name $Stack',
      '  pull-requests:',
      "    '**':",
      '      - step: *test',
    ].join('\n'),
  };
  const ps = readAll('app/bitbucket-pipelines.yml', files);
  assert.deepEqual(ps.map((p) => [p.id, p.kind, p.root, p.triggers.map((t) => [t.event, t.branches])]), [
    ['app/bitbucket-pipelines.yml#default', 'bitbucket', 'app', [['push', undefined]]],
    ['app/bitbucket-pipelines.yml#branches/main', 'bitbucket', 'app', [['push', ['main']]]],
    ['app/bitbucket-pipelines.yml#custom/deploy-prod', 'bitbucket', 'app', [['custom', undefined]]],
    ['app/bitbucket-pipelines.yml#pull-requests/**', 'bitbucket', 'app', [['pull_request', ['**']]]],
  ]);
  const main = ps[1];
  assert.deepEqual(main.jobs.map((j) => [j.id, j.name, j.needs, j.stage, j.changes]), [
    ['1', 'Test', [], undefined, undefined],
    ['2', 'Infra', ['1'], undefined, ['infra/**']],
    ['3', 'Api', ['1'], undefined, undefined],
    ['4', 'production', ['2', '3'], 'Release', undefined],
    ['5', 'Notify', ['4'], 'Release', undefined],
  ]);
  assert.deepEqual(main.stages, ['Release']);
  const ds = deploys(main);
  assert.deepEqual(ds.map((d) => [d.tool, d.stackName, d.template, d.folder, d.stage, d.workingDirectory]), [
    ['sam deploy', 'infra-prod', undefined, undefined, undefined, 'app/infra'],
    ['serverless deploy', undefined, undefined, 'app', 'prod', 'app'],
    ['terraform apply', undefined, undefined, 'app/tf', undefined, 'app'],
  ]);
  assert.deepEqual(ds.map((d) => at(files, d)), ['sam deploy --stack-name infra-$STAGE', 'sls deploy --stage prod', 'terraform -chdir=tf apply']);
  assert.equal(ds[0].defaultTemplate, true);
  // A deploy-looking script that is not in the workspace stays unmatched, where it is written.
  assert.deepEqual(unmatched(main).map((u) => at(files, u)), ['./scripts/deploy-notify.sh']);
  // A custom pipeline's variables are asked for when it runs: the stack name stays unknown, the template is known.
  assert.deepEqual(deploys(ps[2]).map((d) => [d.template, d.stackName]), [['app/t.yaml', undefined]]);
  // The anchored step is read where it is used, located in its definition.
  assert.deepEqual(ps[0].jobs.map((j) => [j.name, files['app/bitbucket-pipelines.yml'].slice(j.loc.start, j.loc.start + 10)]), [['Test', 'name: Test']]);
});

test('Bitbucket: script lines share one shell, pipes are steps of their own; deploy pipes with literal variables', () => {
  const files = {
    'bitbucket-pipelines.yml': [
      'pipelines:',
      '  default:',
      '    - step:',
      '        script:',
      '          - export STACK=orders',
      '          - pipe: atlassian/aws-sam-deploy:1.5.0',
      '            variables:',
      '              STACK_NAME: orders-api',
      '              SAM_TEMPLATE: services/orders/template.yaml',
      '          - sam deploy --stack-name $STACK -t orders.yaml',
      '          - pipe: atlassian/aws-cloudformation-deploy:0.20.0',
      '            variables:',
      '              STACK_NAME: $STACK_NAME',
      "              TEMPLATE: 'https://bucket.s3.amazonaws.com/t.yaml'",
      '          - pipe: atlassian/serverless-deploy:1.3.0',
      '            variables:',
      "              EXTRA_ARGS: '--stage prod'",
      '              CONFIG: api/serverless.yml',
      '          - pipe: atlassian/aws-lambda-deploy:1.0.0',
      '            variables:',
      '              FUNCTION_NAME: resize',
      '              COMMAND: update',
      '              ZIP_FILE: fn.zip',
      '          - pipe: atlassian/aws-sam-deploy:1.5.0',
      '            variables:',
      '              COMMAND: package-only',
      '          - pipe: atlassian/slack-notify:2.0.0',
      '        after-script:',
      '          - aws cloudformation deploy --stack-name $STACK --template-file $T',
    ].join('\n'),
  };
  const p = read('bitbucket-pipelines.yml', files);
  const steps = p.jobs[0].steps;
  assert.deepEqual(steps.map((s) => [s.kind, s.uses?.name]), [
    ['script', undefined],
    ['pipe', 'atlassian/aws-sam-deploy:1.5.0'],
    ['script', undefined],
    ['pipe', 'atlassian/aws-cloudformation-deploy:0.20.0'],
    ['pipe', 'atlassian/serverless-deploy:1.3.0'],
    ['pipe', 'atlassian/aws-lambda-deploy:1.0.0'],
    ['pipe', 'atlassian/aws-sam-deploy:1.5.0'],
    ['pipe', 'atlassian/slack-notify:2.0.0'],
    ['after-script', undefined],
  ]);
  const ds = deploys(p);
  assert.deepEqual(ds.map((d) => [d.tool, d.stackName, d.template, d.folder, d.config, d.stage, d.functionName, d.codeOnly]), [
    ['sam deploy', 'orders-api', 'services/orders/template.yaml', undefined, undefined, undefined, undefined, undefined],
    // `export STACK=orders` of an earlier line holds after the pipe.
    ['sam deploy', 'orders', 'orders.yaml', undefined, undefined, undefined, undefined, undefined],
    ['serverless deploy', undefined, undefined, 'api', 'api/serverless.yml', 'prod', undefined, undefined],
    ['lambda update-function-code', undefined, undefined, undefined, undefined, undefined, 'resize', true],
  ]);
  assert.deepEqual(ds.map((d) => at(files, d)), ['atlassian/aws-sam-deploy:1.5.0', 'sam deploy --stack-name $STACK -t orders.yaml', 'atlassian/serverless-deploy:1.3.0', 'atlassian/aws-lambda-deploy:1.0.0']);
  // A stack name from a repository variable and a template at a URL: unmatched on the pipe; after-script is its own shell.
  assert.deepEqual(unmatched(p).map((u) => [at(files, u), u.reason]), [
    ['atlassian/aws-cloudformation-deploy:0.20.0', 'neither the template nor the stack name is known statically'],
    ['aws cloudformation deploy --stack-name $STACK --template-file $T', 'neither the template nor the stack name is known statically'],
  ]);
});

test('Bitbucket (bad input): broken YAML, an alias bomb of script lines, no pipelines: skips, never a throw', () => {
  const broken = read('bitbucket-pipelines.yml', { 'bitbucket-pipelines.yml': 'pipelines:\n  default:\n    - step:\n      script: [\n' });
  assert.match(broken.skipped[0].reason, /is not valid YAML/);
  const bomb = ['definitions:', '  a0: &a0 ["sls deploy"]'];
  for (let i = 1; i < 9; i++) bomb.push(`  a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  bomb.push('pipelines:', '  default:', '    - step:', '        script: *a8');
  const start = Date.now();
  const p = read('bitbucket-pipelines.yml', { 'bitbucket-pipelines.yml': bomb.join('\n') });
  assert.ok(Date.now() - start < 3000);
  assert.ok(deploys(p).length <= 10000);
  assert.ok(p.skipped.some((s) => /the rest is not read/.test(s.reason)));
  const none = read('x/bitbucket-pipelines.yml', { 'x/bitbucket-pipelines.yml': 'image: node\n' });
  assert.deepEqual([none.id, none.jobs], ['x/bitbucket-pipelines.yml', []]);
});
