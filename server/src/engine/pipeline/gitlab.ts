// GitLab CI: `.gitlab-ci.yml` with its local `include:` files (to depth 4; cycles, files outside
// the workspace, remote and project includes skipped with a reason), `stages` in order, jobs with
// `needs`, `extends` of templates, `parallel: matrix`, `rules: changes` / `only: changes`, and the
// `before_script` / `script` / `after_script` lines (of the job, else of `default`) read in order.

import { dirname, normalizePath } from '../paths';
import type { REntry, RNode } from '../tree';
import { deref, entries, get, items } from '../tree';
import type { Loc } from '../types';
import { expandGitlabMatrix } from './matrix';
import type { Job, Pipeline, Skipped, Step } from './model';
import { PIPELINE_DEPTH } from './model';
import type { PipelineHost } from './read-yaml';
import { literalEnv, loadYaml, strings } from './read-yaml';
import { addEnv, addScalar, readScript, ScriptText } from './script';

export function isGitlabCi(path: string): boolean {
  return /(^|\/)\.gitlab-ci\.ya?ml$/.test(path);
}

const GLOBAL = new Set(['image', 'services', 'stages', 'types', 'before_script', 'after_script', 'variables', 'cache', 'include', 'workflow', 'default', 'spec']);
const DEFAULT_STAGES = ['.pre', 'build', 'test', 'deploy', '.post'];
const EXTENDS_DEPTH = 11;

interface Ctx {
  host: PipelineHost;
  root: string;
  skipped: Skipped[];
  files: string[];
  /** Top-level entries of every file, included files first (a later one overrides). */
  top: Map<string, REntry & { text: string }>;
  /** Each job's or template's keys with its `extends` merged, once (a lattice of templates stays linear). */
  resolvedKeys: Map<string, Map<string, { value: RNode; text: string }>>;
  /** This pipeline's file after the pipelines that trigger it as a child. */
  parents: string[];
}

/** `parents`: the pipelines that trigger this one as a child (cycle and depth guard). */
export function readGitlabCi(file: string, host: PipelineHost, parents: string[] = []): Pipeline[] {
  const root = parents.length ? dirname(parents[0]) : dirname(file);
  const ctx: Ctx = { host, root, skipped: [], files: [], top: new Map(), resolvedKeys: new Map(), parents: [...parents, file] };
  const p: Pipeline = { id: file, file, kind: 'gitlab', name: file, root, triggers: [], jobs: [], skipped: ctx.skipped, files: ctx.files };
  loadFile(ctx, file, [], undefined);
  const stages = strings(ctx.top.get('stages')?.value) ?? strings(ctx.top.get('types')?.value);
  p.stages = stages ? ['.pre', ...stages.filter((s) => s !== '.pre' && s !== '.post'), '.post'] : DEFAULT_STAGES;
  const globalEnv = literalEnv(ctx.top.get('variables')?.value);
  const defaults = ctx.top.get('default')?.value;
  for (const [id, e] of ctx.top) {
    if (GLOBAL.has(id) || id.startsWith('.') || deref(e.value)?.k !== 'map') continue;
    const job = readJob(ctx, id, e, globalEnv, defaults);
    if (job) p.jobs.push(job);
  }
  return [p];
}

function loadFile(ctx: Ctx, file: string, stack: string[], at: Loc | undefined): void {
  if (stack.includes(file)) {
    ctx.skipped.push({ file: at?.file ?? file, loc: at, reason: `include cycle: ${[...stack, file].join(' -> ')}` });
    return;
  }
  if (stack.length > PIPELINE_DEPTH) {
    ctx.skipped.push({ file: at?.file ?? file, loc: at, reason: `${file} is deeper than ${PIPELINE_DEPTH} levels of includes` });
    return;
  }
  const doc = loadYaml(ctx.host, file, ctx.skipped, ctx.files);
  if (!doc?.tree) return;
  const inner = [...stack, file];
  for (const inc of includesOf(get(doc.tree, 'include'))) {
    if ('reason' in inc) ctx.skipped.push({ file, loc: inc.loc, reason: inc.reason });
    else {
      const target = normalizePath(ctx.root ? `${ctx.root}/${inc.path.replace(/^\/+/, '')}` : inc.path.replace(/^\/+/, ''));
      if (target === undefined) ctx.skipped.push({ file, loc: inc.loc, reason: `${inc.path} leaves the workspace` });
      else loadFile(ctx, target, inner, inc.loc);
    }
  }
  for (const e of entries(doc.tree)) if (e.key !== 'include') ctx.top.set(e.key, { ...e, text: doc.text });
}

type Include = { path: string; loc: Loc } | { reason: string; loc: Loc };

function includesOf(n: RNode | undefined): Include[] {
  const d = deref(n);
  if (!d) return [];
  const list = d.k === 'seq' ? items(d) : [d];
  const out: Include[] = [];
  for (const it of list) {
    const x = deref(it);
    if (!x) continue;
    let local: string | undefined;
    if (x.k === 'scalar') {
      const s = String(x.value ?? '');
      if (/^https?:\/\//.test(s)) {
        out.push({ reason: `remote include ${s} is not read`, loc: x.loc });
        continue;
      }
      local = s;
    } else if (x.k === 'map') {
      local = strings(get(x, 'local'))?.[0];
      if (local === undefined) {
        const kind = ['remote', 'project', 'template', 'component'].find((k) => get(x, k));
        out.push({ reason: `${kind ?? 'an'} include is not in the workspace`, loc: x.loc });
        continue;
      }
    }
    if (local === undefined) continue;
    if (/[*?[]/.test(local) || local.includes('$')) out.push({ reason: `include ${local} is a pattern or a variable, not expanded`, loc: x.loc });
    else out.push({ path: local, loc: x.loc });
  }
  return out;
}

/** A job's keys with its `extends` templates merged under it (the job's own keys win; `variables` merged). */
function resolved(ctx: Ctx, id: string, depth: number, seen: string[], at: Loc): Map<string, { value: RNode; text: string }> {
  const done = ctx.resolvedKeys.get(id);
  if (done) return done;
  const out = new Map<string, { value: RNode; text: string }>();
  ctx.resolvedKeys.set(id, out);
  const e = ctx.top.get(id);
  if (!e) {
    ctx.skipped.push({ file: at.file, loc: at, reason: `extends ${id}, which no file defines` });
    return out;
  }
  const vars: Record<string, { value: RNode; text: string }> = {};
  for (const parent of strings(get(e.value, 'extends')) ?? []) {
    if (seen.includes(parent) || depth >= EXTENDS_DEPTH) {
      ctx.skipped.push({ file: at.file, loc: at, reason: `extends ${parent}: ${seen.includes(parent) ? 'a cycle' : 'too deep'}` });
      continue;
    }
    for (const [k, v] of resolved(ctx, parent, depth + 1, [...seen, parent], at)) {
      if (k === 'variables') for (const ve of entries(v.value)) vars[ve.key] = { value: ve.value, text: v.text };
      else out.set(k, v);
    }
  }
  for (const x of entries(e.value)) {
    if (x.key === 'variables') for (const ve of entries(x.value)) vars[ve.key] = { value: ve.value, text: e.text };
    else out.set(x.key, { value: x.value, text: e.text });
  }
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(vars)) {
    const lit = literalEnv({ k: 'map', loc: at, entries: [{ key: k, keyLoc: at, value: v.value }] });
    if (lit[k] !== undefined) env[k] = lit[k];
  }
  out.set('variables', { value: { k: 'map', loc: at, entries: Object.entries(env).map(([key, value]) => ({ key, keyLoc: at, value: { k: 'scalar', value, loc: at } })) }, text: '' });
  return out;
}

function readJob(ctx: Ctx, id: string, e: REntry, globalEnv: Record<string, string>, defaults: RNode | undefined): Job | undefined {
  const keys = resolved(ctx, id, 0, [id], e.keyLoc);
  const job: Job = { id, loc: e.keyLoc, needs: [], workingDirectory: ctx.root, steps: [], stage: strings(keys.get('stage')?.value)?.[0] ?? 'test' };
  for (const n of items(keys.get('needs')?.value)) {
    const s = strings(n)?.[0] ?? strings(get(n, 'job'))?.[0];
    if (s !== undefined) job.needs.push(s);
  }
  const changes: string[] = [];
  for (const r of items(keys.get('rules')?.value)) changes.push(...(strings(get(r, 'changes')) ?? strings(get(get(r, 'changes'), 'paths')) ?? []));
  changes.push(...(strings(get(keys.get('only')?.value, 'changes')) ?? []));
  if (changes.length) job.changes = changes;
  const trigger = keys.get('trigger')?.value;
  if (trigger) job.calls = childPipeline(ctx, trigger, e.keyLoc);
  const parallel = keys.get('parallel')?.value;
  if (get(parallel, 'matrix')) job.matrix = expandGitlabMatrix(get(parallel, 'matrix'));
  const env = { ...globalEnv, ...literalEnv(keys.get('variables')?.value) };
  const fromDefault = (k: string) => keys.get(k) ?? (get(defaults, k) ? { value: get(defaults, k)!, text: ctx.top.get('default')!.text } : ctx.top.get(k));
  const before = fromDefault('before_script');
  const script = keys.get('script');
  const after = fromDefault('after_script');
  const combos = job.matrix?.combinations.length ? job.matrix.combinations : [undefined];
  const parts: Array<[string, { value: RNode; text: string } | undefined, Array<{ value: RNode; text: string }>]> = [
    ['before_script', before, []],
    ['script', script, before ? [before] : []],
    ['after_script', after, []],
  ];
  for (const [kind, part, context] of parts) {
    if (!part) continue;
    const step: Step = { kind, loc: deref(part.value)?.loc ?? e.keyLoc, script: { loc: deref(part.value)?.loc ?? e.keyLoc }, workingDirectory: ctx.root, env, deploys: [], unmatched: [] };
    const all = [part, ...context].map((c) => lines(c.value).map((l) => c.text.slice(l.loc.start, l.loc.end)).join('\n')).join('\n');
    const usesMatrix = combos.some((c) => c && Object.keys(c).some((k) => new RegExp(`\\$\\{?${k}\\b`).test(all)));
    for (const combo of usesMatrix ? combos : [undefined]) {
      const st = new ScriptText();
      addEnv(st, { ...env, ...combo }, step.loc);
      for (const c of context) for (const line of lines(c.value)) addScalar(st, line, c.text, undefined, true);
      for (const line of lines(part.value)) addScalar(st, line, part.text);
      const r = readScript(st, ctx.root, combo, { host: ctx.host, skipped: ctx.skipped, files: ctx.files, chain: [], env: { ...env, ...combo } });
      step.deploys.push(...r.deploys);
      step.unmatched.push(...r.unmatched);
    }
    job.steps.push(step);
  }
  return job;
}

/** Script lines: a string, or a list of strings and nested lists (anchors of shared lines); at most 10,000 nodes are visited (an alias bomb stays small). */
function lines(n: RNode | undefined, depth = 0, out: RNode[] = [], budget = { left: 10000 }): RNode[] {
  const d = deref(n);
  if (!d || depth > 8 || --budget.left < 0) return out;
  if (d.k === 'scalar') out.push(d);
  else if (d.k === 'seq') for (const it of d.items) lines(it, depth + 1, out, budget);
  return out;
}

/** `trigger:` a child pipeline of the workspace (`include: local`) read with its jobs, or another project kept by name. */
function childPipeline(ctx: Ctx, trigger: RNode, at: Loc): Job['calls'] {
  const project = strings(trigger)?.[0] ?? strings(get(trigger, 'project'))?.[0];
  if (project !== undefined) return { name: project, jobs: [] };
  const inc = includesOf(get(trigger, 'include'))[0];
  if (!inc) return { name: 'trigger', jobs: [] };
  if ('reason' in inc) {
    ctx.skipped.push({ file: at.file, loc: inc.loc, reason: inc.reason });
    return { name: 'trigger', jobs: [] };
  }
  const file = normalizePath(ctx.root ? `${ctx.root}/${inc.path.replace(/^\/+/, '')}` : inc.path.replace(/^\/+/, ''));
  const calls: NonNullable<Job['calls']> = { name: inc.path, jobs: [] };
  if (file === undefined) ctx.skipped.push({ file: at.file, loc: inc.loc, reason: `${inc.path} leaves the workspace` });
  else if (ctx.parents.includes(file)) ctx.skipped.push({ file: at.file, loc: inc.loc, reason: `trigger cycle: ${[...ctx.parents, file].join(' -> ')}` });
  else if (ctx.parents.length > PIPELINE_DEPTH) ctx.skipped.push({ file: at.file, loc: inc.loc, reason: `${file} is deeper than ${PIPELINE_DEPTH} levels of child pipelines` });
  else {
    calls.file = file;
    const child = readGitlabCi(file, ctx.host, ctx.parents)[0];
    calls.jobs = child.jobs;
    ctx.skipped.push(...child.skipped);
    for (const f of child.files) if (!ctx.files.includes(f)) ctx.files.push(f);
  }
  return calls;
}
