// Terraform files on disk: the scan, the loader and the server's own watcher read `.tf` and
// `.tf.json` files, never what `terraform init` puts under `.terraform/`, nor state files.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DEFAULT_MAX_FILE_SIZE } from '../../server/src/engine';
import { configFilter, loadWorkspaceWithHcl, scanFolder, wanted } from '../../server/src/node/load';
import { watchFolder, WatchEvent } from '../../server/src/node/watch';
import { writeWorkspace } from '../harness';

const QUEUE = 'resource "aws_sqs_queue" "q" {\n  name = "orders"\n}\n';

const WS = `
# --- infra/main.tf
${QUEUE}
# --- infra/lambda.tf.json
{ "resource": { "aws_lambda_function": { "f": { "function_name": "f" } } } }
# --- infra/.terraform/modules/m/main.tf
${QUEUE}
# --- infra/terraform.tfstate
{ "version": 4 }
`;

test('wanted: .tf and .tf.json files are read, state files and look-alikes are not', () => {
  for (const rel of ['main.tf', 'infra/prod/variables.tf', 'infra/lambda.tf.json']) assert.ok(wanted(rel), rel);
  for (const rel of ['terraform.tfstate', 'terraform.tfstate.backup', 'infra/main.tf.bak', 'infra/main.TF.orig', '.terraform.lock.hcl']) assert.ok(!wanted(rel), rel);
});

test('the scan reads .tf and .tf.json files and never enters .terraform/', () => {
  const root = writeWorkspace(WS);
  const found = [...scanFolder(root, configFilter(root), DEFAULT_MAX_FILE_SIZE).keys()].sort();
  assert.deepEqual(found, ['infra/lambda.tf.json', 'infra/main.tf']);
});

test('loadWorkspaceWithHcl loads the HCL parser for a folder with Terraform files, and the analysis finishes', async () => {
  const root = writeWorkspace(WS);
  const loaded = await loadWorkspaceWithHcl(root);
  assert.equal(loaded.hclError, undefined);
  assert.equal(loaded.workspace.getText('infra/main.tf'), QUEUE);
  assert.ok(loaded.workspace.analyze());
});

test("the server's own watcher reports a .tf file written to disk, not one under .terraform/", async () => {
  const root = writeWorkspace(WS);
  const events: WatchEvent[] = [];
  let wake: () => void = () => undefined;
  const w = watchFolder(
    root,
    (batch) => {
      events.push(...batch);
      wake();
    },
    (e) => assert.fail(e),
  );
  try {
    await w.ready;
    const seen = new Promise<void>((resolve) => (wake = () => events.some((e) => e.rel === 'infra/queues.tf') && resolve()));
    fs.writeFileSync(path.join(root, 'infra/.terraform/modules/m/extra.tf'), QUEUE);
    fs.writeFileSync(path.join(root, 'infra/queues.tf'), QUEUE);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no event for infra/queues.tf: ${JSON.stringify(events)}`)), 10000)));
    await Promise.race([seen, deadline]).finally(() => clearTimeout(timer));
    assert.ok(events.some((e) => e.rel === 'infra/queues.tf' && e.kind === 'created'));
    assert.ok(!events.some((e) => e.rel.includes('.terraform')), JSON.stringify(events));
  } finally {
    await w.close();
  }
});
