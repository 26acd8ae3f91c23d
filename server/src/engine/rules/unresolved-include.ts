// unresolved-include: a ${file(...)} that is not followed.

import type { UnitFacts } from '../model';
import type { RawFinding, Rule, RuleContext } from './rule';

export const unresolvedInclude: Rule = {
  id: 'unresolved-include',
  defaultSeverity: 'warning',
  description: 'A ${file(...)} include is not followed: the file is missing, the includes form a cycle, the path leaves the workspace, or it names a JavaScript/TypeScript resolver (never run).',
  check(_ctx: RuleContext, facts: UnitFacts): RawFinding[] {
    return facts.issues.filter((i) => i.rule === 'unresolved-include').map((i) => ({ loc: i.loc, subject: i.subject, message: i.message }));
  },
};
