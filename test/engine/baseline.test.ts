// The baseline file: its format, and that a finding's identity survives edits that do not change
// what the finding is about (spec: "Command line", the baseline).

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { Finding, unitOfFile } from '../../server/src/engine';
import { BaselineError, baselineEntries, compareToBaseline, readBaseline, writeBaseline } from '../../server/src/engine/baseline';
import { parseFixture, workspaceOf } from '../harness';
import { ESTATE, ESTATE_EDITED } from './baseline-estate';

function analyse(text: string) {
  const r = workspaceOf(parseFixture(text).files).analyze();
  return { findings: r.findings, unitOf: unitOfFile(r.units) };
}

function baselineOf(text: string) {
  const { findings, unitOf } = analyse(text);
  return readBaseline(writeBaseline(baselineEntries(findings, unitOf)));
}

function compare(baselineText: string, nowText: string) {
  const { findings, unitOf } = analyse(nowText);
  return compareToBaseline(findings, baselineOf(baselineText), unitOf);
}

const brief = (fs: readonly Finding[]) => fs.map((f) => `${f.rule} ${f.subject} ${f.loc.file}`);

test('the file is sorted, counted, pretty-printed and stable', () => {
  const { findings, unitOf } = analyse(ESTATE);
  const text = writeBaseline(baselineEntries(findings, unitOf));
  assert.equal(text, writeBaseline(baselineEntries([...findings].reverse(), unitOf)), 'the order of the findings does not matter');
  assert.equal(writeBaseline(readBaseline(text).entries), text, 'reading and writing again gives the same text');
  assert.ok(text.endsWith('}\n'));
  assert.ok(!/"(line|column|range|start|end)"/.test(text), 'no positions');
  const data = JSON.parse(text);
  assert.equal(data.version, 1);
  assert.deepEqual(
    data.findings.map((e: { file: string; rule: string; subject: string; count: number }) => `${e.file} ${e.rule} ${e.subject} ${e.count}`),
    [
      'reports/serverless.yml hardcoded-reference DeadLetters 2',
      'reports/serverless.yml hardcoded-reference WorkQueue 1',
      'reports/serverless.yml orphan-function alone 1',
      'reports/serverless.yml orphan-function lonely 1',
      'reports/serverless.yml orphan-function report 1',
      'shared/template.yaml hardcoded-reference DeadLetters 1',
    ],
  );
  assert.deepEqual(Object.keys(data.findings[0]), ['rule', 'unit', 'subject', 'file', 'count']);
  assert.equal(data.findings[0].unit, 'reports/serverless.yml');
});

test('moving lines, re-indenting, reordering resources, renaming an unrelated one and adding a unit keep the baseline valid', () => {
  const c = compare(ESTATE, ESTATE_EDITED);
  assert.deepEqual(brief(c.fresh), []);
  assert.deepEqual(c.stale, []);
  assert.equal(c.known.length, analyse(ESTATE).findings.length);
});

test('a finding of the same rule on another subject is new', () => {
  const c = compare(ESTATE, ESTATE + '  third:\n    handler: third.handler\n');
  assert.deepEqual(brief(c.fresh), ['orphan-function third reports/serverless.yml']);
  assert.deepEqual(c.stale, []);
});

test('counts are honoured: 2 known of a kind in a file and now 3 gives 1 new; now 1 gives a stale entry of 1', () => {
  const third = ESTATE.replace('  lonely:', '      DLQ_AGAIN_2: https://sqs.eu-west-1.amazonaws.com/123456789012/shop-dead-letters\n  lonely:');
  const more = compare(ESTATE, third);
  assert.deepEqual(brief(more.fresh), ['hardcoded-reference DeadLetters reports/serverless.yml']);
  const fewer = compare(ESTATE, ESTATE.replace(/ {6}DLQ_URL_AGAIN:.*\n/, ''));
  assert.deepEqual(brief(fewer.fresh), []);
  assert.deepEqual(fewer.stale.map((e) => `${e.rule} ${e.subject} ${e.file} ${e.count}`), ['hardcoded-reference DeadLetters reports/serverless.yml 1']);
});

test('a finding that is gone leaves a stale entry; one that moves to another file is new there', () => {
  const c = compare(ESTATE, ESTATE.replace('  lonely:\n    handler: lonely.handler\n', ''));
  assert.deepEqual(brief(c.fresh), []);
  assert.deepEqual(c.stale.map((e) => `${e.rule} ${e.subject}`), ['orphan-function lonely']);
});

test('a baseline that does not parse says why', () => {
  const bad: Array<[string, RegExp]> = [
    ['{', /not valid JSON/],
    ['[]', /expected an object/],
    ['{"version": 2, "findings": []}', /unsupported version 2/],
    ['{"version": 1}', /"findings" must be a list/],
    ['{"version": 1, "findings": [{"rule": "x", "unit": 3, "subject": "s", "file": "f"}]}', /findings\[0\]\.unit/],
    ['{"version": 1, "findings": [{"rule": "x", "unit": null, "subject": "s", "file": "f", "count": 0}]}', /findings\[0\]\.count/],
    ['{"version": 1, "findings": [{"unit": null, "subject": "s", "file": "f"}]}', /findings\[0\]\.rule/],
  ];
  for (const [text, message] of bad) assert.throws(() => readBaseline(text), (e: unknown) => e instanceof BaselineError && message.test((e as Error).message), text);
});

test('entries of the same identity written twice by hand are merged; count defaults to 1', () => {
  const b = readBaseline('{"version": 1, "findings": [{"rule": "r", "unit": null, "subject": "s", "file": "f"}, {"rule": "r", "unit": null, "subject": "s", "file": "f", "count": 2}]}');
  assert.deepEqual(b.entries, [{ rule: 'r', unit: null, subject: 's', file: 'f', count: 3 }]);
});

test('reordering the functions one API of another unit invokes keeps the split-domain finding known', () => {
  const api = `
# --- api/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: shop
Outputs:
  ApiId:
    Value: !Ref Api
    Export:
      Name: shop-ApiId
`;
  const fn = (name: string, path: string) => `  ${name}:\n    handler: h.${name}\n    events:\n      - http:\n          path: ${path}\n          method: get\n          restApiId: \${cf:api.ApiId}\n`;
  const service = (...fns: string[]) => `# --- orders/serverless.yml\nservice: orders\nprovider:\n  name: aws\n  apiGateway:\n    restApiId: !ImportValue shop-ApiId\nfunctions:\n${fns.join('')}`;
  const before = api + service(fn('list', 'orders'), fn('get', 'orders/{id}'));
  const after = api + service(fn('get', 'orders/{id}'), fn('list', 'orders'));
  const split = (t: string) => analyse(t).findings.filter((f) => f.rule === 'split-domain');
  assert.equal(split(before).length, 1, 'one split-domain finding for the API and its two functions');
  assert.deepEqual(split(before).map((f) => f.subject), split(after).map((f) => f.subject));
  const r = compare(before, after);
  assert.deepEqual(brief(r.fresh), []);
  assert.deepEqual(r.stale, []);
});
