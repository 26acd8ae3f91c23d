// GitHub Actions: a workflow (`.github/workflows/*.yml`), its triggers and path filters, its jobs
// with `needs` and literal matrices, their steps in order; local composite actions (`uses: ./dir`)
// and reusable workflows (`uses: ./.github/workflows/x.yml`) resolved inside the workspace to
// depth 4, with their `with:` values as `inputs`; external actions kept by name.

import { basename, normalizePath } from '../paths';
import type { RNode } from '../tree';
import { deref, entries, get, getEntry, getPath, items, str } from '../tree';
import type { Loc } from '../types';
import { actionDeploys } from './action-deploys';
import { expandMatrix } from './matrix';
import type { Job, Pipeline, Skipped, Step, Trigger } from './model';
import { PIPELINE_DEPTH } from './model';
import type { PipelineHost } from './read-yaml';
import { literalEnv, loadYaml, strings, substitute } from './read-yaml';
import { addEnv, addScalar, readScript, ScriptText } from './script';

const WORKFLOW = /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/;

export function isGithubWorkflow(path: string): boolean {
  return WORKFLOW.test(path);
}

interface Ctx {
  host: PipelineHost;
  root: string;
  skipped: Skipped[];
  files: string[];
  /** The files being read (cycle guard). */
  stack: string[];
}

type Exprs = (e: string) => string | undefined;

function exprsOf(env: Record<string, string>, inputs: Record<string, string>, matrix?: Record<string, string>): Exprs {
  return (e) => {
    const m = /^(matrix|env|inputs)\.([\w-]+)$/.exec(e);
    if (!m) return undefined;
    const src = m[1] === 'matrix' ? matrix : m[1] === 'env' ? env : inputs;
    return src && Object.prototype.hasOwnProperty.call(src, m[2]) ? src[m[2]] : undefined;
  };
}

export function readGithubWorkflow(file: string, host: PipelineHost): Pipeline[] {
  const root = file.replace(/\/?\.github\/workflows\/[^/]+$/, '');
  const ctx: Ctx = { host, root, skipped: [], files: [], stack: [file] };
  const p: Pipeline = { id: file, file, kind: 'github', name: basename(file), root, triggers: [], jobs: [], skipped: ctx.skipped, files: ctx.files };
  const doc = loadYaml(host, file, ctx.skipped, ctx.files);
  if (!doc?.tree) return [p];
  const tree = doc.tree;
  p.name = str(get(tree, 'name')) ?? p.name;
  p.triggers = triggersOf(getEntry(tree, 'on') ?? getEntry(tree, 'true'));
  p.jobs = jobsOf(ctx, tree, file, {}, 0);
  return [p];
}

function triggersOf(on: { value: RNode; keyLoc: Loc } | undefined): Trigger[] {
  if (!on) return [];
  const v = deref(on.value);
  if (!v) return [];
  if (v.k === 'scalar' || v.k === 'seq') return (strings(v) ?? []).map((event) => ({ event, loc: v.loc }));
  return entries(v).map((e) => {
    const t: Trigger = { event: e.key, loc: e.keyLoc };
    const set = (k: keyof Trigger, key: string) => {
      const s = strings(get(e.value, key));
      if (s) (t as unknown as Record<string, string[]>)[k] = s;
    };
    set('branches', 'branches');
    set('branchesIgnore', 'branches-ignore');
    set('tags', 'tags');
    set('paths', 'paths');
    set('pathsIgnore', 'paths-ignore');
    set('workflows', 'workflows');
    return t;
  });
}

/** A folder written in a workflow (`working-directory`), workspace-relative; undefined when an expression stays unknown. */
function folder(root: string, written: string | undefined, exprs: Exprs): string | undefined {
  if (written === undefined) return root;
  const v = substitute(written, exprs);
  if (v === undefined || v.includes('$') || v.startsWith('/') || v.startsWith('~')) return undefined;
  return normalizePath(root ? `${root}/${v}` : v);
}

function jobsOf(ctx: Ctx, tree: RNode, file: string, inputs: Record<string, string>, depth: number): Job[] {
  const text = ctx.host.text(file) ?? '';
  const wfEnv = literalEnv(get(tree, 'env'), exprsOf({}, inputs));
  const wfWd = str(getPath(tree, 'defaults', 'run', 'working-directory'));
  const jobs: Job[] = [];
  for (const e of entries(get(tree, 'jobs'))) {
    const j = e.value;
    const job: Job = { id: e.key, loc: e.keyLoc, needs: strings(get(j, 'needs')) ?? [], workingDirectory: undefined, steps: [] };
    const name = str(get(j, 'name'));
    if (name) job.name = name;
    const m = get(j, 'strategy');
    if (m) {
      job.matrix = expandMatrix(get(m, 'matrix'));
      const mp = Number(str(get(m, 'max-parallel')));
      if (Number.isInteger(mp)) job.matrix.maxParallel = mp;
    }
    const envOf: EnvOf = (combo) => ({ ...wfEnv, ...literalEnv(get(j, 'env'), exprsOf(wfEnv, inputs, combo)) });
    const env = envOf(undefined);
    const wd = str(getPath(j, 'defaults', 'run', 'working-directory')) ?? wfWd;
    job.workingDirectory = folder(ctx.root, wd, exprsOf(env, inputs));
    const uses = str(get(j, 'uses'));
    if (uses) job.calls = callWorkflow(ctx, uses, get(j, 'with'), exprsOf(env, inputs), depth, e.keyLoc);
    const combos = job.matrix && job.matrix.combinations.length ? job.matrix.combinations : [undefined];
    const envNode = get(j, 'env');
    const envUsesMatrix = !!envNode && /\bmatrix\./.test(text.slice(envNode.loc.start, envNode.loc.end));
    for (const s of items(get(j, 'steps'))) job.steps.push(readStep(ctx, s, text, envOf, envUsesMatrix, inputs, wd, combos, depth));
    jobs.push(job);
  }
  return jobs;
}

type EnvOf = (combo: Record<string, string> | undefined) => Record<string, string>;

function readStep(ctx: Ctx, s: RNode, text: string, envOf: EnvOf, envUsesMatrix: boolean, inputs: Record<string, string>, jobWd: string | undefined, combos: Array<Record<string, string> | undefined>, depth: number): Step {
  const stepEnv: EnvOf = (combo) => {
    const base = envOf(combo);
    return { ...base, ...literalEnv(get(s, 'env'), exprsOf(base, inputs, combo)) };
  };
  const env = stepEnv(undefined);
  const usesMatrix = envUsesMatrix || /\$\{\{\s*matrix\./.test(text.slice(deref(s)!.loc.start, deref(s)!.loc.end));
  const wdWritten = str(get(s, 'working-directory')) ?? jobWd;
  const step: Step = { loc: deref(s)!.loc, kind: 'run', workingDirectory: folder(ctx.root, wdWritten, exprsOf(env, inputs)), env, deploys: [], unmatched: [] };
  const name = str(get(s, 'name'));
  if (name) step.name = name;
  const run = get(s, 'run');
  if (run) {
    step.script = { loc: run.loc };
    for (const combo of usesMatrix || (wdWritten ?? '').includes('matrix.') ? combos : [undefined]) {
      const e = stepEnv(combo);
      const exprs = exprsOf(e, inputs, combo);
      const st = new ScriptText();
      addEnv(st, e, run.loc);
      if (!addScalar(st, run, text, exprs)) continue;
      const r = readScript(st, folder(ctx.root, wdWritten, exprs), combo, { host: ctx.host, skipped: ctx.skipped, files: ctx.files, chain: [], env: e });
      step.deploys.push(...r.deploys);
      step.unmatched.push(...r.unmatched);
    }
    return step;
  }
  const uses = str(get(s, 'uses'));
  if (uses === undefined) return step;
  step.kind = 'uses';
  step.uses = { name: uses, steps: [] };
  if (!uses.startsWith('./')) {
    for (const combo of usesMatrix ? combos : [undefined]) {
      const r = actionDeploys(get(s, 'uses')!, get(s, 'with'), text, ctx.root, exprsOf(stepEnv(combo), inputs, combo), combo);
      step.deploys.push(...(r?.deploys ?? []));
      step.unmatched.push(...(r?.unmatched ?? []));
    }
    return step;
  }
  const dir = normalizePath(ctx.root ? `${ctx.root}/${uses}` : uses);
  if (dir === undefined) {
    ctx.skipped.push({ file: step.loc.file, loc: step.loc, reason: `${uses} leaves the workspace` });
    return step;
  }
  const file = ['action.yml', 'action.yaml'].map((b) => `${dir}/${b}`).find((f) => ctx.host.text(f) !== undefined);
  if (!file) {
    ctx.skipped.push({ file: step.loc.file, loc: step.loc, reason: `no action.yml in ${dir || 'the workspace root'}` });
    return step;
  }
  step.uses.file = file;
  const action = enter(ctx, file, step.loc, depth);
  if (!action) return step;
  try {
    if (str(getPath(action.tree, 'runs', 'using')) !== 'composite') return step;
    const withs = literalEnv(get(s, 'with'), exprsOf(env, inputs));
    const actionInputs: Record<string, string> = {};
    for (const e of entries(get(action.tree, 'inputs'))) {
      const d = str(get(e.value, 'default'));
      if (d !== undefined && !d.includes('${{')) actionInputs[e.key] = d;
    }
    Object.assign(actionInputs, withs);
    // A composite action's steps run from the workspace root, with the caller's env.
    for (const a of items(getPath(action.tree, 'runs', 'steps'))) step.uses.steps.push(readStep(ctx, a, action.text, () => env, false, actionInputs, undefined, [undefined], depth + 1));
  } finally {
    ctx.stack.pop();
  }
  return step;
}

/** A file called from `at` (an action, a reusable workflow): loaded unless too deep or already being read. */
function enter(ctx: Ctx, file: string, at: Loc, depth: number): { tree: RNode; text: string } | undefined {
  if (depth + 1 > PIPELINE_DEPTH) {
    ctx.skipped.push({ file: at.file, loc: at, reason: `${file} is deeper than ${PIPELINE_DEPTH} levels of uses` });
    return undefined;
  }
  if (ctx.stack.includes(file)) {
    ctx.skipped.push({ file: at.file, loc: at, reason: `${file} uses itself (${[...ctx.stack, file].join(' -> ')})` });
    return undefined;
  }
  const doc = loadYaml(ctx.host, file, ctx.skipped, ctx.files);
  if (!doc?.tree) return undefined;
  ctx.stack.push(file);
  return { tree: doc.tree, text: doc.text };
}

function callWorkflow(ctx: Ctx, uses: string, withNode: RNode | undefined, exprs: Exprs, depth: number, at: Loc): Job['calls'] {
  const calls: NonNullable<Job['calls']> = { name: uses, jobs: [] };
  if (!uses.startsWith('./')) return calls;
  const file = normalizePath(ctx.root ? `${ctx.root}/${uses}` : uses);
  if (file === undefined) {
    ctx.skipped.push({ file: at.file, loc: at, reason: `${uses} leaves the workspace` });
    return calls;
  }
  calls.file = file;
  const wf = enter(ctx, file, at, depth);
  if (!wf) return calls;
  try {
    const inputs: Record<string, string> = {};
    for (const e of entries(getPath(wf.tree, 'on', 'workflow_call', 'inputs'))) {
      const d = str(get(e.value, 'default'));
      if (d !== undefined && !d.includes('${{')) inputs[e.key] = d;
    }
    Object.assign(inputs, literalEnv(withNode, exprs));
    calls.jobs = jobsOf(ctx, wf.tree, file, inputs, depth + 1);
  } finally {
    ctx.stack.pop();
  }
  return calls;
}
