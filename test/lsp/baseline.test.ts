// The editor honours the baseline file: known findings are hints with "known (baseline)" in the
// message, or hidden (serverlessDomains.baseline.known = hide); the file is read again when it
// changes on disk; Write Baseline (workspace/executeCommand) writes it from the current findings.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { writeWorkspace } from '../harness';
import { ESTATE } from '../engine/baseline-estate';
import { TestClient } from './client';

const BASELINE = '.serverless-domains-baseline.json';
const REPORTS = 'reports/serverless.yml';
const HINT = 4;

function summary(c: TestClient, rel: string): string[] {
  return (c.diagnostics.get(c.uri(rel)) ?? []).map((d) => `${d.code} ${d.severity}${d.message.includes('known (baseline)') ? ' known' : ''}`).sort();
}

test('Write Baseline writes the file from the current findings; they turn into known hints; a new finding is not known', async () => {
  const root = writeWorkspace(ESTATE);
  const c = new TestClient(root, { settings: { debounce: 0 } });
  try {
    const init = await c.start();
    assert.ok(init.capabilities.executeCommandProvider?.commands.includes('serverlessDomains.writeBaseline'));
    await c.waitFor('diagnostics', () => summary(c, REPORTS).length === 6);
    assert.ok(summary(c, REPORTS).includes('hardcoded-reference 2'));
    const written = await c.conn.sendRequest<string[]>('workspace/executeCommand', { command: 'serverlessDomains.writeBaseline', arguments: [] });
    assert.deepEqual(written, [path.join(root, BASELINE)]);
    assert.ok(JSON.parse(fs.readFileSync(path.join(root, BASELINE), 'utf8')).findings.length > 0);
    await c.waitFor('known hints', () => summary(c, REPORTS).every((s) => s.endsWith(`${HINT} known`)) && summary(c, 'shared/template.yaml').every((s) => s.endsWith('known')));
    assert.ok(c.messages.some((m) => m.startsWith('Wrote ') && m.includes(BASELINE)));

    // A new finding of the same rule on another subject is shown as it is.
    const changed = c.nextGraphChange();
    fs.appendFileSync(path.join(root, REPORTS), '  third:\n    handler: third.handler\n');
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri(REPORTS), type: 2 }] });
    await changed;
    await c.waitFor('one finding not known', () => summary(c, REPORTS).filter((s) => !s.endsWith('known')).join() === `orphan-function ${HINT}` && summary(c, REPORTS).length === 7);
  } finally {
    await c.stop();
  }
});

test('hide: known findings are not shown; deleting the baseline shows them again; a bad baseline is logged and ignored', async () => {
  const root = writeWorkspace(ESTATE);
  const c = new TestClient(root, { settings: { debounce: 0 } });
  try {
    await c.start();
    await c.conn.sendRequest('workspace/executeCommand', { command: 'serverlessDomains.writeBaseline', arguments: [] });
    await c.waitFor('known hints', () => summary(c, REPORTS).length === 6 && summary(c, REPORTS).every((s) => s.endsWith('known')));

    c.settings = { debounce: 0, baseline: { known: 'hide' } };
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await c.waitFor('known findings hidden', () => summary(c, REPORTS).length === 0 && summary(c, 'shared/template.yaml').length === 0);

    fs.rmSync(path.join(root, BASELINE));
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri(BASELINE), type: 3 }] });
    await c.waitFor('findings shown again', () => summary(c, REPORTS).length === 6 && !summary(c, REPORTS).some((s) => s.endsWith('known')));

    fs.writeFileSync(path.join(root, BASELINE), '{"version": 1, "findings": 3}');
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri(BASELINE), type: 1 }] });
    await c.waitFor('the bad baseline logged', () => c.logs.some((m) => m.includes(`${BASELINE} is not a baseline file`) && m.includes('"findings" must be a list')));
    assert.equal(summary(c, REPORTS).length, 6);
    // The baseline file is never analysed as a unit.
    assert.equal(c.diagnostics.get(c.uri(BASELINE)), undefined);
  } finally {
    await c.stop();
  }
});

test('other editors get Write Baseline from executeCommandProvider; known findings from a baseline on disk at start', async () => {
  const root = writeWorkspace(ESTATE);
  const first = new TestClient(root, { settings: { debounce: 0 } });
  try {
    await first.start();
    await first.conn.sendRequest('workspace/executeCommand', { command: 'serverlessDomains.writeBaseline', arguments: [first.uri('')] });
  } finally {
    await first.stop();
  }
  const c = new TestClient(root, { settings: { debounce: 0 } });
  try {
    await c.start();
    await c.waitFor('known hints at start', () => summary(c, REPORTS).length === 6 && summary(c, REPORTS).every((s) => s.endsWith('known')));
  } finally {
    await c.stop();
  }
});

test('an editor that cannot watch files (Helix): the server watches the baseline file itself', async () => {
  const root = writeWorkspace(ESTATE);
  const c = new TestClient(root, {
    identity: { capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } }, clientInfo: { name: 'helix' } },
    initializationOptions: { debounce: 0 },
  });
  try {
    const init = await c.start();
    assert.ok(init.capabilities.executeCommandProvider?.commands.includes('serverlessDomains.writeBaseline'));
    await c.waitFor('the server watching', () => c.logs.some((m) => m.includes('so the server watches')));
    const analyses = c.graphChanges;
    await c.conn.sendRequest('workspace/executeCommand', { command: 'serverlessDomains.writeBaseline' });
    await c.waitFor('known hints', () => summary(c, REPORTS).length === 6 && summary(c, REPORTS).every((s) => s.endsWith('known')));
    // The command's own analysis, then the one after the watcher saw the file written.
    await c.waitFor('the watcher seeing the new file', () => c.graphChanges >= analyses + 2);
    fs.rmSync(path.join(root, BASELINE));
    await c.waitFor('findings shown again once the file is gone', () => summary(c, REPORTS).length === 6 && !summary(c, REPORTS).some((s) => s.endsWith('known')));
  } finally {
    await c.stop();
  }
});
