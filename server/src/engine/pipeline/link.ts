// The pipelines of a workspace linked to its units: each deploy matched to the unit(s) it deploys
// (or listed as unmatched with its reason), code-only deploys attached to the functions they ship,
// each deploy's place in its pipeline's order, the pipelines one runs after, and path filters.

import type { Loc } from '../types';
import { matchCodeDeploy, matchDeploy, UnitIndex } from './match';
import type { Deploy, Pipeline, PipelineKind } from './model';
import { JobGraph, RunPosition, sameEntry } from './order';

export interface LinkedDeploy {
  pipeline: string;
  /** The job's id as written (inside a called workflow: `caller/job`). */
  job: string;
  unit: string;
  loc: Loc;
  /** The stack name the command states (literal or built from known values). */
  stackName?: string;
  deploy: Deploy;
  pos: RunPosition;
}

export interface LinkedCodeDeploy {
  pipeline: string;
  job: string;
  /** The function name as the command gives it. */
  function: string;
  /** The unit and function id it ships into, when a unit of the workspace defines that function. */
  unit?: string;
  fn?: string;
  loc: Loc;
  deploy: Deploy;
  pos: RunPosition;
}

export interface UnmatchedDeploy {
  pipeline: string;
  job: string;
  command: string;
  reason: string;
  loc: Loc;
}

export interface PipelineView {
  id: string;
  kind: PipelineKind;
  file: string;
  name: string;
  pipeline: Pipeline;
  deploys: LinkedDeploy[];
  codeDeploys: LinkedCodeDeploy[];
  unmatched: UnmatchedDeploy[];
  /** Pipelines this one runs after (`workflow_run`, GitLab `trigger`). */
  after: string[];
  /** The path filters that start it (relative to its repository root `pipeline.root`); none: every change starts it. */
  paths?: { include: string[]; exclude: string[] };
  graph: JobGraph;
}

export interface PipelineLink {
  pipelines: PipelineView[];
  /** Deploys of each unit, over every pipeline. */
  deploysOf: Map<string, LinkedDeploy[]>;
  /** Code-only deploys into each function (`unit#fn`). */
  codeDeploysOf: Map<string, LinkedCodeDeploy[]>;
  byId: Map<string, PipelineView>;
}

/** A GitHub workflow that only runs when another calls it is part of its callers, not a pipeline of its own. */
function onlyCalled(p: Pipeline): boolean {
  return p.kind === 'github' && p.triggers.length > 0 && p.triggers.every((t) => t.event === 'workflow_call');
}

export function linkPipelines(pipelines: readonly Pipeline[], ix: UnitIndex): PipelineLink {
  const out: PipelineLink = { pipelines: [], deploysOf: new Map(), codeDeploysOf: new Map(), byId: new Map() };
  const byName = new Map<string, string[]>();
  for (const p of pipelines) byName.set(p.name, [...(byName.get(p.name) ?? []), p.id]);
  for (const p of pipelines) {
    if (onlyCalled(p)) continue;
    const graph = new JobGraph(p);
    const view: PipelineView = { id: p.id, kind: p.kind, file: p.file, name: p.name, pipeline: p, deploys: [], codeDeploys: [], unmatched: [], after: [], graph };
    JobGraph.walk(p, (job, node, steps) => {
      const combos = job.matrix?.combinations ?? [];
      const serial = job.matrix?.maxParallel === 1;
      steps.forEach((step, i) => {
        for (const d of step.deploys) {
          const entry = d.matrix ? combos.findIndex((c) => sameEntry(c, d.matrix!)) : -1;
          const pos: RunPosition = { node, step: i, seq: d.seq ?? [], matrix: d.matrix, entry: entry >= 0 ? entry : undefined, serialMatrix: serial || undefined };
          if (d.codeOnly) {
            const m = matchCodeDeploy(d, ix);
            const base = { pipeline: p.id, job: node, function: d.functionName ?? '', loc: d.loc, deploy: d, pos };
            if ('reason' in m) {
              if (d.functionName === undefined || /[$*{}]/.test(d.functionName)) view.unmatched.push({ pipeline: p.id, job: node, command: d.text, reason: m.reason, loc: d.loc });
              else view.codeDeploys.push(base);
            } else for (const h of m) view.codeDeploys.push({ ...base, unit: h.unit, fn: h.fn });
            continue;
          }
          const m = matchDeploy(d, ix);
          if ('reason' in m) {
            view.unmatched.push({ pipeline: p.id, job: node, command: d.text, reason: m.reason, loc: d.loc });
            continue;
          }
          for (const unit of m.units) {
            const at = m.compose ? { ...pos, compose: { unit, after: m.compose.after.get(unit) ?? new Set<string>(), file: m.compose.file, services: m.compose.services } } : pos;
            view.deploys.push({ pipeline: p.id, job: node, unit, loc: d.loc, stackName: m.stackName, deploy: d, pos: at });
          }
        }
        for (const u of step.unmatched) view.unmatched.push({ pipeline: p.id, job: node, command: u.text, reason: u.reason, loc: u.loc });
      });
    });
    for (const t of p.triggers) for (const w of t.workflows ?? []) for (const id of byName.get(w) ?? []) if (id !== p.id && !view.after.includes(id)) view.after.push(id);
    for (const a of p.after ?? []) for (const id of byName.get(a) ?? [a]) if (id !== p.id && !view.after.includes(id)) view.after.push(id);
    view.paths = pathFilters(p);
    out.pipelines.push(view);
    out.byId.set(p.id, view);
    for (const d of view.deploys) out.deploysOf.set(d.unit, [...(out.deploysOf.get(d.unit) ?? []), d]);
    for (const c of view.codeDeploys) if (c.unit && c.fn) out.codeDeploysOf.set(`${c.unit}#${c.fn}`, [...(out.codeDeploysOf.get(`${c.unit}#${c.fn}`) ?? []), c]);
  }
  return out;
}

/** The filters that decide whether a change starts the pipeline: GitHub `on.push.paths`/`paths-ignore` when
 * push is what starts it (another automatic trigger without filters, such as a schedule, lifts them), or
 * the pipeline-wide filters a reader found. */
function pathFilters(p: Pipeline): PipelineView['paths'] {
  if (p.paths && (p.paths.include?.length || p.paths.exclude?.length)) return { include: p.paths.include ?? [], exclude: p.paths.exclude ?? [] };
  if (p.kind !== 'github') return undefined;
  const push = p.triggers.filter((t) => t.event === 'push');
  if (push.length !== 1 || (!push[0].paths && !push[0].pathsIgnore)) return undefined;
  const automatic = p.triggers.filter((t) => !['push', 'pull_request', 'pull_request_target', 'workflow_dispatch', 'merge_group'].includes(t.event));
  if (automatic.length) return undefined;
  return { include: push[0].paths ?? [], exclude: push[0].pathsIgnore ?? [] };
}
