// Strict JSON goes through jsonc-parser (parse-json.ts) instead of the YAML parser: the tree must be
// the one the YAML route gives, locations included, and anything not strictly JSON must still take
// the YAML route with its messages. On small texts always; on every JSON file of the shared corpus
// when it is there.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseText, parseYamlRoute } from '../../server/src/engine/parse';
import { parseStrictJson } from '../../server/src/engine/parse-json';
import { corpusDir } from '../corpus/dir';

/** A comparable form: keys sorted, undefined fields dropped. */
function canon(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canon).join(',')}]`;
  if (x && typeof x === 'object')
    return `{${Object.keys(x)
      .filter((k) => (x as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canon((x as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(x);
}

function sameAsYaml(file: string, text: string): void {
  assert.equal(canon(parseText(file, text)), canon(parseYamlRoute(file, text, true)), `${file}: ${text.slice(0, 80)}`);
}

const STRICT = [
  '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"DelaySeconds": 5}}}}',
  '{\n  "a": [1, 2.5, -3e2, true, false, null, "x"],\n  "b": {"c": {"d": []}, "e": {}},\n  "a": "duplicate keys both kept"\n}\n',
  '{"esc": "tab\\there \\"quoted\\" \\u00e9 \\\\ \\/", "big": 12345678901234567890, "<<": {"x": 1}}',
  '  [ {"Fn::GetAtt": ["Q", "Arn"]}, {"Ref": "AWS::Region"} ]  \n',
];

test('strict JSON: the fast route gives the YAML route\'s tree, locations included', () => {
  for (const t of STRICT) {
    assert.ok(parseStrictJson('t.json', t), `fast route taken: ${t.slice(0, 40)}`);
    sameAsYaml('t.json', t);
    sameAsYaml('template.yaml', t);
  }
});

test('JSON that is not strict goes the YAML route, with its messages', () => {
  for (const t of ['{"a": 1,}', '{"a": 1} // c', "{'a': 1}", '', '{"a": 1', '{"a": 1}\n{"b": 2}']) {
    assert.equal(parseStrictJson('t.json', t), undefined, t);
    sameAsYaml('t.json', t);
  }
  assert.match(parseText('t.json', '{"a": 1,}').errors[0]?.message ?? '', /./);
});

const dir = corpusDir();

test('every JSON file of the corpus: the same tree by either route', { skip: !dir && 'no corpus' }, () => {
  let n = 0;
  const todo = [dir!];
  while (todo.length) {
    const d = todo.pop()!;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) todo.push(p);
      else if (e.isFile() && /\.json$/i.test(e.name) && fs.statSync(p).size < 2_000_000) {
        sameAsYaml(path.relative(dir!, p), fs.readFileSync(p, 'utf8'));
        n++;
      }
    }
  }
  assert.ok(n > 500, `${n} JSON files`);
});
