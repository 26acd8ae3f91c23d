// monolith-unit: a unit deploys many domains that share no resource.

import { extractDomainFix } from '../fixes/extract';
import { domainOrder } from '../link';
import type { UnitFacts } from '../model';
import type { RawFinding, Rule, RuleContext } from './rule';

export const monolithUnit: Rule = {
  id: 'monolith-unit',
  defaultSeverity: 'information',
  description: 'A unit deploys several domains (4 by default) that share no resource; each could deploy on its own.',
  check(ctx: RuleContext, root: UnitFacts): RawFinding[] {
    const linked = ctx.linked;
    if (linked.parentOf.has(root.id)) return [];
    const threshold = ctx.threshold('monolith-unit', 4);
    // A unit deploys a domain when any of its triggers or functions are in the unit.
    const domains = linked.domainsOfUnit(root.id).sort((a, b) => (domainOrder(a) < domainOrder(b) ? -1 : 1));
    if (domains.length < threshold) return [];
    // Domains that share a resource count as one.
    const groups = new Map<string, string>();
    const find = (k: string): string => {
      let r = k;
      while (groups.get(r) !== undefined && groups.get(r) !== r) r = groups.get(r)!;
      return r;
    };
    const owner = new Map<string, string>();
    for (const d of domains) {
      groups.set(d.name, d.name);
      for (const f of d.functions.filter((x) => x.unit === root.id)) {
        for (const res of linked.usesOf(f)) {
          const o = owner.get(res);
          if (o === undefined) owner.set(res, d.name);
          else groups.set(find(d.name), find(o));
        }
      }
    }
    const independent = new Set(domains.map((d) => find(d.name)));
    if (independent.size < threshold) return [];
    const names = domains.map((d) => d.name);
    return [
      {
        loc: root.firstLineLoc,
        subject: root.id,
        message: `${root.files[0]} deploys ${independent.size} independent domains that share no resource (${names.slice(0, 8).join(', ')}${names.length > 8 ? ', ...' : ''}); each could be a unit with its own pipeline.`,
        fixes: () =>
          domains
            .filter((d) => find(d.name) === d.name)
            .slice(0, 6)
            .map((d) => extractDomainFix(ctx, root, d))
            .filter((f): f is NonNullable<typeof f> => !!f),
      },
    ];
  },
};
