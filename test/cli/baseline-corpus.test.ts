// The check on copies of real estates: write a baseline, shift lines and reformat files,
// remove one known problem and add one new one; the run reports exactly the new problem and the
// one stale entry, and exits accordingly. Skipped when the shared corpus is absent.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { run } from '../../server/src/cli/main';
import { corpusDir } from '../corpus/dir';

const CORPUS = corpusDir();

interface Estate {
  repo: string;
  /** The edit that removes one known finding: on 1-based line `line` of `file`, `from` becomes `to`. */
  remove: { file: string; line: number; from: string; to: string };
  /** The baseline entry that edit leaves stale: `rule subject file`. */
  stale: string;
}

const ESTATES: Estate[] = [
  {
    repo: 'Enterprise-CMCS__macpro-onemac',
    remove: { file: 'services/one-stream/serverless.yml', line: 39, from: 'onemac-dev-one', to: 'somebody-elses-table' },
    stale: 'hardcoded-reference OneMacTable services/one-stream/serverless.yml',
  },
  {
    repo: 'aws-samples__serverless-coffee',
    remove: { file: 'extensions/EventPlayer/template.yaml', line: 19, from: '"Serverlesspresso"', to: '"SomebodyElsesBus"' },
    stale: 'hardcoded-reference ServerlesspressoEventBus extensions/EventPlayer/template.yaml',
  },
  {
    repo: 'MikaelConecto__services-splitted-stacks',
    remove: { file: 'services/hooks/serverless.yml', line: 24, from: 'static-maps', to: 'somebody-elses-maps' },
    stale: 'hardcoded-reference StaticMapsBucket services/hooks/serverless.yml',
  },
];

/** The new problem: a new unit whose queue depends on a resource it does not declare (an error). */
const NEW_UNIT = 'zz-baseline-check/template.yaml';
const NEW_TEXT = `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n    DependsOn: NoSuchResource\n`;

async function check(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await run(['check', ...argv], (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/**
 * Every YAML file: two comment lines on top (every line moves) and every line indented by 2 more
 * (every column moves; document markers stay); every JSON file re-indented by 4.
 */
function shiftAndReformat(dir: string): number {
  let n = 0;
  for (const p of walk(dir)) {
    const text = fs.readFileSync(p, 'utf8');
    if (/\.ya?ml$/i.test(p)) {
      const lines = text.split('\n').map((l) => (l.trim() === '' || /^(---|\.\.\.)(\s|$)/.test(l) ? l : '  ' + l));
      fs.writeFileSync(p, `# Shifted by the baseline check.\n#\n${lines.join('\n')}`);
      n++;
    } else if (/\.json$/i.test(p) && !p.endsWith('.serverless-domains-baseline.json')) {
      try {
        fs.writeFileSync(p, JSON.stringify(JSON.parse(text), null, 4) + '\n');
        n++;
      } catch {
        // Not JSON (or JSON with comments): left as it is.
      }
    }
  }
  return n;
}

for (const e of ESTATES) {
  test(`baseline on a copy of ${e.repo}: moved and reformatted, one fixed, one new`, { skip: !CORPUS && 'no corpus' }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-baseline-'));
    fs.cpSync(path.join(CORPUS!, e.repo), dir, { recursive: true });
    const before = JSON.parse((await check(dir, '--format', 'json')).out);
    assert.ok(before.diagnostics.length > 3, 'an estate with findings');
    assert.equal((await check(dir, '--write-baseline')).code, 0);

    // Remove one known problem, then move every line and reformat every file.
    const target = path.join(dir, e.remove.file);
    const lines = fs.readFileSync(target, 'utf8').split('\n');
    assert.ok(lines[e.remove.line - 1].includes(e.remove.from), lines[e.remove.line - 1]);
    lines[e.remove.line - 1] = lines[e.remove.line - 1].replace(e.remove.from, e.remove.to);
    fs.writeFileSync(target, lines.join('\n'));
    assert.ok(shiftAndReformat(dir) > 3);

    const fixed = await check(dir, '--format', 'json', '--max-warnings', '0');
    const fixedReport = JSON.parse(fixed.out);
    assert.deepEqual(fixedReport.diagnostics.map((d: { rule: string; subject: string; file: string }) => `${d.rule} ${d.subject} ${d.file}`), []);
    assert.deepEqual(fixedReport.baseline.stale.map((s: { rule: string; subject: string; file: string }) => `${s.rule} ${s.subject} ${s.file}`), [e.stale]);
    assert.equal(fixedReport.baseline.known, before.diagnostics.length - 1);
    assert.equal(fixed.code, 0);

    // Add one new problem.
    fs.mkdirSync(path.dirname(path.join(dir, NEW_UNIT)), { recursive: true });
    fs.writeFileSync(path.join(dir, NEW_UNIT), NEW_TEXT);
    const now = await check(dir, '--format', 'json');
    const report = JSON.parse(now.out);
    assert.deepEqual(report.diagnostics.map((d: { rule: string; subject: string; file: string }) => `${d.rule} ${d.subject} ${d.file}`), [`broken-reference NoSuchResource ${NEW_UNIT}`]);
    assert.deepEqual(report.baseline.stale.map((s: { rule: string; subject: string; file: string }) => `${s.rule} ${s.subject} ${s.file}`), [e.stale]);
    assert.equal(now.code, 1);
    const text = await check(dir);
    assert.equal(text.code, 1);
    assert.match(text.out, /1 stale baseline entry/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
}
