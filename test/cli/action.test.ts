// The composite action (action.yml at the repository root), run as GitHub runs it: each step's
// `run:` script with bash -eo pipefail, its `env:` with the inputs substituted, GITHUB_ACTION_PATH
// at this repository and GITHUB_OUTPUT a file, in a workspace holding a fixture estate. The build
// step finds dist/ already built (npm run build precedes the tests), so nothing is installed.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { parseFixture } from '../harness';

const ROOT = path.resolve(__dirname, '../../..');
const BUILT = fs.existsSync(path.join(ROOT, 'dist/cli.js'));

interface Step {
  name: string;
  id?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;

/** A repository checkout (GITHUB_WORKSPACE) with the estate under `estate/`. */
function repo(fixture: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-action-'));
  for (const [p, t] of parseFixture(fixture).files) {
    const file = path.join(dir, 'estate', p);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, t);
  }
  return dir;
}

/** Runs the action's steps in order until one fails, as the runner does. */
function runAction(workspace: string, given: Record<string, string>) {
  const inputs: Record<string, string> = {};
  for (const [k, v] of Object.entries(action.inputs)) inputs[k] = given[k] ?? v.default ?? '';
  const outputFile = path.join(workspace, '.github-output');
  fs.writeFileSync(outputFile, '');
  const expr = (s: string) =>
    s.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, e: string) => {
      if (e === 'github.action_path') return ROOT;
      const input = /^inputs\.([a-z-]+)$/.exec(e);
      if (input && input[1] in inputs) return inputs[input[1]];
      throw new Error(`unknown expression in action.yml: ${e}`);
    });
  let out = '';
  let status = 0;
  for (const step of action.runs.steps) {
    if (!step.run) continue;
    const env: Record<string, string> = { ...(process.env as Record<string, string>), GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: outputFile, GITHUB_WORKSPACE: workspace };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expr(String(v));
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], { cwd: workspace, env, encoding: 'utf8' });
    out += r.stdout;
    status = r.status ?? -1;
    if (status !== 0) break;
  }
  const outputs = Object.fromEntries(
    fs
      .readFileSync(outputFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return { status, out, outputs };
}

const ESTATE = `
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
# --- app/serverless.yml
service: app
provider: { name: aws }
functions:
  worker:
    handler: h.worker
    events:
      - sqs: !ImportValue infra-QArn
`;
const WARNINGS_ONLY = ESTATE.replace('    DependsOn: Missing\n', '');

test('action.yml: a composite action whose scripts take the inputs through env, never ${{ }} in a script', () => {
  assert.equal(action.runs.using, 'composite');
  for (const name of ['path', 'format', 'baseline', 'max-warnings', 'sarif-file']) assert.ok(name in action.inputs, name);
  for (const step of action.runs.steps) if (step.run) {
    assert.equal(step.shell, 'bash');
    assert.doesNotMatch(step.run, /\$\{\{/, `${step.name}: inputs are passed through env`);
  }
  assert.equal(action.outputs['sarif-file'].value, '${{ steps.check.outputs.sarif-file }}');
  assert.ok(action.runs.steps.some((s) => s.id === 'check'));
});

test('action: format github annotates the repository paths and fails on an error', { skip: !BUILT && 'dist/ is not built' }, () => {
  const ws = repo(ESTATE);
  const r = runAction(ws, { path: 'estate' });
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /^::error file=estate\/infra\/template\.yaml,line=5,col=16,endLine=5,endColumn=\d+,title=broken-reference::DependsOn names Missing/m);
  assert.match(r.out, /^::warning file=estate\/app\/serverless\.yml,line=7,col=9,.*title=split-domain::/m);
  assert.match(r.out, /^2 units, 1 domain: 2 problems \(1 error, 1 warning\)/m);
});

test('action: format sarif writes the file, sets the output, and keeps the exit status', { skip: !BUILT && 'dist/ is not built' }, () => {
  const ws = repo(ESTATE);
  const r = runAction(ws, { path: 'estate', format: 'sarif', 'sarif-file': 'out/results.sarif' });
  assert.equal(r.status, 1, r.out);
  assert.equal(r.outputs['sarif-file'], 'out/results.sarif');
  // The action makes the file's folder.
  const sarif = JSON.parse(fs.readFileSync(path.join(ws, 'out/results.sarif'), 'utf8'));
  assert.equal(sarif.version, '2.1.0');
  assert.deepEqual(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId).sort(), ['broken-reference', 'split-domain']);
  for (const x of sarif.runs[0].results) assert.match(x.partialFingerprints['serverlessDomains/v1'], /^[0-9a-f]{64}$/);
});

test('action: max-warnings decides for warnings; an unknown format stops with status 2', { skip: !BUILT && 'dist/ is not built' }, () => {
  const ws = repo(WARNINGS_ONLY);
  assert.equal(runAction(ws, { path: 'estate' }).status, 0);
  const over = runAction(ws, { path: 'estate', 'max-warnings': '0' });
  assert.equal(over.status, 1);
  assert.match(over.out, /Exit status 1: 1 warning, more than --max-warnings 0\./);
  const bad = runAction(ws, { path: 'estate', format: 'xml' });
  assert.equal(bad.status, 2);
  assert.match(bad.out, /^::error title=serverless-domains::format must be github, sarif or text, not xml$/m);
});

test('action with a baseline: lines moved, one problem added and one fixed: exactly the new one is reported, the fixed one is stale', { skip: !BUILT && 'dist/ is not built' }, () => {
  const TWO = ESTATE.replace('    DependsOn: Missing\n', '    DependsOn: Missing\n  R:\n    Type: AWS::SQS::Queue\n    DependsOn: Gone\n');
  const ws = repo(TWO);
  const w = spawnSync(process.execPath, [path.join(ROOT, 'bin/serverless-domains.js'), 'check', 'estate', '--write-baseline'], { cwd: ws, encoding: 'utf8' });
  assert.equal(w.status, 0, w.stderr);
  // Comments above shift every line; Gone is fixed; a new broken DependsOn appears.
  const edited = TWO.replace("# --- infra/template.yaml\n", '# --- infra/template.yaml\n# queues\n\n')
    .replace("# --- app/serverless.yml\n", '# --- app/serverless.yml\n# the worker\n')
    .replace('    DependsOn: Gone\n', '  S:\n    Type: AWS::SQS::Queue\n    DependsOn: Nowhere\n');
  for (const [p, t] of parseFixture(edited).files) fs.writeFileSync(path.join(ws, 'estate', p), t);

  const gh = runAction(ws, { path: 'estate' });
  assert.equal(gh.status, 1, gh.out);
  const annotations = gh.out.split('\n').filter((l) => l.startsWith('::'));
  assert.equal(annotations.length, 1, gh.out);
  assert.match(annotations[0], /^::error file=estate\/infra\/template\.yaml,line=\d+,.*title=broken-reference::DependsOn names Nowhere/);
  assert.match(gh.out, /known findings? accepted/);
  assert.match(gh.out, /^ {4}infra\/template\.yaml: broken-reference Gone$/m);

  const sarif = runAction(ws, { path: 'estate', format: 'sarif', baseline: 'estate/.serverless-domains-baseline.json' });
  assert.equal(sarif.status, 1, sarif.out);
  const results = JSON.parse(fs.readFileSync(path.join(ws, sarif.outputs['sarif-file']), 'utf8')).runs[0].results as Array<{ ruleId: string; baselineState: string; message: { text: string } }>;
  const by = (state: string) => results.filter((r) => r.baselineState === state).map((r) => `${r.ruleId} ${r.message.text.match(/Missing|Nowhere|Gone|worker/)?.[0]}`).sort();
  assert.deepEqual(by('new'), ['broken-reference Nowhere']);
  assert.deepEqual(by('unchanged'), ['broken-reference Missing', 'split-domain worker']);
  assert.deepEqual(by('absent'), ['broken-reference Gone']);
});
