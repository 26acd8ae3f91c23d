// Bad input that must never crash the engine or make its work worse than linear (the
// contract's "Bad input"): long chains of units, edits past the size limit.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex, parseConfig, Query, Workspace } from '../../server/src/engine';
import { generateBigTemplate } from '../bench/generate';

/** `n` units, each importing the next one's export: a chain as long as the workspace. */
export function chainedUnits(n: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    files[`u${i}/template.yaml`] = [
      "AWSTemplateFormatVersion: '2010-09-09'",
      'Resources:',
      '  Q:',
      '    Type: AWS::SQS::Queue',
      '    Properties:',
      `      QueueName: !ImportValue e${i + 1}`,
      'Outputs:',
      '  O:',
      '    Value: !Ref Q',
      `    Export: { Name: e${i} }`,
      '',
    ].join('\n');
  }
  return files;
}

test('7,000 units chained by imports: the cycle search and the deploy order do not overflow the stack', () => {
  const ws = new Workspace({ rootName: 'w' });
  for (const [p, t] of Object.entries(chainedUnits(7000))) ws.setFile(p, t);
  const a = ws.analyze();
  assert.equal(a.units.length, 7000);
  const g = new Query(ws, a).graph();
  assert.equal(g.deployOrder.length, 7000);
  assert.equal(g.deployOrder[0], 'u6999/template.yaml');
  assert.deepEqual(g.cycles, []);
});

test('a file edited past the size limit drops its findings and is skipped with its reason', () => {
  const ws = new Workspace({ rootName: 'w', maxFileSize: 500 });
  const text = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    DependsOn: Missing\n";
  ws.setFile('t/template.yaml', text);
  assert.ok(ws.analyze().findings.some((f) => f.rule === 'broken-reference'));
  ws.setFile('t/template.yaml', text + '#'.repeat(600));
  const a = ws.analyze();
  assert.deepEqual(a.findings.filter((f) => f.loc.file === 't/template.yaml'), []);
  assert.equal(a.findingsByFile.get('t/template.yaml')?.length ?? 0, 0);
  assert.ok(a.changedFiles.has('t/template.yaml'));
  assert.ok(a.skipped.some((s) => s.file === 't/template.yaml' && /larger than 500/.test(s.reason)));
  ws.setFile('t/template.yaml', text);
  assert.ok(ws.analyze().findings.some((f) => f.rule === 'broken-reference'));
});

test('lowering the size limit drops files now over it', () => {
  const ws = new Workspace({ rootName: 'w' });
  ws.setFile('t/template.yaml', "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    DependsOn: Missing\n");
  assert.equal(ws.analyze().findings.length, 1);
  ws.setMaxFileSize(50);
  const a = ws.analyze();
  assert.equal(a.findings.length, 0);
  assert.ok(a.skipped.some((s) => s.file === 't/template.yaml'));
});

test('a lone \\r ends a line as it does in editors: structure, positions and suppression comments', () => {
  const lines = [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Resources:',
    '  Q:',
    '    Type: AWS::SQS::Queue',
    '    DependsOn: Missin',
    '  T:',
    '    Type: AWS::SNS::Topic',
    '    # serverless-domains-disable-next-line broken-reference',
    '    DependsOn: Gone',
  ];
  const text = lines.join('\r') + '\r';
  const ws = new Workspace({ rootName: 'w' });
  ws.setFile('c/template.yaml', text);
  const a = ws.analyze();
  assert.equal(a.findings.filter((f) => f.rule === 'syntax-error').length, 0);
  const found = a.findings.filter((f) => f.rule === 'broken-reference');
  assert.deepEqual(found.map((f) => f.subject), ['Missin']);
  const idx = new LineIndex(ws.getText('c/template.yaml')!);
  assert.deepEqual(idx.position(found[0].loc.start), { line: 4, character: 15 });
  const own = new LineIndex(text);
  assert.equal(own.lineCount, lines.length + 1);
  assert.deepEqual(own.position(found[0].loc.start), { line: 4, character: 15 });
  assert.equal(own.lineText(4), '    DependsOn: Missin');
  assert.equal(own.offset({ line: 4, character: 99 }), own.lineStart(5) - 1);
});

test('LineIndex: \\n, \\r\\n and a lone \\r each end one line', () => {
  const idx = new LineIndex('a\nb\r\nc\rd\r\re');
  assert.deepEqual([0, 1, 2, 3, 4, 5].map((l) => idx.lineText(l)), ['a', 'b', 'c', 'd', '', 'e']);
  assert.deepEqual(idx.position(4), { line: 1, character: 1 }); // between \r and \n
  assert.deepEqual(idx.position(7), { line: 3, character: 0 });
});

test('50,000-deep nesting is skipped with a reason, never a stack overflow; ordinary depth is analysed', () => {
  const tail = "\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    DependsOn: Nope\n";
  const deep = (n: number): Record<string, string> => ({
    'flow/template.yaml': "AWSTemplateFormatVersion: '2010-09-09'\nMetadata: " + '['.repeat(n) + ']'.repeat(n) + tail,
    'json/template.json': '{"AWSTemplateFormatVersion": "2010-09-09", "Metadata": ' + '{"a":'.repeat(n) + '1' + '}'.repeat(n) + ', "Resources": {"Q": {"Type": "AWS::SQS::Queue", "DependsOn": "Nope"}}}',
    'compact/template.yaml': "AWSTemplateFormatVersion: '2010-09-09'\nMetadata:\n  " + '- '.repeat(n) + 'x' + tail,
    'tags/template.yaml': "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: " + '!Join ["", ['.repeat(n / 2) + '!Ref Nope' + ']]'.repeat(n / 2) + '\n',
  });
  const ws = new Workspace({ rootName: 'w' });
  for (const [p, t] of Object.entries(deep(50000))) ws.setFile(p, t);
  ws.setFile('ok/template.yaml', "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    DependsOn: Gone\n");
  const a = ws.analyze();
  assert.deepEqual(a.skipped.map((s) => s.file).sort(), ['compact/template.yaml', 'flow/template.yaml', 'json/template.json', 'tags/template.yaml']);
  assert.ok(a.skipped.every((s) => /nesting deeper than \d+ levels/.test(s.reason)));
  assert.ok(!a.findings.some((f) => /call stack/i.test(f.message)));
  assert.deepEqual(a.findings.map((f) => f.loc.file), ['ok/template.yaml']);
  // 200 levels are well within what the parser and the walks take: analysed as usual.
  const ws2 = new Workspace({ rootName: 'w' });
  for (const [p, t] of Object.entries(deep(200))) ws2.setFile(p, t);
  const b = ws2.analyze();
  assert.deepEqual(b.skipped, []);
  assert.deepEqual(b.findings.map((f) => `${f.loc.file}:${f.rule}`).sort(), ['compact/template.yaml:broken-reference', 'flow/template.yaml:broken-reference', 'json/template.json:broken-reference', 'tags/template.yaml:broken-reference']);
});

test('a line of 33,000 ${self:a} is analysed once, with one finding', () => {
  const ws = new Workspace({ rootName: 'w' });
  ws.setFile('s/serverless.yml', `service: s\nprovider: { name: aws }\ncustom:\n  b: ${'${self:a}'.repeat(33000)}\nfunctions: {}\n`);
  const a = ws.analyze();
  assert.equal(a.findings.filter((f) => f.rule === 'broken-reference').length, 1);
});

test('a big template is parsed once and every function gets its domain (the work stays linear)', () => {
  const ws = new Workspace({ rootName: 'w' });
  ws.setFile('big/template.yaml', generateBigTemplate(300_000));
  const a = ws.analyze();
  assert.equal(ws.parseCount, 1);
  const fns = a.domains.reduce((n, d) => n + d.functions.length, 0);
  assert.ok(fns > 500 && a.domains.length === fns, `${fns} functions in ${a.domains.length} domains`);
  assert.ok(a.domains.every((d) => d.resources.length === 0), 'the shared role and each mapped queue are not supporting resources of one domain');
});

test('configuration values of the wrong type are reported and replaced by their defaults', () => {
  const cfg = parseConfig('rules:\n  broken-reference: loud\n  monolith-unit:\n    threshold: many\ninclude: services/**\nexclude:\n  - x/**\n');
  assert.equal(cfg.rules['broken-reference']?.severity, undefined);
  assert.equal(cfg.rules['monolith-unit']?.threshold, undefined);
  assert.deepEqual(cfg.include, []);
  assert.deepEqual(cfg.exclude, ['x/**']);
  assert.equal(cfg.problems.length, 3, cfg.problems.join('\n'));
  assert.ok(cfg.problems.some((p) => /"loud" is not a severity/.test(p)));
  assert.ok(cfg.problems.some((p) => /threshold: "many" is not a number/.test(p)));
  assert.ok(cfg.problems.some((p) => /include: expected a list/.test(p)));
});

test('deep block nesting by indentation (600 levels) is skipped with a reason; the cheap bound lets ordinary files through', () => {
  const lines = ["AWSTemplateFormatVersion: '2010-09-09'", 'Metadata:'];
  for (let i = 1; i <= 600; i++) lines.push(`${' '.repeat(2 * i)}k${i}:`);
  lines.push(`${' '.repeat(1202)}x`);
  const ws = new Workspace({ rootName: 'w' });
  ws.setFile('block/template.yaml', lines.join('\n') + '\n');
  const a = ws.analyze();
  assert.deepEqual(a.skipped.map((s) => s.file), ['block/template.yaml']);
  assert.match(a.skipped[0].reason, /nesting deeper than \d+ levels/);
});

test('the nesting guard is not fooled by closers inside a string that spans lines, nor by commented or quoted ones', () => {
  const n = 2000;
  const texts = {
    'string/template.yaml': "AWSTemplateFormatVersion: '2010-09-09'\nMetadata: " + '['.repeat(n) + '"x\n' + ']'.repeat(n) + '\n"' + ']'.repeat(n) + '\n',
    'comment/template.yaml': "AWSTemplateFormatVersion: '2010-09-09'\nMetadata: " + '['.repeat(n) + ' # ' + ']'.repeat(n) + '\n' + ']'.repeat(n) + '\n',
    'quoted/template.yaml': "AWSTemplateFormatVersion: '2010-09-09'\nMetadata: " + '['.repeat(n) + "'" + ']'.repeat(n) + "'\n" + ']'.repeat(n) + '\n',
  };
  const ws = new Workspace({ rootName: 'w' });
  for (const [p, t] of Object.entries(texts)) ws.setFile(p, t);
  const a = ws.analyze();
  assert.deepEqual(a.skipped.map((s) => s.file).sort(), Object.keys(texts).sort());
  assert.ok(a.skipped.every((s) => /nesting deeper than \d+ levels/.test(s.reason)));
});
