// Pipelines in the editor, over the real protocol: the lens naming the pipeline and job that deploy
// a unit, hover and definition on a deploy command (and on the script call a workflow reaches it
// through), the `serverlessDomains/pipelines` request, edits of an open workflow, and a workspace
// with no pipeline files looking exactly as before.

import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import picomatch from 'picomatch';
import type { CodeLens, Hover, Location } from 'vscode-languageserver-protocol';
import type { PipelinesResult } from '../../server/src/protocol/ext';
import { parseFixture, writeWorkspace } from '../harness';
import { TestClient } from './client';

const UNITS = `
# --- orders/serverless.yml
service: orders
provider:
  name: aws
functions:
  worker:
    handler: h.main
    events:
      - sqs:
          arn: !GetAtt Jobs.Arn
resources:
  Resources:
    Jobs:
      Type: AWS::SQS::Queue
# --- infra/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Bucket:
    Type: AWS::S3::Bucket
`;

const WS = `${UNITS}
# --- scripts/deploy.sh
#!/bin/sh
set -e
aws cloudformation deploy --template-file infra/template.yaml --stack-name infra
# --- .github/workflows/deploy.yml
on: push
jobs:
  infra:
    runs-on: ubuntu-latest
    steps:
      - run: ./scripts/deploy.sh
  app:
    needs: infra
    runs-on: ubuntu-latest
    steps:
      - run: cd orders && npx sls deploy --stage prod
      - run: cdk deploy --all
`;

const files = parseFixture(WS).files;
const WF = '.github/workflows/deploy.yml';

/** The position of `needle` in a file, `delta` characters in. */
function pos(rel: string, needle: string, delta = 0): { line: number; character: number } {
  const text = files.get(rel)!;
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `${needle} not in ${rel}`);
  const before = text.slice(0, i + delta).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

describe('pipelines in the language server', () => {
  let c: TestClient;
  before(async () => {
    c = new TestClient(writeWorkspace(WS), { initializationOptions: { extension: 'vscode' } });
    await c.start();
  });
  after(() => c.stop());

  const where = (l: Location) => `${c.rel(l.uri)}:${l.range.start.line}:${l.range.start.character}`;
  const hover = (rel: string, needle: string, delta = 2) => c.conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: c.uri(rel) }, position: pos(rel, needle, delta) });
  const text = (h: Hover | null) => (h ? (h.contents as { value: string }).value : '');
  const lenses = (rel: string) => c.conn.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: c.uri(rel) } });

  test("a lens on the unit's first line names the pipeline and job, and the script a deploy is reached through", async () => {
    const orders = (await lenses('orders/serverless.yml')).find((l) => l.command?.title.startsWith('deployed by'));
    assert.equal(orders?.command?.title, `deployed by ${WF} (job app)`);
    assert.equal(orders?.range.start.line, 0);
    // The VS Code extension's lens opens the deploy command.
    assert.equal(orders?.command?.command, 'serverlessDomains.reveal');
    assert.equal(where(orders?.command?.arguments?.[0] as Location), `${WF}:${pos(WF, 'sls deploy').line}:${pos(WF, 'sls deploy').character}`);
    const infra = await lenses('infra/template.yaml');
    assert.deepEqual(
      infra.map((l) => l.command?.title),
      [`deployed by scripts/deploy.sh via ${WF} (job infra)`],
    );
  });

  test('hover on a deploy command: the unit, the job and what runs before it; an unmatched command says why', async () => {
    const h = text(await hover(WF, 'sls deploy'));
    assert.match(h, /deploys\*\* unit `orders\/serverless\.yml`/);
    assert.match(h, /job `app`/);
    assert.match(h, /after job `infra`; after deploying `infra\/template\.yaml`/);
    assert.match(text(await hover(WF, 'cdk deploy')), /deploy not matched\*\*: cdk/);
    // In the script the workflow calls, and on the call itself.
    assert.match(text(await hover('scripts/deploy.sh', 'cloudformation deploy')), /unit `infra\/template\.yaml` \(stack `infra`\)[\s\S]*job `infra`, through `scripts\/deploy\.sh`/);
    assert.match(text(await hover(WF, './scripts/deploy.sh')), /unit `infra\/template\.yaml`/);
    assert.equal(await hover(WF, 'runs-on'), null);
  });

  test("definition from a deploy command goes to the unit's first line", async () => {
    const def = (rel: string, needle: string) => c.conn.sendRequest<Location[]>('textDocument/definition', { textDocument: { uri: c.uri(rel) }, position: pos(rel, needle, 2) }).then((ls) => ls.map(where));
    assert.deepEqual(await def(WF, 'sls deploy'), ['orders/serverless.yml:0:0']);
    assert.deepEqual(await def('scripts/deploy.sh', 'cloudformation deploy'), ['infra/template.yaml:0:0']);
    assert.deepEqual(await def(WF, './scripts/deploy.sh'), ['infra/template.yaml:0:0']);
    assert.deepEqual(await def(WF, 'cdk deploy'), []);
  });

  test('the pipelines request: jobs in order, deploys with their places, unmatched commands, domains with their pattern', async () => {
    const r = await c.conn.sendRequest<PipelinesResult>('serverlessDomains/pipelines');
    assert.equal(r.folders.length, 1);
    const [p] = r.folders[0].pipelines;
    assert.equal(p.id, WF);
    assert.equal(p.kind, 'github');
    assert.equal(c.rel(p.location.uri), WF);
    assert.deepEqual(
      p.jobs.map((j) => [j.id, j.needs, j.after]),
      [
        ['infra', [], []],
        ['app', ['infra'], ['infra']],
      ],
    );
    const [infra, app] = p.jobs;
    assert.deepEqual(
      infra.deploys.map((d) => [d.unit, d.stackName, where(d.location), d.unitLocation && where(d.unitLocation), d.through]),
      [['infra/template.yaml', 'infra', 'scripts/deploy.sh:2:0', 'infra/template.yaml:0:0', ['scripts/deploy.sh']]],
    );
    assert.deepEqual(
      app.deploys.map((d) => [d.unit, d.command]),
      [['orders/serverless.yml', 'sls deploy --stage prod']],
    );
    assert.deepEqual(
      app.unmatched.map((u) => [u.command, where(u.location)]),
      [['cdk deploy --all', `${WF}:${pos(WF, 'cdk').line}:${pos(WF, 'cdk').character}`]],
    );
    assert.match(app.unmatched[0].reason, /cdk/);
    assert.deepEqual(p.domains, [{ name: 'Jobs', pattern: 'per-trigger', why: '' }]);
  });

  test('the watchers the server registers cover every kind of pipeline file and what pipelines call', () => {
    const watched = (rel: string) => c.watchedGlobs.some((g) => picomatch(g, { dot: true })(rel));
    for (const rel of ['.github/workflows/deploy.yml', '.github/actions/ship/action.yml', '.gitlab-ci.yml', 'ci/buildspec-prod.yml', 'Makefile', 'svc/Makefile', 'make/rules.mk', 'scripts/deploy.sh', 'scripts/deploy.zsh', 'deploy.ps1', 'package.json']) {
      assert.ok(watched(rel), `no watcher for ${rel} among ${c.watchedGlobs.join(', ')}`);
    }
  });

  test('an edit of the open workflow changes the lenses: the server reads pipeline files from the editor', async () => {
    await c.openFile(WF);
    const analysed = c.nextGraphChange();
    await c.replaceAll(WF, files.get(WF)!.replace('npx sls deploy --stage prod', 'echo later'));
    await analysed;
    assert.equal((await lenses('orders/serverless.yml')).filter((l) => l.command?.title.startsWith('deployed by')).length, 0);
    assert.equal((await lenses('infra/template.yaml')).length, 1);
  });
});

describe('pipelines: a workspace without pipeline files', () => {
  let c: TestClient;
  before(async () => {
    c = new TestClient(writeWorkspace(UNITS));
    await c.start();
  });
  after(() => c.stop());

  test('no pipeline lens, and the request answers no pipelines', async () => {
    const lenses = await c.conn.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: c.uri('orders/serverless.yml') } });
    assert.deepEqual(
      lenses.map((l) => l.command?.title),
      ['domain Jobs · triggered by Jobs', 'invokes 1 function in 1 unit'],
    );
    assert.deepEqual(await c.conn.sendRequest('textDocument/codeLens', { textDocument: { uri: c.uri('infra/template.yaml') } }), []);
    const r = await c.conn.sendRequest<PipelinesResult>('serverlessDomains/pipelines');
    assert.deepEqual(
      r.folders.map((f) => f.pipelines),
      [[]],
    );
  });
});
