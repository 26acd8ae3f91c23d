import type { Domain } from '../link';
import type { UnitFacts } from '../model';
import type { RuleContext } from '../rules/rule';
import type { Fix } from '../types';
export function extractDomainFix(_ctx: RuleContext, _unit: UnitFacts, _d: Domain): Fix | undefined {
  return undefined;
}
