// pipeline-order: inside one pipeline, a unit is deployed by a step or job that can run before (or
// beside) the deploy of a unit it imports from. Silent where the pipeline also deploys the provider
// first (a consumer deployed once per environment, after that environment's provider, is fine), and
// wherever the workspace has no pipelines.

import { needsFix } from '../fixes/pipeline-needs';
import type { UnitFacts } from '../model';
import type { LinkedDeploy, PipelineView } from '../pipeline/link';
import type { Order } from '../pipeline/order';
import { unitName } from './describe';
import type { RawFinding, Rule, RuleContext } from './rule';

export const pipelineOrder: Rule = {
  id: 'pipeline-order',
  defaultSeverity: 'warning',
  description: 'Inside one pipeline, a unit is deployed by a step or job that can run before (or in parallel with) the deploy of a unit it imports from.',
  check(ctx: RuleContext, facts: UnitFacts): RawFinding[] {
    const link = ctx.pipelines();
    const mine = link.deploysOf.get(facts.id);
    if (!mine?.length) return [];
    // The units it imports from (an export, `${cf:}`, SSM, remote state, a compose param), with the first reference.
    const providers = new Map<string, { label: string; loc: RawFinding['loc'] }>();
    for (const e of ctx.linked.edgesOf(facts)) if (e.kind === 'contract' && e.to !== facts.id && !providers.has(e.to)) providers.set(e.to, { label: e.label, loc: e.loc });
    if (!providers.size) return [];
    const out: RawFinding[] = [];
    const reported = new Set<string>();
    for (const c of mine) {
      const view = link.byId.get(c.pipeline)!;
      for (const [provider, ref] of providers) {
        const theirs = (link.deploysOf.get(provider) ?? []).filter((p) => p.pipeline === c.pipeline);
        if (!theirs.length) continue;
        // A CI command that runs a whole compose file deploying the provider too: the order is the compose
        // file's, and the compose file, read as a pipeline of its own, reports it once.
        if (c.pos.compose && theirs.some((p) => p.deploy === c.deploy) && composeIsPipeline(link, c.pos.compose.file)) continue;
        const orders = theirs.map((p) => ({ p, o: view.graph.order(c.pos, p.pos) }));
        // Fine when one of the provider's deploys finishes first (or the same command deploys both, in its own order).
        if (orders.some((x) => x.o === 'after' || x.o === 'same')) continue;
        const key = `${c.pipeline}\u0000${c.loc.start}\u0000${provider}`;
        if (reported.has(key)) continue;
        reported.add(key);
        const strict = orders.find((x) => x.o === 'before' && x.p.pos.node === c.pos.node);
        const worst = strict ?? orders.find((x) => x.o === 'before') ?? orders[0];
        const providerFacts = ctx.linked.factsOf(provider);
        const pname = providerFacts ? unitName(providerFacts) : provider;
        const how = describe(view, c, worst.p, worst.o);
        out.push({
          loc: c.loc,
          subject: facts.id,
          severity: strict ? 'error' : undefined,
          message: `${unitName(facts)} imports from ${pname} (${ref.label}), but ${view.file} deploys it ${how}: the first deploy fails, and a changed contract can land in the wrong order`,
          related: [
            { loc: worst.p.loc, message: `the deploy of ${pname}${worst.p.job !== c.job ? ` (job ${worst.p.job})` : ''}` },
            { loc: ref.loc, message: `the import of ${ref.label} in ${unitName(facts)}` },
          ],
          fixes: () => needsFix(ctx, view, c, worst.p, worst.o),
        });
      }
    }
    return out;
  },
};

function composeIsPipeline(link: ReturnType<RuleContext['pipelines']>, file: string | undefined): boolean {
  return link.pipelines.some((v) => v.kind === 'compose' && v.file === file);
}

function describe(view: PipelineView, c: LinkedDeploy, p: LinkedDeploy, o: Order): string {
  if (view.kind === 'compose') return `as service ${c.job}, which neither dependsOn nor a param orders after service ${p.job} (compose deploys such services in parallel)`;
  if (c.pos.compose && p.pos.compose && c.deploy === p.deploy) return `with one serverless compose deploy that runs them in parallel (no dependsOn or param orders ${p.unit} first)`;
  if (c.pos.node === p.pos.node) {
    if (o === 'before') return `before it in the same job${view.kind === 'github' || view.kind === 'gitlab' ? ` (${c.job})` : ''}`;
    return `in parallel with it (entries of one matrix of job ${c.job} run in any order)`;
  }
  if (o === 'before') return `in job ${c.job}, which runs before job ${p.job}`;
  return `in job ${c.job}, which nothing orders after job ${p.job}`;
}
