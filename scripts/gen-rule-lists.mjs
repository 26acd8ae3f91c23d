// Rewrites the lists of rule IDs in package.json (the `serverlessDomains.rules` setting) and
// schemas/serverless-domains.schema.json from the one list, RULE_IDS in
// server/src/engine/rules/ids.ts. `--check` only reports drift (exit 1).
// test/engine/rule-ids.test.ts fails when they drift; docs/rules.md and the README are prose.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');

const src = fs.readFileSync(path.join(root, 'server/src/engine/rules/ids.ts'), 'utf8');
const list = /export const RULE_IDS = \[([^\]]*)\] as const;/.exec(src);
if (!list) throw new Error('RULE_IDS not found in server/src/engine/rules/ids.ts');
const ids = [...list[1].matchAll(/'([a-z-]+)'/g)].map((m) => m[1]);

let drift = false;
function update(file, next) {
  const p = path.join(root, file);
  const before = fs.readFileSync(p, 'utf8');
  const after = next(before);
  if (after === before) return;
  drift = true;
  if (check) console.error(`${file}: its rule IDs differ from RULE_IDS`);
  else {
    fs.writeFileSync(p, after);
    console.log(`${file}: rule IDs updated`);
  }
}

update('package.json', (text) => {
  const pkg = JSON.parse(text);
  pkg.contributes.configuration.properties['serverlessDomains.rules'].propertyNames.enum = ids;
  return JSON.stringify(pkg, null, 2) + '\n';
});

update('schemas/serverless-domains.schema.json', (text) =>
  text.replace(/("propertyNames": \{\s*"enum": )\[[^\]]*\]/, (_, head) => `${head}[${ids.map((id) => JSON.stringify(id)).join(', ')}]`),
);

if (check && drift) process.exit(1);
