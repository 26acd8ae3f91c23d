// HCL figures on the corpus `.tf` files: tree-sitter's parse alone against parse and
// conversion to the engine's model, and one keystroke re-parsed incrementally against a cold
// parse of the same (largest) file. Prints JSON; `npm run bench` runs it in its own process.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { convertTree } from '../../server/src/engine/terraform/hcl';
import { HclParser } from '../../server/src/engine/terraform/hcl-parser';
import type { HclTreeSitter } from '../../server/src/engine/terraform/cst';
import { loadHclTreeSitter } from '../../server/src/node/hcl';
import { corpusDir, tfFiles } from '../corpus/dir';

function time(f: () => void): number {
  const s = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - s) / 1e6;
}

function figures(ts: HclTreeSitter, texts: Array<[string, string]>) {
  const parseOnly = () => {
    for (const [, t] of texts) ts.parse(t)?.delete();
  };
  const parseConvert = () => {
    for (const [f, t] of texts) {
      const tree = ts.parse(t)!;
      convertTree(f, t, tree);
      tree.delete();
    }
  };
  parseOnly();
  parseConvert();
  const parseMs = time(parseOnly);
  const parseConvertMs = time(parseConvert);
  // One keystroke in the largest file: incremental against cold.
  const [file, text] = texts.reduce((a, b) => (b[1].length > a[1].length ? b : a));
  const parser = new HclParser(ts);
  parser.parse(file, text);
  const at = text.indexOf('\n', text.length >> 1) + 1;
  let edited = text;
  const incrementalMs = time(() => {
    for (let i = 0; i < 20; i++) {
      edited = edited.slice(0, at) + '#' + edited.slice(at);
      parser.parse(file, edited);
    }
  }) / 20;
  const coldMs = time(() => {
    for (let i = 0; i < 20; i++) {
      const tree = ts.parse(edited)!;
      convertTree(file, edited, tree);
      tree.delete();
    }
  }) / 20;
  parser.dispose();
  return {
    files: texts.length,
    bytes: texts.reduce((n, [, t]) => n + t.length, 0),
    parseMs: Math.round(parseMs),
    parseConvertMs: Math.round(parseConvertMs),
    ratio: Number((parseConvertMs / parseMs).toFixed(2)),
    largestFile: { bytes: text.length, keystrokeIncrementalMs: Number(incrementalMs.toFixed(2)), coldParseConvertMs: Number(coldMs.toFixed(2)) },
  };
}

async function main() {
  const dir = corpusDir();
  if (!dir) return { skipped: '../shared/corpus is not there' };
  const ts = await loadHclTreeSitter();
  const texts = tfFiles(dir).map((f): [string, string] => [path.relative(dir, f), fs.readFileSync(f, 'utf8')]);
  return figures(ts, texts);
}

void main().then((r) => process.stdout.write(JSON.stringify({ hcl: r })));
