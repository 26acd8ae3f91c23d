// The Pipelines view's request: the engine's pipeline tree of each folder, its workspace-relative
// places converted to URIs and ranges.

import { Loc, pipelineTree } from '../engine';
import type { AnalysisResult } from '../engine';
import type { PipelineItem, PipelinesResult } from '../protocol/ext';
import type { ServerContext } from './state';

export function pipelines(ctx: ServerContext): PipelinesResult {
  const folders: PipelinesResult['folders'] = [];
  for (const s of ctx.folders) {
    if (!s.result) continue;
    const at = (l: Loc) => s.folder.location(l);
    folders.push({
      uri: s.folder.uri,
      name: s.name,
      pipelines: pipelineItems(s.result, at),
    });
  }
  return { folders, generation: ctx.generation };
}

/** One folder's pipelines in the protocol's shape, its places converted by `at` (the command line's map uses it too). */
export function pipelineItems(result: AnalysisResult, at: (l: Loc) => PipelineItem['location']): PipelineItem[] {
  const opt = (l: Loc | undefined) => (l ? at(l) : undefined);
  return pipelineTree(result).map((p) => ({
    id: p.id,
    kind: p.kind,
    file: p.file,
    name: p.name,
    location: at(p.loc),
    after: p.after,
    ...(p.paths ? { paths: p.paths } : {}),
    jobs: p.jobs.map((j) => ({
      id: j.id,
      ...(j.name ? { name: j.name } : {}),
      ...(j.stage ? { stage: j.stage } : {}),
      needs: j.needs,
      after: j.after,
      location: at(j.loc),
      deploys: j.deploys.map((d) => ({ unit: d.unit, ...(d.stackName ? { stackName: d.stackName } : {}), command: d.command, location: at(d.loc), unitLocation: opt(d.unitLoc), through: d.through })),
      codeDeploys: j.codeDeploys.map((c) => ({ function: c.function, unit: c.unit ?? null, fn: c.fn ?? null, command: c.command, location: at(c.loc), functionLocation: opt(c.fnLoc) })),
      unmatched: j.unmatched.map((u) => ({ command: u.command, reason: u.reason, location: at(u.loc) })),
    })),
    domains: p.domains,
  }));
}
