// The rule registry: every rule of the spec, by ID.

import { brokenReference } from './broken-reference';
import { deployCycle } from './deploy-cycle';
import { hardcodedReference } from './hardcoded-reference';
import { lambdaPlaceholder } from './lambda-placeholder';
import { monolithUnit } from './monolith-unit';
import { orphanFunction } from './orphan-function';
import type { Rule } from './rule';
import { splitDomain } from './split-domain';
import { syntaxError } from './syntax-error';
import { unresolvedImport } from './unresolved-import';
import { unresolvedInclude } from './unresolved-include';
import { unusedExport } from './unused-export';

export const RULES: readonly Rule[] = [
  splitDomain,
  lambdaPlaceholder,
  hardcodedReference,
  brokenReference,
  unresolvedImport,
  deployCycle,
  monolithUnit,
  orphanFunction,
  unusedExport,
  syntaxError,
  unresolvedInclude,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));

export type { Rule, RuleContext, RawFinding } from './rule';
