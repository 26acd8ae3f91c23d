// pipeline-paths: a pipeline with path filters deploys a unit none of whose files match them, so a
// change to the unit never starts its deploy. Reported once per pipeline and unit, on its first deploy.

import picomatch from 'picomatch';
import { pathsFix } from '../fixes/pipeline-paths';
import type { UnitFacts } from '../model';
import type { LinkedDeploy, PipelineView } from '../pipeline/link';
import { unitName } from './describe';
import type { RawFinding, Rule, RuleContext } from './rule';

export const pipelinePaths: Rule = {
  id: 'pipeline-paths',
  defaultSeverity: 'warning',
  description: "A pipeline with path filters deploys a unit none of whose files match them: changes to that unit never start its deploy.",
  check(ctx: RuleContext, facts: UnitFacts): RawFinding[] {
    const link = ctx.pipelines();
    const mine = link.deploysOf.get(facts.id);
    if (!mine?.length) return [];
    const out: RawFinding[] = [];
    const seen = new Set<string>();
    for (const d of mine) {
      const view = link.byId.get(d.pipeline)!;
      const filters = filtersOf(view, d);
      if (!filters || seen.has(`${view.id}\u0000${filters.where}`)) continue;
      const root = view.pipeline.root;
      const rel = facts.files.map((f) => (root ? (f.startsWith(root + '/') ? f.slice(root.length + 1) : undefined) : f));
      // A unit outside the pipeline's repository is not something its filters can be about.
      if (rel.some((f) => f === undefined)) continue;
      if ((rel as string[]).some((f) => filters.starts(f))) continue;
      seen.add(`${view.id}\u0000${filters.where}`);
      const written = [...filters.include, ...filters.exclude.map((x) => `paths-ignore ${x}`)].map((x) => `\`${x}\``).join(', ');
      out.push({
        loc: d.loc,
        subject: facts.id,
        message: `${view.file} deploys ${unitName(facts)} but runs only on changes to ${written}${filters.where === 'pipeline' ? '' : ` (job ${d.job})`}; none of the unit's files (${facts.files.slice(0, 3).join(', ')}${facts.files.length > 3 ? ', ...' : ''}) matches, so a change to it never starts this deploy`,
        fixes: () => pathsFix(ctx, view, facts, filters.where),
      });
    }
    return out;
  },
};

interface Filters {
  where: 'pipeline' | string;
  include: string[];
  exclude: string[];
  starts(file: string): boolean;
}

/** The filters that decide whether a change starts this deploy: the pipeline's, else its job's (`changes`). */
function filtersOf(view: PipelineView, d: LinkedDeploy): Filters | undefined {
  if (view.paths && (view.paths.include.length || view.paths.exclude.length)) {
    const { include, exclude } = view.paths;
    return { where: 'pipeline', include, exclude, starts: (f) => matches(include, exclude, f) };
  }
  let changes: string[] | undefined;
  const node = d.pos.node;
  const find = (jobs: typeof view.pipeline.jobs, prefix: string): void => {
    for (const j of jobs) {
      if (prefix + j.id === node) changes = j.changes;
      if (j.calls) find(j.calls.jobs, prefix + j.id + '/');
    }
  };
  find(view.pipeline.jobs, '');
  if (!changes?.length || changes.some((c) => c.includes('$'))) return undefined;
  const include = changes;
  return { where: node, include, exclude: [], starts: (f) => matches(include, [], f) };
}

const cache = new Map<string, (s: string) => boolean>();
function glob(p: string): (s: string) => boolean {
  let m = cache.get(p);
  if (!m) {
    m = picomatch(p.replace(/^\.\//, '').replace(/\/$/, '/**'), { dot: true });
    if (cache.size > 2048) cache.clear();
    cache.set(p, m);
  }
  return m;
}

/** GitHub's rule: a file starts the workflow when the last `paths` pattern it matches is not a `!` one and no `paths-ignore` pattern matches. */
export function matches(include: string[], exclude: string[], file: string): boolean {
  let hit = include.length === 0;
  for (const p of include) {
    if (p.startsWith('!')) {
      if (glob(p.slice(1))(file)) hit = false;
    } else if (glob(p)(file)) hit = true;
  }
  return hit && !exclude.some((p) => glob(p)(file));
}
