// The language server over the real protocol: a child process, JSON-RPC over stdio.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, CompletionItem, DocumentSymbol, Hover, Location, SymbolInformation } from 'vscode-languageserver-protocol';
import { Workspace } from '../../server/src/engine';
import { writeWorkspace } from '../harness';
import { TestClient } from './client';

const ESTATE = `
# --- infra/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  OrdersQueue:
    Type: AWS::SQS::Queue
  Alarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Dimensions:
        - Name: QueueName
          Value: !GetAtt OrdersQueue.QueueName
Outputs:
  OrdersQueueArn:
    Value: !GetAtt OrdersQueue.Arn
    Export:
      Name: infra-OrdersQueueArn
# --- infra/samconfig.toml
version = 0.1
[default.deploy.parameters]
stack_name = "infra"
# --- app/serverless.yml
service: app
provider:
  name: aws
  environment:
    TABLE: \${self:custom.table}
custom:
  table: app-table
functions:
  processOrder:
    handler: src/process.handler
    events:
      - sqs: !ImportValue infra-OrdersQueueArn
`;

describe('language server, push diagnostics', () => {
  let root: string;
  let c: TestClient;
  before(async () => {
    root = writeWorkspace(ESTATE);
    c = new TestClient(root);
    const init = await c.start();
    assert.ok(init.capabilities.definitionProvider && init.capabilities.hoverProvider && init.capabilities.codeActionProvider);
    assert.equal(init.capabilities.diagnosticProvider, undefined, 'no pull diagnostics for a client without them');
  });
  after(() => c.stop());

  test('capabilities: incremental sync and every feature', async () => {
    const other = new TestClient(root);
    try {
      const init = await other.start();
      assert.equal((init.capabilities.textDocumentSync as { change: number }).change, 2);
      for (const k of ['referencesProvider', 'documentSymbolProvider', 'workspaceSymbolProvider', 'codeLensProvider', 'completionProvider'] as const) assert.ok(init.capabilities[k], k);
    } finally {
      await other.stop();
    }
  });

  test('diagnostics of a multi-file workspace arrive for each file, with code, link and related information', async () => {
    await c.waitFor('split-domain on app/serverless.yml', () => c.codes('app/serverless.yml').includes('split-domain'));
    const d = c.diagnostics.get(c.uri('app/serverless.yml'))!.find((x) => x.code === 'split-domain')!;
    assert.equal(d.source, 'serverless-domains');
    assert.match(d.codeDescription!.href, /rules\.md#split-domain$/);
    assert.equal(d.relatedInformation![0].location.uri, c.uri('infra/template.yaml'));
    assert.deepEqual(d.range.start, { line: 11, character: 8 });
  });

  test('definition and references work across files', async () => {
    const defs = await c.conn.sendRequest<Location[]>('textDocument/definition', { textDocument: { uri: c.uri('app/serverless.yml') }, position: { line: 11, character: 20 } });
    assert.equal(defs[0].uri, c.uri('infra/template.yaml'));
    assert.equal(defs[0].range.start.line, 11, 'the exported output');
    const selfDef = await c.conn.sendRequest<Location[]>('textDocument/definition', { textDocument: { uri: c.uri('app/serverless.yml') }, position: { line: 4, character: 14 } });
    assert.equal(selfDef[0].range.start.line, 6, '${self:custom.table} leads to custom.table');
    const refs = await c.conn.sendRequest<Location[]>('textDocument/references', { textDocument: { uri: c.uri('infra/template.yaml') }, position: { line: 2, character: 4 }, context: { includeDeclaration: true } });
    const where = refs.map((r) => `${path.basename(path.dirname(new URL(r.uri).pathname))}:${r.range.start.line}`).sort();
    assert.deepEqual(where, ['app:11', 'infra:12', 'infra:2', 'infra:9'], 'the declaration, the alarm, the output, and the import in the other unit');
    const outRefs = await c.conn.sendRequest<Location[]>('textDocument/references', { textDocument: { uri: c.uri('infra/template.yaml') }, position: { line: 11, character: 4 }, context: { includeDeclaration: false } });
    assert.deepEqual(outRefs.map((r) => r.uri), [c.uri('app/serverless.yml')]);
  });

  test('hover tells type, unit, domain and who refers from other units', async () => {
    const h = await c.conn.sendRequest<Hover>('textDocument/hover', { textDocument: { uri: c.uri('infra/template.yaml') }, position: { line: 2, character: 4 } });
    const text = (h.contents as { value: string }).value;
    assert.match(text, /\*\*OrdersQueue\*\* · `AWS::SQS::Queue`/);
    assert.match(text, /domain \*\*OrdersQueue\*\*/);
    assert.match(text, /invokes `processOrder` in 1 unit/);
    assert.match(text, /referred to from `app\/serverless\.yml`/);
  });

  test('document and workspace symbols', async () => {
    const syms = await c.conn.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: c.uri('infra/template.yaml') } });
    assert.deepEqual(syms.map((s) => s.name), ['Resources', 'Outputs']);
    assert.deepEqual(syms[0].children!.map((s) => s.name), ['OrdersQueue', 'Alarm']);
    const ws = await c.conn.sendRequest<SymbolInformation[]>('workspace/symbol', { query: 'order' });
    assert.ok(ws.some((s) => s.name === 'processOrder' && s.containerName === 'app/serverless.yml'));
    assert.ok(ws.some((s) => s.name === 'OrdersQueue'));
  });

  test('code lenses over functions and triggers', async () => {
    const lenses = await c.conn.sendRequest<Array<{ command: { title: string } }>>('textDocument/codeLens', { textDocument: { uri: c.uri('app/serverless.yml') } });
    assert.deepEqual(lenses.map((l) => l.command.title), ['domain OrdersQueue · triggered by OrdersQueue in infra/template.yaml']);
    const infra = await c.conn.sendRequest<Array<{ command: { title: string } }>>('textDocument/codeLens', { textDocument: { uri: c.uri('infra/template.yaml') } });
    assert.deepEqual(infra.map((l) => l.command.title), ['invokes 1 function in 1 unit']);
  });

  test('completion of logical IDs, attributes, self paths and export names', async () => {
    await c.openFile('infra/template.yaml');
    const doc = c.open.get('infra/template.yaml')!;
    const end = doc.positionAt(doc.getText().length);
    await c.edit('infra/template.yaml', [{ range: { start: end, end }, newText: '\n  X:\n    Value: !GetAtt OrdersQueue.' }]);
    const d2 = c.open.get('infra/template.yaml')!;
    const pos = d2.positionAt(d2.getText().length);
    const items = await c.conn.sendRequest<CompletionItem[]>('textDocument/completion', { textDocument: { uri: c.uri('infra/template.yaml') }, position: pos });
    assert.deepEqual(items.map((i) => i.label), ['Arn', 'QueueName', 'QueueUrl']);
    await c.edit('infra/template.yaml', [{ range: { start: pos, end: pos }, newText: 'Arn\n  Y:\n    Value: !Ref ' }]);
    const d3 = c.open.get('infra/template.yaml')!;
    const refs = await c.conn.sendRequest<CompletionItem[]>('textDocument/completion', { textDocument: { uri: c.uri('infra/template.yaml') }, position: d3.positionAt(d3.getText().length) });
    assert.ok(refs.some((i) => i.label === 'OrdersQueue') && refs.some((i) => i.label === 'AWS::Region'));
    await c.replaceAll('infra/template.yaml', fs.readFileSync(path.join(root, 'infra/template.yaml'), 'utf8'));
    await c.openFile('app/serverless.yml');
    const app = c.open.get('app/serverless.yml')!;
    const appEnd = app.positionAt(app.getText().length);
    await c.edit('app/serverless.yml', [{ range: { start: appEnd, end: appEnd }, newText: '\n  other:\n    handler: ${self:cus' }]);
    const a2 = c.open.get('app/serverless.yml')!;
    const self = await c.conn.sendRequest<CompletionItem[]>('textDocument/completion', { textDocument: { uri: c.uri('app/serverless.yml') }, position: a2.positionAt(a2.getText().length) });
    assert.ok(self.some((i) => i.label === 'custom'));
    await c.edit('app/serverless.yml', [{ range: { start: a2.positionAt(a2.getText().length), end: a2.positionAt(a2.getText().length) }, newText: 'tom.table}\n    environment:\n      Q: !ImportValue infra-' }]);
    const a3 = c.open.get('app/serverless.yml')!;
    const exps = await c.conn.sendRequest<CompletionItem[]>('textDocument/completion', { textDocument: { uri: c.uri('app/serverless.yml') }, position: a3.positionAt(a3.getText().length) });
    assert.deepEqual(exps.map((i) => i.label), ['infra-OrdersQueueArn']);
    await c.replaceAll('app/serverless.yml', fs.readFileSync(path.join(root, 'app/serverless.yml'), 'utf8'));
  });

  test('the domain graph request', async () => {
    const g = await c.conn.sendRequest<{ folders: Array<{ units: Array<{ id: string }>; domains: Array<{ name: string; split: boolean }>; edges: Array<{ kind: string }>; deployOrder: string[] }> }>('serverlessDomains/domainGraph');
    const f = g.folders[0];
    assert.deepEqual(f.units.map((u) => u.id).sort(), ['app/serverless.yml', 'infra/template.yaml']);
    assert.deepEqual(f.domains.map((d) => [d.name, d.split]), [['OrdersQueue', true]]);
    assert.deepEqual(f.edges.map((e) => e.kind).sort(), ['contract', 'trigger']);
    assert.deepEqual(f.deployOrder, ['infra/template.yaml', 'app/serverless.yml']);
  });

  test('an edit that changes no finding still gets its document\'s diagnostics, with the new version', async () => {
    await c.openFile('app/serverless.yml');
    const doc = c.open.get('app/serverless.yml')!;
    const end = doc.positionAt(doc.getText().length);
    const before = c.codes('app/serverless.yml');
    await c.edit('app/serverless.yml', [{ range: { start: end, end }, newText: '\n# a comment\n' }]);
    const version = c.open.get('app/serverless.yml')!.version;
    await c.waitFor('diagnostics for the edited version', () => c.versions.get(c.uri('app/serverless.yml')) === version);
    assert.deepEqual(c.codes('app/serverless.yml'), before);
    await c.replaceAll('app/serverless.yml', fs.readFileSync(path.join(root, 'app/serverless.yml'), 'utf8'));
  });

  test('a change in one file updates another file\'s diagnostics', async () => {
    await c.openFile('infra/template.yaml');
    await c.waitFor('split-domain', () => c.codes('app/serverless.yml').includes('split-domain'));
    const doc = c.open.get('infra/template.yaml')!;
    // The queue goes: the app's import no longer names a unit's resource.
    await c.replaceAll('infra/template.yaml', doc.getText().replace('infra-OrdersQueueArn', 'infra-SomethingElse'));
    await c.waitFor('split-domain to go', () => !c.codes('app/serverless.yml').includes('split-domain'));
    assert.ok(c.codes('app/serverless.yml').includes('broken-reference'), 'the import names an export the infra stack no longer has');
    await c.replaceAll('infra/template.yaml', doc.getText());
    await c.waitFor('split-domain back', () => c.codes('app/serverless.yml').includes('split-domain'));
  });

  test('a quick fix applied removes its diagnostic, with edits in both files', async () => {
    const d = c.diagnostics.get(c.uri('app/serverless.yml'))!.find((x) => x.code === 'split-domain')!;
    const actions = await c.conn.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: c.uri('app/serverless.yml') }, range: d.range, context: { diagnostics: [d] } });
    const move = actions.find((a) => a.title.startsWith('Move OrdersQueue into app/serverless.yml'));
    assert.ok(move, actions.map((a) => a.title).join('\n'));
    assert.equal(move.kind, 'quickfix');
    assert.equal(move.isPreferred, true);
    const files = new Set((move.edit!.documentChanges as Array<{ textDocument: { uri: string } }>).map((x) => x.textDocument.uri));
    assert.deepEqual([...files].sort(), [c.uri('app/serverless.yml'), c.uri('infra/template.yaml')].sort());
    assert.ok(actions.some((a) => a.title === 'Disable split-domain for this line'));
    await c.apply(move.edit!);
    await c.waitFor('split-domain to go after the fix', () => !c.codes('app/serverless.yml').includes('split-domain'));
    assert.ok(!c.codes('infra/template.yaml').includes('split-domain'));
    const appText = c.open.get('app/serverless.yml')?.getText() ?? fs.readFileSync(path.join(root, 'app/serverless.yml'), 'utf8');
    assert.ok(appText.includes('OrdersQueue:'), 'the queue now lives beside its function');
  });
});

describe('language server, pull diagnostics and files on disk', () => {
  let root: string;
  let c: TestClient;
  before(async () => {
    root = writeWorkspace(ESTATE);
    c = new TestClient(root, { pull: true });
    const init = await c.start();
    assert.ok(init.capabilities.diagnosticProvider);
  });
  after(() => c.stop());

  const pull = (rel: string) => c.conn.sendRequest<{ kind: string; items?: Array<{ code: string }>; resultId?: string }>('textDocument/diagnostic', { textDocument: { uri: c.uri(rel) } });

  test('document and workspace diagnostics', async () => {
    const r = await pull('app/serverless.yml');
    assert.equal(r.kind, 'full');
    assert.ok(r.items!.some((i) => i.code === 'split-domain'));
    const again = await c.conn.sendRequest<{ kind: string }>('textDocument/diagnostic', { textDocument: { uri: c.uri('app/serverless.yml') }, previousResultId: r.resultId });
    assert.equal(again.kind, 'unchanged');
    const w = await c.conn.sendRequest<{ items: Array<{ uri: string; kind: string }> }>('workspace/diagnostic', { previousResultIds: [] });
    assert.ok(w.items.some((i) => i.uri === c.uri('app/serverless.yml') && i.kind === 'full'));
  });

  test('files created, changed and deleted on disk', async () => {
    const extra = path.join(root, 'extra/template.yaml');
    fs.mkdirSync(path.dirname(extra), { recursive: true });
    fs.writeFileSync(extra, "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  F:\n    Type: AWS::SQS::Queue\n    DependsOn: Nope\n");
    let changed = c.nextGraphChange();
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('extra/template.yaml'), type: 1 }] });
    await changed;
    assert.ok((await pull('extra/template.yaml')).items!.some((i) => i.code === 'broken-reference'));
    fs.writeFileSync(extra, "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  F:\n    Type: AWS::SQS::Queue\n");
    changed = c.nextGraphChange();
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('extra/template.yaml'), type: 2 }] });
    await changed;
    assert.deepEqual((await pull('extra/template.yaml')).items, []);
    // The infrastructure template goes away on disk (a git checkout).
    fs.rmSync(path.join(root, 'infra/template.yaml'));
    changed = c.nextGraphChange();
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('infra/template.yaml'), type: 3 }] });
    await changed;
    const app = await pull('app/serverless.yml');
    assert.ok(!app.items!.some((i) => i.code === 'split-domain'));
    assert.ok(app.items!.some((i) => i.code === 'unresolved-import'));
  });

  test('the configuration file is reloaded when it changes', async () => {
    fs.writeFileSync(path.join(root, '.serverless-domains.yml'), 'rules:\n  unresolved-import: off\n');
    const changed = c.nextGraphChange();
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('.serverless-domains.yml'), type: 1 }] });
    await changed;
    assert.ok(!(await pull('app/serverless.yml')).items!.some((i) => i.code === 'unresolved-import'));
  });

  test('settings apply without a restart', async () => {
    c.settings = { debounce: 0, rules: { 'orphan-function': 'error' } };
    const changed = c.nextGraphChange();
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await changed;
    const r = await c.conn.sendRequest<{ items: Array<{ code: string; severity: number }> }>('textDocument/diagnostic', { textDocument: { uri: c.uri('extra/template.yaml') } });
    void r;
    fs.writeFileSync(path.join(root, 'extra/serverless.yml'), 'service: extra\nprovider: { name: aws }\nfunctions:\n  lonely:\n    handler: h.x\n');
    const c2 = c.nextGraphChange();
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('extra/serverless.yml'), type: 1 }] });
    await c2;
    const items = (await pull('extra/serverless.yml')).items as unknown as Array<{ code: string; severity: number }>;
    assert.equal(items.find((i) => i.code === 'orphan-function')?.severity, 1);
  });
});

describe('language server under typing', () => {
  test('garbage mid-edit gives a syntax-error and the server keeps answering', async () => {
    const root = writeWorkspace(ESTATE);
    const c = new TestClient(root);
    await c.start();
    try {
      await c.openFile('infra/template.yaml');
      await c.replaceAll('infra/template.yaml', "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Q: {Type: [AWS::SQS::Queue\n  \u0007\u0000 ]]]: {{{\n");
      await c.waitFor('syntax-error', () => c.codes('infra/template.yaml').includes('syntax-error'));
      const h = await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: c.uri('app/serverless.yml') }, position: { line: 0, character: 0 } });
      assert.equal(h, null);
    } finally {
      await c.stop();
    }
  });

  test('200 rapid edits end with diagnostics equal to a cold analysis of the final text', async () => {
    const root = writeWorkspace(ESTATE);
    const c = new TestClient(root, { settings: { debounce: 150 } });
    await c.start();
    try {
      await c.openFile('infra/template.yaml');
      const base = c.open.get('infra/template.yaml')!.getText();
      for (let i = 0; i < 200; i++) {
        const text = i % 3 === 0 ? base.replace('OrdersQueue:', `OrdersQueue${i}:`) : i % 3 === 1 ? base.slice(0, (i * 7) % base.length) : base + `\n# edit ${i}\n`;
        await c.replaceAll('infra/template.yaml', text);
      }
      const final = base.replace('Name: infra-OrdersQueueArn', 'Name: infra-Other');
      await c.replaceAll('infra/template.yaml', final);
      // A cold analysis of the same texts, straight from the engine.
      const cold = new Workspace();
      cold.setFile('infra/template.yaml', final);
      cold.setFile('infra/samconfig.toml', fs.readFileSync(path.join(root, 'infra/samconfig.toml'), 'utf8'));
      cold.setFile('app/serverless.yml', fs.readFileSync(path.join(root, 'app/serverless.yml'), 'utf8'));
      const expected = (rel: string) => cold.analyze().findings.filter((f) => f.loc.file === rel).map((f) => f.rule).sort();
      await c.waitFor('diagnostics of the final text', () => {
        const same = (rel: string) => JSON.stringify(c.codes(rel)) === JSON.stringify(expected(rel));
        return same('infra/template.yaml') && same('app/serverless.yml');
      });
      assert.ok(c.codes('app/serverless.yml').includes('broken-reference'));
    } finally {
      await c.stop();
    }
  });
});
