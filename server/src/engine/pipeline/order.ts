// Order inside a pipeline: which deploy is guaranteed to finish before another starts. Steps of a
// job run in sequence; jobs by `needs` (and stage order where a job names no needs); a called
// reusable workflow's jobs run inside the job that calls it; the entries of a matrix run in any
// order unless `max-parallel: 1`. Anything the files do not order is "any order".

import type { Job, Pipeline, Step } from './model';
import { compareSeq } from './script';

export type Order = 'before' | 'after' | 'any' | 'same';

/** Where a deploy runs: its job (a node of the pipeline's job graph), its step and its place in it, its matrix entry. */
export interface RunPosition {
  /** The job's node: `job`, or `caller/job` inside a called reusable workflow. */
  node: string;
  step: number;
  seq: readonly number[];
  matrix?: Record<string, string>;
  /** The matrix entry's index among the job's combinations. */
  entry?: number;
  /** The job runs its matrix entries one at a time, in order (`max-parallel: 1`). */
  serialMatrix?: boolean;
  /** One command deploying several units (a compose root): this unit, and the units compose deploys before it. */
  compose?: { unit: string; after: ReadonlySet<string>; file?: string; services?: ReadonlyMap<string, string> };
}

/** The job graph of one pipeline: for each node, the nodes that finish before it starts (transitively). */
export class JobGraph {
  private readonly preds = new Map<string, Set<string>>();
  private readonly closure = new Map<string, Set<string>>();

  constructor(p: Pipeline) {
    this.addJobs(p.jobs, '', p.stages, []);
  }

  /** Every job of the pipeline with its node id and steps in order (composite actions' steps inlined). */
  static walk(p: Pipeline, visit: (job: Job, node: string, steps: Step[]) => void): void {
    const go = (jobs: Job[], prefix: string) => {
      for (const j of jobs) {
        const node = prefix + j.id;
        if (j.calls) go(j.calls.jobs, node + '/');
        visit(j, node, flatSteps(j.steps));
      }
    };
    go(p.jobs, '');
  }

  private addJobs(jobs: Job[], prefix: string, stages: string[] | undefined, outer: string[]): void {
    const ids = new Set(jobs.map((j) => j.id));
    for (const j of jobs) {
      const node = prefix + j.id;
      const preds = new Set<string>(outer);
      const needs = j.needs.filter((n) => ids.has(n));
      for (const n of needs) preds.add(prefix + n + END);
      // A job that names no needs waits for every job of the earlier stages.
      if (!needs.length && stages && j.stage !== undefined) {
        const at = stages.indexOf(j.stage);
        for (const k of jobs) if (k.stage !== undefined && stages.indexOf(k.stage) >= 0 && stages.indexOf(k.stage) < at) preds.add(prefix + k.id + END);
      }
      this.preds.set(node, preds);
      // The end of a job: itself, or every job of the workflow it calls.
      if (j.calls) {
        this.addJobs(j.calls.jobs, node + '/', undefined, [node]);
        this.preds.set(node + END, new Set([node, ...j.calls.jobs.map((k) => node + '/' + k.id + END)]));
      } else this.preds.set(node + END, new Set([node]));
    }
  }

  /** Whether node `a` ends before node `b` starts. */
  before(a: string, b: string): boolean {
    return this.ancestors(b).has(a + END);
  }

  private ancestors(n: string): Set<string> {
    let out = this.closure.get(n);
    if (out) return out;
    out = new Set();
    this.closure.set(n, out);
    const todo = [...(this.preds.get(n) ?? [])];
    while (todo.length) {
      const x = todo.pop()!;
      if (out.has(x)) continue;
      out.add(x);
      for (const y of this.preds.get(x) ?? []) todo.push(y);
    }
    return out;
  }

  /** How two deploys of this pipeline are ordered. */
  order(a: RunPosition, b: RunPosition): Order {
    if (a.node === b.node) {
      const other = !!a.matrix && !!b.matrix && !sameEntry(a.matrix, b.matrix);
      if (other && (!a.serialMatrix || a.entry === undefined || b.entry === undefined)) return 'any';
      const c = (other ? a.entry! - b.entry! : 0) || a.step - b.step || compareSeq(a.seq, b.seq);
      if (c === 0 && a.compose && b.compose && a.compose.unit !== b.compose.unit) return b.compose.after.has(a.compose.unit) ? 'before' : a.compose.after.has(b.compose.unit) ? 'after' : 'any';
      return c < 0 ? 'before' : c > 0 ? 'after' : 'same';
    }
    if (this.before(a.node, b.node)) return 'before';
    if (this.before(b.node, a.node)) return 'after';
    return 'any';
  }
}

const END = '\u0000end';

/** Whether two matrix entries are the same one. */
export function sameEntry(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/** A job's steps in the order they run, a local composite action's steps in place of the action. */
export function flatSteps(steps: Step[]): Step[] {
  const out: Step[] = [];
  const go = (ss: Step[], depth: number) => {
    for (const s of ss) {
      out.push(s);
      if (s.uses?.steps.length && depth < 8) go(s.uses.steps, depth + 1);
    }
  };
  go(steps, 0);
  return out;
}
