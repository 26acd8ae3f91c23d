// The command line, run as users run it: the bundled binary in a child process.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { run } from '../../server/src/cli/main';
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
  assert.match(r.out, /^2 units, 1 domain: 1 problem \(1 warning\) · split-domain 1 warning$/m);
  assert.equal(r.err, '', 'stderr is not a terminal: no progress, nothing at all');
});

test('text: related locations follow their finding, indented, by workspace-relative path, line and column', () => {
  const r = cli('check', WARN_ONLY);
  const lines = r.out.split('\n');
  const at = lines.findIndex((l) => l.startsWith('app/serverless.yml:7:9  warning'));
  assert.match(lines[at + 1], /^ {4}infra\/template\.yaml:3:3: Q is defined here$/);
});

test('--max-warnings turns warnings into a failing exit', () => {
  assert.equal(cli('check', WARN_ONLY, '--max-warnings', '0').code, 1);
  assert.equal(cli('check', WARN_ONLY, '--max-warnings=1').code, 0);
});

// One error, one warning, one information and one hint.
const MIXED = workspace(`
# --- infra/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Q:
    Type: AWS::SQS::Queue
    DependsOn: Missing
Outputs:
  QArn:
    Value: !GetAtt Q.Arn
    Export:
      Name: infra-QArn
  Unused:
    Value: x
    Export:
      Name: infra-Unused
# --- app/serverless.yml
service: app
provider: { name: aws }
functions:
  worker:
    handler: h.worker
    events:
      - sqs: !ImportValue infra-QArn
    environment:
      TOPIC: !ImportValue billing-TopicArn
`);

function rules(out: string): string[] {
  return out
    .split('\n')
    .filter((l) => /^\S+:\d+:\d+ {2}/.test(l))
    .map((l) => l.split('  ').slice(1, 2)[0] + ' ' + l.split('  ').pop())
    .sort();
}

test('text hides hints by default and says how many it hid', () => {
  const r = cli('check', MIXED);
  assert.deepEqual(rules(r.out), ['error broken-reference', 'information unresolved-import', 'warning split-domain']);
  assert.match(r.out, /^2 units, 1 domain: 3 problems \(1 error, 1 warning, 1 information\) · broken-reference 1 error · split-domain 1 warning · unresolved-import 1 information · 1 hint hidden \(--severity hint shows it\)$/m);
  assert.equal(r.code, 1);
});

test('--severity LEVEL reports that level and above, in every format', () => {
  assert.deepEqual(rules(cli('check', MIXED, '--severity', 'hint').out), ['error broken-reference', 'hint unused-export', 'information unresolved-import', 'warning split-domain']);
  assert.deepEqual(rules(cli('check', MIXED, '--severity=warning').out), ['error broken-reference', 'warning split-domain']);
  const all = JSON.parse(cli('check', MIXED, '--format', 'json').out);
  assert.deepEqual(all.diagnostics.map((d: { severity: string }) => d.severity).sort(), ['error', 'hint', 'information', 'warning'], 'json keeps everything by default');
  const some = JSON.parse(cli('check', MIXED, '--format', 'json', '--severity', 'warning').out);
  assert.deepEqual(some.diagnostics.map((d: { severity: string }) => d.severity).sort(), ['error', 'warning']);
  const sarif = JSON.parse(cli('check', MIXED, '--format', 'sarif', '--severity', 'information').out);
  assert.deepEqual(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId).sort(), ['broken-reference', 'split-domain', 'unresolved-import']);
  assert.equal(JSON.parse(cli('check', MIXED, '--format', 'sarif').out).runs[0].results.length, 4);
});

test('--quiet prints errors only; the exit status still counts the warnings it hides', () => {
  const q = cli('check', MIXED, '--quiet');
  assert.deepEqual(rules(q.out), ['error broken-reference']);
  assert.match(q.out, / · 1 warning, 1 information, 1 hint hidden/);
  assert.equal(cli('check', WARN_ONLY, '--quiet').code, 0, 'warnings alone never fail without --max-warnings');
  const gated = cli('check', WARN_ONLY, '--quiet', '--max-warnings', '0');
  assert.equal(gated.code, 1, '--quiet does not change what --max-warnings says');
  assert.match(gated.out, /^2 units, 1 domain: 0 problems shown · 1 warning hidden/m);
  assert.match(gated.out, /^Exit status 1: 1 warning \(not shown: below --severity error\), more than --max-warnings 0\.$/m);
  const json = cli('check', WARN_ONLY, '--quiet', '--max-warnings', '0', '--format', 'json');
  assert.equal(json.code, 1);
  assert.deepEqual(JSON.parse(json.out).diagnostics, []);
  assert.match(json.err, /exit status 1: 1 warning/);
  assert.equal(cli('check', WARN_ONLY, '--quiet', '--severity', 'error').code, 0);
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
  assert.equal(cli('check', WARN_ONLY, '--severity', 'loud').code, 2);
  assert.equal(cli('check', WARN_ONLY, '--quiet', '--severity', 'warning').code, 2);
});

test('--max-warnings -1 is not a limit: exit 2 with a clear message', () => {
  const r = cli('check', WARN_ONLY, '--max-warnings', '-1');
  assert.equal(r.code, 2);
  assert.match(r.err, /^serverless-domains: --max-warnings takes a number of warnings, 0 or more, not -1 \(leave the option out for no limit\)/);
  assert.equal(r.out, '');
  assert.equal(cli('check', WARN_ONLY, '--max-warnings=-5').code, 2);
});

test('progress goes to stderr only when it is a terminal, and is erased before the report', async () => {
  let out = '';
  let err = '';
  const code = await run(['check', WARN_ONLY], (s) => (out += s), (s) => (err += s), { tty: true });
  assert.equal(code, 0);
  assert.match(err, /^\r\x1b\[2KReading /);
  assert.match(err, /Analysing \d+ files/);
  assert.ok(err.endsWith('\r\x1b[2K'), 'the progress line is erased');
  assert.doesNotMatch(out, /\x1b/);
  let quietErr = '';
  await run(['check', WARN_ONLY], () => undefined, (s) => (quietErr += s), { tty: false });
  assert.equal(quietErr, '');
  for (const format of ['json', 'sarif']) assert.equal(cli('check', WARN_ONLY, '--format', format).err, '', `${format}: no progress in a pipe`);
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

test('source code on disk that invokes a function through an SDK is read; other source code is not', () => {
  const dir = workspace(`
# --- images/serverless.yml
service: images
provider:
  name: aws
functions:
  resize:
    handler: handler.resize
  thumbnail:
    handler: handler.thumbnail
# --- tools/backfill.py
import boto3
boto3.client("lambda").invoke(FunctionName="images-dev-resize")
# --- images/handler.js
// thumbnail is only named here, in code that invokes nothing
module.exports.thumbnail = async () => ({});
`);
  const out = JSON.parse(cli('check', dir, '--format', 'json').out);
  assert.deepEqual(out.diagnostics.filter((d: { rule: string }) => d.rule === 'orphan-function').map((d: { message: string }) => d.message.split(':')[0]), ['Nothing in the workspace invokes function thumbnail']);
});
