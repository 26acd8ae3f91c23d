// The command line, run as users run it: the bundled binary in a child process.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { writeWorkspace } from '../harness';

const BIN = path.resolve(__dirname, '../../../bin/serverless-domains.js');

const workspace = writeWorkspace;

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const WARN_ONLY = workspace(`
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
functions:
  worker:
    handler: h.worker
    events:
      - sqs: \${cf:infra.QArn}
`);

const WITH_ERROR = workspace(`
# --- t/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  A:
    Type: AWS::SQS::Queue
    DependsOn: Missing
`);

test('text: one line per finding, 1-based, then a summary; exit 0 with warnings only', () => {
  const r = cli('check', WARN_ONLY);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^app\/serverless\.yml:7:9 {2}warning {2}Function worker is invoked by queue Q, which infra\/template\.yaml deploys.* {2}split-domain$/m);
  assert.match(r.out, /^2 units, 1 domain: 0 errors, 1 warning, 0 information, 0 hints$/m);
});

test('--max-warnings turns warnings into a failing exit', () => {
  assert.equal(cli('check', WARN_ONLY, '--max-warnings', '0').code, 1);
  assert.equal(cli('check', WARN_ONLY, '--max-warnings=1').code, 0);
});

test('an error finding exits 1', () => {
  assert.equal(cli('check', WITH_ERROR).code, 1);
});

test('bad arguments and an unreadable folder exit 2', () => {
  assert.equal(cli('check', WARN_ONLY, '--format', 'xml').code, 2);
  assert.equal(cli('check', path.join(WARN_ONLY, 'does-not-exist')).code, 2);
  assert.equal(cli('frobnicate').code, 2);
  assert.equal(cli('check', WARN_ONLY, '--max-warnings', 'many').code, 2);
  assert.equal(cli('check', WARN_ONLY, '--config', path.join(WARN_ONLY, 'nope.yml')).code, 2);
});

test('json: the contract of the spec, to the letter', () => {
  const r = cli('check', WARN_ONLY, '--format', 'json');
  assert.equal(r.code, 0);
  const j = JSON.parse(r.out);
  assert.deepEqual(Object.keys(j), ['version', 'units', 'domains', 'diagnostics']);
  assert.equal(j.version, 1);
  assert.deepEqual(j.units, [
    { id: 'app/serverless.yml', kind: 'serverless', stackName: 'app-dev', files: ['app/serverless.yml'] },
    { id: 'infra/template.yaml', kind: 'cloudformation', stackName: 'infra', files: ['infra/template.yaml'] },
  ]);
  assert.deepEqual(j.domains, [
    { name: 'Q', units: ['app/serverless.yml', 'infra/template.yaml'], triggers: [{ unit: 'infra/template.yaml', id: 'Q', type: 'AWS::SQS::Queue' }], functions: [{ unit: 'app/serverless.yml', id: 'worker' }], resources: [] },
  ]);
  const d = j.diagnostics[0];
  assert.deepEqual(Object.keys(d), ['rule', 'severity', 'subject', 'file', 'range', 'message', 'fixes']);
  assert.equal(d.rule, 'split-domain');
  assert.equal(d.subject, 'worker');
  assert.deepEqual(d.range.start, { line: 6, character: 8 });
  // The move, then the disable comment (which every finding in a YAML file offers).
  assert.deepEqual(d.fixes.map((f: { title: string }) => f.title), ['Move Q into app/serverless.yml, beside worker', 'Disable split-domain for this line']);
  assert.deepEqual(d.fixes[0].edits[1], { file: 'app/serverless.yml', range: { start: { line: 6, character: 13 }, end: { line: 6, character: 29 } }, newText: '!GetAtt Q.Arn' });
  for (const f of d.fixes) for (const e of f.edits) assert.deepEqual(Object.keys(e), ['file', 'range', 'newText']);
});

test('sarif: 2.1.0 with rule metadata, locations and fixes', () => {
  const r = cli('check', WARN_ONLY, '--format', 'sarif');
  const s = JSON.parse(r.out);
  assert.equal(s.version, '2.1.0');
  assert.match(s.$schema, /sarif-2\.1\.0/);
  const run = s.runs[0];
  assert.equal(run.tool.driver.name, 'serverless-domains');
  const ids = run.tool.driver.rules.map((x: { id: string }) => x.id);
  assert.ok(ids.includes('split-domain') && ids.includes('syntax-error'));
  for (const rule of run.tool.driver.rules) {
    assert.ok(rule.shortDescription.text && rule.fullDescription.text);
    assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
  }
  const res = run.results[0];
  assert.equal(res.ruleId, 'split-domain');
  assert.equal(run.tool.driver.rules[res.ruleIndex].id, 'split-domain');
  assert.equal(res.level, 'warning');
  const loc = res.locations[0].physicalLocation;
  assert.equal(loc.artifactLocation.uri, 'app/serverless.yml');
  assert.deepEqual([loc.region.startLine, loc.region.startColumn], [7, 9]);
  assert.ok(res.fixes[0].artifactChanges[0].replacements[0].deletedRegion.startLine >= 1);
});

test('graph: mermaid, dot and json', () => {
  const m = cli('graph', WARN_ONLY, '--format', 'mermaid');
  assert.equal(m.code, 0);
  assert.match(m.out, /^flowchart LR/);
  assert.match(m.out, /==>\|trigger\|/);
  const d = cli('graph', WARN_ONLY, '--format', 'dot');
  assert.match(d.out, /^digraph serverless_domains \{/);
  const j = JSON.parse(cli('graph', WARN_ONLY, '--format', 'json').out);
  assert.deepEqual(j.edges.map((e: { from: string; to: string; kind: string }) => [e.from, e.to, e.kind]), [
    ['app/serverless.yml', 'infra/template.yaml', 'trigger'],
    ['app/serverless.yml', 'infra/template.yaml', 'contract'],
  ]);
  assert.deepEqual(j.deployOrder, ['infra/template.yaml', 'app/serverless.yml']);
});

test('unreadable and skipped files are reported, never fatal', () => {
  const dir = workspace(`
# --- ok/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Q:
    Type: AWS::SQS::Queue
`);
  fs.writeFileSync(path.join(dir, 'ok/serverless.ts'), 'export default {}');
  fs.writeFileSync(path.join(dir, 'bin.yaml'), Buffer.from([0, 1, 2, 3, 65, 87, 83]));
  const r = cli('check', dir);
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /ok\/serverless\.ts: skipped: a JavaScript\/TypeScript service file is never evaluated/);
});
