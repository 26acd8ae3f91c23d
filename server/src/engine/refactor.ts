// Refactors not tied to a finding: extract the domain of the trigger or function under the
// cursor into a new unit; move a function into the unit of a trigger that invokes it.

import { extractDomainFix } from './fixes/extract';
import { moveFunctionFix } from './fixes/move';
import type { Query } from './query';
import type { RuleContext } from './rules/rule';
import type { Fix } from './types';

export function refactorsAt(ctx: RuleContext, q: Query, file: string, offset: number): Array<Fix & { kind: 'extract' | 'move' }> {
  const t = q.thingAt(file, offset);
  if (!t || (t.kind !== 'function' && t.kind !== 'resource')) return [];
  const out: Array<Fix & { kind: 'extract' | 'move' }> = [];
  const linked = ctx.linked;
  const unit = linked.factsOf(linked.unitOf(t.facts.id));
  const domain = t.kind === 'function' ? q.domainOfFunction(t.facts, t.id) : q.domainOfTrigger(t.facts, t.id);
  if (domain && unit) {
    const fix = extractDomainFix(ctx, unit, domain);
    if (fix) out.push({ ...fix, title: `Extract domain ${domain.name} into a new unit (${fix.creates?.[0] ?? ''})`, kind: 'extract' });
  }
  if (t.kind === 'function') {
    for (const w of linked.allWirings()) {
      if (w.fn.facts !== t.facts || w.fn.fn.id !== t.id || !w.crossing) continue;
      const fix = moveFunctionFix(ctx, w);
      if (fix && !out.some((o) => o.title === fix.title)) out.push({ ...fix, kind: 'move' });
    }
  }
  return out;
}

export function extractDomainByName(ctx: RuleContext, name: string): Fix[] {
  const d = ctx.linked.allDomains().find((x) => x.name === name);
  if (!d) return [];
  const units = [...new Set([...d.functions.map((f) => f.unit), ...d.triggers.map((t) => t.unit).filter((u): u is string => !!u)])];
  for (const u of units) {
    const facts = ctx.linked.factsOf(u);
    const fix = facts && extractDomainFix(ctx, facts, d);
    if (fix) return [fix];
  }
  return [];
}
