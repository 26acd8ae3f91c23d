// What the editor shows of pipelines, on the engine's Query: lenses on units and on functions
// whose code a pipeline ships, hover over matrix deploys and code-only deploys, definition to
// the function, and the Pipelines view's jobs in stage order.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { pipelineTree, Query } from '../../server/src/engine';
import { parseFixture, workspaceOf } from '../harness';

const SERVICE = (name: string) => `service: ${name}
provider:
  name: aws
functions:
  worker:
    handler: h.main
    events:
      - schedule: rate(1 hour)
`;

function query(files: Record<string, string>): { q: Query; text: (f: string) => string } {
  const fixture = Object.entries(files)
    .map(([p, t]) => `# --- ${p}\n${t}`)
    .join('\n');
  const ws = workspaceOf(parseFixture(fixture).files);
  return { q: new Query(ws, ws.analyze()), text: (f) => ws.getText(f) ?? '' };
}

test('a matrix deploy: one lens per unit, the hover names each entry; a code-only deploy lenses the function and defines to it', () => {
  const wf = '.github/workflows/release.yml';
  const { q, text } = query({
    'orders/serverless.yml': SERVICE('orders'),
    'billing/serverless.yml': SERVICE('billing'),
    [wf]: [
      'on: push',
      'jobs:',
      '  deploy:',
      '    runs-on: ubuntu-latest',
      '    strategy:',
      '      matrix:',
      '        svc: [orders, billing]',
      '    steps:',
      '      - run: sls deploy --config ${{ matrix.svc }}/serverless.yml',
      '  hotfix:',
      '    needs: deploy',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: cd orders && sls deploy function -f worker',
    ].join('\n'),
  });
  assert.deepEqual(
    q.codeLenses('orders/serverless.yml').filter((l) => l.target).map((l) => l.title),
    [`deployed by ${wf} (job deploy)`, `code shipped by ${wf} (job hotfix)`],
  );
  assert.deepEqual(
    q.codeLenses('billing/serverless.yml').filter((l) => l.target).map((l) => l.title),
    [`deployed by ${wf} (job deploy)`],
  );
  const w = text(wf);
  const matrix = q.hover(wf, w.indexOf('sls deploy --config') + 3)!.markdown;
  assert.match(matrix, /unit `orders\/serverless\.yml` for matrix svc=orders/);
  assert.match(matrix, /unit `billing\/serverless\.yml` for matrix svc=billing/);
  const code = q.hover(wf, w.indexOf('deploy function') + 3)!.markdown;
  assert.match(code, /ships the code\*\* of function `worker` \(`worker` in unit `orders\/serverless\.yml`\)/);
  assert.match(code, /after job `deploy`; after deploying `orders\/serverless\.yml`, `billing\/serverless\.yml`/);
  const [def] = q.definition(wf, w.indexOf('deploy function') + 3);
  assert.equal(def.file, 'orders/serverless.yml');
  assert.equal(text('orders/serverless.yml').slice(def.start, def.end), 'worker');
  const [p] = pipelineTree(q.a);
  assert.deepEqual(
    p.jobs.map((j) => [j.id, j.deploys.map((d) => d.unit), j.codeDeploys.map((c) => `${c.function} -> ${c.unit}#${c.fn}`)]),
    [
      ['deploy', ['orders/serverless.yml', 'billing/serverless.yml'], []],
      ['hotfix', [], ['worker -> orders/serverless.yml#worker']],
    ],
  );
});

test('GitLab: jobs listed in stage order, whatever order they are written in', () => {
  const { q } = query({
    'orders/serverless.yml': SERVICE('orders'),
    'infra/template.yaml': "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n",
    '.gitlab-ci.yml': [
      'stages: [infra, app]',
      'deploy_app:',
      '  stage: app',
      '  script:',
      '    - cd orders && sls deploy',
      'deploy_infra:',
      '  stage: infra',
      '  script:',
      '    - aws cloudformation deploy --template-file infra/template.yaml --stack-name infra',
    ].join('\n'),
  });
  const [p] = pipelineTree(q.a);
  assert.deepEqual(
    p.jobs.map((j) => [j.id, j.stage, j.after, j.deploys.map((d) => d.unit)]),
    [
      ['deploy_infra', 'infra', [], ['infra/template.yaml']],
      ['deploy_app', 'app', ['deploy_infra'], ['orders/serverless.yml']],
    ],
  );
  assert.deepEqual(p.domains.map((d) => [d.name, d.pattern]), [['WorkerEventsRuleSchedule1', 'per-trigger']]);
});

test('no pipeline files: no pipeline lens, hover or tree', () => {
  const { q, text } = query({ 'orders/serverless.yml': SERVICE('orders'), 'scripts/deploy.sh': '#!/bin/sh\ncd orders && sls deploy\n' });
  assert.equal(q.codeLenses('orders/serverless.yml').filter((l) => l.target).length, 0);
  assert.equal(q.hover('scripts/deploy.sh', text('scripts/deploy.sh').indexOf('sls') + 1), undefined);
  assert.deepEqual(pipelineTree(q.a), []);
});
