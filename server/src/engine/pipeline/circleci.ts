// CircleCI: `.circleci/config.yml`; commands start at the repository root (the folder holding
// `.circleci`), where `checkout` puts the code (the job's `working_directory`, `~/project` by
// default). Each workflow is one Pipeline with id `FILE#WORKFLOW`; its job references (a name, or
// a map with `requires`, `name`, `matrix.parameters`, parameter values) are Jobs with `needs` from
// `requires`. A job's `steps`: `run` (a string or `{command, working_directory, environment}`,
// each its own shell), `checkout`, `when`/`unless` steps, reusable `commands:` expanded (depth 4,
// cycles skipped) with their parameters; `<< parameters.x >>` takes the literal value passed or
// the default, else stays unknown. Orbs are external: a deploy-looking orb job or command is
// listed as unmatched, never read.

import { normalizePath } from '../paths';
import type { RNode } from '../tree';
import { deref, entries, get, items, str } from '../tree';
import type { Loc } from '../types';
import { expandMatrix } from './matrix';
import type { Deploy, Job, Matrix, Pipeline, Skipped, Step, Unmatched } from './model';
import { PIPELINE_DEPTH } from './model';
import type { PipelineHost } from './read-yaml';
import { literalEnv, loadYaml, strings } from './read-yaml';
import { addEnv, addScalar, readScript, ScriptText } from './script';

export function isCircleci(path: string): boolean {
  return /(^|\/)\.circleci\/config\.ya?ml$/.test(path);
}

/** `<< parameters.x >>`, `<< pipeline.git.branch >>`... */
const PARAM = /<<\s*((?:parameters|pipeline)\.[\w.-]+)\s*>>/g;
const REF_KEYS = new Set(['requires', 'name', 'context', 'filters', 'matrix', 'type', 'pre-steps', 'post-steps', 'serial-group', 'override-with']);
const DEPLOYISH = /deploy|release|apply|publish/i;
const BUDGET = 10000;

interface Ctx {
  host: PipelineHost;
  file: string;
  root: string;
  text: string;
  tree: RNode;
  skipped: Skipped[];
  files: string[];
  budget: { left: number };
}

type Params = Record<string, string>;

export function readCircleci(file: string, host: PipelineHost): Pipeline[] {
  const root = file.replace(/\/?\.circleci\/[^/]+$/, '');
  const skipped: Skipped[] = [];
  const files: string[] = [];
  const doc = loadYaml(host, file, skipped, files);
  const blank = (id: string, name: string): Pipeline => ({ id, file, kind: 'circleci', name, root, triggers: [], jobs: [], skipped: [...skipped], files: [...files] });
  if (!doc?.tree) return [blank(file, file)];
  const budget = { left: BUDGET };
  const tree = doc.tree;
  const workflows = entries(get(doc.tree, 'workflows')).filter((e) => deref(e.value)?.k === 'map');
  if (!workflows.length) {
    // CircleCI 2.0 without workflows runs the job named `build`.
    const p = blank(file, file);
    const e = entries(get(doc.tree, 'jobs')).find((x) => x.key === 'build');
    const ctx: Ctx = { host, file, root, text: doc.text, tree, skipped: p.skipped, files: p.files, budget };
    if (e) p.jobs.push(readJob(ctx, 'build', 'build', e.keyLoc, {}, undefined));
    return [p];
  }
  return workflows.map((wf) => {
    const p = blank(`${file}#${wf.key}`, wf.key);
    const ctx: Ctx = { host, file, root, text: doc.text, tree, skipped: p.skipped, files: p.files, budget };
    const schedules = items(get(wf.value, 'triggers')).filter((t) => get(t, 'schedule'));
    p.triggers = schedules.length ? schedules.map((t) => ({ event: 'schedule', loc: deref(t)!.loc })) : [{ event: 'push', loc: wf.keyLoc }];
    for (const it of items(get(wf.value, 'jobs'))) {
      if (!spend(ctx, it)) break;
      const d = deref(it)!;
      const ref = d.k === 'scalar' ? { key: str(d) ?? '', keyLoc: d.loc, value: undefined } : entries(d)[0];
      if (!ref) continue;
      const v = ref.value;
      const params: Params = {};
      for (const e of entries(v)) {
        const s = str(e.value);
        if (!REF_KEYS.has(e.key) && s !== undefined && !s.includes('<<')) params[e.key] = s;
      }
      let matrix: Matrix | undefined;
      const m = get(v, 'matrix');
      if (m) matrix = matrixOf(m);
      const job = readJob(ctx, str(get(v, 'name')) ?? ref.key, ref.key, ref.keyLoc, params, matrix);
      job.needs = strings(get(v, 'requires')) ?? [];
      p.jobs.push(job);
    }
    return p;
  });
}

function spend(ctx: Ctx, at: RNode | undefined): boolean {
  if (--ctx.budget.left >= 0) return true;
  if (ctx.budget.left === -1) ctx.skipped.push({ file: ctx.file, loc: deref(at)?.loc, reason: `more than ${BUDGET} jobs and steps: the rest is not read` });
  return false;
}

/** `matrix.parameters` with its `exclude` entries removed. */
function matrixOf(m: RNode): Matrix {
  const out = expandMatrix(get(m, 'parameters'));
  for (const x of items(get(m, 'exclude'))) {
    const ex = literalEnv(x);
    out.combinations = out.combinations.filter((c) => !Object.entries(ex).every(([k, v]) => c[k] === v));
  }
  return out;
}

/** Literal `default`s of a job's or command's `parameters`. */
function defaults(def: RNode | undefined): Params {
  const out: Params = {};
  for (const e of entries(get(def, 'parameters'))) {
    const s = str(get(e.value, 'default'));
    if (s !== undefined && !s.includes('<<')) out[e.key] = s;
  }
  return out;
}

function readJob(ctx: Ctx, id: string, name: string, at: Loc, params: Params, matrix: Matrix | undefined): Job {
  const job: Job = { id, loc: at, needs: [], workingDirectory: ctx.root, steps: [] };
  if (name !== id) job.name = name;
  if (matrix) job.matrix = matrix;
  const def = entries(get(ctx.tree, 'jobs')).find((e) => e.key === name)?.value;
  if (!def) {
    if (name.includes('/')) job.steps.push(orbStep(name, at, "an orb's job: not read"));
    else ctx.skipped.push({ file: at.file, loc: at, reason: `job ${name} is not defined in the file` });
    return job;
  }
  const usesMatrix = matrix?.combinations.length && Object.keys(matrix.combinations[0]).some((k) => new RegExp(`<<\\s*parameters\\.${k.replace(/[^\w-]/g, '')}\\s*>>`).test(ctx.text)) && !matrix.unknown;
  const combos = usesMatrix ? matrix!.combinations : [undefined];
  combos.forEach((combo, i) => {
    const p = { ...defaults(def), ...params, ...combo };
    const wdWritten = subst(str(get(def, 'working_directory')) ?? '~/project', p);
    const checkout = items(get(def, 'steps')).map((s) => get(deref(s), 'checkout')).find((c) => c);
    const place = { jobWd: wdWritten, repo: joinAbs(wdWritten, str(get(checkout, 'path')) ?? '.') };
    const env = literalEnv(get(def, 'environment'));
    const steps = readSteps(ctx, get(def, 'steps'), p, place, env, combo, 0, []);
    if (i === 0) job.steps = steps;
    else mergeInto(job.steps, steps);
  });
  return job;
}

/** The deploys of a later matrix entry join the same steps (the steps are the same for every entry). */
function mergeInto(into: Step[], from: Step[]): void {
  from.forEach((s, i) => {
    if (!into[i]) return;
    into[i].deploys.push(...s.deploys);
    into[i].unmatched.push(...s.unmatched);
    if (s.uses && into[i].uses) mergeInto(into[i].uses!.steps, s.uses.steps);
  });
}

function orbStep(name: string, loc: Loc, reason: string): Step {
  const s: Step = { kind: 'orb', loc, workingDirectory: undefined, env: {}, uses: { name, steps: [] }, deploys: [], unmatched: [] };
  if (DEPLOYISH.test(name)) s.unmatched.push({ loc, text: name, reason });
  return s;
}

/** `<< parameters.x >>` in a value replaced by its literal value; undefined when one stays unknown. */
function subst(v: string, p: Params): string | undefined {
  let unknown = false;
  const out = v.replace(PARAM, (_m, e: string) => {
    const r = paramOf(e, p);
    if (r === undefined) unknown = true;
    return r ?? '';
  });
  return unknown ? undefined : out;
}

function paramOf(e: string, p: Params): string | undefined {
  const m = /^parameters\.([\w-]+)$/.exec(e);
  return m && Object.prototype.hasOwnProperty.call(p, m[1]) ? p[m[1]] : undefined;
}

interface Place {
  /** The job's `working_directory` as written (substituted). */
  jobWd: string | undefined;
  /** Where the repository is checked out, as an absolute-ish path like `jobWd`. */
  repo: string | undefined;
}

function joinAbs(base: string | undefined, rel: string): string | undefined {
  if (base === undefined || rel.includes('$')) return undefined;
  const p = rel.startsWith('/') || rel.startsWith('~') ? rel : `${base}/${rel}`;
  const parts: string[] = [];
  for (const s of p.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') parts.pop();
    else parts.push(s);
  }
  return (p.startsWith('/') ? '/' : '') + parts.join('/');
}

/** A step's `working_directory` (relative to the job's) as a workspace folder; undefined outside the checkout or unknown. */
function folderOf(ctx: Ctx, place: Place, written: string | undefined): string | undefined {
  if (written === undefined) return folderOf(ctx, place, '.');
  const abs = joinAbs(place.jobWd, written);
  if (abs === undefined || place.repo === undefined) return undefined;
  if (abs === place.repo) return ctx.root;
  if (!abs.startsWith(`${place.repo}/`)) return undefined;
  const rel = abs.slice(place.repo.length + 1);
  return normalizePath(ctx.root ? `${ctx.root}/${rel}` : rel);
}

function readSteps(ctx: Ctx, list: RNode | undefined, p: Params, place: Place, env: Record<string, string>, combo: Params | undefined, depth: number, stack: string[]): Step[] {
  const out: Step[] = [];
  for (const it of items(list)) {
    if (!spend(ctx, it)) break;
    const d = deref(it)!;
    const e = d.k === 'scalar' ? { key: str(d) ?? '', keyLoc: d.loc, value: undefined as RNode | undefined } : entries(d)[0];
    if (!e) continue;
    if (e.key === 'run') out.push(runStep(ctx, d, e.value, p, place, env, combo));
    else if (e.key === 'when' || e.key === 'unless') out.push(...readSteps(ctx, get(e.value, 'steps'), p, place, env, combo, depth, stack));
    else if (e.key.includes('/')) out.push(orbStep(e.key, e.keyLoc, "an orb's command: not read"));
    else {
      const cmd = entries(get(ctx.tree, 'commands')).find((c) => c.key === e.key);
      const s: Step = { kind: cmd ? 'command' : e.key, loc: d.loc, workingDirectory: folderOf(ctx, place, undefined), env, deploys: [], unmatched: [] };
      out.push(s);
      if (!cmd) continue;
      s.uses = { name: e.key, steps: [] };
      if (stack.includes(e.key) || depth >= PIPELINE_DEPTH) {
        ctx.skipped.push({ file: ctx.file, loc: e.keyLoc, reason: stack.includes(e.key) ? `command ${e.key} calls itself (${[...stack, e.key].join(' -> ')})` : `command ${e.key} is deeper than ${PIPELINE_DEPTH} levels of commands` });
        continue;
      }
      const inner: Params = defaults(cmd.value);
      for (const x of entries(e.value)) {
        const v = str(x.value);
        const sv = v === undefined ? undefined : subst(v, p);
        if (sv !== undefined) inner[x.key] = sv;
        else delete inner[x.key];
      }
      s.uses.steps = readSteps(ctx, get(cmd.value, 'steps'), inner, place, env, combo, depth + 1, [...stack, e.key]);
    }
  }
  return out;
}

function runStep(ctx: Ctx, node: RNode, run: RNode | undefined, p: Params, place: Place, jobEnv: Record<string, string>, combo: Params | undefined): Step {
  const r = deref(run);
  const command = r?.k === 'map' ? get(r, 'command') : r;
  const wdWritten = r?.k === 'map' ? str(get(r, 'working_directory')) : undefined;
  const wd = wdWritten === undefined ? folderOf(ctx, place, undefined) : (() => {
    const v = subst(wdWritten, p);
    return v === undefined ? undefined : folderOf(ctx, place, v);
  })();
  const env = { ...jobEnv, ...(r?.k === 'map' ? literalEnv(get(r, 'environment')) : {}) };
  const s: Step = { kind: 'run', loc: node.loc, workingDirectory: wd, env, deploys: [], unmatched: [] };
  const name = r?.k === 'map' ? str(get(r, 'name')) : undefined;
  if (name) s.name = name;
  const c = deref(command);
  if (!c) return s;
  s.script = { loc: c.loc };
  const st = new ScriptText();
  addEnv(st, env, c.loc);
  // An unknown `<< x >>` reads as an unset variable `${x}` (never `<<`, a heredoc); its text is restored below.
  const exprs = (e: string) => paramOf(e, p) ?? `\${${e}}`;
  addScalar(st, c, ctx.text, exprs, false, PARAM);
  const out = readScript(st, wd, combo, { host: ctx.host, skipped: ctx.skipped, files: ctx.files, chain: [], env });
  const restore = (x: Deploy | Unmatched) => {
    x.text = x.text.replace(/\$\{((?:parameters|pipeline)\.[\w.-]+)\}/g, '<< $1 >>');
  };
  out.deploys.forEach(restore);
  out.unmatched.forEach(restore);
  s.deploys.push(...out.deploys);
  s.unmatched.push(...out.unmatched);
  return s;
}
