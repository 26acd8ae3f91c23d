// The rule IDs: the one list every other list of rules follows. The registry (`index.ts`)
// must hold a rule for each (the compiler checks), and the lists in package.json
// (`serverlessDomains.rules`), schemas/serverless-domains.schema.json and docs/rules.md are
// checked against it by test/engine/rule-ids.test.ts. Adding a rule: its ID here, its file in
// this folder, its entry in the registry, then `npm run gen:rules` and a section
// in docs/rules.md and a row in the README table.

export const RULE_IDS = [
  'split-domain',
  'lambda-placeholder',
  'hardcoded-reference',
  'broken-reference',
  'unresolved-import',
  'deploy-cycle',
  'monolith-unit',
  'orphan-function',
  'unused-export',
  'syntax-error',
  'unresolved-include',
  'pipeline-order',
  'pipeline-paths',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

const KNOWN: ReadonlySet<string> = new Set(RULE_IDS);

export function isRuleId(s: string): s is RuleId {
  return KNOWN.has(s);
}
