// The nesting guard (engine/depth.ts): a text nested deeper than the analysis can walk is caught,
// whichever way it nests; ordinary templates, quoted `${...}` lines and all, pass the cheap bound.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { nestsDeeperThan } from '../../server/src/engine/depth';

const N = 300;

test('deep flow nesting is caught, on one line or across lines, with quotes or without', () => {
  assert.ok(nestsDeeperThan('['.repeat(N) + ']'.repeat(N)));
  assert.ok(nestsDeeperThan('a: ' + '{"k": '.repeat(N) + '"v"' + '}'.repeat(N)));
  assert.ok(nestsDeeperThan(Array.from({ length: N }, () => '{"k": "x",').join('\n') + '\n' + '}'.repeat(N)));
  assert.ok(nestsDeeperThan(Array.from({ length: N }, (_, i) => `[ "${i}", "\${x}",`).join('\n') + ']'.repeat(N)));
});

test('deep block nesting is caught', () => {
  assert.ok(nestsDeeperThan(Array.from({ length: N }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' v\n'));
  assert.ok(nestsDeeperThan('- '.repeat(N) + 'x\n'));
});

test('ordinary texts are not caught: quoted substitutions, dashed comments, URLs and ARNs', () => {
  const sub = '    Value: !Sub "arn:aws:s3:::${Bucket}/${AWS::Region}/{x}/[y]"';
  assert.equal(nestsDeeperThan(['Resources:', '  R:', '    Type: AWS::SQS::Queue', ...Array.from({ length: 2000 }, () => sub)].join('\n')), false);
  assert.equal(nestsDeeperThan(`# ${'-'.repeat(400)}\nkey: ${'a-b:c'.repeat(200)}\n`), false);
  assert.equal(nestsDeeperThan(JSON.stringify({ a: [{ b: { c: [1, 2, { d: 'e' }] } }] }, null, 2)), false);
});
