// deploy-cycle: units whose cross-unit references form a cycle.

import type { UnitFacts } from '../model';
import type { RawFinding, Rule, RuleContext } from './rule';

export const deployCycle: Rule = {
  id: 'deploy-cycle',
  defaultSeverity: 'error',
  description: 'Units whose explicit cross-unit references (imports, ${cf:}, SSM, compose params) form a cycle: no order deploys them from scratch.',
  check(ctx: RuleContext, facts: UnitFacts): RawFinding[] {
    const out: RawFinding[] = [];
    for (const e of ctx.linked.edgesOf(facts)) {
      if (e.kind !== 'contract' || e.from === e.to) continue;
      const cycle = ctx.linked.cycleOf(e.from);
      if (!cycle || !cycle.includes(e.to)) continue;
      const file = ctx.linked.factsOf(e.to)?.files[0] ?? e.to;
      out.push({
        loc: e.loc,
        subject: e.from,
        message: `${e.from} imports from ${file} (${e.label}), and the units ${cycle.join(', ')} import from each other in a cycle: no order deploys them from scratch.`,
      });
    }
    return out;
  },
};
