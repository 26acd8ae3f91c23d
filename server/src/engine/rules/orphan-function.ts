// orphan-function: nothing in the workspace invokes a function.

import { assemblyOf } from '../fragments';
import type { UnitFacts } from '../model';
import type { RawFinding, Rule, RuleContext } from './rule';

export const orphanFunction: Rule = {
  id: 'orphan-function',
  // A hint, not the contract's information: what remains after every invoker the files can show is mostly
  // functions run by hand (maintenance, migrations, demos), which no file tells from dead code (docs/rules.md).
  defaultSeverity: 'hint',
  description: 'Nothing in the workspace invokes a function: no trigger, state machine, destination, custom resource, grant, script or SDK call.',
  check(ctx: RuleContext, facts: UnitFacts): RawFinding[] {
    const out: RawFinding[] = [];
    // A fragment a build step assembles with parts the workspace does not show: its invoker may be there.
    // (A part that is there and refers to the function is followed by the linker.)
    if (facts.fragment && !assemblyOf(ctx.linked, facts).length) return out;
    for (const n of ctx.linked.functionNodesOf(facts)) {
      if (n.fn.placeholder || ctx.linked.isInvoked(n.key)) continue;
      const words = [n.fn.id, n.fn.logicalId, n.fn.physicalName].filter((w): w is string => !!w && !w.includes('${'));
      // A script's invoke command that names it (by key, logical ID or physical name) invokes it.
      if (words.some((w) => ctx.scriptsInvoke(w))) continue;
      // So does source code that invokes through an SDK and names it, or an output whose value is it.
      const outputs = facts.outputs.filter((o) => !o.implicit && o.refs.some((r) => r === n.fn.id || r === n.fn.logicalId)).map((o) => o.key);
      if ([...words, ...outputs].some((w) => ctx.codeInvokes(w))) continue;
      out.push({
        loc: n.fn.loc,
        subject: n.fn.id,
        message: `Nothing in the workspace invokes function ${n.fn.id}: it has no trigger, and no state machine, destination, custom resource, permission, script or SDK call refers to it; if it is invoked by hand or from outside the workspace, ignore or disable this.`,
      });
    }
    return out;
  },
};
