// The public API of the analysis engine. Pure: no editor, no protocol, no file system.

export { Workspace, invokesThroughSdk, isScriptFile, isSourceFile, DEFAULT_MAX_FILE_SIZE } from './workspace';
export type { AnalysisResult, UnitSummary, WorkspaceOptions } from './workspace';
export type { Domain, CrossEdge, EdgeKind, TriggerNode, FunctionNode } from './link';
export { RULES, RULES_BY_ID, RULE_IDS, isRuleId } from './rules';
export type { RuleId } from './rules';
export { CONFIG_FILE, DEFAULT_EXCLUDE, parseConfig, fileFilter, folderFilter } from './config';
export type { Config } from './config';
export { LineIndex } from './text';
export { applyEdits } from './fixes/edits';
export { identityOf, identityKey, unitOfFile, type FindingIdentity } from './identity';
export { BASELINE_FILE, BaselineError, baselineEntries, compareToBaseline, readBaseline, writeBaseline } from './baseline';
export type { Baseline, BaselineEntry, BaselineComparison } from './baseline';
export { isCandidate } from './units';
export * from './types';
export { Query } from './query';
export type { ThingAt, SymbolInfo, LensInfo, CompletionInfo, DomainGraph, GraphMember } from './query';
export { classifyDomains, patternText, PATTERNS, PATTERN_WORDS } from './patterns';
export type { Pattern, PatternSummary, DomainPattern } from './patterns';
export type { PipelineLink, PipelineView, LinkedDeploy, LinkedCodeDeploy, UnmatchedDeploy } from './pipeline/link';
export { pipelineTree } from './query-pipelines';
export type { PipelineTree, PipelineTreeJob } from './query-pipelines';
