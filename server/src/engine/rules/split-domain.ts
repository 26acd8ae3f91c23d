// split-domain: a function invoked by a point-to-point trigger that another unit deploys.

import { moveFunctionFix, moveTriggerFix } from '../fixes/move';
import { isPubSub } from '../model';
import type { UnitFacts } from '../model';
import { shortType, whereDefined } from './describe';
import type { RawFinding, Rule, RuleContext } from './rule';

export const splitDomain: Rule = {
  id: 'split-domain',
  defaultSeverity: 'warning',
  description: 'A function is invoked by a point-to-point trigger (queue, stream, bucket, API, schedule...) that another unit deploys, so one domain is split across pipelines.',
  check(ctx: RuleContext, facts: UnitFacts): RawFinding[] {
    const out: RawFinding[] = [];
    const linked = ctx.linked;
    for (const w of linked.wiringsOf(facts)) {
      if (!w.crossing || !w.trigger.unit || isPubSub(w.trigger.type)) continue;
      if (ctx.config.allow.length) {
        const fd = linked.domainOfNode(w.fn.key)?.name;
        const td = linked.domainOfNode(w.trigger.key)?.name;
        if (ctx.allowed({ unit: w.fn.unit, domain: fd }, { unit: w.trigger.unit, domain: td })) continue;
      }
      const owner = linked.byId.get(w.trigger.factsId ?? w.trigger.unit);
      const ownerFile = owner?.files[0] ?? w.trigger.unit;
      out.push({
        loc: w.wiring.loc,
        subject: w.fn.fn.id,
        message: `Function ${w.fn.fn.id} is invoked by ${shortType(w.trigger.type)} ${w.trigger.id}, which ${ownerFile} deploys: the trigger and its function are split across two units (two pipelines share one event contract).`,
        related: w.trigger.loc ? [{ loc: w.trigger.loc, message: whereDefined(`${w.trigger.id} is defined here`, ownerFile, w.trigger.loc.file) }] : undefined,
        fixes: () => [moveTriggerFix(ctx, w), moveFunctionFix(ctx, w)].filter((f): f is NonNullable<typeof f> => !!f),
      });
    }
    return out;
  },
};
