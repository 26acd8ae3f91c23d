// The seam every kind of deployment unit goes through: how its files are recognised, how a
// unit's facts are extracted (into the kind-neutral model every rule reads), and the text edits
// its fixes need. Serverless services, SAM/CloudFormation templates and Terraform root modules
// each implement it (serverless.ts, template.ts, terraform.ts); the workspace decides which
// files form which unit and caches facts by content, and knows nothing else of any kind.

import type { Config } from '../config';
import type { ResolvedThing } from '../link-types';
import type { LiteralFact, UnitFacts } from '../model';
import type { ParsedFile } from '../parse';
import type { RuleContext } from '../rules/rule';
import type { HclFile } from '../terraform/hcl-model';
import type { TfUnitPlan } from '../terraform/units';
import type { Fix, Loc, UnitKind } from '../types';
import type { FileRole } from '../units';

/** What a kind may read of the workspace while extracting a unit's facts; every file read is recorded. */
export interface KindHost {
  readonly config: Config;
  readonly rootName: string;
  text(file: string): string;
  parsed(file: string): ParsedFile | undefined;
  exists(file: string): boolean;
  hcl(file: string): HclFile | undefined;
  /** The role the workspace gave a file (serverless, template of a kind, other). */
  role(file: string): FileRole;
}

/** One unit to extract: its main file and what the workspace decided about it. */
export type UnitSpec =
  | { kind: 'serverless'; id: string }
  | { kind: 'template'; id: string; stackName: string; nestedAs?: string; guessed: boolean; alternatives?: string[]; overrides?: Record<string, string> }
  | { kind: 'terraform'; id: string; plan: TfUnitPlan; open: boolean; filesOf(dir: string): string[] };

export interface Extracted {
  facts: UnitFacts;
  /** Every file the facts were read from (the cache is valid while none of them changes). */
  files: string[];
}

export interface UnitKindSeam {
  /** The unit kinds this seam produces. */
  readonly kinds: readonly UnitKind[];
  /** Whether a file is the main file of a unit of this kind (for templates: after its role is known). */
  recognises(path: string, role: FileRole): boolean;
  /** What, besides the files, decides the facts (stack names, overrides, the configuration): part of the cache key. */
  cacheKey(spec: UnitSpec, host: KindHost): string;
  extract(spec: UnitSpec, host: KindHost): Extracted;
  /** The fixes that replace a hard-coded literal with a reference of this kind (`!GetAtt`, `${cf:}`, a Terraform address). */
  hardcodedFixes(ctx: RuleContext, facts: UnitFacts, lit: LiteralFact, thing: ResolvedThing): Fix[];
  /** The comment that starts a line in this kind's files (`#`), or undefined where the format has none (JSON). */
  lineComment(facts: UnitFacts, file: string): string | undefined;
}

/** A finding at the unit's first line when extraction stops early (a bug, never a crash). */
export function stoppedEarly(facts: UnitFacts, what: string, e: unknown): void {
  facts.issues.push({ rule: 'unresolved-include', loc: facts.firstLineLoc, subject: facts.id, message: `The analysis of ${what} stopped early: ${(e as Error).message}` });
}

export type { Loc };
