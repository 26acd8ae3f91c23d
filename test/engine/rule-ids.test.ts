// The rule IDs are listed once (server/src/engine/rules/ids.ts); every other list of rules
// follows it. `node scripts/gen-rule-lists.mjs` rewrites the lists in package.json and the
// schema; docs/rules.md and the README table are written by hand.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseConfig, RULE_IDS, RULES, RULES_BY_ID } from '../../server/src/engine';

const ROOT = path.resolve(__dirname, '../../..');
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), 'utf8');
const REGENERATE = 'run `node scripts/gen-rule-lists.mjs` after changing RULE_IDS';

test('the registry holds one rule per ID, in the order of RULE_IDS, each under its own ID', () => {
  assert.deepEqual(RULES.map((r) => r.id), [...RULE_IDS]);
  for (const id of RULE_IDS) assert.equal(RULES_BY_ID.get(id)?.id, id);
  assert.equal(new Set(RULE_IDS).size, RULE_IDS.length);
  for (const id of RULE_IDS) assert.match(id, /^[a-z]+(-[a-z]+)*$/);
});

test('package.json: the rules setting names exactly the rule IDs', () => {
  const pkg = JSON.parse(read('package.json'));
  const setting = pkg.contributes.configuration.properties['serverlessDomains.rules'];
  assert.deepEqual(setting.propertyNames.enum, [...RULE_IDS], REGENERATE);
});

test('the configuration schema names exactly the rule IDs', () => {
  const schema = JSON.parse(read('schemas/serverless-domains.schema.json'));
  assert.deepEqual(schema.properties.rules.propertyNames.enum, [...RULE_IDS], REGENERATE);
});

test('docs/rules.md has one section per rule, in the order of RULE_IDS', () => {
  const headings = [...read('docs/rules.md').matchAll(/^## (.+)$/gm)].map((m) => m[1].trim());
  assert.deepEqual(headings, [...RULE_IDS]);
});

test('the README table lists every rule with its default severity', () => {
  const rows = [...read('README.md').matchAll(/^\| `([a-z-]+)` \| (\w+) \|/gm)].map((m) => [m[1], m[2]]);
  assert.deepEqual(rows, RULES.map((r) => [r.id, r.defaultSeverity]));
});

test('the configuration file: a rule name that is not a rule is reported, not silently ignored', () => {
  const cfg = parseConfig('rules:\n  orphan-functions: off\n  orphan-function: off\n');
  assert.deepEqual(cfg.rules, { 'orphan-function': { severity: 'off' } });
  assert.equal(cfg.problems.length, 1);
  assert.match(cfg.problems[0], /^rules\.orphan-functions: "orphan-functions" is not a rule \(split-domain, /);
});
