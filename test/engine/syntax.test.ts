// Parsing what the deploying tools accept, and where syntax errors are reported.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseText } from '../../server/src/engine/parse';
import type { RNode } from '../../server/src/engine/tree';

const LENIENT = [
  'Resources:',
  '  Api:',
  '    Properties:',
  '      Statements: [{',
  '          "Effect": "Allow"',
  '      }]',
  '      Doc: !Sub \'{',
  '          "a": "${X}"',
  '      }\'',
  '  After:',
  '    Type: AWS::Serverless::Function',
  '',
].join('\n');

function find(n: RNode | undefined, key: string): RNode | undefined {
  if (!n) return undefined;
  if (n.k === 'map') {
    for (const e of n.entries) {
      if (e.key === key) return e.value;
      const r = find(e.value, key);
      if (r) return r;
    }
  }
  return undefined;
}

test('a flow collection and a quoted scalar continued at the key column parse as PyYAML parses them, at their own offsets', () => {
  for (const eol of ['\n', '\r\n']) {
    const text = LENIENT.replace(/\n/g, eol);
    const p = parseText('t.yaml', text);
    assert.deepEqual(p.errors, []);
    const doc = find(p.tree, 'Doc');
    assert.equal(doc?.k === 'scalar' && doc.value, '{ "a": "${X}" }');
    assert.equal(text.slice(doc!.loc.start, doc!.loc.end), text.slice(text.indexOf("!Sub '{"), text.indexOf("}'") + 2));
    const st = find(p.tree, 'Statements');
    assert.equal(text.slice(st!.loc.start, st!.loc.end).replace(/\r/g, ''), '[{\n          "Effect": "Allow"\n      }]');
    const type = find(p.tree, 'Type');
    assert.equal(text.slice(type!.loc.start, type!.loc.end), 'AWS::Serverless::Function');
  }
});

test('a quoted scalar left open to the end is reported at its quote, and what follows is still parsed', () => {
  const text = 'Resources:\n  A:\n    Handler: "index.h\n  B:\n    Type: X';
  const p = parseText('t.yaml', text);
  assert.equal(p.errors[0].start, text.indexOf('"'));
  assert.equal(text.slice(p.errors[0].start, p.errors[0].end), '"index.h');
  const b = find(p.tree, 'Type');
  assert.equal(b?.k === 'scalar' && b.value, 'X');
});

test('every syntax error range lies inside the file and inside one line, for every prefix of a template', () => {
  const text = [LENIENT, 'Other: [a, {b: "c', "  'd: e", 'List:', '\t- x', '  - *nope', 'K: |', '  text', 'Z: "q'].join('\n');
  for (let n = 0; n <= text.length; n++) {
    const t = text.slice(0, n);
    for (const e of parseText('t.yaml', t).errors) {
      assert.ok(e.start >= 0 && e.start <= e.end && e.end <= t.length, `prefix ${n}: ${e.start}-${e.end} of ${t.length}`);
      assert.ok(!/[\r\n]/.test(t.slice(e.start, e.end)), `prefix ${n}: range spans lines`);
    }
  }
});

test('a quoted scalar left open after re-indented lines is reported at its own quote', () => {
  const text = LENIENT + '  Last:\n    Handler: "ind';
  const p = parseText('t.yaml', text);
  assert.equal(p.errors.length >= 1, true);
  assert.equal(text.slice(p.errors[0].start, p.errors[0].end), '"ind');
  const doc = find(p.tree, 'Doc');
  assert.equal(doc?.k === 'scalar' && doc.value, '{ "a": "${X}" }');
});
