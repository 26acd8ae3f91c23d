// unresolved-include: a ${file(...)} that is not followed.
//
// One cause, one finding: the same problem (same message: same path, same reason) met at several
// uses in a unit is reported once, at its first use; the other uses go in related information.

import type { Loc } from '../types';
import type { UnitFacts } from '../model';
import type { RawFinding, Rule, RuleContext } from './rule';

export const unresolvedInclude: Rule = {
  id: 'unresolved-include',
  defaultSeverity: 'warning',
  description: 'A ${file(...)} include is not followed: the file is missing, the includes form a cycle, the path leaves the workspace, or it names a JavaScript/TypeScript resolver (never run).',
  check(_ctx: RuleContext, facts: UnitFacts): RawFinding[] {
    const order = (l: Loc) => facts.files.indexOf(l.file);
    const issues = facts.issues
      .filter((i) => i.rule === 'unresolved-include')
      .slice()
      .sort((a, b) => order(a.loc) - order(b.loc) || (a.loc.file < b.loc.file ? -1 : a.loc.file > b.loc.file ? 1 : 0) || a.loc.start - b.loc.start);
    const byCause = new Map<string, RawFinding>();
    for (const i of issues) {
      const first = byCause.get(i.message);
      if (!first) {
        byCause.set(i.message, { loc: i.loc, subject: i.subject, message: i.message });
        continue;
      }
      if (first.loc.file === i.loc.file && first.loc.start === i.loc.start) continue;
      (first.related ??= []).push({ loc: i.loc, message: `also used here` });
    }
    return [...byCause.values()];
  },
};
