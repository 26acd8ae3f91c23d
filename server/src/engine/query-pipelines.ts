// What an editor shows of pipelines: the lens naming the pipelines and jobs that deploy a unit,
// the hover and definition of a deploy command (or of the script call a pipeline reaches it
// through), and the Pipelines view's tree (jobs in order, what each deploys, the domains'
// patterns). Plain data in, plain data out; nothing here decides what a pipeline deploys (that is
// pipeline/link.ts).

import type { Pattern } from './patterns';
import type { LinkedCodeDeploy, LinkedDeploy, PipelineView, UnmatchedDeploy } from './pipeline/link';
import type { Call } from './pipeline/model';
import { JobGraph } from './pipeline/order';
import type { Loc } from './types';
import type { AnalysisResult } from './workspace';

const inside = (loc: Loc, file: string, offset: number) => loc.file === file && offset >= loc.start && offset <= loc.end;
const same = (a: Loc, b: Loc) => a.file === b.file && a.start === b.start;
const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

/** How the deploy is reached: `scripts/deploy.sh via .github/workflows/ci.yml`, or the pipeline's file alone. */
function reachedThrough(view: PipelineView, through: readonly Call[] | undefined): string {
  const last = through?.length ? through[through.length - 1] : undefined;
  const name = view.id;
  return last && last.file !== view.file ? `${last.file} via ${name}` : name;
}

/** One lens per unit deployed by a pipeline (on the unit's first line), one per function whose code a pipeline ships. */
export function pipelineLenses(a: AnalysisResult, file: string): Array<{ loc: Loc; title: string; target: Loc }> {
  const out: Array<{ loc: Loc; title: string; target: Loc }> = [];
  const link = a.pipelines;
  if (!link.pipelines.length) return out;
  for (const u of a.units) {
    const facts = a.linked.byId.get(u.id);
    if (!facts || facts.firstLineLoc.file !== file) continue;
    const deploys = link.deploysOf.get(u.id) ?? [];
    if (deploys.length) out.push({ loc: facts.firstLineLoc, title: `deployed by ${listed(deploys.map((d) => byJob(a, d.pipeline, d.job, d.deploy.through)))}`, target: deploys[0].loc });
    for (const fn of facts.functions.values()) {
      if (fn.loc.file !== file) continue;
      const ships = link.codeDeploysOf.get(`${u.id}#${fn.id}`) ?? [];
      if (ships.length) out.push({ loc: fn.loc, title: `code shipped by ${listed(ships.map((c) => byJob(a, c.pipeline, c.job, c.deploy.through)))}`, target: ships[0].loc });
    }
  }
  return out;
}

function byJob(a: AnalysisResult, pipeline: string, job: string, through: readonly Call[] | undefined): string {
  const view = a.pipelines.byId.get(pipeline);
  return `${view ? reachedThrough(view, through) : pipeline} (job ${job})`;
}

/** Distinct entries in order; past four, how many more. */
function listed(items: string[]): string {
  const unique = [...new Set(items)];
  return unique.length > 4 ? `${unique.slice(0, 4).join(', ')} and ${unique.length - 4} more` : unique.join(', ');
}

type Hit =
  | { kind: 'deploy'; view: PipelineView; d: LinkedDeploy; at: Loc }
  | { kind: 'code'; view: PipelineView; c: LinkedCodeDeploy; at: Loc }
  | { kind: 'unmatched'; view: PipelineView; u: UnmatchedDeploy; through?: readonly Call[]; at: Loc };

/** The deploy commands at an offset, or (when none) the deploys reached through a script call written there. */
function hitsAt(a: AnalysisResult, file: string, offset: number): Hit[] {
  const direct: Hit[] = [];
  const called: Hit[] = [];
  const callAt = (through: readonly Call[] | undefined) => through?.find((c) => inside(c.loc, file, offset))?.loc;
  for (const view of a.pipelines.pipelines) {
    for (const d of view.deploys) {
      if (inside(d.loc, file, offset)) direct.push({ kind: 'deploy', view, d, at: d.loc });
      else {
        const at = callAt(d.deploy.through);
        if (at) called.push({ kind: 'deploy', view, d, at });
      }
    }
    for (const c of view.codeDeploys) {
      if (inside(c.loc, file, offset)) direct.push({ kind: 'code', view, c, at: c.loc });
      else {
        const at = callAt(c.deploy.through);
        if (at) called.push({ kind: 'code', view, c, at });
      }
    }
    for (const u of view.unmatched) {
      const through = unmatchedThrough(view, u);
      if (inside(u.loc, file, offset)) direct.push({ kind: 'unmatched', view, u, through, at: u.loc });
      else {
        const at = callAt(through);
        if (at) called.push({ kind: 'unmatched', view, u, through, at });
      }
    }
  }
  return direct.length ? direct : called;
}

/** The scripts an unmatched command was reached through (the link keeps only its location). */
function unmatchedThrough(view: PipelineView, u: UnmatchedDeploy): readonly Call[] | undefined {
  let found: readonly Call[] | undefined;
  JobGraph.walk(view.pipeline, (_job, node, steps) => {
    if (found || node !== u.job) return;
    for (const s of steps) {
      for (const d of s.deploys) if (d.loc.start === u.loc.start && d.loc.file === u.loc.file) found = d.through;
      for (const x of s.unmatched) if (x.loc.start === u.loc.start && x.loc.file === u.loc.file) found = x.through;
    }
  });
  return found;
}

/** Markdown for a hover over a deploy command (or a script call leading to one): what it deploys, where, in which order; or why it is unmatched. */
export function pipelineHover(a: AnalysisResult, file: string, offset: number): { markdown: string; loc: Loc } | undefined {
  const hits = hitsAt(a, file, offset);
  if (!hits.length) return undefined;
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const h of hits) {
    let line: string;
    if (h.kind === 'deploy') line = `**deploys** unit ${code(h.d.unit)}${h.d.stackName ? ` (stack ${code(h.d.stackName)})` : ''}${matrixText(h.d.pos.matrix)}`;
    else if (h.kind === 'code') line = `**ships the code** of function ${code(h.c.function)}${h.c.unit && h.c.fn ? ` (${code(h.c.fn)} in unit ${code(h.c.unit)})` : ', which no unit of the workspace defines'}`;
    else line = `**deploy not matched**: ${h.u.reason}`;
    const through = h.kind === 'deploy' ? h.d.deploy.through : h.kind === 'code' ? h.c.deploy.through : h.through;
    const job = h.kind === 'deploy' ? h.d.job : h.kind === 'code' ? h.c.job : h.u.job;
    const where = [`pipeline ${code(h.view.id)} (${h.view.kind})`, `job ${code(job)}`];
    if (through?.length) where.push(`through ${through.map((c) => code(c.target ? `${c.file} ${c.target}` : c.file)).join(' → ')}`);
    const order = orderText(h.view, job, h.kind === 'deploy' ? h.d : h.kind === 'code' ? h.c : undefined);
    const text = `${line}  \n${where.join(', ')}${order ? `  \n${order}` : ''}`;
    if (!seen.has(text)) {
      seen.add(text);
      lines.push(text);
    }
  }
  return { markdown: lines.join('\n\n---\n\n'), loc: hits[0].at };
}

function matrixText(m: Record<string, string> | undefined): string {
  return m && Object.keys(m).length ? ` for matrix ${Object.entries(m).map(([k, v]) => `${k}=${v}`).join(', ')}` : '';
}

/** "after jobs `test`, `build`; after deploying `infra/template.yaml`", or that it runs first. */
function orderText(view: PipelineView, node: string, d: LinkedDeploy | LinkedCodeDeploy | undefined): string {
  const jobs = jobNodes(view).filter((n) => n !== node && view.graph.before(n, node));
  const parts: string[] = [];
  if (jobs.length) parts.push(`after job${jobs.length === 1 ? '' : 's'} ${jobs.map(code).join(', ')}`);
  if (d) {
    // A unit's own deploy is not "after" itself; a code-only deploy after its unit's deploy is what the order is about.
    const self = 'function' in d ? undefined : d.unit;
    const earlier = [...new Set(view.deploys.filter((x) => x.unit !== self && view.graph.order(x.pos, d.pos) === 'before').map((x) => x.unit))];
    if (earlier.length) parts.push(`after deploying ${earlier.map(code).join(', ')}`);
  }
  return parts.length ? parts.join('; ') : 'no job of the pipeline runs before it';
}

function jobNodes(view: PipelineView): string[] {
  const out: string[] = [];
  JobGraph.walk(view.pipeline, (_j, node) => out.push(node));
  return out;
}

/** Definition from a deploy command: each unit's main file (first line), the function whose code it ships; from a script call: the script. */
export function pipelineDefinition(a: AnalysisResult, file: string, offset: number): Loc[] {
  const out: Loc[] = [];
  const hits = hitsAt(a, file, offset);
  for (const h of hits) {
    if (h.kind === 'deploy') {
      const facts = a.linked.byId.get(h.d.unit);
      if (facts) out.push(facts.firstLineLoc);
    } else if (h.kind === 'code' && h.c.unit && h.c.fn) {
      const fn = a.linked.byId.get(h.c.unit)?.functions.get(h.c.fn);
      if (fn) out.push(fn.loc);
    }
  }
  if (!out.length) {
    // A script call of a pipeline that leads to no deploy still goes to the script.
    for (const h of hits) {
      const through = h.kind === 'deploy' ? h.d.deploy.through : h.kind === 'code' ? h.c.deploy.through : h.through;
      const call = through?.find((c) => inside(c.loc, file, offset));
      if (call) out.push({ file: call.file, start: 0, end: 0 });
    }
  }
  const seen = new Set<string>();
  return out.filter((l) => !seen.has(`${l.file}:${l.start}`) && !!seen.add(`${l.file}:${l.start}`));
}

export interface PipelineTreeJob {
  /** The job's node: its id, or `caller/job` inside a called reusable workflow. */
  id: string;
  name?: string;
  stage?: string;
  needs: string[];
  /** Every job that finishes before this one starts. */
  after: string[];
  loc: Loc;
  deploys: Array<{ unit: string; stackName?: string; command: string; loc: Loc; unitLoc?: Loc; through: string[] }>;
  codeDeploys: Array<{ function: string; unit?: string; fn?: string; command: string; loc: Loc; fnLoc?: Loc }>;
  unmatched: Array<{ command: string; reason: string; loc: Loc }>;
}

export interface PipelineTree {
  id: string;
  kind: string;
  file: string;
  name: string;
  loc: Loc;
  after: string[];
  paths?: { include: string[]; exclude: string[] };
  /** Jobs in the order they run (a job after every job it waits for; otherwise as written). */
  jobs: PipelineTreeJob[];
  /** The domains whose units it deploys (or whose code it ships), with their pattern. */
  domains: Array<{ name: string; pattern: Pattern; why: string }>;
}

/** The Pipelines view's data: every pipeline, its jobs in order, what each job deploys. */
export function pipelineTree(a: AnalysisResult): PipelineTree[] {
  const link = a.pipelines;
  if (!link.pipelines.length) return [];
  const patterns = a.patterns.domains;
  return link.pipelines.map((view) => {
    const jobs: PipelineTreeJob[] = [];
    JobGraph.walk(view.pipeline, (job, node) => {
      jobs.push({ id: node, name: job.name, stage: job.stage, needs: job.needs, after: [], loc: job.loc, deploys: [], codeDeploys: [], unmatched: [] });
    });
    const byNode = new Map(jobs.map((j) => [j.id, j]));
    for (const j of jobs) j.after = jobs.filter((k) => k !== j && view.graph.before(k.id, j.id)).map((k) => k.id);
    for (const d of view.deploys) {
      const j = byNode.get(d.job);
      if (!j || j.deploys.some((x) => x.unit === d.unit && same(x.loc, d.loc))) continue;
      j.deploys.push({ unit: d.unit, stackName: d.stackName, command: d.deploy.text, loc: d.loc, unitLoc: a.linked.byId.get(d.unit)?.firstLineLoc, through: (d.deploy.through ?? []).map((c) => c.file) });
    }
    for (const c of view.codeDeploys) {
      const fnLoc = c.unit && c.fn ? a.linked.byId.get(c.unit)?.functions.get(c.fn)?.loc : undefined;
      const j = byNode.get(c.job);
      if (j && !j.codeDeploys.some((x) => x.unit === c.unit && x.fn === c.fn && x.function === c.function && same(x.loc, c.loc))) j.codeDeploys.push({ function: c.function, unit: c.unit, fn: c.fn, command: c.deploy.text, loc: c.loc, fnLoc });
    }
    for (const u of view.unmatched) {
      const j = byNode.get(u.job);
      if (j && !j.unmatched.some((x) => x.command === u.command && same(x.loc, u.loc))) j.unmatched.push({ command: u.command, reason: u.reason, loc: u.loc });
    }
    return {
      id: view.id,
      kind: view.kind,
      file: view.file,
      name: view.name,
      loc: { file: view.file, start: 0, end: 0 },
      after: view.after,
      paths: view.paths,
      jobs: inOrder(jobs),
      domains: patterns.filter((d) => d.pipelines.includes(view.id)).map((d) => ({ name: d.domain, pattern: d.pattern, why: d.why })),
    };
  });
}

/** A job after every job it waits for; jobs the files do not order stay as written. */
function inOrder(jobs: PipelineTreeJob[]): PipelineTreeJob[] {
  const left = [...jobs];
  const out: PipelineTreeJob[] = [];
  while (left.length) {
    const i = left.findIndex((j) => !j.after.some((n) => left.some((k) => k.id === n)));
    out.push(...left.splice(i >= 0 ? i : 0, 1));
  }
  return out;
}
