// Incremental analysis must equal a cold analysis: random edits (kept, reverted, broken,
// renamed, deleted, created) on a generated estate and on every fixture, compared after
// each edit with a fresh workspace analysing the same texts. Terraform files are parsed with
// the HCL parser, incrementally in the edited workspace (kept trees) and cold in the fresh one.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { AnalysisResult, Workspace } from '../../server/src/engine';
import { generateEstate, mulberry32 } from '../bench/generate';
import { parseFixture } from '../harness';
import type { HclParser } from '../../server/src/engine/terraform/hcl-parser';
import { createHclParser } from '../../server/src/node/hcl';

let hcl: HclParser | undefined;
let coldHcl: HclParser | undefined;
before(async () => {
  hcl = await createHclParser();
  coldHcl = await createHclParser();
});

function summary(a: AnalysisResult): string[] {
  const findings = a.findings.map((f) => `${f.rule} ${f.severity} ${f.loc.file}:${f.loc.start}-${f.loc.end} ${f.subject} ${f.message}`).sort();
  const domains = a.domains.map((d) => `domain ${d.name}: ${d.functions.map((f) => f.key).sort().join(',')} | ${d.triggers.map((t) => t.key).sort().join(',')} | ${d.resources.map((r) => r.id).sort().join(',')}`).sort();
  const edges = a.edges.map((e) => `edge ${e.from} ${e.to} ${e.kind} ${e.label}`).sort();
  return [...findings, ...domains, ...edges, `cycles ${JSON.stringify(a.cycles)}`, `units ${a.units.map((u) => `${u.id}:${u.stackName}:${u.files.join('+')}`).sort().join(' ')}`];
}

function cold(ws: Workspace): string[] {
  const c = new Workspace({ rootName: ws.rootName, hcl: coldHcl });
  for (const p of ws.paths()) c.setFile(p, ws.getText(p)!);
  return summary(c.analyze());
}

function mutate(text: string, rnd: () => number): string {
  const lines = text.split('\n');
  const i = Math.floor(rnd() * lines.length);
  switch (Math.floor(rnd() * 6)) {
    case 0:
      return lines.filter((_, j) => j !== i).join('\n'); // delete a line
    case 1:
      lines[i] = lines[i].replace(/(\w+)/, '$1X'); // rename a word
      return lines.join('\n');
    case 2:
      return text.slice(0, Math.floor(rnd() * text.length)); // half-typed
    case 3:
      lines.splice(i, 0, lines[i]); // duplicate a line
      return lines.join('\n');
    case 4:
      return text + '\n# comment\n';
    default:
      return text.replace(/Arn\b/, 'Arm').replace(/\.arn\b/, '.arm');
  }
}

function run(files: Map<string, string>, steps: number, seed: number): void {
  const rnd = mulberry32(seed);
  const ws = new Workspace({ rootName: 'eq', hcl });
  for (const [p, t] of files) ws.setFile(p, t);
  assert.deepEqual(summary(ws.analyze()), cold(ws));
  const paths = [...files.keys()];
  for (let s = 0; s < steps; s++) {
    const p = paths[Math.floor(rnd() * paths.length)];
    const r = rnd();
    if (r < 0.1) ws.deleteFile(p);
    else if (r < 0.2) ws.setFile(p, files.get(p)!); // back to the original
    else ws.setFile(p, mutate(ws.getText(p) ?? files.get(p)!, rnd));
    const inc = summary(ws.analyze());
    assert.deepEqual(inc, cold(ws), `after step ${s} (${p})`);
  }
}

test('incremental analysis equals a cold analysis after random edits of a generated estate', () => {
  run(generateEstate(120, 7), 150, 11);
});

test('incremental analysis equals a cold analysis after random edits of every fixture', () => {
  const dir = path.resolve(__dirname, '../../../test/fixtures');
  let seed = 1;
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.fixture'))) {
    run(parseFixture(fs.readFileSync(path.join(dir, name), 'utf8')).files, 40, seed++);
  }
});
