// The HCL layer on every `.tf` file of the shared corpus (skipped when the corpus is not there):
// no throw, every location inside its file, the files with a syntax error counted (the spec
// says 1,202 of the 1,203 files are valid HCL), and incremental parses equal to cold ones
// after random edits.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { HclParser, parseHcl } from '../../server/src/engine/terraform/hcl-parser';
import { loadHclTreeSitter } from '../../server/src/node/hcl';
import { corpusDir, tfFiles } from '../corpus/dir';
import { checkLocs, prng, randomEdit } from './hcl-helpers';

const dir = corpusDir();

test('every .tf file of the corpus parses without a throw, with locations inside the file', { skip: !dir && 'no corpus' }, async () => {
  const ts = await loadHclTreeSitter();
  const files = tfFiles(dir!);
  const broken: string[] = [];
  const start = process.hrtime.bigint();
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    const m = parseHcl(ts, path.relative(dir!, f), text);
    checkLocs(text, m);
    if (m.errors.length) broken.push(`${m.file}:${text.slice(0, m.errors[0].start).split('\n').length}: ${m.errors[0].message}`);
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(`# HCL corpus: ${files.length} .tf files, ${broken.length} with a syntax error, ${Math.round(ms)} ms (parse and convert)`);
  for (const b of broken) console.log(`#   ${b}`);
  assert.ok(files.length > 1000);
  assert.ok(broken.length <= 1, broken.join('\n'));
});

test('incremental parses of edited corpus files equal cold parses', { skip: !dir && 'no corpus' }, async () => {
  const ts = await loadHclTreeSitter();
  const files = tfFiles(dir!);
  const random = prng(2026);
  const parser = new HclParser(ts);
  for (let k = 0; k < 25; k++) {
    const f = files[Math.floor(random() * files.length)];
    let text = fs.readFileSync(f, 'utf8');
    const name = path.relative(dir!, f);
    parser.parse(name, text);
    for (let i = 0; i < 12; i++) {
      text = randomEdit(text, random);
      assert.deepEqual(parser.parse(name, text), parseHcl(ts, name, text), `${name}, edit ${i}`);
    }
    parser.release(name);
  }
  assert.deepEqual(parser.files(), []);
});
