// Hostile and half-typed input: a clear diagnostic, never a crash or a hang.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSourceFile, Workspace } from '../../server/src/engine';
import type { RNode } from '../../server/src/engine/tree';

function analyze(files: Record<string, string>, opts = {}) {
  const ws = new Workspace({ rootName: 'w', ...opts });
  for (const [p, t] of Object.entries(files)) ws.setFile(p, t);
  return { ws, a: ws.analyze() };
}

/**
 * What the engine's tree of a file holds: every node object once (an alias points at its
 * anchor's node; a copy would count again) and every map entry (merged ones included).
 */
function held(ws: Workspace, file: string): number {
  const seen = new Set<RNode>();
  let entries = 0;
  const stack: Array<RNode | undefined> = [ws.parsed(file)?.tree];
  while (stack.length > 0) {
    const n = stack.pop();
    if (!n || seen.has(n)) continue;
    seen.add(n);
    if (n.k === 'map') {
      entries += n.entries.length;
      for (const e of n.entries) stack.push(e.value);
    } else if (n.k === 'seq') stack.push(...n.items);
    else if (n.k === 'alias') stack.push(n.target);
  }
  return seen.size + entries;
}

/** Nine times the previous level, `depth` times: 9^depth strings once expanded. */
function aliasBomb(depth: number): string {
  const lines = ['AWSTemplateFormatVersion: "2010-09-09"', 'Metadata:', '  a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < depth; i++) lines.push(`  a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]`);
  lines.push('Resources:', '  Q:', '    Type: AWS::SQS::Queue', '    Properties:', `      Tags: *a${depth - 1}`);
  return lines.join('\n');
}

test('an alias bomb is analysed in linear time and does not blow up', () => {
  const sizes = [12, 24].map((depth) => {
    const text = aliasBomb(depth);
    const { ws, a } = analyze({ 'bomb/template.yaml': text });
    assert.deepEqual(a.units.map((u) => u.id), ['bomb/template.yaml']);
    const n = held(ws, 'bomb/template.yaml');
    // Expanded, depth 12 is 9^12 (about 2.8e11) strings; the tree holds about one thing per 5 characters.
    assert.ok(n < text.length / 4, `the tree of a ${text.length}-character alias bomb holds ${n} nodes and entries`);
    return n;
  });
  // Twice the levels, about twice the tree (not 9^12 times).
  assert.ok(sizes[1] < 2.2 * sizes[0], `depth 12: ${sizes[0]}, depth 24: ${sizes[1]}`);
});

test('merge-key bombs do not multiply the work either', () => {
  const lines = ['AWSTemplateFormatVersion: "2010-09-09"', 'Metadata:', '  m0: &m0 {k: v}'];
  for (let i = 1; i < 30; i++) lines.push(`  m${i}: &m${i} {<<: [*m${i - 1}, *m${i - 1}], k${i}: v}`);
  lines.push('Resources:', '  Q:', '    Type: AWS::SQS::Queue', '    Properties: *m29');
  const { a } = analyze({ 't/template.yaml': lines.join('\n') });
  assert.equal(a.units.length, 1);
});

test('a binary file and an over-size file are skipped with a reason', () => {
  const template = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n";
  // Without its binary bytes, x/template.yaml is a unit: what follows is about the bytes.
  assert.deepEqual(analyze({ 'x/template.yaml': template }).a.units.map((u) => u.id), ['x/template.yaml']);
  const { a } = analyze({ 'x/template.yaml': template + '\u0000\u0001\u0002', 'y/template.yaml': 'Resources: {}\n' + '#'.repeat(200) }, { maxFileSize: 100 });
  assert.deepEqual(a.skipped, [{ file: 'y/template.yaml', reason: 'larger than 100 characters' }]);
  assert.ok(!a.units.some((u) => u.id === 'y/template.yaml'));
  // The binary file gets one clear diagnostic, at its start.
  const onBinary = a.findings.filter((f) => f.loc.file === 'x/template.yaml');
  assert.deepEqual(
    onBinary.map((f) => [f.rule, f.severity, f.loc.start]),
    [['syntax-error', 'error', 0]],
  );
  assert.match(onBinary[0].message, /binary/);
});

test('half-typed text mid-edit gives a syntax-error and the rest of the workspace is still analysed', () => {
  const good = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    DependsOn: Missing\nOutputs:\n  QArn:\n    Value: !GetAtt Q.Arn\n    Export: { Name: good-QArn }\n";
  const halfTyped = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Code: { ZipFile: \"x\n      Environment: !GetAtt [Q, \n";
  const { a } = analyze({ 'good/template.yaml': good, 'bad/template.yaml': halfTyped });
  assert.ok(a.findings.some((f) => f.rule === 'syntax-error' && f.loc.file === 'bad/template.yaml'));
  assert.ok(a.units.some((u) => u.id === 'good/template.yaml'));
  assert.ok(a.findings.some((f) => f.rule === 'broken-reference' && f.subject === 'Missing' && f.loc.file === 'good/template.yaml'));
});

test('CRLF files map positions as editors show them', () => {
  const text = "AWSTemplateFormatVersion: '2010-09-09'\r\nResources:\r\n  F:\r\n    Type: AWS::Lambda::Function\r\n    DependsOn: Missin\r\n";
  const { ws, a } = analyze({ 'c/template.yaml': text });
  const f = a.findings.find((x) => x.rule === 'broken-reference');
  assert.ok(f);
  assert.equal(ws.getText('c/template.yaml')!.slice(f.loc.start, f.loc.end), 'Missin');
});

test('unknown tags, duplicate keys and unquoted dates are tolerated', () => {
  const text = "AWSTemplateFormatVersion: 2010-09-09\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Metadata: !Custom {a: 1}\n  Q:\n    Type: AWS::SQS::Queue\n";
  const { a } = analyze({ 'd/template.yaml': text });
  assert.equal(a.units.length, 1);
  assert.equal(a.findings.filter((f) => f.rule === 'syntax-error').length, 0);
});

test('short-form tags in scalar, sequence and mapping forms are understood', () => {
  const text = [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Resources:',
    '  A:',
    '    Type: AWS::SQS::Queue',
    '  B:',
    '    Type: AWS::SNS::Topic',
    '    Properties:',
    '      DisplayName: !Sub',
    "        - '${X}-${A.Arn}'",
    '        - X: !Ref Nope',
    '      TopicName: !Join [ "-", [ !Ref A, !GetAtt [A, QueueName] ] ]',
    '      Tags: !If [Cond, !Ref A, !Ref AWS::NoValue]',
  ].join('\n');
  const { a } = analyze({ 't/template.yaml': text });
  const subjects = a.findings.filter((f) => f.rule === 'broken-reference').map((f) => f.subject).sort();
  assert.deepEqual(subjects, ['Cond', 'Nope']);
});

test('the analysis never runs workspace code: a JavaScript service file and resolver are skipped or reported', () => {
  const { a } = analyze({
    'js/serverless.js': "throw new Error('must never run')",
    'y/serverless.yml': "service: y\nprovider: { name: aws }\ncustom: ${file(./vars.js):x}\nfunctions: {}\n",
    'y/vars.js': "throw new Error('must never run')",
  });
  assert.ok(a.skipped.some((s) => s.file === 'js/serverless.js'));
  assert.ok(a.findings.some((f) => f.rule === 'unresolved-include' && /never runs/.test(f.message)));
});

test('deeply nested and huge documents finish', () => {
  const deep = "AWSTemplateFormatVersion: '2010-09-09'\nMetadata: " + '['.repeat(2000) + ']'.repeat(2000) + '\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n';
  const many = ["AWSTemplateFormatVersion: '2010-09-09'", 'Resources:'];
  for (let i = 0; i < 20000; i++) many.push(`  Q${i}:`, '    Type: AWS::SQS::Queue');
  const { a } = analyze({ 'deep/template.yaml': deep, 'many/template.yaml': many.join('\n') });
  assert.ok(a.units.length >= 1);
});

test('build outputs and copies beside their source are skipped with a reason, not taken for units', () => {
  const src = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n      Handler: a.b\n  Q:\n    Type: AWS::SQS::Queue\n  T:\n    Type: AWS::SNS::Topic\n";
  const { a } = analyze({
    'app/template.yaml': src,
    'app/output.yaml': src.replace('CodeUri: src/', 'CodeUri: s3://bucket/0a1b2c'),
    'app/template-pkg.yaml': src.replace('Q:', 'QModule:'),
    'app/template.json': JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { Fn: { Type: 'AWS::Serverless::Function' }, Q: { Type: 'AWS::SQS::Queue' }, T: { Type: 'AWS::SNS::Topic' } } }),
    'other/template.yaml': src.replace('CodeUri: src/', 'CodeUri: s3://bucket/hand-written.zip'),
  });
  assert.deepEqual(a.units.map((u) => u.id).sort(), ['app/template.yaml', 'other/template.yaml']);
  const reasons = Object.fromEntries(a.skipped.map((s) => [s.file, s.reason]));
  assert.match(reasons['app/output.yaml'], /packaged build output of app\/template\.yaml.*s3:\/\//);
  assert.match(reasons['app/template-pkg.yaml'], /packaged build output of app\/template\.yaml/);
  assert.match(reasons['app/template.json'], /copy of app\/template\.yaml/);
});

test('generated twins (Amazon.Lambda.Annotations beside its deployed twin, AWS Toolkit ___vsctk___) are skipped with a reason', () => {
  const fn = (handler: string) => `    Fn:\n      Type: AWS::Serverless::Function\n      Properties:\n        Handler: ${handler}\n`;
  const generated = (handler: string) => `Description: This template is partially managed by Amazon.Lambda.Annotations (v1.9.0.0).\nTransform: AWS::Serverless-2016-10-31\nResources:\n${fn(handler)}`;
  const { a } = analyze({
    'svc/template.yaml': `Transform: AWS::Serverless-2016-10-31\nResources:\n${fn('A::A.F_Generated::Run')}`,
    'svc/src/A/serverless.template': generated('A::A.F_Generated::Run'),
    'solo/src/B/serverless.template': generated('B::B.F_Generated::Run'),
    'dbg/app___vsctk___template.yaml': `Resources:\n${fn('app.handler')}`,
  });
  const reasons = Object.fromEntries(a.skipped.map((s) => [s.file, s.reason]));
  assert.match(reasons['svc/src/A/serverless.template'], /generated by Amazon\.Lambda\.Annotations.*svc\/template\.yaml deploys its handlers/);
  assert.match(reasons['dbg/app___vsctk___template.yaml'], /AWS Toolkit/);
  assert.ok(a.units.some((u) => u.id === 'solo/src/B/serverless.template'), 'a generated template without a deployed twin stays a unit');
});

test('source code is kept only where it invokes a function through an SDK, and never counts as a unit or a skip', () => {
  const ws = new Workspace();
  ws.setFile('src/util.ts', 'export const add = (a: number, b: number) => a + b;\n');
  ws.setFile('src/run.ts', 'await client.send(new InvokeCommand({ FunctionName: name }));\n');
  assert.deepEqual(ws.paths(), ['src/run.ts']);
  // Bundles and type declarations are not the workspace's code.
  assert.ok(!isSourceFile('dist/bundle.js') && !isSourceFile('src/types.d.ts') && !isSourceFile('svc/serverless.ts'));
  ws.setFile('src/run.ts', 'console.log("no invoke any more");\n');
  assert.ok(!ws.hasFile('src/run.ts'));
  assert.deepEqual(ws.analyze().skipped, []);
});
