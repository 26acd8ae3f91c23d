// Fixtures are small workspaces written as one text: `# --- path` starts a file, and
// annotation lines under a line state the findings expected there:
//
//   # --- orders/serverless.yml
//         - sqs: ${cf:infra-dev.OrdersQueueArn}
//   #       ^^^ warning[split-domain]: invoked by queue OrdersQueue
//   #   fix: Move OrdersQueue into orders/serverless.yml, beside processOrder
//
// The first caret is the column where the finding starts; `# <-- ` stands for column 0. The
// text after the colon must appear in the message. Annotation lines are removed from the
// files before analysis. `# check: rule-a, rule-b` before the first file limits the
// comparison to those rules (default: every rule).
//
// Fix lines, `#   fix: <title>` or `#   fix: <title> => <text>`, stand directly under a finding's
// annotation (or under another fix line of it) and are removed too. They state the fixes the
// finding offers, besides the comment that disables its rule on that line:
//
//         deadLetterTargetArn: arn:aws:sqs:eu-west-1:123456789012:dead-letters
//   #                          ^^^ warning[hardcoded-reference]: names queue DeadLetters
//   #   fix: Replace the literal with !GetAtt DeadLetters.Arn => deadLetterTargetArn: !GetAtt DeadLetters.Arn
//
// - the titles listed must equal, exactly and as a set, the titles of the fixes the finding
//   offers other than the disable comment; no fix line means it offers none but that comment;
// - the disable comment is checked once for every finding: a finding in a YAML file offers
//   exactly one fix titled `Disable <rule> for this line`, a finding in a JSON file none
//   (JSON has no comments);
// - with `=> <text>`, the fix is applied to the fixture's files and `<text>` (trimmed) must appear
//   in the text of its first edit after the fix: the edit listed first by the fix, in its file,
//   from the start of the line where that edit's new text begins to the end of the line where it
//   ends (for a deletion, the one line where the removed text was). Other edits of the same file
//   that come before it move it, as `applyEdits` applies them;
// - every fix (the listed ones and the disable comment) must remove its finding when applied,
//   lose nothing, and leave no finding that was not there before (compared by rule, file,
//   subject and message with numbers ignored; a finding whose subject moved with the fix may
//   reappear in a file the fix created or edited): `checkAllFixes`, which fixture tests run on
//   every finding.
//
// A `fix:` line anywhere else is an error, so a misplaced one cannot silently check nothing.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AnalysisResult, applyEdits, Finding, Fix, LineIndex, Workspace } from '../server/src/engine';
import type { HclParser } from '../server/src/engine/terraform/hcl-parser';
import { createHclParser } from '../server/src/node/hcl';

export interface Expected {
  file: string;
  line: number;
  character: number;
  severity: string;
  rule: string;
  message: string;
  /** The fixes the finding offers besides the disable comment (none listed: it offers none). */
  fixes: ExpectedFix[];
}

export interface ExpectedFix {
  title: string;
  /** Text that the fix's first edit leaves in its lines (see the header). */
  text?: string;
}

export interface Fixture {
  files: Map<string, string>;
  expected: Expected[];
  rules?: Set<string>;
}

const ANNOTATION = /^\s*#\s*(\^+|<--)\s+(error|warning|information|hint)\[([\w-]+)\](?::\s*(.*))?\s*$/;
const FIX_LINE = /^\s*#\s*fix:\s*(.*?)\s*$/;
const FIX_TEXT = ' => ';

export function parseFixture(text: string): Fixture {
  const files = new Map<string, string>();
  const expected: Expected[] = [];
  let rules: Set<string> | undefined;
  let current: string | undefined;
  let lines: string[] = [];
  // The finding the previous line annotated (fix lines attach to it), or undefined.
  let lastAnnotation: Expected | undefined;
  const flush = () => {
    if (current !== undefined) files.set(current, lines.join('\n'));
  };
  for (const raw of text.split('\n')) {
    const header = /^# --- (\S+)\s*$/.exec(raw);
    const fixLine = FIX_LINE.exec(raw);
    if (fixLine) {
      assert.ok(lastAnnotation, `a fix line must stand under a finding annotation (in ${current ?? 'the preamble'}): ${raw}`);
      const sep = fixLine[1].indexOf(FIX_TEXT);
      const title = (sep === -1 ? fixLine[1] : fixLine[1].slice(0, sep)).trim();
      const fixText = sep === -1 ? undefined : fixLine[1].slice(sep + FIX_TEXT.length).trim();
      assert.ok(title, `a fix line without a title (in ${current}): ${raw}`);
      assert.ok(fixText === undefined || fixText, `a fix line with an empty text after "=>" (in ${current}): ${raw}`);
      lastAnnotation.fixes.push(fixText === undefined ? { title } : { title, text: fixText });
      continue;
    }
    lastAnnotation = undefined;
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
      lastAnnotation = { file: current, line: lines.length - 1, character, severity: a[2], rule: a[3], message: (a[4] ?? '').trim(), fixes: [] };
      expected.push(lastAnnotation);
      continue;
    }
    lines.push(raw);
  }
  flush();
  return { files, expected, rules };
}

let hcl: HclParser | undefined;

/** Loads the HCL parser once (asynchronous), so that fixtures with `.tf` files analyse them: call it in a `before` hook. */
export async function useHcl(): Promise<void> {
  hcl ??= await createHclParser();
}

export function workspaceOf(files: Map<string, string>): Workspace {
  const ws = new Workspace({ rootName: 'fixture', hcl });
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
  const matched: Array<[Expected, Finding]> = [];
  for (const e of fixture.expected) {
    const i = unmatched.findIndex((f) => {
      if (f.loc.file !== e.file || f.rule !== e.rule || f.severity !== e.severity) return false;
      const pos = new LineIndex(ws.getText(f.loc.file) ?? '').position(f.loc.start);
      return pos.line === e.line && pos.character === e.character && f.message.includes(e.message);
    });
    if (i === -1) missing.push(e);
    else matched.push([e, ...unmatched.splice(i, 1)] as [Expected, Finding]);
  }
  const problems = [
    ...missing.map((e) => `expected but not found: ${e.file}:${e.line + 1}:${e.character + 1} ${e.severity}[${e.rule}] ${e.message}`),
    ...unmatched.map((f) => `found but not expected: ${describeFinding(ws, f)}`),
    // The disable comment, for every finding (also those of rules the fixture does not compare).
    ...result.findings.flatMap((f) => disableFixProblems(ws, f)),
    ...matched.flatMap(([e, f]) => fixProblems(ws, fixture.files, e, f)),
  ];
  assert.deepEqual(problems, [], '\n' + problems.join('\n'));
  return { ws, result, fixture };
}

/** The title of the fix that adds a disable comment for a rule. */
export function disableTitle(rule: string): string {
  return `Disable ${rule} for this line`;
}

/** The fixes a finding offers, not counting the disable comment. */
export function offeredFixes(f: Finding): Fix[] {
  return f.fixes.filter((x) => x.title !== disableTitle(f.rule));
}

/** The disable comment: one in a YAML file (a comment line above the finding's line), none in JSON. */
function disableFixProblems(ws: Workspace, f: Finding): string[] {
  const disables = f.fixes.filter((x) => x.title.startsWith('Disable '));
  const json = ws.parsed(f.loc.file)?.json ?? /\.json$/i.test(f.loc.file);
  if (json) return disables.length === 0 ? [] : [`${describeFinding(ws, f)}: a finding in a JSON file offers a disable comment`];
  const own = disables.filter((x) => x.title === disableTitle(f.rule));
  if (own.length !== 1 || disables.length !== 1) {
    return [`${describeFinding(ws, f)}: expected exactly one fix "${disableTitle(f.rule)}", got ${JSON.stringify(disables.map((x) => x.title))}`];
  }
  const [edit, ...more] = own[0].edits;
  if (more.length > 0 || edit.file !== f.loc.file || edit.start !== edit.end || !new RegExp(`^[ \\t]*# serverless-domains-disable-next-line ${f.rule}\\r?\\n$`).test(edit.newText)) {
    return [`${describeFinding(ws, f)}: the disable fix is not one comment line inserted in the finding's file: ${JSON.stringify(own[0].edits)}`];
  }
  return [];
}

/** The fixes a finding offers against those its annotation lists, and each `=> text`. */
function fixProblems(ws: Workspace, files: Map<string, string>, e: Expected, f: Finding): string[] {
  const where = describeFinding(ws, f);
  const offered = offeredFixes(f);
  const titles = offered.map((x) => x.title).sort();
  const listed = e.fixes.map((x) => x.title).sort();
  if (JSON.stringify(titles) !== JSON.stringify(listed)) {
    return [`${where}: offers the fixes\n${titles.map((t) => `    #   fix: ${t}`).join('\n') || '    (none)'}\n  but the annotation lists\n${listed.map((t) => `    #   fix: ${t}`).join('\n') || '    (none)'}`];
  }
  const problems: string[] = [];
  for (const x of e.fixes) {
    if (x.text === undefined) continue;
    const fix = offered.find((o) => o.title === x.title)!;
    const got = firstEditText(files, fix);
    if (!got.includes(x.text)) problems.push(`${where}: fix "${x.title}" should leave "${x.text}" at its first edit; the edited lines read:\n${got}`);
  }
  return problems;
}

/**
 * The lines of a fix's first edit after the fix is applied: from the start of the line where
 * its new text begins to the end of the line where it ends (see the header).
 */
export function firstEditText(files: Map<string, string>, fix: Fix): string {
  const first = fix.edits[0];
  if (!first) return '';
  const after = applyEdits(files, fix.edits).get(first.file) ?? '';
  // applyEdits applies a file's edits from the last to the first; those applied after this one move it.
  let start = first.start;
  for (const o of fix.edits) {
    if (o === first || o.file !== first.file) continue;
    if (o.start < first.start || (o.start === first.start && o.end < first.end)) start += o.newText.length - (o.end - o.start);
  }
  const end = start + first.newText.length;
  const lineStart = Math.max(after.lastIndexOf('\n', start - 1) + 1, after.lastIndexOf('\r', start - 1) + 1);
  const nl = after.slice(end).search(/\r?\n|\r/);
  // New text that ends with a line break ends on the line before that break.
  const lineEnd = first.newText.length > 0 && /[\r\n]$/.test(first.newText) ? end - (first.newText.endsWith('\r\n') ? 2 : 1) : nl === -1 ? after.length : end + nl;
  return after.slice(lineStart, Math.max(lineStart, lineEnd));
}

/** Everything a fix must not lose: resources, functions, outputs and comments, by name. */
export function inventory(ws: Workspace, result: AnalysisResult): { things: Set<string>; comments: string[]; readers: Map<string, string[]> } {
  const things = new Set<string>();
  // For each output, the keys its readers are counted under (`linked.consumers`).
  const readers = new Map<string, string[]>();
  for (const t of result.linked.templates) {
    for (const r of t.resources.values()) if (!r.implicit) things.add(`resource ${r.id}`);
    for (const f of t.functions.values()) things.add(`function ${f.id}`);
    for (const o of t.outputs) {
      if (o.implicit) continue;
      things.add(`output ${o.exportName ?? o.key}`);
      readers.set(`output ${o.exportName ?? o.key}`, [`read:${t.stackName}\u0000${o.key}`, ...(o.exportName ? [`export:${o.exportName}`] : [])]);
    }
  }
  const comments: string[] = [];
  for (const p of ws.paths()) {
    for (const line of (ws.getText(p) ?? '').split('\n')) {
      const m = /(?:^|\s)(#.*)$/.exec(line);
      if (m && !m[1].includes('serverless-domains-disable')) comments.push(m[1].trim());
    }
  }
  return { things, comments: comments.sort(), readers };
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
        if (parsed && !brokenBefore.has(p) && /\.(ya?ml|json|template|tf)$/.test(p)) {
          assert.deepEqual(parsed.errors.map((e) => e.message), [], `${label}: ${p} no longer parses:\n${after.get(p)}`);
        }
      }
      const inv2 = inventory(ws2, result);
      for (const t of inv.things) {
        // An output the workspace read before and reads no more (its readers became local) may go.
        const keys = inv.readers.get(t);
        const unread = keys !== undefined && keys.some((k) => before.linked.consumers(k) > 0) && keys.every((k) => result.linked.consumers(k) === 0);
        assert.ok(inv2.things.has(t) || unread, `${label}: lost ${t}\n${dump(after, fix.edits.map((e) => e.file))}`);
      }
      const added = newFindings(before.findings, result.findings, fix, files);
      assert.deepEqual(added.map((f) => describeFinding(ws2, f)), [], `${label}: the fix leaves findings that were not there before:\n${added.map((f) => describeFinding(ws2, f)).join('\n')}\n--- files after the fix ---\n${dump(after, fix.edits.map((e) => e.file))}`);
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

/** A finding's identity across edits: rule, file, subject and message, with offsets and line numbers ignored. */
function findingKey(f: Finding, file = f.loc.file): string {
  return JSON.stringify([f.rule, file, f.subject, f.message.replace(/\d+/g, '#')]);
}

/**
 * The findings after a fix that were not there before, counted by `findingKey`. A finding may
 * move with what the fix moved: one in a file the fix created or edited is allowed when a
 * finding of the same rule went away, with the same subject, or with the edited unit as
 * subject where the new one has the created unit (a unit's imports moved into the new unit);
 * one elsewhere, when the finding of the same rule, file and subject went away whose message
 * differed only by naming another of the units the fix edited or created.
 */
export function newFindings(before: Finding[], after: Finding[], fix: Fix, beforeTexts?: Map<string, string>): Finding[] {
  const created = new Set(fix.creates ?? []);
  // unused-export is silent where no unit imports from another: a fix that adds the first import
  // lets it speak about exports that were already there. Those are not made by the fix; an export
  // the fix writes (new text) still counts.
  const existedBefore = (f: Finding) => f.rule === 'unused-export' && !!beforeTexts?.get(f.loc.file)?.includes(f.subject);
  const touched = new Set([...fix.edits.map((e) => e.file), ...created]);
  const gone = new Map<string, Finding[]>();
  for (const f of before) gone.set(findingKey(f), [...(gone.get(findingKey(f)) ?? []), f]);
  const candidates: Finding[] = [];
  for (const f of after) {
    const same = gone.get(findingKey(f));
    if (same?.length) same.pop();
    else candidates.push(f);
  }
  const disappeared = [...gone.values()].flat();
  // A message that names a unit the fix edited or created is the same message naming the other one.
  const paths = [...touched].sort((a, b) => b.length - a.length);
  const norm = (m: string) => paths.reduce((x, p) => x.split(p).join('<unit>'), m).replace(/\d+/g, '#');
  const out: Finding[] = [];
  for (const f of candidates) {
    if (existedBefore(f) && !before.some((b) => b.rule === 'unused-export')) continue;
    const i = disappeared.findIndex(
      (b) =>
        b.rule === f.rule &&
        (touched.has(f.loc.file)
          ? b.subject === f.subject || (created.has(f.subject) && touched.has(b.subject))
          : b.loc.file === f.loc.file && b.subject === f.subject && norm(b.message) === norm(f.message)),
    );
    if (i === -1) out.push(f);
    else disappeared.splice(i, 1);
  }
  return out;
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
