// unresolved-import: an import whose target is not in the workspace.

import { targetText } from '../model';
import type { UnitFacts } from '../model';
import type { RawFinding, Rule, RuleContext } from './rule';

export const unresolvedImport: Rule = {
  id: 'unresolved-import',
  defaultSeverity: 'information',
  description: 'An Fn::ImportValue, ${cf:...} or ${ssm:...} whose target is not in the workspace (it may be deployed from elsewhere).',
  check(ctx: RuleContext, facts: UnitFacts): RawFinding[] {
    const out: RawFinding[] = [];
    const linked = ctx.linked;
    {
      for (const imp of linked.importsOf(facts)) {
        const t = imp.target;
        if (t.k === 'import') {
          if (t.suffix !== undefined ? linked.exportFor(t, facts.id) : linked.exports.has(t.exportName)) continue;
          const owned = t.suffix === undefined && linked.stacks.entries().some(([s, u]) => !u.stackNameGuessed && (t.exportName.startsWith(s + '-') || t.exportName.startsWith(s + ':')));
          if (owned) continue; // a broken reference, reported as such
        } else if (t.k === 'cf') {
          if (linked.stacks.has(t.stack)) continue;
        } else if (t.k === 'ssm') {
          if (linked.ssm.has(t.path)) continue;
        } else continue;
        out.push({ loc: imp.loc, subject: targetText(t), message: `${imp.text}: no unit of the workspace provides it; it may be deployed from elsewhere.` });
      }
    }
    return out;
  },
};
