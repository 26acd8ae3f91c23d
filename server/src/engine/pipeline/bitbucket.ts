// Bitbucket Pipelines: `bitbucket-pipelines.yml` (commands start in its folder). Each pipeline of
// the file (`default`, `branches/main`, `tags/v*`, `bookmarks/x`, `pull-requests/**`,
// `custom/deploy-prod`) is one Pipeline with id `FILE#NAME`. Its steps run in sequence: each step
// is a Job whose `needs` is the step (or the whole `parallel` group) before it; a `parallel`
// group's steps run in any order; a `stage` groups its steps in sequence. A step's `script` lines
// share one shell (a `pipe:` between them is its own step); `after-script` is read apart.
// `definitions` reached through aliases are read where they are used (the loader resolves them).

import { dirname } from '../paths';
import type { RNode } from '../tree';
import { deref, entries, get, getPath, items, str } from '../tree';
import type { Job, Pipeline, Skipped, Step, Trigger } from './model';
import { pipeDeploys } from './pipe-deploys';
import type { PipelineHost } from './read-yaml';
import { loadYaml, strings } from './read-yaml';
import { addScalar, readScript, ScriptText } from './script';

export function isBitbucketPipelines(path: string): boolean {
  return /(^|\/)bitbucket-pipelines\.yml$/.test(path);
}

const GROUPS = ['branches', 'tags', 'bookmarks', 'pull-requests', 'custom'];
/** Steps, script lines and pipes read per file: an alias bomb stays small. */
const BUDGET = 10000;

interface Ctx {
  host: PipelineHost;
  file: string;
  root: string;
  text: string;
  skipped: Skipped[];
  files: string[];
  jobs: Job[];
  stages: string[];
  budget: { left: number };
}

export function readBitbucketPipelines(file: string, host: PipelineHost): Pipeline[] {
  const root = dirname(file);
  const skipped: Skipped[] = [];
  const files: string[] = [];
  const doc = loadYaml(host, file, skipped, files);
  const blank = (id: string, name: string): Pipeline => ({ id, file, kind: 'bitbucket', name, root, triggers: [], jobs: [], skipped: [...skipped], files: [...files] });
  const found: Array<{ name: string; list: RNode; trigger: Trigger }> = [];
  for (const e of entries(get(doc?.tree, 'pipelines'))) {
    if (e.key === 'default') found.push({ name: 'default', list: e.value, trigger: { event: 'push', loc: e.keyLoc } });
    else if (GROUPS.includes(e.key)) {
      for (const x of entries(e.value)) {
        if (x.key === '[complex key]') {
          skipped.push({ file, loc: x.keyLoc, reason: 'a pipeline whose name is not a plain key is not read' });
          continue;
        }
        const t: Trigger = { event: e.key === 'pull-requests' ? 'pull_request' : e.key === 'custom' ? 'custom' : 'push', loc: x.keyLoc };
        if (e.key === 'tags') t.tags = [x.key];
        else if (e.key !== 'custom') t.branches = [x.key];
        found.push({ name: `${e.key}/${x.key}`, list: x.value, trigger: t });
      }
    }
  }
  if (!doc?.tree || !found.length) return [blank(file, file)];
  const budget = { left: BUDGET };
  return found.map(({ name, list, trigger }) => {
    const p = blank(`${file}#${name}`, name);
    p.triggers = [trigger];
    const ctx: Ctx = { host, file, root, text: doc.text, skipped: p.skipped, files: p.files, jobs: p.jobs, stages: [], budget };
    readItems(ctx, list, [], undefined);
    if (ctx.stages.length) p.stages = ctx.stages;
    return p;
  });
}

function spend(ctx: Ctx, at: RNode | undefined): boolean {
  if (--ctx.budget.left >= 0) return true;
  if (ctx.budget.left === -1) ctx.skipped.push({ file: ctx.file, loc: deref(at)?.loc, reason: `more than ${BUDGET} steps and script lines: the rest is not read` });
  return false;
}

/** The items of a pipeline (or a stage): steps, parallel groups, stages in order. Returns the ids the next item waits for. */
function readItems(ctx: Ctx, list: RNode | undefined, prev: string[], stage: { name: string; changes?: string[] } | undefined): string[] {
  for (const it of items(list)) {
    if (!spend(ctx, it)) break;
    const step = get(it, 'step');
    const parallel = get(it, 'parallel');
    const st = get(it, 'stage');
    if (step) prev = [readJob(ctx, step, prev, stage).id];
    else if (parallel) {
      const group = deref(parallel)?.k === 'seq' ? parallel : get(parallel, 'steps');
      const ids: string[] = [];
      for (const g of items(group)) {
        const s = get(g, 'step');
        if (s && spend(ctx, g)) ids.push(readJob(ctx, s, prev, stage).id);
      }
      if (ids.length) prev = ids;
    } else if (st && !stage) {
      const name = str(get(st, 'name')) ?? `stage ${ctx.stages.length + 1}`;
      ctx.stages.push(name);
      prev = readItems(ctx, get(st, 'steps'), prev, { name, changes: changesOf(st) });
    }
  }
  return prev;
}

function changesOf(n: RNode | undefined): string[] | undefined {
  return strings(getPath(n, 'condition', 'changesets', 'includePaths'));
}

function readJob(ctx: Ctx, step: RNode, prev: string[], stage: { name: string; changes?: string[] } | undefined): Job {
  const job: Job = { id: String(ctx.jobs.length + 1), loc: deref(step)!.loc, needs: prev, workingDirectory: ctx.root, steps: [] };
  const name = str(get(step, 'name')) ?? str(get(step, 'deployment'));
  if (name !== undefined) job.name = name;
  if (stage) job.stage = stage.name;
  const changes = [...(stage?.changes ?? []), ...(changesOf(step) ?? [])];
  if (changes.length) job.changes = changes;
  ctx.jobs.push(job);
  const done: RNode[] = [];
  let group: RNode[] = [];
  const flush = (kind: string) => {
    if (!group.length) return;
    const first = group[0].loc;
    const last = group[group.length - 1].loc;
    const loc = first.file === last.file ? { file: first.file, start: first.start, end: last.end } : first;
    const s: Step = { kind, loc, script: { loc }, workingDirectory: ctx.root, env: {}, deploys: [], unmatched: [] };
    const text = new ScriptText();
    for (const c of done) addScalar(text, c, ctx.text, undefined, true);
    for (const c of group) addScalar(text, c, ctx.text);
    const r = readScript(text, ctx.root, undefined, { host: ctx.host, skipped: ctx.skipped, files: ctx.files, chain: [], env: {} });
    s.deploys.push(...r.deploys);
    s.unmatched.push(...r.unmatched);
    job.steps.push(s);
    if (kind === 'script') done.push(...group);
    group = [];
  };
  for (const [key, kind] of [['script', 'script'], ['after-script', 'after-script']] as const) {
    if (kind === 'after-script') done.length = 0;
    for (const line of lines(ctx, get(step, key))) {
      if (line.k === 'scalar') {
        group.push(line);
        continue;
      }
      const pipe = get(line, 'pipe');
      if (!pipe) continue;
      flush(kind);
      const s: Step = { kind: 'pipe', loc: line.loc, workingDirectory: ctx.root, env: {}, uses: { name: str(pipe) ?? '', steps: [] }, deploys: [], unmatched: [] };
      const r = pipeDeploys(pipe, get(line, 'variables'), ctx.text, ctx.root);
      s.deploys.push(...(r?.deploys ?? []));
      s.unmatched.push(...(r?.unmatched ?? []));
      job.steps.push(s);
    }
    flush(kind);
  }
  return job;
}

/** Script lines (scalars, `pipe:` maps), nested lists of shared lines flattened; every node costs budget. */
function lines(ctx: Ctx, n: RNode | undefined, depth = 0, out: RNode[] = []): RNode[] {
  const d = deref(n);
  if (!d || depth > 8 || !spend(ctx, d)) return out;
  if (d.k === 'seq') for (const it of d.items) lines(ctx, it, depth + 1, out);
  else if (depth > 0 || d.k === 'scalar') out.push(d);
  return out;
}
