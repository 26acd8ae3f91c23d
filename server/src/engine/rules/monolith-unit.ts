// monolith-unit: a unit deploys many domains that share no resource.

import { extractDomainFix } from '../fixes/extract';
import { domainOrder } from '../link';
import type { Target, UnitFacts } from '../model';
import { unitName } from './describe';
import type { RawFinding, Rule, RuleContext } from './rule';

export const monolithUnit: Rule = {
  id: 'monolith-unit',
  defaultSeverity: 'information',
  description: 'A unit deploys several domains (4 by default) that share no resource; each could deploy on its own.',
  check(ctx: RuleContext, root: UnitFacts): RawFinding[] {
    const linked = ctx.linked;
    // A library module deploys nothing by itself: its callers decide which of its parts exist.
    if (linked.isNested(root.id) || root.library) return [];
    const threshold = ctx.threshold('monolith-unit', 4);
    // A unit deploys a domain when any of its triggers or functions are in the unit. Functions that nothing
    // triggers (maintenance functions run by hand, custom-resource providers, an API's authorizer) are not
    // domains of their own here: they serve the others or no one, and say nothing about the unit's shape.
    const domains = linked
      .domainsOfUnit(root.id)
      .filter((d) => d.triggers.length > 0)
      .sort((a, b) => (domainOrder(a) < domainOrder(b) ? -1 : 1));
    if (domains.length < threshold) return [];
    // A Terraform unit that only instantiates a module (an example, an environment) deploys that module's
    // shape: the split, if any, belongs in the module, which the unit cannot change.
    const inModule = (id: string) => /^module\.[^.]+\.[^.]+/.test(id);
    if (root.kind === 'terraform' && domains.every((d) => d.functions.every((f) => f.unit !== root.id || inModule(f.fn.id)) && d.triggers.every((t) => t.unit !== root.id || inModule(t.id)))) return [];
    // The wirings of each function, to relate domains wired to the same trigger (an event bus named by a
    // parameter, an import or a literal is one bus: the rules on it are steps of one choreography).
    const wiringKeys = new Map<string, string[]>();
    const seenFacts = new Set<string>();
    for (const d of domains) {
      for (const f of d.functions) {
        if (seenFacts.has(f.facts.id)) continue;
        seenFacts.add(f.facts.id);
        for (const w of linked.wiringsOf(f.facts)) {
          // The account's default bus carries every service's events: it relates nothing.
          if (w.wiring.label === 'default event bus') continue;
          const list = wiringKeys.get(w.fn.key) ?? [];
          list.push('trigger:' + w.trigger.key);
          const t = targetKey(w.wiring.trigger);
          if (t) list.push(`target:${w.wiring.triggerType}:${t}`);
          wiringKeys.set(w.fn.key, list);
        }
      }
    }
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
        for (const res of [...linked.usesOf(f), ...(wiringKeys.get(f.key) ?? [])]) {
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
        message: `${unitName(root)} deploys ${independent.size} independent domains that share no resource (${names.slice(0, 8).join(', ')}${names.length > 8 ? ', ...' : ''}); each could be a unit with its own pipeline.`,
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

/** A trigger as written, when it is not a resource of the unit: the same text names the same thing. */
function targetKey(t: Target): string | undefined {
  switch (t.k) {
    case 'local':
      return 'local:' + t.id;
    case 'import':
      return 'import:' + t.exportName;
    case 'cf':
      return `cf:${t.stack}.${t.output}`;
    case 'ssm':
      return 'ssm:' + t.path;
    case 'arn':
    case 'name':
      return 'name:' + t.name;
    case 'nested':
      return `nested:${t.child}.${t.output}`;
    default:
      return undefined; // unknown text relates nothing
  }
}
