// split-domain: a function invoked by a point-to-point trigger that another unit deploys.
//
// One cause, one finding: the wirings of one unit's functions to the same API of another unit are one
// coupling (reported at the first event, the others in related information); any other trigger is one
// coupling per function (a function with several events on the same queue is reported once).

import { moveFunctionFix, moveTriggerFix } from '../fixes/move';
import type { LinkedWiring } from '../link';
import { isPubSub } from '../model';
import { column } from '../../protocol/resource-types';
import type { UnitFacts } from '../model';
import { shortType, unitName, whereDefined } from './describe';
import type { RawFinding, Rule, RuleContext } from './rule';

const API_TYPES = new Set(Object.keys(column('api')));

export const splitDomain: Rule = {
  id: 'split-domain',
  defaultSeverity: 'warning',
  description: 'A function is invoked by a point-to-point trigger (queue, stream, bucket, API, schedule...) that another unit deploys, so one domain is split across pipelines.',
  check(ctx: RuleContext, facts: UnitFacts): RawFinding[] {
    const linked = ctx.linked;
    const groups = new Map<string, LinkedWiring[]>();
    for (const w of linked.wiringsOf(facts)) {
      if (!w.crossing || !w.trigger.unit || isPubSub(w.trigger.type)) continue;
      // A permission for a trigger that another wiring already connects (the bucket's notification, the
      // rule's target) is the same coupling: it is reported there, once.
      if (isPermission(w) && linked.wiringsOfFunction(w.fn.key).some((x) => x !== w && x.trigger.key === w.trigger.key && !isPermission(x))) continue;
      if (ctx.config.allow.length) {
        const fd = linked.domainOfNode(w.fn.key)?.name;
        const td = linked.domainOfNode(w.trigger.key)?.name;
        if (ctx.allowed({ unit: w.fn.unit, domain: fd }, { unit: w.trigger.unit, domain: td })) continue;
      }
      // Where pipelines are known, two units one pipeline deploys in a guaranteed order are one deployment.
      if (deployedTogether(ctx, w.trigger.unit, w.fn.unit)) continue;
      const key = w.trigger.key + '\u0000' + (API_TYPES.has(w.trigger.type) ? w.fn.unit : w.fn.key);
      const list = groups.get(key);
      if (list) list.push(w);
      else groups.set(key, [w]);
    }
    const out: RawFinding[] = [];
    for (const ws of groups.values()) {
      const w = ws[0];
      const owner = linked.factsOf(w.trigger.factsId ?? w.trigger.unit!);
      const ownerFile = owner ? unitName(owner) : w.trigger.unit;
      const fns = [...new Set(ws.map((x) => x.fn.fn.id))];
      const who = fns.length === 1 ? `Function ${fns[0]} is` : `Functions ${list(fns)} are`;
      const times = ws.length > 1 ? ` (${ws.length} events)` : '';
      const related = [
        ...(w.trigger.loc ? [{ loc: w.trigger.loc, message: whereDefined(`${w.trigger.id} is defined here`, ownerFile ?? w.trigger.loc.file, w.trigger.loc.file) }] : []),
        ...ws.slice(1).map((x) => ({ loc: x.wiring.loc, message: `${x.fn.fn.id} is also invoked by ${w.trigger.id} here` })),
      ];
      out.push({
        loc: w.wiring.loc,
        // The functions' least name, not the first in file order: reordering them keeps the finding's identity (the baseline's).
        subject: [...fns].sort()[0],
        message: `${who} invoked by ${shortType(w.trigger.type)} ${w.trigger.id}${times}, which ${ownerFile} deploys: the trigger and its function${fns.length > 1 ? 's' : ''} are split across two units (two pipelines share one event contract).`,
        related: related.length ? related : undefined,
        // Moving one function leaves the others split: offered only when the coupling is one function's.
        fixes: () => [moveTriggerFix(ctx, w), fns.length === 1 ? moveFunctionFix(ctx, w) : undefined].filter((f): f is NonNullable<typeof f> => !!f),
      });
    }
    return out;
  },
};

/** Every deploy of the function's unit comes after (or with) a deploy of the trigger's unit in the same pipeline. */
function deployedTogether(ctx: RuleContext, triggerUnit: string, fnUnit: string): boolean {
  const link = ctx.pipelines();
  const fnDeploys = link.deploysOf.get(fnUnit);
  if (!fnDeploys?.length) return false;
  const trDeploys = link.deploysOf.get(triggerUnit) ?? [];
  return fnDeploys.every((f) => trDeploys.some((t) => t.pipeline === f.pipeline && ['before', 'same'].includes(link.byId.get(f.pipeline)!.graph.order(t.pos, f.pos))));
}

/** A permission that lets a trigger invoke the function (`AWS::Lambda::Permission`, `aws_lambda_permission`, the lambda module's `allowed_triggers`). */
function isPermission(w: LinkedWiring): boolean {
  return w.wiring.event === 'AWS::Lambda::Permission' || w.wiring.event === 'aws_lambda_permission' || w.wiring.event === 'allowed_triggers';
}

function list(names: string[]): string {
  return names.length > 4 ? `${names.slice(0, 4).join(', ')} and ${names.length - 4} more` : names.join(', ');
}
