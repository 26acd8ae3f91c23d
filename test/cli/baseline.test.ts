// check --write-baseline / --baseline / --no-baseline: the command line over the baseline file.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { run } from '../../server/src/cli/main';
import { parseFixture, writeWorkspace } from '../harness';
import { ESTATE, ESTATE_EDITED } from '../engine/baseline-estate';

const BASELINE = '.serverless-domains-baseline.json';

async function check(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await run(['check', ...argv], (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

/** Replaces the folder's files with a fixture's (the baseline file stays). */
function rewrite(dir: string, text: string) {
  for (const e of fs.readdirSync(dir)) if (e !== BASELINE) fs.rmSync(path.join(dir, e), { recursive: true });
  for (const [p, t] of parseFixture(text).files) {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), t);
  }
}

test('--write-baseline records every finding, at any severity; the next check reports none and exits 0', async () => {
  const dir = writeWorkspace(ESTATE);
  const before = await check(dir, '--max-warnings', '0');
  assert.equal(before.code, 1);
  const w = await check(dir, '--write-baseline');
  assert.equal(w.code, 0);
  assert.match(w.out, /Wrote .*\.serverless-domains-baseline\.json: 7 findings accepted as known \(6 entries\)/);
  const data = JSON.parse(fs.readFileSync(path.join(dir, BASELINE), 'utf8'));
  assert.ok(data.findings.some((e: { rule: string }) => e.rule === 'orphan-function'), 'hints are recorded too');
  const after = await check(dir, '--max-warnings', '0');
  assert.equal(after.code, 0, after.out);
  assert.match(after.out, /no problems/);
  assert.match(after.out, /Baseline .*: 7 known findings accepted, not reported\./);
  assert.doesNotMatch(after.out, /stale/);
  // The baseline file is never analysed as a unit.
  const json = JSON.parse((await check(dir, '--format', 'json')).out);
  assert.ok(!json.units.some((u: { id: string }) => u.id.includes(BASELINE)));
});

test('moved lines, re-indenting, reordering, an unrelated rename and a new unit: still nothing new', async () => {
  const dir = writeWorkspace(ESTATE);
  await check(dir, '--write-baseline');
  rewrite(dir, ESTATE_EDITED);
  const r = await check(dir, '--max-warnings', '0', '--severity', 'hint');
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /7 known findings accepted/);
  assert.doesNotMatch(r.out, /stale/);
});

test('a new finding is reported and fails the check; a gone one is listed as stale; JSON carries both', async () => {
  const dir = writeWorkspace(ESTATE);
  await check(dir, '--write-baseline');
  const edited = ESTATE.replace('  lonely:\n    handler: lonely.handler\n', '').replace('      DLQ_URL_AGAIN:', '      AUDIT: arn:aws:sqs:eu-west-1:123456789012:shop-work\n      DLQ_URL_AGAIN:');
  rewrite(dir, edited);
  const r = await check(dir, '--max-warnings', '0', '--severity', 'hint');
  assert.equal(r.code, 1);
  const lines = r.out.split('\n').filter((l) => /^\S+:\d+:\d+ /.test(l));
  assert.equal(lines.length, 1, r.out);
  assert.match(lines[0], /^reports\/serverless\.yml:11:14 .*names queue WorkQueue.*hardcoded-reference$/);
  assert.match(r.out, /1 stale baseline entry \(findings that are gone; --write-baseline prunes them\):\n {4}reports\/serverless\.yml: orphan-function lonely\n/);
  const j = await check(dir, '--format', 'json');
  const report = JSON.parse(j.out);
  assert.equal(report.diagnostics.length, 1);
  assert.deepEqual(report.baseline, {
    file: path.relative(process.cwd(), path.join(dir, BASELINE)),
    known: 6,
    stale: [{ rule: 'orphan-function', unit: 'reports/serverless.yml', subject: 'lonely', file: 'reports/serverless.yml', count: 1 }],
  });
  // --write-baseline prunes the stale entry and accepts the new finding.
  await check(dir, '--write-baseline');
  const again = await check(dir, '--max-warnings', '0');
  assert.equal(again.code, 0);
  assert.doesNotMatch(again.out, /stale/);
});

test('--no-baseline reports everything; --baseline FILE names another file, which must exist', async () => {
  const dir = writeWorkspace(ESTATE);
  const file = path.join(dir, 'accepted.json');
  assert.equal((await check(dir, '--write-baseline', file)).code, 0);
  assert.ok(!fs.existsSync(path.join(dir, BASELINE)));
  assert.equal((await check(dir, '--baseline', file, '--max-warnings', '0')).code, 0);
  assert.equal((await check(dir, `--baseline=${file}`, '--max-warnings', '0')).code, 0);
  assert.equal((await check(dir, '--max-warnings', '0')).code, 1, 'accepted.json is no default');
  await check(dir, '--write-baseline');
  assert.equal((await check(dir, '--max-warnings', '0')).code, 0);
  const all = await check(dir, '--no-baseline', '--max-warnings', '0');
  assert.equal(all.code, 1);
  assert.doesNotMatch(all.out, /Baseline/);
  const missing = await check(dir, '--baseline', path.join(dir, 'none.json'));
  assert.equal(missing.code, 2);
  assert.match(missing.err, /cannot read the baseline .*none\.json/);
});

test('a baseline file that does not parse is bad input: exit 2 with a clear message', async () => {
  const dir = writeWorkspace(ESTATE);
  fs.writeFileSync(path.join(dir, BASELINE), '{"version": 1, "findings": [{"rule": 3}]}');
  const r = await check(dir);
  assert.equal(r.code, 2);
  assert.match(r.err, /the baseline .*\.serverless-domains-baseline\.json is not a baseline file: findings\[0\]\.rule must be a string/);
  fs.writeFileSync(path.join(dir, BASELINE), 'not json');
  assert.match((await check(dir, '--format', 'json')).err, /not valid JSON/);
});

test('baseline options: conflicts and misuse exit 2', async () => {
  for (const argv of [['--baseline', '--no-baseline'], ['--write-baseline', '--baseline'], ['--baseline=']]) {
    const r = await check('.', ...argv);
    assert.equal(r.code, 2, argv.join(' '));
  }
  let err = '';
  assert.equal(await run(['graph', '--baseline'], () => {}, (s) => (err += s)), 2);
  assert.match(err, /unknown option "--baseline"/);
});
