// Terraform files in the editor, over the real protocol: a `.tf` document opened, changed and
// closed flows like a YAML one, the editor is asked to watch `.tf` files, and the server's own
// watcher reports them.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import picomatch from 'picomatch';
import { writeWorkspace } from '../harness';
import { clientIdentity, TestClient } from './client';

const WS = `
# --- infra/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Q:
    Type: AWS::SQS::Queue
# --- tf/main.tf
resource "aws_sqs_queue" "q" {
  name = "orders"
}
`;

const BROKEN = 'resource "aws_sqs_queue" "q" {\n  name = "orders"\n';
const VALID = 'resource "aws_sqs_queue" "q" {\n  name = "orders"\n}\n';


type Pulled = { kind: string; items?: Array<{ code: string }> };

test('a .tf document flows like a YAML one: its opened and changed texts get diagnostics with their versions', async () => {
  const c = new TestClient(writeWorkspace(WS));
  try {
    await c.start();
    const uri = c.uri('tf/main.tf');
    await c.openFile('tf/main.tf');
    await c.waitFor('diagnostics for the opened .tf document', () => c.versions.get(uri) === 1);
    await c.replaceAll('tf/main.tf', BROKEN);
    await c.waitFor('diagnostics for the changed .tf document', () => c.versions.get(uri) === 2);
    // The bundled server loaded tree-sitter and its grammar (embedded) at initialisation.
    assert.ok(!c.logs.some((l) => l.includes('HCL parser could not load')), c.logs.join('\n'));
  } finally {
    await c.stop();
  }
});

test('the editor is asked to watch .tf and .tf.json files for changes', async () => {
  const c = new TestClient(writeWorkspace(WS));
  try {
    await c.start();
    const watched = (rel: string) => c.watchedGlobs.some((g) => picomatch(g, { dot: true })(rel));
    assert.ok(watched('tf/main.tf'), `no watcher for tf/main.tf among ${c.watchedGlobs.join(', ')}`);
    assert.ok(watched('tf/main.tf.json'));
  } finally {
    await c.stop();
  }
});

test('a broken .tf document gets a syntax-error, pushed, until it is fixed or closed', async () => {
  const c = new TestClient(writeWorkspace(WS));
  try {
    await c.start();
    await c.openFile('tf/main.tf');
    await c.replaceAll('tf/main.tf', BROKEN);
    await c.waitFor('syntax-error on the broken .tf document', () => c.codes('tf/main.tf').includes('syntax-error'), 5000);
    await c.replaceAll('tf/main.tf', VALID);
    await c.waitFor('the syntax-error to go', () => !c.codes('tf/main.tf').includes('syntax-error'), 5000);
    await c.replaceAll('tf/main.tf', BROKEN);
    await c.waitFor('syntax-error again', () => c.codes('tf/main.tf').includes('syntax-error'), 5000);
    // Closed unsaved: the text on disk (valid) counts again.
    await c.conn.sendNotification('textDocument/didClose', { textDocument: { uri: c.uri('tf/main.tf') } });
    await c.waitFor('the syntax-error to go with the closed document', () => !c.codes('tf/main.tf').includes('syntax-error'), 5000);
  } finally {
    await c.stop();
  }
});

test('a broken .tf document opened in an editor that pulls diagnostics', async (t) => {
  const c = new TestClient(writeWorkspace(WS), { pull: true });
  try {
    await c.start();
    await c.openFile('tf/main.tf');
    await c.replaceAll('tf/main.tf', BROKEN);
    const r = await c.conn.sendRequest<Pulled>('textDocument/diagnostic', { textDocument: { uri: c.uri('tf/main.tf') } });
    assert.equal(r.kind, 'full');
    await t.test('it gets a syntax-error', () => {
      assert.ok(r.items!.some((i) => i.code === 'syntax-error'), JSON.stringify(r.items));
    });
  } finally {
    await c.stop();
  }
});

test('a broken .tf file written to disk reaches the server through its own watcher', async () => {
  const root = writeWorkspace(WS);
  // Neovim 0.10 registers no file watchers: the server watches the folder itself.
  const c = new TestClient(root, { identity: clientIdentity('neovim-0.10') });
  try {
    await c.start();
    await c.waitFor('the server watching the folder', () => c.logs.some((l) => l.includes('the server watches')));
    fs.writeFileSync(path.join(root, 'tf/main.tf'), BROKEN);
    await c.waitFor('syntax-error on the .tf file changed on disk', () => c.codes('tf/main.tf').includes('syntax-error'), 5000);
  } finally {
    await c.stop();
  }
});
