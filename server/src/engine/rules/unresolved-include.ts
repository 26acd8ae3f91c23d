// unresolved-include: a ${file(...)} that is not followed.

import type { RawFinding, Rule, RuleContext } from './rule';

export const unresolvedInclude: Rule = {
  id: 'unresolved-include',
  defaultSeverity: 'warning',
  description: 'A ${file(...)} include is not followed: the file is missing, the includes form a cycle, the path leaves the workspace, or it names a JavaScript/TypeScript resolver (never run).',
  check(ctx: RuleContext): RawFinding[] {
    const out: RawFinding[] = [];
    for (const facts of ctx.linked.templates) {
      for (const i of facts.issues) if (i.rule === 'unresolved-include') out.push({ loc: i.loc, subject: i.subject, message: i.message });
    }
    return out;
  },
};
