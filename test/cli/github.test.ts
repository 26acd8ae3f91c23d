// `check --format github`: one GitHub workflow command per finding, escaped as @actions/core
// escapes them, then the summary line as plain text.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { run } from '../../server/src/cli/main';
import { escapeData, escapeProperty, githubReport, workflowCommand } from '../../server/src/cli/github';
import { parseFixture, workspaceOf, writeWorkspace } from '../harness';

function check(text: string) {
  const ws = workspaceOf(parseFixture(text).files);
  return { ws, result: ws.analyze() };
}

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await run(args, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

/** What the runner reads back: the command, its properties (unescaped) and its message (unescaped). */
function parse(line: string): { command: string; props: Record<string, string>; message: string } {
  const m = /^::([a-z]+)(?: ([^:]*))?::(.*)$/s.exec(line);
  assert.ok(m, `not a workflow command: ${line}`);
  const un = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  const props: Record<string, string> = {};
  for (const kv of (m[2] ?? '').split(',').filter(Boolean)) {
    const eq = kv.indexOf('=');
    props[kv.slice(0, eq)] = un(kv.slice(eq + 1));
  }
  return { command: m[1], props, message: un(m[3]) };
}

test('escaping: data escapes %, CR and LF; properties also : and ,', () => {
  assert.equal(escapeData('100% done\r\nnext:: line, more'), '100%25 done%0D%0Anext:: line, more');
  assert.equal(escapeProperty('a,b:c%d\n'), 'a%2Cb%3Ac%25d%0A');
  // `%0A` written literally in a message must not become a newline for the runner.
  assert.equal(escapeData('%0A'), '%250A');
  const line = workflowCommand('error', { file: 'x,y:z/t.yaml', line: 3, title: 'split-domain', endLine: undefined }, 'arn:aws:s3:::bucket\n100%');
  assert.equal(line, '::error file=x%2Cy%3Az/t.yaml,line=3,title=split-domain::arn:aws:s3:::bucket%0A100%25');
  assert.deepEqual(parse(line), { command: 'error', props: { file: 'x,y:z/t.yaml', line: '3', title: 'split-domain' }, message: 'arn:aws:s3:::bucket\n100%' });
});

const WS = `
# --- a,b:c/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Q:
    Type: AWS::SQS::Queue
    DependsOn: Missing
Outputs:
  QArn:
    Value: !GetAtt Q.Arn
    Export:
      Name: infra-QArn
  Unused:
    Value: x
    Export:
      Name: infra-Unused
# --- app/serverless.yml
service: app
provider: { name: aws }
functions:
  worker:
    handler: h.worker
    events:
      - sqs: !ImportValue infra-QArn
`;

test('check --format github: a command per finding at its level, commas and colons in file names escaped, then the summary', async () => {
  const dir = writeWorkspace(WS);
  const r = await cli('check', dir, '--format', 'github');
  assert.equal(r.code, 1, r.err);
  const lines = r.out.trimEnd().split('\n');
  const commands = lines.filter((l) => l.startsWith('::')).map(parse);
  // The hint (unused-export) is hidden by default, as in text.
  assert.deepEqual(commands.map((c) => `${c.command} ${c.props.title}`).sort(), ['error broken-reference', 'warning split-domain']);
  const broken = commands.find((c) => c.props.title === 'broken-reference')!;
  assert.equal(broken.props.file, 'a,b:c/template.yaml');
  assert.deepEqual([broken.props.line, broken.props.col], ['5', '16']);
  assert.ok(Number(broken.props.endColumn) > 16);
  assert.match(lines[lines.length - 1], /^2 units, 1 domain: 2 problems \(1 error, 1 warning\) .* · 1 hint hidden \(--severity hint shows it\)$/);
  // The split-domain names the queue's file in its related location, on a line of the message.
  const split = commands.find((c) => c.props.title === 'split-domain')!;
  assert.match(split.message, /\na,b:c\/template\.yaml:\d+:\d+: /);
});

test('check --format github: --severity hint shows hints as notices; --quiet only errors', async () => {
  const dir = writeWorkspace(WS);
  const all = (await cli('check', dir, '--format', 'github', '--severity', 'hint')).out.split('\n').filter((l) => l.startsWith('::')).map(parse);
  assert.deepEqual(all.map((c) => `${c.command} ${c.props.title}`).sort(), ['error broken-reference', 'notice unused-export', 'warning split-domain']);
  const quiet = (await cli('check', dir, '--format', 'github', '--quiet')).out.split('\n').filter((l) => l.startsWith('::')).map(parse);
  assert.deepEqual(quiet.map((c) => c.command), ['error']);
});

test('check --format github: a warning over --max-warnings says why after the summary', async () => {
  const dir = writeWorkspace(WS.replace('    DependsOn: Missing\n', ''));
  const r = await cli('check', dir, '--format', 'github', '--max-warnings', '0');
  assert.equal(r.code, 1);
  assert.match(r.out, /\nExit status 1: 1 warning, more than --max-warnings 0\.\n$/);
});

test('githubReport: %, newlines and :: in a message reach the annotation intact', () => {
  const { ws, result } = check(WS);
  const f = result.findings.find((x) => x.rule === 'broken-reference')!;
  const odd = { ...f, message: '50% of arn:aws:s3:::bucket\nsecond line\r\n%0A stays', related: [] };
  const out = githubReport(ws, result, [odd]);
  const line = out.split('\n')[0];
  assert.ok(!/[\r]/.test(line));
  assert.deepEqual(parse(line).message, odd.message);
  assert.equal(parse(line).props.file, 'a,b:c/template.yaml');
});

test('githubReport: the prefix makes the file the repository path of a checked subfolder', () => {
  const { ws, result } = check(WS);
  const out = githubReport(ws, result, result.findings.filter((x) => x.rule === 'broken-reference'), undefined, 'estates/one');
  assert.equal(parse(out.split('\n')[0]).props.file, 'estates/one/a,b:c/template.yaml');
});
