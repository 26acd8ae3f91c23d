// More of the server over the protocol: IPC transport, progress, refactors, extract-domain.

import * as assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';
import { createProtocolConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-languageserver-protocol/node';
import { writeWorkspace } from '../harness';
import { SERVER, TestClient } from './client';
import { MONO } from './estates';


test('the server speaks over Node IPC too', async () => {
  const root = writeWorkspace(MONO);
  const child = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const conn = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  conn.listen();
  try {
    const init = await conn.sendRequest<{ capabilities: { hoverProvider: boolean } }>('initialize', { processId: process.pid, rootUri: pathToFileURL(root).href, capabilities: {} });
    assert.equal(init.capabilities.hoverProvider, true);
    const analysed = new Promise<{ units: number; domains: number }>((resolve) => conn.onNotification('serverlessDomains/graphChanged', resolve));
    await conn.sendNotification('initialized', {});
    let timer: NodeJS.Timeout | undefined;
    const first = await Promise.race([analysed, new Promise<never>((_, rej) => (timer = setTimeout(() => rej(new Error('no analysis within 20 s')), 20000)))]);
    clearTimeout(timer);
    assert.deepEqual([first.units, first.domains], [1, 2]);
  } finally {
    conn.dispose();
    child.kill();
  }
});

test('the initial scan reports progress', async () => {
  const c = new TestClient(writeWorkspace(MONO));
  try {
    await c.start();
    await c.waitFor('progress end', () => c.progress.some((p) => p.kind === 'end'));
    assert.equal(c.progress[0].kind, 'begin');
    assert.equal(c.progress[0].title, 'Serverless Domains');
  } finally {
    await c.stop();
  }
});

test('each scan is logged to the output channel: units by kind, skipped files with reasons, time taken', async () => {
  const root = writeWorkspace(`${MONO}
# --- api/serverless.yml
service: api
provider: { name: aws }
functions:
  hello:
    handler: h.hello
`);
  fs.writeFileSync(path.join(root, 'api/serverless.ts'), 'export default {}');
  const c = new TestClient(root);
  try {
    await c.start();
    const log = await c.waitFor('the scan log', () => c.logs.find((m) => m.startsWith('Scanned ')));
    assert.match(log, /^Scanned .+ in \d+ ms: \d+ files read, 2 units \((1 serverless, 1 sam|1 sam, 1 serverless)\), \d+ domains, /);
    assert.match(log, /, 1 skipped\.\n {2}skipped api\/serverless\.ts: a JavaScript\/TypeScript service file is never evaluated/);
    const before = c.logs.filter((m) => m.startsWith('Scanned ')).length;
    const analysed = c.nextGraphChange();
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('.serverless-domains.yml'), type: 1 }] });
    await analysed;
    await c.waitFor('a second scan log', () => c.logs.filter((m) => m.startsWith('Scanned ')).length > before);
  } finally {
    await c.stop();
  }
});

test('the domain graph counts each unit\'s findings by severity (the explorer shows "1 error, 1 hint")', async () => {
  const c = new TestClient(
    writeWorkspace(`
# --- infra/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Q:
    Type: AWS::SQS::Queue
    DependsOn: Missing
Outputs:
  Unused:
    Value: x
    Export:
      Name: infra-Unused
  Used:
    Value: !Ref Q
    Export:
      Name: infra-Used
# --- app/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  T:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !ImportValue infra-Used
`),
  );
  try {
    await c.start();
    type Counts = { error: number; warning: number; information: number; hint: number };
    const g = await c.conn.sendRequest<{ folders: Array<{ units: Array<{ id: string; findings: number; severities: Counts }> }> }>('serverlessDomains/domainGraph');
    const u = g.folders[0].units.find((x) => x.id === 'infra/template.yaml')!;
    assert.deepEqual(u.severities, { error: 1, warning: 0, information: 0, hint: 1 });
    assert.equal(u.findings, 2);
  } finally {
    await c.stop();
  }
});

test('refactors on a trigger: extract its domain into a new unit, creating the file', async () => {
  const root = writeWorkspace(MONO);
  const c = new TestClient(root);
  try {
    await c.start();
    const actions = await c.refactorsAt('mono/template.yaml', 3, 3);
    const extract = actions.find((a) => a.kind === 'refactor.extract');
    assert.ok(extract, actions.map((a) => a.title).join('\n'));
    assert.match(extract.title, /^Extract domain Jobs into a new unit \(mono\/jobs\/template\.yaml\)/);
    const ops = extract.edit!.documentChanges as Array<{ kind?: string; uri?: string }>;
    assert.equal(ops[0].kind, 'create');
    await c.apply(extract.edit!);
    const created = fs.readFileSync(path.join(root, 'mono/jobs/template.yaml'), 'utf8');
    assert.match(created, /Jobs:\n {4}Type: AWS::SQS::Queue/);
    assert.match(created, /CodeUri: \.\.\/src\//);
    await c.waitFor('the new unit analysed', () => c.graphChanges > 1);
    const g = await c.conn.sendRequest<{ folders: Array<{ units: Array<{ id: string }> }> }>('serverlessDomains/domainGraph');
    assert.deepEqual(g.folders[0].units.map((u) => u.id).sort(), ['mono/jobs/template.yaml', 'mono/template.yaml']);
  } finally {
    await c.stop();
  }
});

test('the extract-domain request returns the same edit for a domain by name', async () => {
  const root = writeWorkspace(MONO);
  const c = new TestClient(root);
  try {
    await c.start();
    const r = await c.conn.sendRequest<{ title: string; edit: WorkspaceEdit } | null>('serverlessDomains/extractDomain', { folder: pathToFileURL(root).href, domain: 'TickerTick' });
    assert.ok(r);
    assert.match(r.title, /mono\/ticker-tick\/template\.yaml/);
    const none = await c.conn.sendRequest('serverlessDomains/extractDomain', { folder: pathToFileURL(root).href, domain: 'NoSuchDomain' });
    assert.equal(none, null);
  } finally {
    await c.stop();
  }
});

test('a function invoked across units offers "Move function" as a refactor', async () => {
  const root = writeWorkspace(`
# --- q/serverless.yml
service: q
provider: { name: aws }
resources:
  Resources:
    Jobs:
      Type: AWS::SQS::Queue
  Outputs:
    JobsArn:
      Value: !GetAtt Jobs.Arn
# --- w/serverless.yml
service: w
provider: { name: aws }
functions:
  work:
    handler: src/work.handler
    events:
      - sqs: \${cf:q-dev.JobsArn}
`);
  const c = new TestClient(root);
  try {
    await c.start();
    const actions = await c.refactorsAt('w/serverless.yml', 3, 3);
    assert.ok(actions.some((a) => a.title === 'Move function work into q/serverless.yml, beside Jobs'), actions.map((a) => a.title).join('\n'));
  } finally {
    await c.stop();
  }
});
