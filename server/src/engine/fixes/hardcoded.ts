import type { ResolvedThing } from '../link';
import type { LiteralFact, UnitFacts } from '../model';
import type { RuleContext } from '../rules/rule';
import type { Fix } from '../types';
export function hardcodedFixes(_ctx: RuleContext, _facts: UnitFacts, _lit: LiteralFact, _thing: ResolvedThing): Fix[] {
  return [];
}
