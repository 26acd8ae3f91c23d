// A step's shell text, assembled from pieces of one or more files (a `run:` block, GitLab script
// lines, literal values substituted for `${{ matrix.k }}`, `env` assignments put in front) with
// every position mapped back to where it is written; and the deploys read from it.

import { Assignments, deployCommands, LineStarts, movesOf, readWords, workingDir } from './deploy-commands';
import type { Follow } from './follow';
import { CALL, followCall } from './follow';
import { shellDeploys } from './shell-deploys';
import type { Deploy, Unmatched } from './model';
import type { RNode } from '../tree';
import { deref } from '../tree';
import { normalizePath } from '../paths';
import type { Loc } from '../types';

/** GitHub's `${{ expr }}`, the default expression syntax of a script's text. */
const EXPR = /\$\{\{\s*([^{}]*?)\s*\}\}/g;

interface Piece {
  /** Where the piece starts in the assembled text. */
  pos: number;
  len: number;
  file: string;
  /** Where it starts in its file; for a substituted value, the expression it replaces (`at` to `end`). */
  at: number;
  end?: number;
  /** Context only (earlier phases, variables): commands starting here are not this step's. */
  context?: boolean;
}

export class ScriptText {
  text = '';
  private readonly pieces: Piece[] = [];

  /** Text copied from `file` at `at`; `${{ expr }}` (or what `pattern` matches, its group 1 the expression)
   * replaced where `expr` gives a literal value. */
  add(text: string, file: string, at: number, exprs?: (e: string) => string | undefined, context?: boolean, pattern: RegExp = EXPR): void {
    if (!exprs) return this.push(text, file, at, undefined, context);
    let last = 0;
    for (const m of text.matchAll(new RegExp(pattern.source, 'g'))) {
      const v = exprs(m[1]);
      if (v === undefined) continue;
      this.push(text.slice(last, m.index), file, at + last, undefined, context);
      this.push(v, file, at + m.index, at + m.index + m[0].length, context);
      last = m.index + m[0].length;
    }
    this.push(text.slice(last), file, at + last, undefined, context);
  }

  /** Generated text standing for what is at `loc` (a variable's definition, a folded scalar). */
  addSynthetic(text: string, loc: Loc, context?: boolean): void {
    this.push(text, loc.file, loc.start, loc.end, context);
  }

  private push(text: string, file: string, at: number, end: number | undefined, context: boolean | undefined): void {
    if (!text) return;
    this.pieces.push({ pos: this.text.length, len: text.length, file, at, end, context });
    this.text += text;
  }

  private pieceAt(pos: number): Piece | undefined {
    let lo = 0;
    let hi = this.pieces.length - 1;
    let found: Piece | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.pieces[mid].pos <= pos) {
        found = this.pieces[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** The location in its file of the assembled range (clipped to the piece where it starts); undefined for context. */
  locOf(start: number, end: number): Loc | undefined {
    const p = this.pieceAt(start);
    if (!p || p.context) return undefined;
    if (p.end !== undefined) return { file: p.file, start: p.at, end: p.end };
    const s = p.at + (start - p.pos);
    const e = p.at + Math.min(end, p.pos + p.len) - p.pos;
    const q = this.pieceAt(Math.max(start, end - 1));
    if (q && q !== p && q.file === p.file && !q.context) return { file: p.file, start: s, end: q.end ?? q.at + (end - q.pos) };
    return { file: p.file, start: s, end: e };
  }
}

/** A script scalar's text and where it is: a literal block's raw lines, a plain or simple quoted scalar in place, else its value. */
export function addScalar(st: ScriptText, node: RNode | undefined, source: string, exprs?: (e: string) => string | undefined, context?: boolean, pattern?: RegExp): boolean {
  const n = deref(node);
  if (!n || n.k !== 'scalar' || n.value === null) return false;
  const value = String(n.value);
  const raw = source.slice(n.loc.start, n.loc.end);
  const file = n.loc.file;
  if (/^\|/.test(raw)) {
    const nl = raw.indexOf('\n');
    if (nl !== -1) st.add(raw.slice(nl + 1), file, n.loc.start + nl + 1, exprs, context, pattern);
  } else if (raw === value) st.add(raw, file, n.loc.start, exprs, context, pattern);
  else if ((raw[0] === '"' || raw[0] === "'") && raw.slice(1, -1) === value) st.add(value, file, n.loc.start + 1, exprs, context, pattern);
  else st.addSynthetic(pattern && exprs ? value.replace(new RegExp(pattern.source, 'g'), (m: string, e: string) => exprs(e) ?? m) : value, n.loc, context);
  st.addSynthetic('\n', { file, start: n.loc.end, end: n.loc.end }, true);
  return true;
}

/** `NAME='value'` lines in front of a script, so its `$NAME` reads the literal value. */
export function addEnv(st: ScriptText, env: Record<string, string>, at: Loc): void {
  for (const [k, v] of Object.entries(env)) {
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) && !/['\n]/.test(v)) st.addSynthetic(`${k}='${v}'\n`, at, true);
  }
}

const join = (dir: string, rel: string): string | undefined => normalizePath(dir ? `${dir}/${rel}` : rel);

/** How a script's text is read: as a file of that name (a `Makefile`: each line its own shell), one straight-line shell (the default) or not. */
export interface ScriptOptions {
  shell?: string;
  straightLine?: boolean;
}

/** The deploys of a script, and what it runs that the readers cannot resolve. `wd`: where the script starts (workspace-relative).
 * With `follow`, the scripts it calls inside the workspace are read too (follow.ts). */
export function readScript(st: ScriptText, wd: string | undefined, matrix?: Record<string, string>, follow?: Follow, options?: ScriptOptions): { deploys: Deploy[]; unmatched: Unmatched[] } {
  const deploys: Deploy[] = [];
  const unmatched: Unmatched[] = [];
  const text = withoutDeadBranches(st.text);
  const shell = options?.shell ?? 'step.sh';
  const opts = { straightLine: options?.straightLine ?? true };
  const through = follow?.chain.length ? follow.chain : undefined;
  const withMatrix = <T extends object>(o: T): T => {
    const r = matrix ? { ...o, matrix } : o;
    return through ? { ...r, through } : r;
  };
  const miss = (loc: Loc, s: number, e: number, reason: string) => unmatched.push(withMatrix({ loc, text: text.slice(s, e), reason, seq: [s] }));
  /** Where the deploys read are, so a script call is not listed over one. */
  const spans: Array<[number, number]> = [];
  for (const c of deployCommands(shell, text, opts)) {
    const loc = st.locOf(c.loc.start, c.loc.end);
    if (!loc) continue;
    spans.push([c.loc.start, c.loc.end]);
    const d: Deploy = withMatrix({ tool: c.tool, loc, text: text.slice(c.loc.start, c.loc.end), workingDirectory: wd === undefined || c.dir === undefined ? undefined : join(wd, c.dir), seq: [c.loc.start] });
    if (c.stackName) d.stackName = c.stackName;
    else if (c.stackNameWritten !== undefined) d.stackNameUnknown = true;
    if (c.template !== undefined && wd !== undefined) {
      const t = join(wd, c.template);
      if (t !== undefined) d.template = t;
    }
    if (c.defaultTemplate && d.workingDirectory !== undefined) d.defaultTemplate = true;
    if (c.configEnv) d.configEnv = c.configEnv;
    if (c.configFile) d.configFile = c.configFile;
    if (d.template === undefined && !d.stackName && !d.defaultTemplate && !d.configEnv) miss(loc, c.loc.start, c.loc.end, 'neither the template nor the stack name is known statically');
    else deploys.push(d);
  }
  for (const c of shellDeploys(shell, text, opts)) {
    const loc = st.locOf(c.loc.start, c.loc.end);
    if (!loc) continue;
    spans.push([c.loc.start, c.loc.end]);
    const cwd = wd === undefined || c.cwd === undefined ? undefined : join(wd, c.cwd);
    if (c.tool === 'cdk deploy') {
      miss(loc, c.loc.start, c.loc.end, 'cdk deploys stacks the analysis cannot see');
      continue;
    }
    const d: Deploy = withMatrix({ tool: c.tool, loc, text: text.slice(c.loc.start, c.loc.end), workingDirectory: cwd, seq: [c.loc.start] });
    if (c.stage) d.stage = c.stage;
    if (c.functionName) d.functionName = c.functionName;
    if (c.tool === 'lambda update-function-code' || c.tool === 'serverless deploy function') d.codeOnly = true;
    if (c.tool.startsWith('serverless')) {
      if (c.config) d.config = cwd === undefined ? undefined : join(cwd, c.config);
      if (d.config === undefined && c.config !== undefined) delete d.config;
      const folder = d.config !== undefined ? d.config.replace(/\/?[^/]*$/, '') : c.config === undefined ? cwd : undefined;
      if (folder !== undefined) d.folder = folder;
    } else if (c.dir !== undefined && wd !== undefined) {
      const f = join(wd, c.dir);
      if (f !== undefined) d.folder = f;
    }
    const known = c.unknown === undefined && (d.folder !== undefined || (c.tool === 'lambda update-function-code' && d.functionName !== undefined));
    if (!known) miss(loc, c.loc.start, c.loc.end, c.unknown !== undefined ? `${c.unknown} is not known statically` : 'the folder it runs in is not known statically');
    else deploys.push(d);
  }
  readCalls(st, text, wd, matrix, follow, shell, opts, spans, { deploys, unmatched }, miss);
  // In the order they run: by their place in this script (a called script's at its call).
  deploys.sort((a, b) => compareSeq(a.seq, b.seq));
  unmatched.sort((a, b) => compareSeq(a.seq, b.seq));
  return { deploys, unmatched };
}

/** Scripts, Makefile targets, package.json scripts and node files the script calls: followed with
 * `follow`; one that cannot be read is listed as unmatched when its name says deploy/release/apply/publish. */
function readCalls(st: ScriptText, text: string, wd: string | undefined, matrix: Record<string, string> | undefined, follow: Follow | undefined, shell: string, opts: { straightLine: boolean }, spans: Array<[number, number]>, out: { deploys: Deploy[]; unmatched: Unmatched[] }, miss: (loc: Loc, s: number, e: number, reason: string) => void): void {
  const calls = [...text.matchAll(CALL)];
  if (!calls.length) return;
  const starts = calls.map((m) => m.index + m[1].length);
  const vars = new Assignments(text, starts);
  const moves = movesOf(shell, text, opts);
  const lines = new LineStarts(text);
  let prevEnd = 0;
  for (const m of calls) {
    const s = m.index + m[0].length - m[2].length;
    if (s < prevEnd) continue;
    const head = m[2].trim();
    const words = readWords(text, s + (head.startsWith('./') ? 2 : m[2].length), false);
    const e = words.length ? words[words.length - 1].end : s + m[2].length;
    prevEnd = e;
    if (spans.some(([a, b]) => a < e && s < b)) continue;
    const lineStart = lines.startOf(s);
    if (/(^|\s)#/.test(text.slice(lineStart, s)) || /\b(echo|printf)\b/.test(text.slice(lineStart, s).split(/&&|\|\||[;|(]/).pop() ?? '')) continue;
    const loc = st.locOf(s, e);
    if (!loc) continue;
    const deployish = /deploy|release|apply|publish/i.test(text.slice(s, e));
    const dir = workingDir(text, s, lineStart, vars, moves);
    const cwd = wd === undefined || dir === undefined ? undefined : join(wd, dir);
    if (!follow || cwd === undefined) {
      if (deployish) miss(loc, s, e, follow ? 'the folder it runs in is not known statically' : 'a script the readers do not follow');
      continue;
    }
    const expanded = words.map((w) => ({ ...w, text: w.text.includes('$') ? (vars.expand(w.text, s) ?? w.text) : w.text }));
    const r = followCall(head, expanded, cwd, loc, matrix, follow);
    if (r === undefined) continue;
    if ('reason' in r) {
      if (deployish) miss(loc, s, e, r.reason);
      continue;
    }
    out.deploys.push(...r.deploys.map((d) => ({ ...d, seq: [s, ...(d.seq ?? [])] })));
    out.unmatched.push(...r.unmatched.map((u) => ({ ...u, seq: [s, ...(u.seq ?? [])] })));
  }
}

/** `if [ "A" op "B" ]; then X [else Y] fi` whose sides are literal once the matrix and env are substituted
 * (`[[ "database-tools/blazer" != "database-tools/blazer" ]]`): the branch that cannot run is blanked (same
 * length, so every offset stays), and its commands are not read. Any other condition keeps both branches. */
export function withoutDeadBranches(text: string): string {
  if (!/\bif\s+\[/.test(text)) return text;
  const re = /\bif[ \t]+\[\[?[ \t]+(?:"([^"$`\\\n]*)"|'([^'\n]*)'|([\w./:@-]+))[ \t]+(==|=|!=)[ \t]+(?:"([^"$`\\\n]*)"|'([^'\n]*)'|([\w./:@-]+))[ \t]+\]\]?[ \t]*(?:;|\n)[ \t\n]*then\b/g;
  let out = text;
  let n = 0;
  for (const m of text.matchAll(re)) {
    // Each test looks ahead for its branch's end: a bounded number keeps a pathological script linear.
    if (++n > 64) break;
    const a = m[1] ?? m[2] ?? m[3];
    const b = m[5] ?? m[6] ?? m[7];
    const holds = m[4] === '!=' ? a !== b : a === b;
    const body = m.index + m[0].length;
    // The branch ends at the first `else`/`elif`/`fi` word; a nested `if` before it: not read.
    const end = /\b(if|else|elif|fi)\b/g;
    end.lastIndex = body;
    const e = end.exec(text);
    if (!e || e[1] === 'if' || e[1] === 'elif') continue;
    const blank = (s: number, t: number) => {
      out = out.slice(0, s) + out.slice(s, t).replace(/[^\n]/g, ' ') + out.slice(t);
    };
    if (!holds) blank(body, e.index);
    else if (e[1] === 'else') {
      const fi = /\b(if|fi)\b/g;
      fi.lastIndex = e.index + 4;
      const f = fi.exec(text);
      if (f && f[1] === 'fi') blank(e.index + 4, f.index);
    }
  }
  return out;
}

/** Orders two run positions (`Deploy.seq`): the earlier call first, then inside it. */
export function compareSeq(a: readonly number[] | undefined, b: readonly number[] | undefined): number {
  const x = a ?? [];
  const y = b ?? [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}
