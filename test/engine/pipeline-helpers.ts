// What the pipeline reader tests share: reading files given as a record, the jobs and steps of a
// pipeline flattened (called workflows and composite actions inlined), and the text a location covers.

import * as assert from 'node:assert/strict';
import { readPipelines } from '../../server/src/engine/pipeline/kinds';
import type { Deploy, Job, Pipeline, Step, Unmatched } from '../../server/src/engine/pipeline/model';

export type Files = Record<string, string>;

export const hostOf = (files: Files) => ({ text: (f: string) => (Object.prototype.hasOwnProperty.call(files, f) ? files[f] : undefined) });

export function readAll(path: string, files: Files): Pipeline[] {
  return readPipelines(path, hostOf(files));
}

/** The one pipeline a file defines. */
export function read(path: string, files: Files): Pipeline {
  const ps = readAll(path, files);
  assert.equal(ps.length, 1);
  return ps[0];
}

export function allSteps(steps: Step[]): Step[] {
  return steps.flatMap((s) => [s, ...allSteps(s.uses?.steps ?? [])]);
}
export function allJobs(jobs: Job[]): Job[] {
  return jobs.flatMap((j) => [j, ...allJobs(j.calls?.jobs ?? [])]);
}
export function deploys(p: Pipeline): Deploy[] {
  return allJobs(p.jobs).flatMap((j) => allSteps(j.steps).flatMap((s) => s.deploys));
}
export function unmatched(p: Pipeline): Unmatched[] {
  return allJobs(p.jobs).flatMap((j) => allSteps(j.steps).flatMap((s) => s.unmatched));
}
/** The text a location covers, in the file it names. */
export const at = (files: Files, d: { loc: { file: string; start: number; end: number } }) => files[d.loc.file].slice(d.loc.start, d.loc.end);
