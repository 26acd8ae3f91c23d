// `check --format sarif`: valid SARIF 2.1.0 (against the schema, vendored in test/fixtures/sarif
// with its OASIS notice), fingerprints from the finding's identity that survive line moves,
// baselineState with a baseline, rule help from docs/rules.md and tags.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import type { Log } from 'sarif';
import { FINGERPRINT, sarifReport } from '../../server/src/cli/sarif';
import { identityOf, unitOfFile } from '../../server/src/engine';
import { parseFixture, workspaceOf } from '../harness';

const ROOT = path.resolve(__dirname, '../../..');

function sarifOf(text: string, baseline?: (a: ReturnType<ReturnType<typeof workspaceOf>['analyze']>) => Parameters<typeof sarifReport>[4]): Log {
  const ws = workspaceOf(parseFixture(text).files);
  const a = ws.analyze();
  return sarifReport(ws, a, '0.0.0-test', a.findings, baseline?.(a));
}

/** The schema is draft-04 (`id`); Ajv 8 reads it as draft-07 once `id` is `$id`: the two agree on every keyword it uses. */
function validator() {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/sarif/sarif-schema-2.1.0-rtm.5.json'), 'utf8'));
  schema.$id = schema.id;
  delete schema.id;
  delete schema.$schema;
  // unicodeRegExp off: the schema's language pattern is not a valid Unicode-mode regular expression.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', (s: string) => /^[a-z][a-z0-9+.-]*:[^\s]*$/i.test(s));
  ajv.addFormat('uri-reference', (s: string) => !/[\s#?]/.test(decodeURI(s).replace(/%23|%3F/gi, '')) && !/\s/.test(s));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile(schema);
}

const WS = `
# --- infra/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Q:
    Type: AWS::SQS::Queue
    DependsOn: Missing
  R:
    Type: AWS::SQS::Queue
    DependsOn: [Gone, Gone2]
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
# --- odd#1/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  S:
    Type: AWS::SQS::Queue
    DependsOn: Nowhere
`;

/** The same estate with lines moved: comments and blank lines above, a resource reordered, flow style. */
const MOVED = `
# --- infra/template.yaml
# The queues.

AWSTemplateFormatVersion: '2010-09-09'
Resources:
  R:
    Type: AWS::SQS::Queue
    DependsOn:
      - Gone
      - Gone2
  Q: { Type: 'AWS::SQS::Queue', DependsOn: Missing }
Outputs:
  Unused:
    Value: x
    Export:
      Name: infra-Unused
  QArn:
    Value: !GetAtt Q.Arn
    Export:
      Name: infra-QArn
# --- app/serverless.yml
# The worker.
service: app
provider:
  name: aws
functions:
  worker:
    handler: h.worker
    events:
      - sqs: !ImportValue infra-QArn
# --- odd#1/template.yaml


AWSTemplateFormatVersion: '2010-09-09'
Resources:
  S:
    Type: AWS::SQS::Queue
    DependsOn: Nowhere
`;

type R = NonNullable<Log['runs'][number]['results']>[number];
const fp = (r: R) => r.partialFingerprints![FINGERPRINT];
const key = (r: R) => `${r.ruleId} ${r.locations![0].physicalLocation!.artifactLocation!.uri} ${fp(r)}`;

test('sarif validates against the SARIF 2.1.0 schema, with and without a baseline', () => {
  const validate = validator();
  for (const log of [
    sarifOf(WS),
    sarifOf(WS, (a) => ({ known: a.findings.slice(0, 2), stale: [{ rule: 'split-domain', unit: 'app/serverless.yml', subject: 'gone', file: 'app/serverless.yml', count: 2 }] })),
  ]) {
    const ok = validate(JSON.parse(JSON.stringify(log)));
    assert.ok(ok, JSON.stringify(validate.errors, null, 2));
  }
  // A path with `#` stays one path, not a fragment.
  const uris = sarifOf(WS).runs[0].results!.map((r) => r.locations![0].physicalLocation!.artifactLocation!.uri);
  assert.ok(uris.includes('odd%231/template.yaml'), uris.join(' '));
});

test('fingerprints: one per finding, stable across moved lines and reformatting, distinct for two findings of one identity', () => {
  const before = sarifOf(WS).runs[0].results!;
  const after = sarifOf(MOVED).runs[0].results!;
  assert.equal(new Set(before.map(fp)).size, before.length, 'every result has its own fingerprint');
  for (const r of before) assert.match(fp(r), /^[0-9a-f]{64}$/);
  assert.deepEqual(after.map(key).sort(), before.map(key).sort());
  // The lines did move.
  const line = (rs: R[], rule: string) => rs.find((r) => r.ruleId === rule)!.locations![0].physicalLocation!.region!.startLine;
  assert.notEqual(line(after, 'unused-export'), line(before, 'unused-export'));
});

test('fingerprints: a new finding of the same rule on another subject gets a new fingerprint; the others keep theirs', () => {
  const before = sarifOf(WS).runs[0].results!;
  const more = sarifOf(WS.replace('    DependsOn: Nowhere\n', '    DependsOn: Nowhere\n  T:\n    Type: AWS::SQS::Queue\n    DependsOn: Elsewhere\n')).runs[0].results!;
  const added = more.filter((r) => !before.some((b) => fp(b) === fp(r)));
  assert.deepEqual(added.map((r) => r.ruleId), ['broken-reference']);
  assert.match(added[0].message.text!, /Elsewhere/);
});

test('baselineState: unchanged for known findings, new for the others, absent for each stale entry', () => {
  const ws = workspaceOf(parseFixture(WS).files);
  const a = ws.analyze();
  const known = a.findings.filter((f) => f.rule === 'broken-reference');
  const unitOf = unitOfFile(a.units);
  const gone = { ...identityOf(known[0], unitOf), subject: 'Vanished', count: 2 };
  const log = sarifReport(ws, a, '0', a.findings, { known, stale: [gone] });
  const rs = log.runs[0].results!;
  assert.deepEqual(rs.filter((r) => r.baselineState === 'unchanged').length, known.length);
  assert.deepEqual(rs.filter((r) => r.baselineState === 'new').map((r) => r.ruleId).sort(), ['split-domain', 'unused-export']);
  const absent = rs.filter((r) => r.baselineState === 'absent');
  assert.equal(absent.length, 2);
  for (const r of absent) {
    assert.equal(r.kind, 'pass');
    assert.equal(r.level, 'none');
    assert.equal(r.locations![0].physicalLocation!.artifactLocation!.uri, 'infra/template.yaml');
    assert.match(r.message.text!, /Vanished/);
  }
  assert.notEqual(fp(absent[0]), fp(absent[1]));
  // Without a baseline, no result says anything about one.
  assert.ok(sarifOf(WS).runs[0].results!.every((r) => r.baselineState === undefined));
});

test('rules: help from docs/rules.md in text and markdown, tags, no helpUri', () => {
  const rules = sarifOf(WS).runs[0].tool.driver.rules!;
  const docs = fs.readFileSync(path.join(ROOT, 'docs/rules.md'), 'utf8');
  for (const r of rules) {
    assert.ok(r.help?.markdown && docs.includes(r.help.markdown.split('\n')[0]), `${r.id}: help from its section`);
    assert.ok(r.help?.text && !r.help.text.includes('`'), `${r.id}: plain text help`);
    assert.equal(r.helpUri, undefined);
    assert.ok((r.properties?.tags as string[]).includes('serverless'));
  }
  const split = rules.find((r) => r.id === 'split-domain')!;
  assert.match(split.help!.markdown!, /^A function is invoked by a \*\*point-to-point\*\* trigger/);
});

test('server/src/cli/rule-help.ts is generated from docs/rules.md (run node scripts/gen-rule-help.mjs)', () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/gen-rule-help.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});
