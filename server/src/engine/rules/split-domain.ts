// split-domain: a function invoked by a point-to-point trigger that another unit deploys.

import { isPubSub } from '../model';
import { moveFunctionFix, moveTriggerFix } from '../fixes/move';
import { shortType } from './describe';
import type { RawFinding, Rule, RuleContext } from './rule';

export const splitDomain: Rule = {
  id: 'split-domain',
  defaultSeverity: 'warning',
  description: 'A function is invoked by a point-to-point trigger (queue, stream, bucket, API, schedule...) that another unit deploys, so one domain is split across pipelines.',
  check(ctx: RuleContext): RawFinding[] {
    const out: RawFinding[] = [];
    for (const w of ctx.linked.wirings) {
      if (!w.crossing || !w.trigger.unit || isPubSub(w.trigger.type)) continue;
      const fnDomain = ctx.domainOf(w.fn.key);
      if (ctx.allowed({ unit: w.fn.unit, domain: fnDomain }, { unit: w.trigger.unit, domain: ctx.domainOf(w.trigger.key) })) continue;
      const owner = ctx.linked.byId.get(w.trigger.factsId ?? w.trigger.unit);
      const ownerFile = owner?.files[0] ?? w.trigger.unit;
      const fixes = () => [moveTriggerFix(ctx, w), moveFunctionFix(ctx, w)].filter((f): f is NonNullable<typeof f> => !!f);
      out.push({
        loc: w.wiring.loc,
        subject: w.fn.fn.id,
        message: `Function ${w.fn.fn.id} is invoked by ${shortType(w.trigger.type)} ${w.trigger.id}, which ${ownerFile} deploys: the trigger and its function are split across two units (two pipelines share one event contract).`,
        related: w.trigger.loc ? [{ loc: w.trigger.loc, message: `${w.trigger.id} is defined here` }] : undefined,
        fixes,
      });
    }
    return out;
  },
};
