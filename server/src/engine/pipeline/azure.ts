// Azure Pipelines: `azure-pipelines.yml`, `*.azure-pipelines.yml`, `.azure-pipelines/*.yml`,
// `.azuredevops/*.yml`; one Pipeline per file. Commands start at the repository root (the folder
// holding `.azure-pipelines`/`.azuredevops`, else the file's folder). `stages` run in order unless
// `dependsOn` says otherwise (`dependsOn: []`: at once); jobs of a stage at once unless
// `dependsOn`; a bare `jobs:` or `steps:` list is one stage. Order is carried by `needs`.
// `script`/`bash`/`pwsh`/`powershell` steps read as shell, tasks in azure-tasks.ts; `variables`
// (map, or list of `{name, value}`) literal, substituted for `$(NAME)`, `${{ variables.NAME }}`
// and, as environment variables, `$NAME`; `${{ parameters.x }}` from a template's parameters.
// `template:` files of the workspace are followed (depth 4; cycles, other repositories and paths
// leaving the workspace skipped), `${{ if }}` branches are all read (each may run).

import { basename, dirname, normalizePath } from '../paths';
import type { RNode } from '../tree';
import { deref, entries, get, getPath, items, str } from '../tree';
import type { Loc } from '../types';
import { taskStep } from './azure-tasks';
import type { Job, Pipeline, Skipped, Step, Trigger } from './model';
import { PIPELINE_DEPTH } from './model';
import type { PipelineHost } from './read-yaml';
import { loadYaml, strings } from './read-yaml';
import { addEnv, addScalar, readScript, ScriptText } from './script';

export function isAzurePipeline(path: string): boolean {
  return /(^|\/)([^/]+\.)?azure-pipelines\.ya?ml$/.test(path) || /(^|\/)\.(azure-pipelines|azuredevops)\/[^/]+\.ya?ml$/.test(path);
}

/** `${{ expr }}` or `$(NAME)`: group 1 is `{{ expr }}` or `(NAME)`. */
export const AZURE_EXPR = /\$(\{\{[^{}]*\}\}|\([A-Za-z_][\w.-]*\))/g;
const BUDGET = 10000;
const SHELLS = ['script', 'bash', 'pwsh', 'powershell'];

export interface Ctx {
  host: PipelineHost;
  file: string;
  root: string;
  skipped: Skipped[];
  files: string[];
  budget: { left: number };
  /** Template files already loaded (each parsed once, however often it is used). */
  docs: Map<string, { tree: RNode | undefined; text: string } | undefined>;
}

/** Where a node was written and what its expressions see. */
export interface Scope {
  file: string;
  text: string;
  params: Record<string, string>;
  /** The files of templates that led here, the pipeline first. */
  chain: string[];
}

export type Vars = Record<string, string>;

export function readAzurePipeline(file: string, host: PipelineHost): Pipeline[] {
  const root = /(^|\/)\.(azure-pipelines|azuredevops)\/[^/]+$/.test(file) ? file.replace(/\/?\.(azure-pipelines|azuredevops)\/[^/]+$/, '') : dirname(file);
  const ctx: Ctx = { host, file, root, skipped: [], files: [], budget: { left: BUDGET }, docs: new Map() };
  const p: Pipeline = { id: file, file, kind: 'azure', name: basename(file), root, triggers: [], jobs: [], skipped: ctx.skipped, files: ctx.files };
  const doc = loadYaml(host, file, ctx.skipped, ctx.files);
  if (!doc?.tree) return [p];
  if (isTemplateOnly(doc.tree)) return [];
  let tree = doc.tree;
  let scope: Scope = { file, text: doc.text, params: {}, chain: [file] };
  p.name = str(get(tree, 'name')) ?? p.name;
  triggersOf(p, tree);
  const after = items(getPath(tree, 'resources', 'pipelines')).map((r) => str(get(r, 'source'))).filter((s): s is string => s !== undefined);
  if (after.length) p.after = after;
  let vars = variablesOf(ctx, get(tree, 'variables'), scope, {});
  const ext = get(tree, 'extends');
  if (ext) {
    const t = loadTemplate(ctx, get(ext, 'template'), scope, vars, get(ext, 'parameters'));
    if (!t) return [p];
    tree = t.tree;
    scope = t.scope;
    vars = variablesOf(ctx, get(tree, 'variables'), scope, vars);
  }
  readBody(ctx, p, tree, scope, vars);
  return [p];
}

const TEMPLATE_KEYS = new Set(['parameters', 'variables', 'steps', 'jobs', 'stages']);

/** A file that only declares `parameters` (with steps, jobs or stages) or only `variables` is a template that
 * pipelines include (one in `.azure-pipelines/` is named like a pipeline), not a pipeline of its own. */
function isTemplateOnly(tree: RNode): boolean {
  const keys = entries(tree).map((e) => e.key);
  if (!keys.length || !keys.every((k) => TEMPLATE_KEYS.has(k))) return false;
  return keys.includes('parameters') || keys.every((k) => k === 'variables');
}

function triggersOf(p: Pipeline, tree: RNode): void {
  for (const [key, event] of [['trigger', 'push'], ['pr', 'pull_request']] as const) {
    const e = entries(tree).find((x) => x.key === key);
    if (!e) {
      if (key === 'trigger') p.triggers.push({ event, loc: deref(tree)!.loc });
      continue;
    }
    const v = deref(e.value);
    if (!v || (v.k === 'scalar' && /^none$/i.test(String(v.value)))) continue;
    const t: Trigger = { event, loc: e.keyLoc };
    const set = (k: 'branches' | 'branchesIgnore' | 'tags' | 'paths' | 'pathsIgnore', n: RNode | undefined) => {
      const s = strings(n);
      if (s) t[k] = s;
    };
    if (v.k === 'seq') set('branches', v);
    set('branches', getPath(v, 'branches', 'include'));
    set('branchesIgnore', getPath(v, 'branches', 'exclude'));
    set('tags', getPath(v, 'tags', 'include'));
    set('paths', getPath(v, 'paths', 'include'));
    set('pathsIgnore', getPath(v, 'paths', 'exclude'));
    if (key === 'trigger' && (t.paths || t.pathsIgnore)) p.paths = { ...(t.paths ? { include: t.paths } : {}), ...(t.pathsIgnore ? { exclude: t.pathsIgnore } : {}) };
    p.triggers.push(t);
  }
}

export function spend(ctx: Ctx, at: RNode | undefined): boolean {
  if (--ctx.budget.left >= 0) return true;
  if (ctx.budget.left === -1) ctx.skipped.push({ file: ctx.file, loc: deref(at)?.loc, reason: `more than ${BUDGET} stages, jobs, steps and variables: the rest is not read` });
  return false;
}

/** The value of `${{ expr }}` (a template parameter or variable) or `$(NAME)` (a variable); undefined when not literal. */
export function exprsOf(scope: Scope, vars: Vars): (g: string) => string | undefined {
  const lookup = (name: string) => {
    const k = Object.keys(vars).find((x) => x.toLowerCase() === name.toLowerCase());
    return k === undefined ? undefined : vars[k];
  };
  return (g) => {
    if (g.startsWith('(')) return lookup(g.slice(1, -1));
    const e = g.replace(/^\{\{\s*|\s*\}\}$/g, '');
    const m = /^(parameters|variables)(?:\.([\w.-]+)|\[\s*'([^']+)'\s*\])$/.exec(e);
    if (!m) return undefined;
    const name = m[2] ?? m[3];
    if (m[1] === 'variables') return lookup(name);
    return Object.prototype.hasOwnProperty.call(scope.params, name) ? scope.params[name] : undefined;
  };
}

/** A value with every expression replaced; undefined when one stays unknown. */
export function substAll(v: string, scope: Scope, vars: Vars): string | undefined {
  const exprs = exprsOf(scope, vars);
  let unknown = false;
  const out = v.replace(AZURE_EXPR, (_m, g: string) => {
    const r = exprs(g);
    if (r === undefined) unknown = true;
    return r ?? '';
  });
  return unknown ? undefined : out;
}

const SOURCES = /^\$\((System\.DefaultWorkingDirectory|Build\.SourcesDirectory|Build\.Repository\.LocalPath)\)(\/|$)/i;

/** A folder or file written in the pipeline (relative to the sources folder), workspace-relative; undefined when unknown. */
export function pathOf(ctx: Ctx, written: string | undefined, scope: Scope, vars: Vars): string | undefined {
  if (written === undefined) return ctx.root;
  const v = substAll(written.replace(SOURCES, './').replace(/\\/g, '/'), scope, vars);
  if (v === undefined || v.includes('$') || v.startsWith('/') || v.startsWith('~') || /^[A-Za-z]:/.test(v)) return undefined;
  return normalizePath(ctx.root ? `${ctx.root}/${v}` : v);
}

/** Azure passes every variable to scripts as an environment variable: upper case, `.` as `_`. */
function envOf(vars: Vars): Vars {
  const out: Vars = {};
  for (const [k, v] of Object.entries(vars)) out[k.toUpperCase().replace(/\./g, '_')] = v;
  return out;
}

/** `variables` in map form or as a list of `{name, value}`, `{group}` (not literal) and `{template}` items. */
function variablesOf(ctx: Ctx, n: RNode | undefined, scope: Scope, outer: Vars): Vars {
  const vars: Vars = { ...outer };
  const d = deref(n);
  const add = (name: string, value: RNode | undefined) => {
    const s = str(value);
    const v = s === undefined ? undefined : substAll(s, scope, vars);
    if (v !== undefined) vars[name] = v;
    else delete vars[name];
  };
  if (d?.k === 'map') for (const e of entries(d)) add(e.key, e.value);
  for (const { node, scope: s } of expand(ctx, d?.k === 'seq' ? d : undefined, scope, vars, 'variables')) {
    const name = str(get(node, 'name'));
    if (name !== undefined) add(name, get(node, 'value'));
    else if (s !== scope) Object.assign(vars, variablesOf(ctx, node, s, vars));
  }
  return vars;
}

/** A template file of the workspace with its parameters (defaults, then the literal values passed). */
function loadTemplate(ctx: Ctx, tplNode: RNode | undefined, scope: Scope, vars: Vars, passed: RNode | undefined): { tree: RNode; scope: Scope } | undefined {
  const written = str(tplNode);
  const at: Loc = deref(tplNode)?.loc ?? { file: scope.file, start: 0, end: 0 };
  if (written === undefined) return undefined;
  const skip = (reason: string) => {
    ctx.skipped.push({ file: at.file, loc: at, reason });
    return undefined;
  };
  if (written.includes('@')) return skip(`template ${written} is in another repository`);
  const w = substAll(written, scope, vars);
  if (w === undefined || w.includes('$')) return skip(`template ${written} is not a literal path`);
  const base = w.startsWith('/') ? ctx.root : dirname(scope.file);
  const rel = w.replace(/^\/+/, '');
  const path = normalizePath(base ? `${base}/${rel}` : rel);
  if (path === undefined) return skip(`template ${written} leaves the workspace`);
  if (scope.chain.includes(path)) return skip(`template cycle: ${[...scope.chain, path].join(' -> ')}`);
  if (scope.chain.length > PIPELINE_DEPTH) return skip(`${path} is deeper than ${PIPELINE_DEPTH} levels of templates`);
  if (!ctx.docs.has(path)) ctx.docs.set(path, loadYaml(ctx.host, path, ctx.skipped, ctx.files));
  const doc = ctx.docs.get(path);
  if (!doc?.tree) return undefined;
  const params: Record<string, string> = {};
  const decl = deref(get(doc.tree, 'parameters'));
  if (decl?.k === 'seq') {
    for (const it of items(decl)) {
      const name = str(get(it, 'name'));
      const def = str(get(it, 'default'));
      if (name !== undefined && def !== undefined) params[name] = def;
    }
  } else for (const e of entries(decl)) if (str(e.value) !== undefined) params[e.key] = str(e.value)!;
  for (const e of entries(passed)) {
    const s = str(e.value);
    const v = s === undefined ? undefined : substAll(s, scope, vars);
    if (v !== undefined) params[e.key] = v;
    else delete params[e.key];
  }
  return { tree: doc.tree, scope: { file: path, text: doc.text, params, chain: [...scope.chain, path] } };
}

/** The items of a list with `template:` items replaced by the template's items of `kind`, and
 * `${{ if }}` / `${{ each }}` items replaced by their branches (all read). */
function expand(ctx: Ctx, list: RNode | undefined, scope: Scope, vars: Vars, kind: string): Array<{ node: RNode; scope: Scope }> {
  const out: Array<{ node: RNode; scope: Scope }> = [];
  const walk = (l: RNode | undefined, s: Scope, depth: number) => {
    for (const it of items(l)) {
      if (!spend(ctx, it)) return;
      const d = deref(it);
      if (!d || d.k !== 'map') continue;
      const es = entries(d);
      if (es.length && es.every((e) => e.key.startsWith('${{'))) {
        if (depth < 8) for (const e of es) walk(e.value, s, depth + 1);
        continue;
      }
      const tpl = get(d, 'template');
      if (tpl && es.every((e) => ['template', 'parameters'].includes(e.key))) {
        const t = loadTemplate(ctx, tpl, s, vars, get(d, 'parameters'));
        if (t) {
          if (kind !== 'variables') walk(get(t.tree, kind), t.scope, depth);
          else if (get(t.tree, 'variables')) out.push({ node: get(t.tree, 'variables')!, scope: t.scope });
        }
        continue;
      }
      out.push({ node: d, scope: s });
    }
  };
  walk(list, scope, 0);
  return out;
}

function readBody(ctx: Ctx, p: Pipeline, tree: RNode, scope: Scope, vars: Vars): void {
  if (get(tree, 'stages')) {
    const stages = expand(ctx, get(tree, 'stages'), scope, vars, 'stages');
    const names: string[] = [];
    const jobsOf = new Map<string, Job[]>();
    const deps: string[][] = [];
    let sequential = true;
    stages.forEach(({ node, scope: s }, i) => {
      const name = str(get(node, 'stage')) ?? `stage${i + 1}`;
      names.push(name);
      const written = entries(node).find((e) => e.key === 'dependsOn');
      if (written) sequential = false;
      deps.push(written ? strings(written.value) ?? [] : i ? [names[i - 1]] : []);
      const sv = variablesOf(ctx, get(node, 'variables'), s, vars);
      const jobs = readJobs(ctx, get(node, 'jobs'), s, sv, name);
      jobsOf.set(name, jobs);
      p.jobs.push(...jobs);
    });
    // A stage's first jobs wait for every job of the stages it depends on.
    const index = new Map(names.map((n, i) => [n, i]));
    /** The jobs of a stage, or of the stages it depends on when it has none (an empty stage passes the order on). */
    const jobsBefore = (name: string, seen: Set<string>): string[] => {
      const i = index.get(name);
      if (i === undefined || seen.has(name)) return [];
      seen.add(name);
      const own = (jobsOf.get(name) ?? []).map((j) => j.id);
      return own.length ? own : deps[i].flatMap((d) => jobsBefore(d, seen));
    };
    stages.forEach((_x, i) => {
      const before = deps[i].flatMap((d) => jobsBefore(d, new Set()));
      for (const j of jobsOf.get(names[i]) ?? []) if (!j.needs.length) j.needs = before;
    });
    if (sequential) p.stages = names;
  } else if (get(tree, 'jobs')) p.jobs.push(...readJobs(ctx, get(tree, 'jobs'), scope, vars, undefined));
  else if (get(tree, 'steps')) {
    const job: Job = { id: 'job', loc: deref(get(tree, 'steps'))!.loc, needs: [], workingDirectory: ctx.root, steps: [] };
    job.steps = readSteps(ctx, get(tree, 'steps'), scope, vars, undefined);
    p.jobs.push(job);
  }
}

const STRATEGY_PHASES = ['preDeploy', 'deploy', 'routeTraffic', 'postRouteTraffic'];

function readJobs(ctx: Ctx, list: RNode | undefined, scope: Scope, outer: Vars, stage: string | undefined): Job[] {
  const jobs: Job[] = [];
  for (const [i, { node, scope: s }] of expand(ctx, list, scope, outer, 'jobs').entries()) {
    const written = str(get(node, 'job')) ?? str(get(node, 'deployment')) ?? `job${i + 1}`;
    const name = substAll(written, s, outer) ?? written;
    const id = stage !== undefined ? `${stage}.${name}` : name;
    const job: Job = { id, loc: deref(node)!.loc, needs: [], workingDirectory: ctx.root, steps: [] };
    const display = str(get(node, 'displayName'));
    if (display) job.name = display;
    if (stage !== undefined) job.stage = stage;
    job.needs = (strings(get(node, 'dependsOn')) ?? []).map((d) => (stage !== undefined ? `${stage}.${d}` : d));
    const vars = variablesOf(ctx, get(node, 'variables'), s, outer);
    const matrix = getPath(node, 'strategy', 'matrix');
    const combos: Array<Vars | undefined> = [];
    if (deref(matrix)?.k === 'map') {
      job.matrix = { combinations: entries(matrix).map((e) => variablesOf(ctx, e.value, s, {})) };
      const mp = Number(str(getPath(node, 'strategy', 'maxParallel')));
      if (Number.isInteger(mp) && mp > 0) job.matrix.maxParallel = mp;
      combos.push(...job.matrix.combinations);
    } else if (matrix) job.matrix = { combinations: [], unknown: true };
    if (!combos.length) combos.push(undefined);
    const strategy = get(node, 'strategy');
    const lists = get(node, 'deployment') !== undefined
      ? ['runOnce', 'rolling', 'canary'].flatMap((k) => [...STRATEGY_PHASES.map((ph) => getPath(strategy, k, ph, 'steps')), getPath(strategy, k, 'on', 'failure', 'steps'), getPath(strategy, k, 'on', 'success', 'steps')])
      : [get(node, 'steps')];
    combos.forEach((combo, ci) => {
      const steps = lists.filter((l) => l).flatMap((l) => readSteps(ctx, l, s, { ...vars, ...combo }, combos.length > 1 ? combo : undefined));
      if (ci === 0) job.steps = steps;
      else steps.forEach((st, k) => {
        // A folder that differs between entries is no one folder of the step.
        if (job.steps[k] && job.steps[k].workingDirectory !== st.workingDirectory) job.steps[k].workingDirectory = undefined;
        job.steps[k]?.deploys.push(...st.deploys);
        job.steps[k]?.unmatched.push(...st.unmatched);
      });
    });
    if (combos.length > 1) {
      // One deploy per entry only where the entry changes it.
      for (const st of job.steps) {
        st.deploys = dedupe(st.deploys);
        st.unmatched = dedupe(st.unmatched);
      }
    }
    jobs.push(job);
  }
  return jobs;
}

function dedupe<T extends { loc: Loc; text: string; matrix?: Vars }>(xs: T[]): T[] {
  const seen = new Map<string, T>();
  for (const x of xs) {
    // Its place in the step's text (`seq`) moves with the entry's own variables: not part of what it deploys.
    const { matrix: _m, seq: _s, ...rest } = x as T & { matrix?: Vars; seq?: number[] };
    const key = JSON.stringify(rest);
    const prev = seen.get(key);
    if (prev) delete prev.matrix;
    else seen.set(key, x);
  }
  return [...seen.values()];
}

function readSteps(ctx: Ctx, list: RNode | undefined, scope: Scope, vars: Vars, combo: Vars | undefined): Step[] {
  const out: Step[] = [];
  for (const { node, scope: s } of expand(ctx, list, scope, vars, 'steps')) {
    const exprs = exprsOf(s, vars);
    const env: Vars = { ...envOf(vars) };
    for (const e of entries(get(node, 'env'))) {
      const v = str(e.value);
      const sv = v === undefined ? undefined : substAll(v, s, vars);
      if (sv !== undefined) env[e.key] = sv;
    }
    const wd = pathOf(ctx, str(get(node, 'workingDirectory')), s, vars);
    const key = SHELLS.find((k) => get(node, k) !== undefined);
    const step: Step = { kind: key ?? (get(node, 'task') ? 'task' : entries(node)[0]?.key ?? 'step'), loc: deref(node)!.loc, workingDirectory: wd, env, deploys: [], unmatched: [] };
    const name = str(get(node, 'displayName')) ?? str(get(node, 'name'));
    if (name) step.name = name;
    out.push(step);
    if (key) {
      const script = get(node, key)!;
      step.script = { loc: script.loc };
      const st = new ScriptText();
      addEnv(st, env, script.loc);
      addScalar(st, script, s.text, exprs, false, AZURE_EXPR);
      // PowerShell is read only for the deploy commands it holds: its calls are not shell scripts.
      const r = readScript(st, wd, combo, key === 'pwsh' || key === 'powershell' ? undefined : { host: ctx.host, skipped: ctx.skipped, files: ctx.files, chain: [], env });
      step.deploys.push(...r.deploys);
      step.unmatched.push(...(key === 'pwsh' || key === 'powershell' ? r.unmatched.filter((u) => !/not follow/.test(u.reason)) : r.unmatched));
    } else if (get(node, 'task')) taskStep(ctx, step, node, s, vars, combo);
  }
  return out;
}
