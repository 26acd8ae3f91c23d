// Fixtures are small workspaces written as one text: `# --- path` starts a file, and
// annotation lines under a line state the findings expected there:
//
//   # --- orders/serverless.yml
//         - sqs: ${cf:infra-dev.OrdersQueueArn}
//   #       ^^^ warning[split-domain]: invoked by queue OrdersQueue
//
// The first caret is the column where the finding starts; `# <-- ` stands for column 0. The
// text after the colon must appear in the message. Annotation lines are removed from the
// files before analysis. `# check: rule-a, rule-b` before the first file limits the
// comparison to those rules (default: every rule).

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AnalysisResult, applyEdits, Finding, LineIndex, Workspace } from '../server/src/engine';

export interface Expected {
  file: string;
  line: number;
  character: number;
  severity: string;
  rule: string;
  message: string;
}

export interface Fixture {
  files: Map<string, string>;
  expected: Expected[];
  rules?: Set<string>;
}

const ANNOTATION = /^\s*#\s*(\^+|<--)\s+(error|warning|information|hint)\[([\w-]+)\](?::\s*(.*))?\s*$/;

export function parseFixture(text: string): Fixture {
  const files = new Map<string, string>();
  const expected: Expected[] = [];
  let rules: Set<string> | undefined;
  let current: string | undefined;
  let lines: string[] = [];
  const flush = () => {
    if (current !== undefined) files.set(current, lines.join('\n'));
  };
  for (const raw of text.split('\n')) {
    const header = /^# --- (\S+)\s*$/.exec(raw);
    if (header) {
      flush();
      current = header[1];
      lines = [];
      continue;
    }
    if (current === undefined) {
      const c = /^#\s*check:\s*(.*)$/.exec(raw);
      if (c) rules = new Set(c[1].split(/[\s,]+/).filter(Boolean));
      continue;
    }
    const a = ANNOTATION.exec(raw);
    if (a) {
      assert.ok(lines.length > 0, `annotation before any line in ${current}: ${raw}`);
      const character = a[1] === '<--' ? 0 : raw.indexOf('^');
      expected.push({ file: current, line: lines.length - 1, character, severity: a[2], rule: a[3], message: (a[4] ?? '').trim() });
      continue;
    }
    lines.push(raw);
  }
  flush();
  return { files, expected, rules };
}

export function workspaceOf(files: Map<string, string>): Workspace {
  const ws = new Workspace({ rootName: 'fixture' });
  for (const [p, t] of files) ws.setFile(p, t);
  return ws;
}

export function describeFinding(ws: Workspace, f: Finding): string {
  const pos = new LineIndex(ws.getText(f.loc.file) ?? '').position(f.loc.start);
  return `${f.loc.file}:${pos.line + 1}:${pos.character + 1} ${f.severity}[${f.rule}] ${f.message}`;
}

/** Analyses a fixture and compares its findings with the annotations. */
export function check(text: string): { ws: Workspace; result: AnalysisResult; fixture: Fixture } {
  const fixture = parseFixture(text);
  const ws = workspaceOf(fixture.files);
  const result = ws.analyze();
  const relevant = result.findings.filter((f) => !fixture.rules || fixture.rules.has(f.rule));
  const unmatched = [...relevant];
  const missing: Expected[] = [];
  for (const e of fixture.expected) {
    const i = unmatched.findIndex((f) => {
      if (f.loc.file !== e.file || f.rule !== e.rule || f.severity !== e.severity) return false;
      const pos = new LineIndex(ws.getText(f.loc.file) ?? '').position(f.loc.start);
      return pos.line === e.line && pos.character === e.character && f.message.includes(e.message);
    });
    if (i === -1) missing.push(e);
    else unmatched.splice(i, 1);
  }
  const problems = [
    ...missing.map((e) => `expected but not found: ${e.file}:${e.line + 1}:${e.character + 1} ${e.severity}[${e.rule}] ${e.message}`),
    ...unmatched.map((f) => `found but not expected: ${describeFinding(ws, f)}`),
  ];
  assert.deepEqual(problems, [], '\n' + problems.join('\n'));
  return { ws, result, fixture };
}

/** Everything a fix must not lose: resources, functions, outputs and comments, by name. */
export function inventory(ws: Workspace, result: AnalysisResult): { things: Set<string>; comments: string[] } {
  const things = new Set<string>();
  for (const t of result.linked.templates) {
    for (const r of t.resources.values()) if (!r.implicit) things.add(`resource ${r.id}`);
    for (const f of t.functions.values()) things.add(`function ${f.id}`);
    for (const o of t.outputs) if (!o.implicit) things.add(`output ${o.exportName ?? o.key}`);
  }
  const comments: string[] = [];
  for (const p of ws.paths()) {
    for (const line of (ws.getText(p) ?? '').split('\n')) {
      const m = /(?:^|\s)(#.*)$/.exec(line);
      if (m && !m[1].includes('serverless-domains-disable')) comments.push(m[1].trim());
    }
  }
  return { things, comments: comments.sort() };
}

/**
 * Applies every fix of every finding on a fresh copy of the workspace and checks that the
 * finding is gone, every file still parses, and nothing was lost.
 */
export function checkAllFixes(files: Map<string, string>, filter: (f: Finding) => boolean = () => true): number {
  const ws = workspaceOf(files);
  const before = ws.analyze();
  const inv = inventory(ws, before);
  // Files that did not parse before (syntax errors, skipped templates) are not expected to parse after.
  const brokenBefore = new Set(ws.paths().filter((p) => (ws.parsed(p)?.errors.length ?? 0) > 0));
  let applied = 0;
  for (const finding of before.findings.filter(filter)) {
    for (const fix of finding.fixes) {
      const after = applyEdits(files, fix.edits);
      const ws2 = workspaceOf(after);
      const result = ws2.analyze();
      const label = `fix "${fix.title}" for ${describeFinding(ws, finding)}`;
      // The same finding may stand on several lines (offsets move after an edit): their number must drop.
      const same = (f: Finding) => f.rule === finding.rule && f.subject === finding.subject && f.loc.file === finding.loc.file && f.message === finding.message;
      const still = result.findings.filter(same);
      assert.ok(still.length < before.findings.filter(same).length, `${label}: the finding is still there:\n${still.map((f) => describeFinding(ws2, f)).join('\n')}\n--- files after the fix ---\n${dump(after, fix.edits.map((e) => e.file))}`);
      for (const p of after.keys()) {
        const parsed = ws2.parsed(p);
        if (parsed && !brokenBefore.has(p) && /\.(ya?ml|json|template)$/.test(p)) {
          assert.deepEqual(parsed.errors.map((e) => e.message), [], `${label}: ${p} no longer parses:\n${after.get(p)}`);
        }
      }
      const inv2 = inventory(ws2, result);
      for (const t of inv.things) assert.ok(inv2.things.has(t), `${label}: lost ${t}\n${dump(after, fix.edits.map((e) => e.file))}`);
      const comments2 = [...inv2.comments];
      for (const c of inv.comments) {
        const i = comments2.indexOf(c);
        assert.ok(i !== -1, `${label}: lost the comment "${c}"\n${dump(after, fix.edits.map((e) => e.file))}`);
        comments2.splice(i, 1);
      }
      applied++;
    }
  }
  return applied;
}

function dump(files: Map<string, string>, only: string[]): string {
  return [...files].filter(([p]) => only.includes(p)).map(([p, t]) => `# --- ${p}\n${t}`).join('\n');
}

/** Writes a fixture's files into a new temporary folder and returns its path. */
export function writeWorkspace(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-ws-'));
  for (const [p, t] of parseFixture(text).files) {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), t);
  }
  return dir;
}
