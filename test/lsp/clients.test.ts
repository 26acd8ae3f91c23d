// The server with other editors' capabilities: Neovim 0.10 and 0.12 as they introduce themselves
// (test/lsp/clients/*.json): no dynamic file watcher registration, no documentChanges, Neovim's
// pull diagnostics. Cross-file edits must reach open and unopened files, files changed on disk
// must be picked up without the client's help, and every offered edit must apply as that client
// applies it.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, CodeLens, Diagnostic, InitializeResult, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { writeWorkspace } from '../harness';
import { clientIdentity, TestClient } from './client';
import { MONO } from './estates';

const ESTATE = `
# --- infra/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  OrdersQueue:
    Type: AWS::SQS::Queue
Outputs:
  OrdersQueueArn:
    Value: !GetAtt OrdersQueue.Arn
    Export:
      Name: infra-OrdersQueueArn
# --- app/serverless.yml
service: app
provider:
  name: aws
functions:
  processOrder:
    handler: src/process.handler
    events:
      - sqs: !ImportValue infra-OrdersQueueArn
# --- billing/serverless.yml
service: billing
provider:
  name: aws
  environment:
    ORDERS_QUEUE: !ImportValue infra-OrdersQueueArn
functions:
  bill:
    handler: src/bill.handler
    events:
      - schedule: rate(1 hour)
`;


const BROKEN = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  F:\n    Type: AWS::SQS::Queue\n    DependsOn: Nope\n";
const FINE = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  F:\n    Type: AWS::SQS::Queue\n";

/** Starts a client and waits until the server watches the workspace itself. */
async function started(c: TestClient): Promise<InitializeResult> {
  const init = await c.start();
  await c.waitFor('the server watching the workspace', () => c.logs.some((m) => m.includes('so the server watches')));
  return init;
}

/** Every published finding, as "file rule". */
function findings(c: TestClient): string[] {
  const out: string[] = [];
  for (const [uri, list] of c.diagnostics) for (const d of list) out.push(`${c.rel(uri)} ${d.code}`);
  return out.sort();
}

async function actionsAt(c: TestClient, rel: string, d: Diagnostic): Promise<CodeAction[]> {
  return c.conn.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: c.uri(rel) }, range: d.range, context: { diagnostics: [d] } });
}

/** The edit is one the client reads: `changes`, or `documentChanges` only to create a file it can create. */
function assertApplicable(a: CodeAction): void {
  const e = a.edit as WorkspaceEdit;
  if (!e.documentChanges) {
    assert.ok(e.changes && Object.keys(e.changes).length, `${a.title}: plain changes`);
    return;
  }
  const ops = e.documentChanges as Array<{ kind?: string; options?: unknown }>;
  assert.ok(ops.some((o) => o.kind === 'create'), `${a.title}: documentChanges only for an edit that creates a file`);
  for (const o of ops) if (o.kind) assert.deepEqual([o.kind, o.options], ['create', { overwrite: false, ignoreIfExists: false }], a.title);
}

for (const name of ['neovim-0.10', 'neovim-0.12']) {
  describe(`with the capabilities of ${name}`, () => {
    let root: string;
    let c: TestClient;
    before(async () => {
      root = writeWorkspace(ESTATE);
      c = new TestClient(root, { identity: clientIdentity(name), editInBuffers: true });
      const init = await started(c);
      assert.equal(init.capabilities.diagnosticProvider, undefined, 'diagnostics are pushed');
      assert.ok(c.logs.some((m) => m.startsWith('Diagnostics: pushed by the server')), c.logs.join('\n'));
    });
    after(() => c.stop());

    test('an edit in one file updates the diagnostics of open and unopened files', async () => {
      await c.waitFor('split-domain', () => c.codes('app/serverless.yml').includes('split-domain'));
      await c.openFile('infra/template.yaml');
      await c.openFile('app/serverless.yml');
      const text = c.open.get('infra/template.yaml')!.getText();
      await c.replaceAll('infra/template.yaml', text.replace('Name: infra-OrdersQueueArn', 'Name: infra-Other'));
      await c.waitFor('the open and the unopened importer to lose their export', () => c.codes('app/serverless.yml').includes('unresolved-import') && c.codes('billing/serverless.yml').includes('unresolved-import'));
      assert.ok(!c.codes('app/serverless.yml').includes('split-domain'));
      await c.replaceAll('infra/template.yaml', text);
      await c.waitFor('both importers resolved again', () => c.codes('app/serverless.yml').includes('split-domain') && c.codes('billing/serverless.yml').length === 0);
    });

    test('files created, changed and deleted on disk are picked up without the client', async () => {
      fs.mkdirSync(path.join(root, 'extra'));
      fs.writeFileSync(path.join(root, 'extra/template.yaml'), BROKEN);
      await c.waitFor('a new file on disk analysed', () => c.codes('extra/template.yaml').includes('broken-reference'));
      fs.writeFileSync(path.join(root, 'extra/template.yaml'), FINE);
      await c.waitFor('its change on disk analysed', () => c.diagnostics.get(c.uri('extra/template.yaml'))?.length === 0);
      fs.writeFileSync(path.join(root, 'extra/template.yaml'), BROKEN);
      await c.waitFor('broken again', () => c.codes('extra/template.yaml').includes('broken-reference'));
      fs.rmSync(path.join(root, 'extra'), { recursive: true });
      await c.waitFor('a deleted folder leaves the analysis', () => c.diagnostics.get(c.uri('extra/template.yaml'))?.length === 0);
      // A unit deleted on disk: billing's import is no longer anyone's concern, the template's export is unused.
      fs.rmSync(path.join(root, 'billing/serverless.yml'));
      await c.waitFor('the deleted unit gone', () => c.diagnostics.get(c.uri('billing/serverless.yml'))?.length === 0 && c.codes('app/serverless.yml').includes('split-domain'));
    });

    test('lenses run: their command is the server\'s own, and it tells the domain', async () => {
      const init = c.conn;
      const lenses = await init.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: c.uri('app/serverless.yml') } });
      assert.ok(lenses.length);
      for (const l of lenses) assert.equal(l.command!.command, 'serverlessDomains.describeDomain');
      await init.sendRequest('workspace/executeCommand', { command: lenses[0].command!.command, arguments: lenses[0].command!.arguments });
      const msg = await c.waitFor('the lens message', () => c.messages.find((m) => m.startsWith('Domain OrdersQueue')));
      assert.match(msg, /triggered by OrdersQueue \(infra\/template\.yaml\); functions processOrder \(app\/serverless\.yml\); 2 units, split across units\./);
      // A client that can be asked to fetch lenses again is asked after every analysis (0.12 can, 0.10 cannot).
      const refreshes = c.lensRefreshes;
      const analysed = c.nextGraphChange();
      await c.edit('app/serverless.yml', [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '# lens\n' }]);
      await analysed;
      if (name === 'neovim-0.12') await c.waitFor('a lens refresh', () => c.lensRefreshes > refreshes);
      else assert.equal(c.lensRefreshes, 0);
      await c.edit('app/serverless.yml', [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, newText: '' }]);
    });

    test('every offered fix is plain changes, applies in buffers, writes, and creates no finding', async () => {
      await c.waitFor('split-domain', () => c.codes('app/serverless.yml').includes('split-domain'));
      const offered: CodeAction[] = [];
      for (const [uri, list] of [...c.diagnostics]) for (const d of list) offered.push(...(await actionsAt(c, c.rel(uri), d)));
      assert.ok(offered.length > 1);
      for (const a of offered) assertApplicable(a);
      const move = offered.find((a) => a.title.startsWith('Move OrdersQueue into app/serverless.yml'));
      assert.ok(move, offered.map((a) => a.title).join('\n'));
      const before = findings(c);
      await c.apply(move.edit!);
      await c.saveAll();
      await c.waitFor('split-domain gone', () => !c.codes('app/serverless.yml').includes('split-domain'));
      const added = findings(c).filter((f) => !before.includes(f));
      assert.deepEqual(added, [], 'the fix created no finding');
      assert.match(fs.readFileSync(path.join(root, 'app/serverless.yml'), 'utf8'), /OrdersQueue:/);
    });
  });

  test(`${name}: extracting a domain creates its file and folder, and the buffers write`, async () => {
    const root = writeWorkspace(MONO);
    const c = new TestClient(root, { identity: clientIdentity(name), editInBuffers: true });
    try {
      await started(c);
      await c.openFile('mono/template.yaml');
      const actions = await c.refactorsAt('mono/template.yaml', 3, 3);
      const extract = actions.find((a) => a.kind === 'refactor.extract');
      assert.ok(extract, actions.map((a) => a.title).join('\n'));
      for (const a of actions) assertApplicable(a);
      await c.apply(extract.edit!);
      await c.saveAll();
      assert.match(fs.readFileSync(path.join(root, 'mono/jobs/template.yaml'), 'utf8'), /Jobs:\n {4}Type: AWS::SQS::Queue/);
      await c.waitFor('the new unit analysed', () => c.graphChanges > 1);
      const g = await c.conn.sendRequest<{ folders: Array<{ units: Array<{ id: string }> }> }>('serverlessDomains/domainGraph');
      const units = g.folders[0].units.map((u) => u.id).sort();
      assert.deepEqual(units, ['mono/jobs/template.yaml', 'mono/template.yaml']);
    } finally {
      await c.stop();
    }
  });
}

test('a client that creates no files is offered no extraction, and gets plain changes', async () => {
  const root = writeWorkspace(MONO);
  const c = new TestClient(root, {
    identity: { capabilities: { workspace: { workspaceEdit: { documentChanges: true } } }, clientInfo: { name: 'helix' } },
  });
  try {
    await started(c);
    const actions = await c.refactorsAt('mono/template.yaml', 3, 3);
    assert.ok(!actions.some((a) => a.kind === 'refactor.extract'), actions.map((a) => a.title).join('\n'));
    const r = await c.conn.sendRequest('serverlessDomains/extractDomain', { folder: pathToFileURL(root).href, domain: 'Jobs' });
    assert.equal(r, null);
  } finally {
    await c.stop();
  }
});

test('an extraction is never offered over a file on disk the analysis does not read', async () => {
  const root = writeWorkspace(MONO);
  fs.mkdirSync(path.join(root, 'mono/jobs'));
  fs.writeFileSync(path.join(root, 'mono/jobs/template.yaml'), 'not: a template of ours\n');
  fs.writeFileSync(path.join(root, '.serverless-domains.yml'), 'exclude: ["mono/jobs/**"]\n');
  const c = new TestClient(root);
  try {
    await c.start();
    const actions = await c.refactorsAt('mono/template.yaml', 3, 3);
    assert.ok(!actions.some((a) => /mono\/jobs\/template\.yaml/.test(a.title)), actions.map((a) => a.title).join('\n'));
  } finally {
    await c.stop();
  }
});

test('the VS Code extension gets lenses with its reveal command, other clients the server\'s own', async () => {
  const root = writeWorkspace(ESTATE);
  const vscode = new TestClient(root, { initializationOptions: { extension: 'vscode' } });
  try {
    const init = await vscode.start();
    assert.equal(init.capabilities.executeCommandProvider, undefined);
    const lenses = await vscode.conn.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: vscode.uri('app/serverless.yml') } });
    assert.deepEqual(lenses.map((l) => l.command!.command), ['serverlessDomains.revealInExplorer']);
    assert.deepEqual(lenses[0].command!.arguments, [pathToFileURL(root).href, 'OrdersQueue']);
  } finally {
    await vscode.stop();
  }
});

test('the server\'s watcher keeps to the load rules: no node_modules, no excluded folder, no link out of the workspace', async () => {
  const root = writeWorkspace(`${ESTATE}
# --- .serverless-domains.yml
exclude: ["legacy/**"]
`);
  const outside = writeWorkspace(`
# --- template.yaml
${BROKEN}`);
  const c = new TestClient(root, { identity: clientIdentity('neovim-0.10') });
  try {
    await started(c);
    fs.mkdirSync(path.join(root, 'node_modules/pkg'), { recursive: true });
    fs.writeFileSync(path.join(root, 'node_modules/pkg/template.yaml'), BROKEN);
    fs.mkdirSync(path.join(root, 'legacy'));
    fs.writeFileSync(path.join(root, 'legacy/template.yaml'), BROKEN);
    fs.symlinkSync(outside, path.join(root, 'linked'));
    fs.symlinkSync(path.join(outside, 'template.yaml'), path.join(root, 'link.yaml'));
    // A file that counts, written last: once it is analysed, the others have been seen too.
    fs.mkdirSync(path.join(root, 'late'));
    fs.writeFileSync(path.join(root, 'late/template.yaml'), BROKEN);
    await c.waitFor('the file that counts', () => c.codes('late/template.yaml').includes('broken-reference'));
    await c.waitFor('the link skipped with its reason', () => c.logs.some((m) => m.includes('skipped link.yaml: a symbolic link: not followed')));
    for (const rel of ['node_modules/pkg/template.yaml', 'legacy/template.yaml', 'linked/template.yaml', 'link.yaml']) assert.deepEqual(c.codes(rel), [], rel);
    const g = await c.conn.sendRequest<{ folders: Array<{ units: Array<{ id: string }> }> }>('serverlessDomains/domainGraph');
    assert.deepEqual(g.folders[0].units.map((u) => u.id).sort(), ['app/serverless.yml', 'billing/serverless.yml', 'infra/template.yaml', 'late/template.yaml']);
  } finally {
    await c.stop();
  }
});

test('the server says in the log that the editor watches files, when it can', async () => {
  const c = new TestClient(writeWorkspace(ESTATE));
  try {
    await c.start();
    await c.waitFor('the log', () => c.logs.some((m) => m.startsWith('File changes on disk: the editor watches the workspace')));
  } finally {
    await c.stop();
  }
});

test('diagnosticMode from the initialization options, flat or under serverlessDomains (Helix sends its config whole)', async () => {
  for (const initializationOptions of [{ diagnosticMode: 'push' }, { serverlessDomains: { diagnosticMode: 'push' } }]) {
    const c = new TestClient(writeWorkspace(ESTATE), { pull: true, initializationOptions });
    try {
      const init = await c.start();
      assert.equal(init.capabilities.diagnosticProvider, undefined, JSON.stringify(initializationOptions));
      await c.waitFor('pushed diagnostics', () => c.codes('app/serverless.yml').includes('split-domain'));
      assert.ok(c.logs.some((m) => m.includes('serverlessDomains.diagnosticMode is "push"')));
    } finally {
      await c.stop();
    }
  }
});

test('code actions still come when the client echoes diagnostics without a range (Neovim 0.7)', async () => {
  const c = new TestClient(writeWorkspace(ESTATE));
  try {
    await c.start();
    const d = await c.waitFor('split-domain', () => c.diagnostics.get(c.uri('app/serverless.yml'))?.find((x) => x.code === 'split-domain'));
    const actions = await c.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: c.uri('app/serverless.yml') },
      range: d.range,
      context: { diagnostics: [{ code: 'split-domain', message: d.message }] },
    });
    assert.ok(actions.some((a) => a.title.startsWith('Move OrdersQueue into app/serverless.yml')), actions.map((a) => a.title).join('\n'));
  } finally {
    await c.stop();
  }
});

test('the server\'s watcher follows a changed configuration: a folder no longer excluded is watched', async () => {
  const root = writeWorkspace(`${ESTATE}
# --- .serverless-domains.yml
exclude: ["legacy/**"]
`);
  const c = new TestClient(root, { identity: clientIdentity('neovim-0.12') });
  try {
    await started(c);
    fs.mkdirSync(path.join(root, 'legacy'));
    fs.writeFileSync(path.join(root, '.serverless-domains.yml'), 'exclude: []\n');
    await c.waitFor('the watcher started again', () => c.logs.some((m) => m.startsWith('The configuration file changed: the server watches')));
    fs.writeFileSync(path.join(root, 'legacy/template.yaml'), BROKEN);
    await c.waitFor('the file in the folder no longer excluded', () => c.codes('legacy/template.yaml').includes('broken-reference'));
  } finally {
    await c.stop();
  }
});
