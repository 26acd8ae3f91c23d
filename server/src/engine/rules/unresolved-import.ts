// unresolved-import: an import whose target is not in the workspace.

import { targetText } from '../model';
import type { UnitFacts } from '../model';
import type { LinkView } from '../link-view';
import { basename } from '../paths';
import type { RawFinding, Rule, RuleContext } from './rule';

/**
 * A unit with a guessed stack name that the stack name names (`cognito.yaml` for `serverless-api-cognito`)
 * and whose outputs include every output `facts` reads from `stack`.
 */
function guessedProvider(linked: LinkView, facts: UnitFacts, stack: string): boolean {
  const wanted = new Set(linked.importsOf(facts).flatMap((i) => (i.target.k === 'cf' && i.target.stack === stack ? [i.target.output] : [])));
  const parts = new Set(stack.toLowerCase().split(/[^a-z0-9]+/));
  const named = (u: UnitFacts) => [basename(u.id).replace(/\.(ya?ml|json|template)$/i, ''), basename(u.dir)].some((w) => w.length >= 3 && parts.has(w.toLowerCase()));
  return linked.units().some((u) => u.stackNameGuessed && u !== facts && named(u) && !linked.isNested(u.id) && [...wanted].every((o) => linked.factsOf(u.id)!.outputs.some((x) => x.key === o)));
}

export const unresolvedImport: Rule = {
  id: 'unresolved-import',
  defaultSeverity: 'information',
  description: 'An Fn::ImportValue, ${cf:...} or ${ssm:...} whose target is not in the workspace (it may be deployed from elsewhere).',
  check(ctx: RuleContext, facts: UnitFacts): RawFinding[] {
    const out: RawFinding[] = [];
    const linked = ctx.linked;
    // One cause, one finding: the same missing parameter, output or export is reported once per unit, at
    // its first use, with the other uses in related information.
    const first = new Map<string, RawFinding>();
    {
      for (const imp of linked.importsOf(facts)) {
        const t = imp.target;
        if (imp.optional) continue;
        if (t.k === 'import') {
          // Named from a stack parameter: provided when some template exports the suffix, even several (the parameter names one).
          if (linked.mayProvide(t, facts.id)) continue;
          const owned = t.suffix === undefined && linked.stacks.entries().some(([s, u]) => !u.stackNameGuessed && (t.exportName.startsWith(s + '-') || t.exportName.startsWith(s + ':')));
          if (owned) continue; // a broken reference, reported as such
        } else if (t.k === 'cf') {
          if (linked.stacks.has(t.stack)) continue;
          // A template whose stack name is a guess (its folder) that has every output the unit reads from
          // that stack may well be deployed under it: the analysis cannot say it is missing.
          if (guessedProvider(linked, facts, t.stack)) continue;
        } else if (t.k === 'ssm') {
          if (linked.ssm.has(t.path)) continue;
          // Names under /aws/ are reserved to AWS (public parameters such as /aws/service/ami-..., and
          // /aws/reference/secretsmanager/...): no unit could provide them, and every account has them.
          if (/^\/?aws\//i.test(t.path)) continue;
          // A path with a `<Placeholder>` segment is a template for a tool or a person to fill in, not a path.
          if (/<[A-Za-z][\w-]*>/.test(t.path)) continue;
        } else continue;
        const key = targetText(t);
        const seen = first.get(key);
        if (seen) {
          // A value read once (a `custom` variable) and used in several places is recorded at the read:
          // each place is listed once, never the finding's own.
          const same = (l: { file: string; start: number }) => l.file === imp.loc.file && l.start === imp.loc.start;
          if (!same(seen.loc) && !seen.related?.some((r) => same(r.loc))) (seen.related ??= []).push({ loc: imp.loc, message: `${imp.text} is used here too` });
          continue;
        }
        const finding: RawFinding = { loc: imp.loc, subject: key, message: `${imp.text}: no unit of the workspace provides it; it may be deployed from elsewhere.` };
        first.set(key, finding);
        out.push(finding);
      }
    }
    return out;
  },
};
