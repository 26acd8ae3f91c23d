// Bad input through the protocol (the contract's "Bad input"): file-change events that name
// links, FIFOs and folders, edits past the size limit, mistyped settings and null parameters.

import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { writeWorkspace } from '../harness';
import { TestClient } from './client';

const WS = `
# --- app/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Q:
    Type: AWS::SQS::Queue
    DependsOn: Missing
# --- other/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  T:
    Type: AWS::SNS::Topic
    DependsOn: Absent
`;

const SECRET = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  SecretQueue:\n    Type: AWS::SQS::Queue\n";

type Graph = { folders: Array<{ units: Array<{ id: string }> }> };

async function units(c: TestClient): Promise<string[]> {
  const g = await c.conn.sendRequest<Graph>('serverlessDomains/domainGraph');
  return g.folders.flatMap((f) => f.units.map((u) => u.id)).sort();
}

function mkfifo(file: string): boolean {
  try {
    execFileSync('mkfifo', [file]);
    return true;
  } catch {
    return false;
  }
}

test('a symbolic link named in a file-change event is not followed out of the workspace', async () => {
  const root = writeWorkspace(WS);
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-outside-'));
  fs.writeFileSync(path.join(outside, 'template.yaml'), SECRET);
  const c = new TestClient(root);
  try {
    await c.start();
    fs.mkdirSync(path.join(root, 'evil'));
    fs.symlinkSync(path.join(outside, 'template.yaml'), path.join(root, 'evil/template.yaml'));
    fs.symlinkSync(outside, path.join(root, 'linked'));
    const analysed = c.nextGraphChange();
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: c.uri('evil/template.yaml'), type: 1 },
        { uri: c.uri('linked/template.yaml'), type: 1 },
      ],
    });
    await analysed;
    assert.deepEqual(await units(c), ['app/template.yaml', 'other/template.yaml']);
    const h = await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: c.uri('evil/template.yaml') }, position: { line: 2, character: 4 } });
    assert.equal(h, null);
    await c.waitFor('the skip reasons', () => c.logs.some((l) => /evil\/template\.yaml: a symbolic link/.test(l)) && c.logs.some((l) => /linked\/template\.yaml: .*leads out of the workspace/.test(l)));
  } finally {
    await c.stop();
  }
});

test('a FIFO is skipped with a reason by the scan and by file-change events, never opened', async (t) => {
  const root = writeWorkspace(WS);
  fs.mkdirSync(path.join(root, 'pipe'));
  if (!mkfifo(path.join(root, 'pipe/template.yaml'))) return t.skip('no mkfifo here');
  const c = new TestClient(root);
  try {
    await c.start();
    await c.waitFor('the scan to log the FIFO', () => c.logs.some((l) => /pipe\/template\.yaml: a FIFO/.test(l)));
    fs.mkdirSync(path.join(root, 'later'));
    mkfifo(path.join(root, 'later/serverless.yml'));
    const analysed = c.nextGraphChange();
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('later/serverless.yml'), type: 1 }] });
    await analysed;
    assert.deepEqual(await units(c), ['app/template.yaml', 'other/template.yaml']);
    await c.waitFor('the event to log the FIFO', () => c.logs.some((l) => /later\/serverless\.yml: a FIFO/.test(l)));
  } finally {
    await c.stop();
  }
});

test('a file edited past the size limit drops its findings and shows its skip reason', async () => {
  const root = writeWorkspace(WS);
  const c = new TestClient(root, { settings: { maxFileSize: 2000 } });
  try {
    await c.start();
    await c.openFile('app/template.yaml');
    await c.waitFor('the finding', () => c.codes('app/template.yaml').includes('broken-reference'));
    await c.edit('app/template.yaml', [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, newText: '#'.repeat(3000) + '\n' }]);
    await c.waitFor('the findings to go', () => c.diagnostics.get(c.uri('app/template.yaml'))?.length === 0);
    await c.waitFor('the skip reason', () => c.logs.some((l) => /app\/template\.yaml: larger than 2000/.test(l)));
  } finally {
    await c.stop();
  }
});

test('folder deletes and renames sent as folder events are followed', async () => {
  const root = writeWorkspace(WS);
  const c = new TestClient(root);
  try {
    await c.start();
    await c.waitFor('findings in both', () => c.codes('app/template.yaml').length && c.codes('other/template.yaml').length);
    fs.renameSync(path.join(root, 'app'), path.join(root, 'renamed'));
    let analysed = c.nextGraphChange();
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('app'), type: 3 }, { uri: c.uri('renamed'), type: 1 }] });
    await analysed;
    assert.deepEqual(await units(c), ['other/template.yaml', 'renamed/template.yaml']);
    await c.waitFor('the old path cleared', () => c.diagnostics.get(c.uri('app/template.yaml'))?.length === 0);
    fs.rmSync(path.join(root, 'other'), { recursive: true });
    analysed = c.nextGraphChange();
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('other'), type: 3 }] });
    await analysed;
    assert.deepEqual(await units(c), ['renamed/template.yaml']);
    await c.waitFor('the deleted folder cleared', () => c.diagnostics.get(c.uri('other/template.yaml'))?.length === 0);
  } finally {
    await c.stop();
  }
});

test('a mistyped rule severity is reported and replaced by the rule default', async () => {
  const root = writeWorkspace(WS);
  const c = new TestClient(root, { settings: { rules: { 'broken-reference': 'loud' }, debounce: 'soon' } });
  try {
    await c.start();
    const diags = await c.waitFor('diagnostics', () => {
      const d = c.diagnostics.get(c.uri('app/template.yaml'));
      return d?.length ? d : undefined;
    });
    assert.ok(diags.every((d) => typeof d.severity === 'number'), JSON.stringify(diags));
    await c.waitFor('the settings problems', () => c.logs.some((l) => /rules\.broken-reference: "loud" is not a severity/.test(l)) && c.logs.some((l) => /debounce: "soon"/.test(l)));
  } finally {
    await c.stop();
  }
});

test('custom requests accept absent and null parameters', async () => {
  const root = writeWorkspace(WS);
  const c = new TestClient(root);
  try {
    await c.start();
    for (const params of [undefined, null, [], {}]) {
      const g = await c.conn.sendRequest<Graph>('serverlessDomains/domainGraph', params);
      assert.equal(g.folders[0].units.length, 2, JSON.stringify(params));
      assert.equal(await c.conn.sendRequest('serverlessDomains/extractDomain', params), null);
    }
    assert.equal(await c.conn.sendRequest('serverlessDomains/extractDomain', { folder: 7, domain: null }), null);
  } finally {
    await c.stop();
  }
});
