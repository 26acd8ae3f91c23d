import type { LinkedWiring } from '../link';
import type { RuleContext } from '../rules/rule';
import type { Fix } from '../types';
export function moveTriggerFix(_ctx: RuleContext, _w: LinkedWiring): Fix | undefined {
  return undefined;
}
export function moveFunctionFix(_ctx: RuleContext, _w: LinkedWiring): Fix | undefined {
  return undefined;
}
