// The fixture harness itself: fix lines are specifications, so a wrong one must fail.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, firstEditText, parseFixture } from '../harness';

const TEMPLATE = (fixLines: string) => `# check: broken-reference
# --- app/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Buckett
#                  ^^^ error[broken-reference]: Ref names Buckett
${fixLines}      PolicyDocument: {}
`;

test('fix lines: the listed fixes, with their text, pass', () => {
  check(TEMPLATE('#   fix: Change to Bucket => Bucket: !Ref Bucket\n'));
  check(TEMPLATE('#   fix: Change to Bucket\n'));
});

test('fix lines: no fix line means the finding offers no fix but the disable comment', () => {
  assert.throws(() => check(TEMPLATE('')), /offers the fixes\n {4}# {3}fix: Change to Bucket\n {2}but the annotation lists\n {4}\(none\)/);
});

test('fix lines: a listed fix the finding does not offer fails', () => {
  assert.throws(() => check(TEMPLATE('#   fix: Change to Bucket\n#   fix: Change to Policy\n')), /but the annotation lists/);
  assert.throws(() => check(TEMPLATE('#   fix: Change to bucket\n')), /but the annotation lists/);
});

test('fix lines: a text the first edit does not leave fails', () => {
  assert.throws(() => check(TEMPLATE('#   fix: Change to Bucket => Bucket: !GetAtt Bucket.Arn\n')), /should leave "Bucket: !GetAtt Bucket.Arn"/);
});

test('fix lines: a fix line that stands under no annotation is an error', () => {
  assert.throws(() => parseFixture('# --- a.yml\nkey: 1\n#   fix: Something\n'), /must stand under a finding annotation/);
  assert.throws(() => parseFixture('# check: x\n#   fix: Something\n# --- a.yml\nkey: 1\n'), /must stand under a finding annotation/);
  assert.throws(() => parseFixture('# --- a.yml\nkey: 1\n#  ^^^ error[broken-reference]: x\nother: 2\n#   fix: Something\n'), /must stand under a finding annotation/);
});

test('fix lines are removed from the files and attach to the annotation above', () => {
  const f = parseFixture('# --- a.yml\nkey: 1\n# <-- error[syntax-error]: x\n#   fix: One => key: 2\n#   fix: Two\nother: 2\n');
  assert.equal(f.files.get('a.yml'), 'key: 1\nother: 2\n');
  assert.deepEqual(f.expected[0].fixes, [{ title: 'One', text: 'key: 2' }, { title: 'Two' }]);
});

test('the first edit: its lines after every edit of the fix is applied', () => {
  const files = new Map([['a.yml', 'one: 1\ntwo: 2\nthree: 3\n']]);
  // A replacement, moved by an earlier insertion in the same file.
  assert.equal(firstEditText(files, { title: 't', edits: [{ file: 'a.yml', start: 12, end: 13, newText: 'II' }, { file: 'a.yml', start: 0, end: 0, newText: 'zero: 0\n' }] }), 'two: II');
  // An insertion of whole lines: those lines only.
  assert.equal(firstEditText(files, { title: 't', edits: [{ file: 'a.yml', start: 7, end: 7, newText: 'new: a\nnew: b\n' }] }), 'new: a\nnew: b');
  // A deletion: the line where the text was.
  assert.equal(firstEditText(files, { title: 't', edits: [{ file: 'a.yml', start: 7, end: 14, newText: '' }] }), 'three: 3');
  // A file the fix creates.
  assert.equal(firstEditText(files, { title: 't', edits: [{ file: 'b/new.yml', start: 0, end: 0, newText: 'created: yes\n' }] }), 'created: yes');
});
