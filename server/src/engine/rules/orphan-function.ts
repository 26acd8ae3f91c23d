// orphan-function: nothing in the workspace invokes a function.

import type { RawFinding, Rule, RuleContext } from './rule';

export const orphanFunction: Rule = {
  id: 'orphan-function',
  defaultSeverity: 'information',
  description: 'Nothing in the workspace invokes a function: no trigger, state machine, destination, custom resource or grant.',
  check(ctx: RuleContext): RawFinding[] {
    const out: RawFinding[] = [];
    for (const n of ctx.linked.functions.values()) {
      if (ctx.linked.invoked.has(n.key) || n.fn.placeholder) continue;
      out.push({
        loc: n.fn.loc,
        subject: n.fn.id,
        message: `Nothing in the workspace invokes function ${n.fn.id}: it has no trigger, and no state machine, destination, custom resource or permission refers to it.`,
      });
    }
    return out;
  },
};
