// syntax-error: a unit's file (or a file it includes) is not valid YAML/JSON.

import type { UnitFacts } from '../model';
import type { RawFinding, Rule, RuleContext } from './rule';

export const syntaxError: Rule = {
  id: 'syntax-error',
  defaultSeverity: 'error',
  description: "A unit's file, or a file it includes, is not valid YAML or JSON; the rest is analysed as far as it can be.",
  check(ctx: RuleContext, facts: UnitFacts): RawFinding[] {
    const out: RawFinding[] = [];
    for (const file of facts.files) {
      const f = ctx.parseErrorsOf(file);
      if (!f || !f.errors.length) continue;
      const e = f.errors[0];
      const more = f.errors.length > 1 ? ` (and ${f.errors.length - 1} more)` : '';
      out.push({ loc: { file: f.file, start: e.start, end: Math.max(e.end, e.start) }, subject: f.file, message: `${f.file} is not valid ${/\.tf$/i.test(f.file) ? 'HCL' : f.json ? 'JSON' : 'YAML'}: ${e.message}${more}` });
    }
    return out;
  },
};
