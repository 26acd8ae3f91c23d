// orphan-function: nothing in the workspace invokes a function.

import type { UnitFacts } from '../model';
import type { RawFinding, Rule, RuleContext } from './rule';

export const orphanFunction: Rule = {
  id: 'orphan-function',
  defaultSeverity: 'information',
  description: 'Nothing in the workspace invokes a function: no trigger, state machine, destination, custom resource or grant.',
  check(ctx: RuleContext, facts: UnitFacts): RawFinding[] {
    const out: RawFinding[] = [];
    for (const n of ctx.linked.functionNodesOf(facts)) {
      if (n.fn.placeholder || ctx.linked.isInvoked(n.key)) continue;
      // A script's invoke command that names it (by key, logical ID or physical name) invokes it.
      if ([n.fn.id, n.fn.logicalId, n.fn.physicalName].some((w) => !!w && !w.includes('${') && ctx.scriptsInvoke(w))) continue;
      out.push({
        loc: n.fn.loc,
        subject: n.fn.id,
        message: `Nothing in the workspace invokes function ${n.fn.id}: it has no trigger, and no state machine, destination, custom resource or permission refers to it.`,
      });
    }
    return out;
  },
};
