// Reading a workspace from disk: the scan (and the server's watcher) enter the folders that may
// hold an included file, and no excluded one.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { configFilter, loadWorkspace } from '../../server/src/node/load';
import { writeWorkspace } from '../harness';

const SERVICE = 'service: s\nprovider: { name: aws }\nfunctions:\n  f:\n    handler: h.x\n';

test('an include below the top level is reached: its parent folders are entered, others are not', () => {
  const root = writeWorkspace(`
# --- .serverless-domains.yml
include: ["teams/orders/**"]
exclude: ["teams/orders/legacy/**"]
# --- teams/orders/api/serverless.yml
${SERVICE}
# --- teams/orders/legacy/serverless.yml
${SERVICE}
# --- teams/billing/serverless.yml
${SERVICE}
`);
  const ws = loadWorkspace(root).workspace;
  assert.deepEqual(ws.paths().filter((p) => p.endsWith('serverless.yml')), ['teams/orders/api/serverless.yml']);
  const filter = configFilter(root);
  assert.deepEqual(['teams', 'teams/orders', 'teams/orders/api', 'teams/billing', 'teams/orders/legacy'].map((d) => filter.folder(d)), [true, true, true, false, false]);
});
