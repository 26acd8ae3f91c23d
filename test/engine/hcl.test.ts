// The HCL layer: tree-sitter's Terraform grammar turned into the engine's HCL model, with exact
// locations, error recovery, any nesting depth, and incremental parses equal to cold ones.

import * as assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { HclTreeSitter } from '../../server/src/engine/terraform/cst';
import { HclParser, editBetween, parseHcl } from '../../server/src/engine/terraform/hcl-parser';
import { attribute, blocks, forEachExpr, references, stringValue } from '../../server/src/engine/terraform/hcl-model';
import type { HclBlock, HclExpr } from '../../server/src/engine/terraform/hcl-model';
import { createHclParser, loadHclTreeSitter } from '../../server/src/node/hcl';
import { checkLocs, prng, randomEdit } from './hcl-helpers';

let ts: HclTreeSitter;
before(async () => {
  ts = await loadHclTreeSitter();
});

const parse = (text: string, file = 'main.tf') => parseHcl(ts, file, text);

/** The text a loc covers. */
const src = (text: string, l: { start: number; end: number }) => text.slice(l.start, l.end);

/** The offset of the nth occurrence of `needle`. */
function at(text: string, needle: string, nth = 0): number {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, i + 1);
    assert.ok(i >= 0, `${needle} not found`);
  }
  return i;
}

function only<T>(xs: T[]): T {
  assert.equal(xs.length, 1);
  return xs[0];
}

const MAIN = `terraform {
  backend "s3" {
    key = "orders/terraform.tfstate"
  }
}

resource "aws_sqs_queue" "orders" {
  name = "\${var.env}-orders"
  tags = { Team = "core", "cost-center" = local.cc }
}

resource "aws_lambda_event_source_mapping" "m" {
  event_source_arn = aws_sqs_queue.orders.arn
  function_name    = module.worker.lambda_function_arn
  batch_size       = 10
  enabled          = true
  queues           = [data.aws_sqs_queue.dlq.url, format("%s-x", var.env)]
  arns             = aws_lambda_function.f[*].arn
  depends_on       = [aws_sqs_queue.orders]
}
`;

test('the host loads tree-sitter once and gives parsers that parse', async () => {
  assert.equal(await loadHclTreeSitter(), ts);
  const parser = await createHclParser();
  const m = parser.parse('a.tf', 'locals {\n  x = 1\n}\n');
  assert.deepEqual(m.errors, []);
  assert.equal(blocks(m.items, 'locals').length, 1);
  assert.deepEqual(parser.files(), ['a.tf']);
  parser.dispose();
  assert.deepEqual(parser.files(), []);
});

test('missing closers are reported at what they should close', () => {
  const cases: Array<[string, string, string]> = [
    ['a = "abc\nb = 1\n', '"', 'No closing " for this "'],
    ['a = [1, 2\nb = 1\n', '[', 'No closing ] for this ['],
    ['a = f(1\nb = 1\n', '(', 'No closing ) for this ('],
    ['a = <<EOT\nx\n', '<<', 'No closing marker for this <<'],
  ];
  for (const [text, at, message] of cases) {
    const e = only(parse(text).errors);
    assert.equal(src(text, e), at, text);
    assert.equal(e.message, message);
  }
});

test('blocks, labels and attributes have exact locations', () => {
  const m = parse(MAIN);
  assert.deepEqual(m.errors, []);
  assert.deepEqual(
    m.items.map((i) => (i.k === 'block' ? [i.type, ...i.labels.map((l) => l.value)] : [i.name])),
    [['terraform'], ['resource', 'aws_sqs_queue', 'orders'], ['resource', 'aws_lambda_event_source_mapping', 'm']],
  );
  const q = blocks(m.items, 'resource')[0];
  assert.equal(src(MAIN, q.typeLoc), 'resource');
  assert.equal(src(MAIN, q.labels[0].loc), '"aws_sqs_queue"');
  assert.equal(src(MAIN, q.labels[0].valueLoc), 'aws_sqs_queue');
  assert.equal(q.loc.start, at(MAIN, 'resource "aws_sqs_queue"'));
  assert.equal(MAIN[q.loc.end - 1], '}');
  const name = attribute(q.items, 'name')!;
  assert.equal(src(MAIN, name.nameLoc), 'name');
  assert.equal(src(MAIN, name.loc), 'name = "${var.env}-orders"');
  const backend = only(blocks(only(blocks(m.items, 'terraform')).items, 'backend'));
  assert.equal(stringValue(attribute(backend.items, 'key')!.value), 'orders/terraform.tfstate');
  assert.equal(src(MAIN, attribute(backend.items, 'key')!.value.loc), '"orders/terraform.tfstate"');
});

test('templates keep their text and their interpolations', () => {
  const m = parse(MAIN);
  const v = attribute(blocks(m.items, 'resource')[0].items, 'name')!.value;
  assert.equal(v.k, 'template');
  if (v.k !== 'template') return;
  assert.deepEqual(v.parts.map((p) => p.k), ['interp', 'text']);
  const [interp, text] = v.parts;
  assert.equal(interp.k === 'interp' && src(MAIN, interp.loc), '${var.env}');
  assert.equal(text.k === 'text' && text.value, '-orders');
  const ref = only(references(v));
  assert.equal(ref.name, 'var');
  assert.equal(src(MAIN, ref.loc), 'var.env');
  assert.equal(src(MAIN, ref.nameLoc), 'var');
  assert.deepEqual(ref.parts.map((p) => p.k === 'attr' && [p.name, src(MAIN, p.loc)]), [['env', 'env']]);
});

test('references are traversals with a located root and parts', () => {
  const m = parse(MAIN);
  const mapping = blocks(m.items, 'resource')[1];
  const refs = mapping.items.flatMap((i) => (i.k === 'attribute' ? references(i.value) : []));
  const shown = refs.map((r) => [src(MAIN, r.loc), r.name, ...r.parts.map((p) => (p.k === 'attr' ? p.name : p.k))].join(' '));
  assert.deepEqual(shown, [
    'aws_sqs_queue.orders.arn aws_sqs_queue orders arn',
    'module.worker.lambda_function_arn module worker lambda_function_arn',
    'data.aws_sqs_queue.dlq.url data aws_sqs_queue dlq url',
    'var.env var env',
    'aws_lambda_function.f[*].arn aws_lambda_function f splat arn',
    'aws_sqs_queue.orders aws_sqs_queue orders',
  ]);
  const last = refs[0].parts[1];
  assert.equal(last.loc.start, at(MAIN, 'orders.arn') + 'orders.'.length);
  assert.equal(src(MAIN, last.loc), 'arn');
});

test('literals, calls, tuples and objects', () => {
  const m = parse(MAIN);
  const [q, mapping] = blocks(m.items, 'resource');
  const tags = attribute(q.items, 'tags')!.value;
  assert.equal(tags.k, 'object');
  if (tags.k === 'object') {
    assert.deepEqual(tags.entries.map((e) => e.name), ['Team', 'cost-center']);
    assert.equal(stringValue(tags.entries[0].value), 'core');
    assert.equal(tags.entries[1].value.k, 'ref');
  }
  const lit = (n: string) => {
    const v = attribute(mapping.items, n)!.value;
    return v.k === 'literal' ? v.value : v.k;
  };
  assert.equal(lit('batch_size'), 10);
  assert.equal(lit('enabled'), true);
  const queues = attribute(mapping.items, 'queues')!.value;
  assert.equal(queues.k, 'tuple');
  if (queues.k !== 'tuple') return;
  const call = queues.items[1];
  assert.equal(call.k, 'call');
  if (call.k !== 'call') return;
  assert.equal(call.name, 'format');
  assert.equal(src(MAIN, call.nameLoc), 'format');
  assert.equal(src(MAIN, call.loc), 'format("%s-x", var.env)');
  assert.deepEqual(call.args.map((a) => a.k), ['literal', 'ref']);
});

test('other expressions keep their operands: conditionals, operators, for, heredocs, escapes', () => {
  const text = [
    'locals {',
    '  a = var.x == "" ? local.d : "${var.x}-y"',
    '  b = [for k, v in var.m : upper(v) if k != "z"]',
    '  c = { for s in var.l : s => length(s)... }',
    '  d = <<-EOT',
    '    hello ${var.who} %{ if var.loud }!%{ endif }',
    '  EOT',
    '  e = "a\\"b\\\\c\\u00e9 $${literal}"',
    '  f = -1',
    '  g = (local.m).k[0]',
    '  h = provider::aws::arn_parse(var.arn).region',
    '  i = <<-EOT',
    '    {"a": 1,',
    '      "b": 2}',
    '    EOT',
    '  j = <<EOT',
    '  kept',
    'EOT',
    '}',
  ].join('\n');
  const m = parse(text);
  assert.deepEqual(m.errors, []);
  const items = only(blocks(m.items, 'locals')).items;
  const val = (n: string) => attribute(items, n)!.value;
  assert.equal(val('a').k, 'conditional');
  const f = val('b');
  assert.ok(f.k === 'for' && f.keyVar === 'k' && f.valueVar === 'v' && f.cond?.k === 'op');
  const g = val('c');
  assert.ok(g.k === 'for' && g.object && g.grouped && g.key?.k === 'ref');
  const h = val('d');
  assert.ok(h.k === 'template' && h.heredoc);
  assert.deepEqual(references(h).map((r) => src(text, r.loc)), ['var.who', 'var.loud']);
  assert.equal(stringValue(val('e')), 'a"b\\cé ${literal}');
  const neg = val('f');
  assert.ok(neg.k === 'op' && neg.op === '-');
  const acc = val('g');
  assert.ok(acc.k === 'access' && acc.target.k === 'ref' && acc.parts.length === 2);
  const call = val('h');
  assert.ok(call.k === 'access' && call.target.k === 'call' && call.target.name === 'provider::aws::arn_parse');
  assert.equal(stringValue(val('i')), '{"a": 1,\n  "b": 2}\n', 'a flush heredoc loses its shared indentation');
  assert.equal(stringValue(val('j')), '  kept\n');
  const all: string[] = [];
  forEachExpr(val('a'), (e) => all.push(e.k));
  assert.deepEqual(all, ['conditional', 'op', 'ref', 'literal', 'ref', 'template', 'ref']);
});

test('CRLF and non-ASCII text: locations are UTF-16 offsets of the text', () => {
  const text = 'locals {\r\n  café = "né 😀 ${var.ünï}"\r\n  x = aws_sqs_queue.q.arn\r\n}\r\n';
  const m = parse(text);
  assert.deepEqual(m.errors, []);
  const items = only(blocks(m.items, 'locals')).items;
  const cafe = attribute(items, 'café')!;
  assert.equal(src(text, cafe.nameLoc), 'café');
  assert.equal(src(text, cafe.value.loc), '"né 😀 ${var.ünï}"');
  assert.equal(src(text, only(references(cafe.value)).loc), 'var.ünï');
  assert.equal(src(text, attribute(items, 'x')!.value.loc), 'aws_sqs_queue.q.arn');
});

test('half-typed text gives a model and one error, never a throw', () => {
  const good = 'resource "aws_sqs_queue" "a" {\n  name = "a"\n}\n';
  const after = 'resource "aws_sqs_queue" "c" {\n  name = "c"\n}\n';
  const cases = [
    'resource "aws_sqs_queue" "q" {',
    'resource "aws_sqs_queue" "q" {\n  name = "${var.',
    good + 'resource "aws_sqs_queue" "q" {\n  name = "${var.\n}\n' + after,
    good + 'resource "aws_sqs_queue" "q" {\n  name = \n}\n' + after,
    good + 'resource "aws_sqs_queue" "q" {\n  name = [1, 2\n}\n' + after,
    good + 'resou',
    '}}}{{{',
    '"',
    '= = =',
    'a = <<EOT\nnever closed',
    'resource "a" "b" {\r  name = "${var.\r}\r',
    'resource "a" "b" {\r\n  name = [\r\n}\r\n',
  ];
  for (const text of cases) {
    const m = parse(text);
    assert.equal(m.errors.length, 1, JSON.stringify(text));
    checkLocs(text, m);
    if (text.startsWith(good)) {
      assert.equal(m.items[0].k === 'block' && m.items[0].labels[1].value, 'a', 'the block before the error is kept');
      if (text.includes(after)) {
        const last = m.items[m.items.length - 1];
        assert.equal(last.k === 'block' && last.labels[1].value, 'c', `the block after the error is kept: ${JSON.stringify(text)}`);
      }
    }
  }
});

test('an unclosed block is reported at its brace, with the block and what it holds kept', () => {
  const text = 'resource "aws_sqs_queue" "q" {\n  name = "orders"\n';
  const m = parse(text);
  const e = only(m.errors);
  assert.equal(src(text, e), '{');
  assert.match(e.message, /No closing \}/);
  const b = only(m.items) as HclBlock;
  assert.ok(b.partial);
  assert.equal(stringValue(attribute(b.items, 'name')?.value), 'orders');
});

test('a broken line is reported on that line, the rest of the file is converted', () => {
  const text = 'locals {\n  a = 1\n}\nlocals {\n  b = = 2\n}\nlocals {\n  c = 3\n}\n';
  const m = parse(text);
  const e = only(m.errors);
  assert.equal(text.slice(0, e.start).split('\n').length, 5, 'on the fifth line');
  const names = blocks(m.items, 'locals').flatMap((b) => b.items.map((i) => (i.k === 'attribute' ? i.name : '')));
  assert.ok(names.includes('a') && names.includes('c'), names.join());
});

test('a broken file of many one-line items keeps them all', () => {
  const text = 'a = \n' + 'b = 1\n'.repeat(20_000);
  const m = parse(text);
  assert.equal(m.errors.length, 1);
  assert.equal(m.items.filter((i) => i.k === 'attribute' && i.name === 'b').length, 20_000);
});

test('deep nesting (100k) neither overflows nor throws', () => {
  const cases = [
    ['[', ']', 100_000, true],
    ['[', ']', 100_000, false],
    ['(', ')', 100_000, true],
    ['{a = ', '}', 10_000, true],
    ['{a = ', '}', 10_000, false],
  ] as const;
  for (const [open, close, n, closed] of cases) {
    const text = 'x = ' + open.repeat(n) + '1' + (closed ? close.repeat(n) : '') + '\n';
    const m = parse(text);
    if (closed) {
      assert.deepEqual(m.errors, [], `${open} closed`);
      let depth = 0;
      forEachExpr((m.items[0] as { value: HclExpr }).value, () => depth++);
      // Parentheses only group: `((1))` is the literal 1; each object has a key and a value.
      assert.equal(depth, open === '(' ? 1 : open === '[' ? n + 1 : 2 * n + 1, `${open}: ${depth} expressions`);
    } else assert.equal(m.errors.length, 1, `${open} unclosed`);
    checkLocs(text, m);
  }
});

test('an incremental parse gives the model a cold parse gives', () => {
  const parser = new HclParser(ts);
  const random = prng(7);
  let text = MAIN;
  for (let i = 0; i < 150; i++) {
    text = randomEdit(text, random);
    assert.deepEqual(parser.parse('main.tf', text), parse(text), `edit ${i}`);
  }
  parser.release('main.tf');
  assert.deepEqual(parser.files(), []);
});

test('an edit of a valid text is parsed from the old tree; a broken text is parsed cold', () => {
  const calls: string[] = [];
  const spy: HclTreeSitter = {
    parse: (text, old, ranges) => {
      calls.push(old ? 'incremental' : ranges ? 'ranges' : 'cold');
      return ts.parse(text, old, ranges);
    },
  };
  const parser = new HclParser(spy);
  parser.parse('a.tf', MAIN);
  parser.parse('a.tf', MAIN.replace('batch_size       = 10', 'batch_size       = 11'));
  assert.deepEqual(calls, ['cold', 'incremental']);
  calls.length = 0;
  parser.parse('a.tf', MAIN.replace('batch_size       = 10', 'batch_size       = '));
  assert.equal(calls[0], 'incremental');
  assert.equal(calls[1], 'cold', 'the broken result is replaced by a cold parse');
  calls.length = 0;
  parser.parse('a.tf', MAIN);
  assert.deepEqual(calls, ['cold'], 'a broken tree is not a base for the next parse');
  parser.dispose();
});

test('the edit between two texts keeps the common prefix and suffix, and never splits a surrogate pair', () => {
  assert.deepEqual(editBetween('a\nbc', 'a\nbXc'), {
    startIndex: 3,
    oldEndIndex: 3,
    newEndIndex: 4,
    startPosition: { row: 1, column: 1 },
    oldEndPosition: { row: 1, column: 1 },
    newEndPosition: { row: 1, column: 2 },
  });
  const e = editBetween('x😀', 'x😃');
  assert.equal(e.startIndex, 1);
  assert.equal(e.oldEndIndex, 3);
});
