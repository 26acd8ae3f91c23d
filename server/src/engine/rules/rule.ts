// What a rule sees and returns.

import type { Config } from '../config';
import type { LinkView } from '../link-view';
import type { UnitFacts } from '../model';
import type { ParsedFile } from '../parse';
import type { Fix, Loc, RelatedLocation, Severity } from '../types';
import type { RuleId } from './ids';
import type { PipelineLink } from '../pipeline/link';

export interface Deployer {
  /** The script or CI file that deploys code into a function. */
  file: string;
  functionName: string;
  loc: Loc;
}

export interface RuleContext {
  linked: LinkView;
  config: Config;
  text(file: string): string;
  parsed(file: string): ParsedFile | undefined;
  /** The parse errors of a file (empty when it parses). */
  parseErrorsOf(file: string): ParsedFile | undefined;
  /** Scripts and CI files that run `aws lambda update-function-code --function-name NAME`. */
  deployersOf(name: string): Deployer[];
  /** Scripts and CI files that run `update-function-code` with a function name only the run decides (`$functionName`). */
  computedDeployers(): Deployer[];
  /** Whether a script or CI file of the workspace names `word` as a whole word (hyphens are word characters). */
  scriptsMention(word: string): boolean;
  /** Whether a line of a script or CI file that invokes a function (`aws lambda invoke`, `sls invoke`, the SDK) names this word. */
  scriptsInvoke(word: string): boolean;
  /** Whether a source file that invokes a function through an SDK (`InvokeCommand`, `lambda.invoke(`, boto3) names this word. */
  codeInvokes(word: string): boolean;
  /** The workspace's pipelines linked to its units (no pipelines: every pipeline rule stays silent). */
  pipelines(): PipelineLink;
  /** Include problems and other per-unit issues already found during extraction. */
  threshold(rule: RuleId, def: number): number;
  /** A coupling the configuration allows (`allow: [{from, to}]`), by unit path or domain name. */
  allowed(from: { unit: string; domain?: string }, to: { unit: string; domain?: string }): boolean;
}

export interface RawFinding {
  loc: Loc;
  message: string;
  subject: string;
  /** A severity of this finding other than the rule's default (pipeline-order's error); the configuration's severity for the rule still wins. */
  severity?: Severity;
  related?: RelatedLocation[];
  /** Fixes, or a function that computes them when someone asks (an editor asks for one line at a time). */
  fixes?: Fix[] | (() => Fix[]);
}

export interface Rule {
  id: RuleId;
  defaultSeverity: Severity;
  /** One sentence for docs, SARIF rule metadata and hovers. */
  description: string;
  /** The findings reported in one unit's files (its own and those it includes). */
  check(ctx: RuleContext, facts: UnitFacts): RawFinding[];
}
