// What the server tells the user besides diagnostics: the scan's record (typed for the VS Code
// extension, a log message for other editors), related information labelled with the
// workspace-relative path, and progress during the initial scan.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { relatedText } from '../../server/src/protocol/related-text';
import { writeWorkspace } from '../harness';
import { TestClient } from './client';

// Two units that both have a template.yaml: a related location must say which.
const WS = `
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
# --- app/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  ProcessOrder:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      CodeUri: src/
      Events:
        Orders:
          Type: SQS
          Properties:
            Queue: !ImportValue infra-OrdersQueueArn
# --- svc/serverless.yml
service: svc
provider: { name: aws }
functions:
  hello:
    handler: h.hello
`;

function workspace(): string {
  const root = writeWorkspace(WS);
  // A file past the size limit the settings below set: skipped, with its reason in the log.
  fs.mkdirSync(path.join(root, 'big'), { recursive: true });
  fs.writeFileSync(path.join(root, 'big', 'template.yaml'), `AWSTemplateFormatVersion: '2010-09-09'\n# ${'x'.repeat(3000)}\nResources: {}\n`);
  return root;
}

test('the VS Code extension gets each scan typed: units by kind, skipped files with reasons, time', async () => {
  const c = new TestClient(workspace(), { initializationOptions: { extension: 'vscode', maxFileSize: 2000 }, settings: { maxFileSize: 2000 } });
  try {
    await c.start();
    const log = await c.waitFor('the scan log', () => c.scanLogs[0]);
    assert.equal(log.folder, c.uri('').replace(/\/$/, ''));
    assert.deepEqual(log.units, { cloudformation: 1, sam: 1, serverless: 1 });
    assert.ok(log.files >= 3, String(log.files));
    assert.ok(log.ms >= 0);
    assert.deepEqual(log.skipped.map((x) => x.file), ['big/template.yaml']);
    assert.match(log.skipped[0].reason, /over the 2000-byte limit/);
    assert.match(log.text, /^Scanned .* in \d+ ms: \d+ files read, 3 units \(.*1 sam.*\), \d+ domains?, 1 skipped\.\n {2}skipped big\/template\.yaml: .*2000-byte limit/);
    // Not twice: the extension writes it to its channel itself.
    assert.ok(!c.logs.some((l) => l.startsWith('Scanned ')), c.logs.join('\n'));
  } finally {
    await c.stop();
  }
});

test('other editors get the scan as a log message, and see the initial scan progress', async () => {
  const c = new TestClient(workspace(), { settings: { maxFileSize: 2000 }, initializationOptions: { maxFileSize: 2000 } });
  try {
    await c.start();
    await c.waitFor('the scan line', () => c.logs.some((l) => /^Scanned .* 3 units .*1 skipped\.\n {2}skipped big\/template\.yaml: /.test(l)));
    assert.equal(c.scanLogs.length, 0);
    await c.waitFor('the end of the progress', () => c.progress.some((p) => p.kind === 'end'));
    assert.deepEqual(c.progress.map((p) => p.kind), ['begin', 'report', 'report', 'end']);
  } finally {
    await c.stop();
  }
});

test('related information names the location by its workspace-relative path, line and column', async () => {
  const c = new TestClient(workspace());
  try {
    await c.start();
    const d = await c.waitFor('split-domain on app/template.yaml', () => c.diagnostics.get(c.uri('app/template.yaml'))?.find((x) => x.code === 'split-domain'));
    const r = d.relatedInformation![0];
    assert.equal(r.location.uri, c.uri('infra/template.yaml'));
    const { line, character } = r.location.range.start;
    assert.equal(r.message, `infra/template.yaml:${line + 1}:${character + 1}: OrdersQueue is defined here`);
  } finally {
    await c.stop();
  }
});

test('a related message does not name its file twice', () => {
  const at = { line: 1, character: 2 };
  assert.equal(relatedText('a/t.yml', at, 'Q is defined here in a/t.yml'), 'a/t.yml:2:3: Q is defined here');
  assert.equal(relatedText('a/t.yml', at, 'the code is deployed here, in a/t.yml'), 'a/t.yml:2:3: the code is deployed here');
  assert.equal(relatedText('a/r/t.yml', at, 'T is defined here in a/r/t.yml, included by a/serverless.yml'), 'a/r/t.yml:2:3: T is defined here, included by a/serverless.yml');
  assert.equal(relatedText('a/t.yml', at, 'X is used here too'), 'a/t.yml:2:3: X is used here too');
  assert.equal(relatedText('a/t.yml', at, 'Q is defined here in a/t.yml.bak'), 'a/t.yml:2:3: Q is defined here in a/t.yml.bak');
});
