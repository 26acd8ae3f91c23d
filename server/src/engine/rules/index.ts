// The rule registry: every rule of the spec, by ID (the IDs are listed once, in ids.ts).

import { brokenReference } from './broken-reference';
import { deployCycle } from './deploy-cycle';
import { hardcodedReference } from './hardcoded-reference';
import { RULE_IDS, type RuleId } from './ids';
import { lambdaPlaceholder } from './lambda-placeholder';
import { monolithUnit } from './monolith-unit';
import { orphanFunction } from './orphan-function';
import { pipelineOrder } from './pipeline-order';
import { pipelinePaths } from './pipeline-paths';
import type { Rule } from './rule';
import { splitDomain } from './split-domain';
import { syntaxError } from './syntax-error';
import { unresolvedImport } from './unresolved-import';
import { unresolvedInclude } from './unresolved-include';
import { unusedExport } from './unused-export';

/** Every rule by its ID: the compiler insists on one for each ID of `RULE_IDS`, and on no other. */
const REGISTRY: { readonly [K in RuleId]: Rule } = {
  'split-domain': splitDomain,
  'lambda-placeholder': lambdaPlaceholder,
  'hardcoded-reference': hardcodedReference,
  'broken-reference': brokenReference,
  'unresolved-import': unresolvedImport,
  'deploy-cycle': deployCycle,
  'monolith-unit': monolithUnit,
  'orphan-function': orphanFunction,
  'unused-export': unusedExport,
  'syntax-error': syntaxError,
  'unresolved-include': unresolvedInclude,
  'pipeline-order': pipelineOrder,
  'pipeline-paths': pipelinePaths,
};

/** The rules in the order of `RULE_IDS` (the order they run and are listed in). */
export const RULES: readonly Rule[] = RULE_IDS.map((id) => REGISTRY[id]);

export const RULES_BY_ID: ReadonlyMap<RuleId, Rule> = new Map(RULES.map((r) => [r.id, r]));

export { RULE_IDS, isRuleId } from './ids';
export type { RuleId } from './ids';
export type { Rule, RuleContext, RawFinding } from './rule';
