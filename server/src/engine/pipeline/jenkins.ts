// Jenkins: a `Jenkinsfile` (`Jenkinsfile.*`, `*.jenkinsfile`) read as text with a small Groovy
// scanner (groovy-scan.ts), never run. Declarative pipelines, and scripted ones (`node { }`) read
// the same way: each `stage('X') { }` is a job that needs the stage before it; the stages of a
// `parallel { }` block (or of scripted `parallel a: { }, b: { }`) need what the block needs and
// run in any order; stages nested in a stage's `stages { }` follow it. `sh '...'`, `sh "..."`,
// `sh '''...'''`, `sh(script: '...')` are steps read as shell; `dir('d') { }` sets their folder
// (commands start in the file's folder); `environment { K = 'v' }` gives literal env;
// `when { changeset 'glob' }` the job's path filter. A GString's `${X}`/`$X` of a literal env
// value is substituted; anything else stays unknown. A closure stored in a variable or a map
// (`def b = { stage... }`) and a method (`def deploy() { }`) are read where they are written,
// ordered after nothing (the file does not show when they run).

import { basename, dirname, normalizePath } from '../paths';
import type { Loc } from '../types';
import type { Scanned, Tok } from './groovy-scan';
import { addGroovyString, literalString, scanGroovy } from './groovy-scan';
import type { Job, Pipeline, Skipped, Step } from './model';
import type { PipelineHost } from './read-yaml';
import { addEnv, readScript, ScriptText } from './script';

/** A larger Jenkinsfile is not read (a skip with the reason). */
const MAX_TEXT = 1024 * 1024;
/** Blocks nested deeper are not read. */
const MAX_DEPTH = 64;
/** Words before a method's name. */
const DEFINES = new Set(['def', 'void', 'String', 'boolean', 'int', 'Object', 'static', 'private', 'public']);

export function isJenkinsfile(path: string): boolean {
  return /(^|\/)Jenkinsfile(\.[^/]+)?$/.test(path) || /\.jenkinsfile$/i.test(path);
}

interface Ctx {
  file: string;
  text: string;
  sc: Scanned;
  host: PipelineHost;
  p: Pipeline;
  skipped: Skipped[];
  /** Job ids taken, with the last `#n` given to each name. */
  ids: Map<string, number>;
}

interface Scope {
  wd: string | undefined;
  env: Record<string, string>;
  job?: Job;
}

/** The jobs a next stage needs (the exits of what came before). */
interface Seq {
  prev: string[];
}

type StrTok = Extract<Tok, { t: 'str' }>;

export function readJenkinsfile(file: string, host: PipelineHost): Pipeline[] {
  const skipped: Skipped[] = [];
  const files: string[] = [];
  const root = dirname(file);
  const p: Pipeline = { id: file, file, kind: 'jenkins', name: basename(file), root, triggers: [], jobs: [], skipped, files };
  let text: string | undefined;
  try {
    text = host.text(file);
  } catch (e) {
    skipped.push({ file, reason: `cannot be read: ${(e as Error).message}` });
    return [p];
  }
  if (text === undefined) {
    skipped.push({ file, reason: 'does not exist in the workspace' });
    return [p];
  }
  files.push(file);
  if (text.length > MAX_TEXT) {
    skipped.push({ file, reason: `larger than ${MAX_TEXT} characters; not read` });
    return [p];
  }
  const sc = scanGroovy(text);
  for (const pr of sc.problems) skipped.push({ file, loc: { file, start: pr.s, end: pr.e }, reason: pr.reason });
  const ctx: Ctx = { file, text, sc, host, p, skipped, ids: new Map() };
  walk(ctx, 0, sc.toks.length, { wd: root, env: {} }, { prev: [] }, 0);
  return [p];
}

const isP = (t: Tok | undefined, v: string): boolean => !!t && t.t === 'p' && t.v === v;

/** Reads the statements of [from, to). */
function walk(ctx: Ctx, from: number, to: number, scope: Scope, seq: Seq, depth: number): void {
  const { toks, match } = ctx.sc;
  if (depth > MAX_DEPTH) {
    const t = toks[from];
    if (t) ctx.skipped.push({ file: ctx.file, loc: { file: ctx.file, start: t.s, end: t.e }, reason: `blocks nested deeper than ${MAX_DEPTH} levels are not read` });
    return;
  }
  /** The job of steps written outside any stage, at this level. */
  let loose: Job | undefined;
  let i = from;
  while (i < to) {
    const t = toks[i];
    if (isP(t, '{')) {
      const end = Math.min(match.get(i) ?? to, to);
      const prevTok = toks[i - 1];
      // A closure stored or passed (`= {`, `key: {`, `({`, `, {`) runs at a time the file does not show.
      const detached = !!prevTok && prevTok.t === 'p' && ['=', ':', ',', '(', '['].includes(prevTok.v);
      walk(ctx, i + 1, end, detached ? { ...scope, job: undefined } : scope, detached ? { prev: [] } : seq, depth + 1);
      i = end + 1;
      continue;
    }
    if (t.t !== 'id') {
      i++;
      continue;
    }
    let j = i + 1;
    let args: [number, number] | undefined;
    if (isP(toks[j], '(')) {
      const close = Math.min(match.get(j) ?? to, to);
      args = [j + 1, close];
      j = close + 1;
    }
    const body: [number, number] | undefined = isP(toks[j], '{') && j < to ? [j + 1, Math.min(match.get(j) ?? to, to)] : undefined;
    const after = body ? body[1] + 1 : j;
    switch (t.v) {
      case 'stage': {
        const nameTok = args ? firstString(toks, args[0], args[1]) : toks[i + 1]?.t === 'str' ? (toks[i + 1] as StrTok) : undefined;
        if (!body) break;
        const name = nameTok ? (literalString(ctx.text, nameTok, scope.env) ?? ctx.text.slice(nameTok.cs, nameTok.ce)) : 'stage';
        const job = newJob(ctx, name, { file: ctx.file, start: t.s, end: toks[j - 1].e }, seq.prev);
        const inner: Seq = { prev: [job.id] };
        walk(ctx, body[0], body[1], { ...scope, env: { ...scope.env }, job }, inner, depth + 1);
        seq.prev = inner.prev;
        loose = undefined;
        i = after;
        continue;
      }
      case 'parallel': {
        if (body) {
          parallel(ctx, [[body[0], body[1]]], scope, seq, depth, true);
          i = after;
          continue;
        }
        // Scripted: `parallel(a: { }, b: { })` or `parallel a: { }, b: { }`.
        const branches: Array<[number, number]> = [];
        let k = args ? args[0] : i + 1;
        const end = args ? args[1] : to;
        while (k < end) {
          const key = toks[k];
          if (!key || (key.t !== 'id' && key.t !== 'str') || !isP(toks[k + 1], ':')) break;
          if (isP(toks[k + 2], '{')) {
            const close = Math.min(match.get(k + 2) ?? end, end);
            branches.push([k + 3, close]);
            k = close + 1;
          } else k += 3;
          if (isP(toks[k], ',')) k++;
          else break;
        }
        parallel(ctx, branches, scope, seq, depth, false);
        i = args ? after : Math.max(k, i + 1);
        continue;
      }
      case 'sh': {
        const e = shStep(ctx, i, args, scope);
        if (e.step) {
          if (!scope.job && !loose) {
            loose = newJob(ctx, '(no stage)', e.step.loc, seq.prev);
            seq.prev = [loose.id];
          }
          (scope.job ?? loose)!.steps.push(e.step);
        }
        i = e.next;
        continue;
      }
      case 'dir':
      case 'ws': {
        if (!body) break;
        const d = args ? firstString(toks, args[0], args[1]) : undefined;
        const v = d ? literalString(ctx.text, d, scope.env) : undefined;
        const wd = t.v === 'ws' || v === undefined || scope.wd === undefined || v.startsWith('/') || v.includes('$') ? undefined : normalizePath(scope.wd ? `${scope.wd}/${v}` : v);
        walk(ctx, body[0], body[1], { ...scope, wd }, seq, depth + 1);
        i = after;
        continue;
      }
      case 'environment': {
        if (!body) break;
        environment(ctx, body, scope.env);
        i = after;
        continue;
      }
      case 'when': {
        if (!body) break;
        const changes = changesets(ctx, body[0], body[1], scope.env);
        if (changes.length && scope.job) scope.job.changes = [...(scope.job.changes ?? []), ...changes];
        i = after;
        continue;
      }
    }
    const before = toks[i - 1];
    if (body && args && before?.t === 'id' && DEFINES.has(before.v)) {
      // A method (`def deploy() { }`): read, but it runs wherever it is called, so it is ordered after nothing.
      walk(ctx, body[0], body[1], { ...scope, job: undefined }, { prev: [] }, depth + 1);
    } else {
      if (args) walk(ctx, args[0], args[1], scope, seq, depth + 1);
      if (body) walk(ctx, body[0], body[1], scope, seq, depth + 1);
    }
    i = Math.max(after, i + 1);
  }
}

/** Branches that run in any order: each starts after what came before; what follows waits for all.
 * Declarative (`parallel { stage... }`): each statement of the block is a branch; scripted: each closure. */
function parallel(ctx: Ctx, branches: Array<[number, number]>, scope: Scope, seq: Seq, depth: number, declarative: boolean): void {
  const start = seq.prev;
  const exits: string[] = [];
  for (const [from, to] of branches) {
    const { toks, match } = ctx.sc;
    if (!declarative) {
      const s: Seq = { prev: start };
      walk(ctx, from, to, scope, s, depth + 1);
      if (s.prev !== start) exits.push(...s.prev);
      continue;
    }
    // Declarative: each `stage` of the block is a branch.
    for (let k = from; k < to; k++) {
      const t = toks[k];
      const s: Seq = { prev: start };
      let end = k;
      if (t.t === 'id' && t.v === 'stage') {
        let j = k + 1;
        if (isP(toks[j], '(')) j = (match.get(j) ?? to) + 1;
        else if (toks[j]?.t === 'str') j++;
        end = isP(toks[j], '{') ? Math.min(match.get(j) ?? to, to) : j;
      } else if (isP(t, '{')) end = Math.min(match.get(k) ?? to, to);
      else if (t.t === 'id') {
        // Any other statement of the block: up to the end of its own brackets.
        let j = k + 1;
        while (j < to && (isP(toks[j], '(') || isP(toks[j], '{'))) j = Math.min(match.get(j) ?? to, to) + 1;
        end = j - 1;
      }
      walk(ctx, k, end + 1, scope, s, depth + 1);
      if (s.prev !== start) exits.push(...s.prev);
      k = end;
    }
  }
  if (exits.length) seq.prev = [...new Set(exits)];
}

function newJob(ctx: Ctx, name: string, loc: Loc, needs: string[]): Job {
  let id = name;
  // A repeated name gets the next free `#n` (counted per name, so thousands of repeats stay linear).
  if (ctx.ids.has(id)) {
    let n = ctx.ids.get(name) ?? 1;
    do id = `${name}#${++n}`;
    while (ctx.ids.has(id));
    ctx.ids.set(name, n);
  }
  if (!ctx.ids.has(id)) ctx.ids.set(id, 1);
  const job: Job = { id, loc, needs: [...needs], workingDirectory: ctx.p.root, steps: [] };
  if (id !== name) job.name = name;
  ctx.p.jobs.push(job);
  return job;
}

function firstString(toks: Tok[], from: number, to: number): StrTok | undefined {
  for (let k = from; k < to; k++) {
    const t = toks[k];
    if (t.t === 'str') return t;
    if (isP(t, '(') || isP(t, '{')) return undefined;
  }
  return undefined;
}

/** `sh 'x'`, `sh "x"`, `sh '''x'''`, `sh('x')`, `sh(script: 'x', ...)`, `sh script: 'x'`: a step, and where reading goes on. */
function shStep(ctx: Ctx, i: number, args: [number, number] | undefined, scope: Scope): { step?: Step; next: number } {
  const { toks } = ctx.sc;
  let k = args ? args[0] : i + 1;
  const end = args ? args[1] : toks.length;
  if (isP(toks[k + 1], ':')) {
    // Named arguments (`sh(label: 'x', script: 'y')`, `sh label: 'x', script: 'y'`): the script, wherever it is.
    for (let x = k; x + 1 < end; ) {
      const t = toks[x];
      if ((t.t !== 'id' && t.t !== 'str') || !isP(toks[x + 1], ':')) break;
      if (t.t === 'id' && t.v === 'script') {
        k = x + 2;
        break;
      }
      x += 3;
      if (!isP(toks[x], ',')) break;
      x++;
    }
  }
  const tok = k < end ? toks[k] : undefined;
  const next = args ? args[1] + 1 : tok?.t === 'str' ? k + 1 : i + 1;
  const callEnd = args ? (toks[args[1]]?.e ?? ctx.text.length) : (tok?.e ?? toks[i].e);
  const loc: Loc = { file: ctx.file, start: toks[i].s, end: callEnd };
  if (!tok || tok.t !== 'str') {
    ctx.skipped.push({ file: ctx.file, loc, reason: 'a script that is not a string literal is not read' });
    return { next };
  }
  if (isP(toks[k + 1], '+')) {
    ctx.skipped.push({ file: ctx.file, loc, reason: 'a script built by concatenation is not read' });
    return { next };
  }
  const step: Step = { kind: 'sh', loc, script: { loc: { file: ctx.file, start: tok.cs, end: tok.ce } }, workingDirectory: scope.wd, env: { ...scope.env }, deploys: [], unmatched: [] };
  const st = new ScriptText();
  addEnv(st, scope.env, { file: ctx.file, start: tok.cs, end: tok.cs });
  addGroovyString(st, ctx.file, ctx.text, tok, scope.env);
  const r = readScript(st, scope.wd, undefined, { host: ctx.host, skipped: ctx.skipped, files: ctx.p.files, chain: [], env: scope.env });
  step.deploys.push(...r.deploys);
  step.unmatched.push(...r.unmatched);
  return { step, next };
}

/** `K = 'v'` lines: literal values kept; any other value makes K unknown. */
function environment(ctx: Ctx, body: [number, number], env: Record<string, string>): void {
  const { toks } = ctx.sc;
  for (let k = body[0]; k < body[1]; k++) {
    const t = toks[k];
    if (t.t !== 'id' || !isP(toks[k + 1], '=')) continue;
    const v = toks[k + 2];
    const lit = v?.t === 'str' && !isP(toks[k + 3], '+') && !isP(toks[k + 3], '.') ? literalString(ctx.text, v, env) : undefined;
    if (lit !== undefined) env[t.v] = lit;
    else delete env[t.v];
    k += 2;
  }
}

/** `changeset 'glob'` / `changeset pattern: 'glob'` of a `when` block (not under `not`). */
function changesets(ctx: Ctx, from: number, to: number, env: Record<string, string>): string[] {
  const { toks, match } = ctx.sc;
  const out: string[] = [];
  for (let k = from; k < to; k++) {
    const t = toks[k];
    if (t.t === 'id' && t.v === 'not' && isP(toks[k + 1], '{')) {
      k = match.get(k + 1) ?? to;
      continue;
    }
    if (t.t !== 'id' || t.v !== 'changeset') continue;
    let x = k + 1;
    if (isP(toks[x], '(')) x++;
    if (toks[x]?.t === 'id' && (toks[x] as { v: string }).v === 'pattern' && isP(toks[x + 1], ':')) x += 2;
    const s = toks[x];
    if (s?.t === 'str') {
      const v = literalString(ctx.text, s, env);
      if (v !== undefined) out.push(v);
    }
  }
  return out;
}
