// The editor's questions about Terraform units (the engine's Query): where a name written in a
// `.tf` file leads, who refers to a declaration, what a hover tells, the outline of a file, and
// the graph the views draw.

import * as assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { Loc, Query } from '../../server/src/engine';
import { parseFixture, useHcl, workspaceOf } from '../harness';

before(useHcl);

const WS = `
# --- net/main.tf
terraform {
  backend "s3" {
    bucket = "state"
    key    = "net/terraform.tfstate"
  }
}

resource "aws_iam_role" "lambda" {
  name               = "lambda-role"
  assume_role_policy = "{}"
}

output "role_arn" {
  value = aws_iam_role.lambda.arn
}
# --- orders/main.tf
terraform {
  backend "s3" {
    bucket = "state"
    key    = "orders/terraform.tfstate"
  }
}

variable "stage" {
  default = "dev"
}

locals {
  prefix = "orders-\${var.stage}"
}

data "terraform_remote_state" "net" {
  backend = "s3"
  config = {
    bucket = "state"
    key    = "net/terraform.tfstate"
  }
}

data "aws_caller_identity" "me" {}

resource "aws_sqs_queue" "orders" {
  name = "\${local.prefix}-queue"
}

resource "aws_lambda_function" "process" {
  function_name = format("%s-process", local.prefix)
  role          = data.terraform_remote_state.net.outputs.role_arn
  filename      = "build/process.zip"
  environment {
    variables = {
      ACCOUNT = data.aws_caller_identity.me.account_id
      MISSING = var.nothing
    }
  }
}

resource "aws_lambda_event_source_mapping" "orders" {
  event_source_arn = aws_sqs_queue.orders.arn
  function_name    = aws_lambda_function.process.arn
}

module "audit" {
  source = "./audit"
  queue  = aws_sqs_queue.orders.name
}

module "notify" {
  source        = "terraform-aws-modules/lambda/aws"
  function_name = "orders-notify"
}

output "queue_url" {
  value = aws_sqs_queue.orders.url
}

output "audit_table" {
  value = module.audit.table_name
}

output "notify_arn" {
  value = module.notify.lambda_function_arn
}
# --- orders/audit/main.tf
variable "queue" {}

resource "aws_dynamodb_table" "audit" {
  name     = "\${var.queue}-audit"
  hash_key = "id"
}

output "table_name" {
  value = aws_dynamodb_table.audit.name
}
`;

function setup() {
  const files = parseFixture(WS).files;
  const ws = workspaceOf(files);
  const q = new Query(ws, ws.analyze());
  /** The offset of `needle` (its `nth` occurrence) in a file, plus `delta`. */
  const at = (file: string, needle: string, delta = 0, nth = 0): number => {
    const text = files.get(file)!;
    let i = -1;
    for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
    assert.ok(i >= 0, `${needle} not in ${file}`);
    return i + delta;
  };
  const show = (l: Loc) => `${l.file}:${files.get(l.file)!.slice(l.start, l.end)}`;
  const lineOf = (l: Loc) => `${l.file}:${files.get(l.file)!.slice(0, l.start).split('\n').length}`;
  return { q, at, show, lineOf, files };
}

test('definition: var, local, module, a local module output, data, resources and a remote state output', () => {
  const { q, at, show } = setup();
  const def = (file: string, needle: string, delta = 0, nth = 0) => q.definition(file, at(file, needle, delta, nth)).map(show);
  const o = 'orders/main.tf';
  assert.deepEqual(def(o, 'var.stage', 5), [`${o}:stage`]);
  assert.deepEqual(def(o, 'local.prefix', 7), [`${o}:prefix`]);
  assert.deepEqual(def(o, 'aws_sqs_queue.orders.arn', 3), [`${o}:orders`]);
  assert.deepEqual(def(o, 'aws_lambda_function.process.arn', 22), [`${o}:process`]);
  assert.deepEqual(def(o, 'module.audit.table_name', 8), [`${o}:audit`], 'module.M leads to the module block');
  assert.deepEqual(def(o, 'module.audit.table_name', 15), ['orders/audit/main.tf:table_name'], "module.M.OUT leads to the local module's output");
  assert.deepEqual(def(o, 'module.notify.lambda_function_arn', 8), [`${o}:notify`]);
  assert.deepEqual(def(o, 'data.aws_caller_identity.me', 26), [`${o}:me`]);
  assert.deepEqual(def(o, 'data.terraform_remote_state.net.outputs', 29), [`${o}:net`], 'the data part leads to the data block');
  assert.deepEqual(def(o, 'outputs.role_arn', 10), ['net/main.tf:role_arn'], "outputs.Y leads to the output of the unit whose stack is the state's key");
});

test('definition inside a local module: var.X leads to the module\'s variable block, resources to the module\'s own', () => {
  const { q, at, show } = setup();
  const a = 'orders/audit/main.tf';
  assert.deepEqual(q.definition(a, at(a, 'var.queue', 5)).map(show), [`${a}:queue`]);
  assert.deepEqual(q.definition(a, at(a, 'aws_dynamodb_table.audit.name', 20)).map(show), [`${a}:audit`]);
});

test('definition stays silent where the files do not say: an undeclared variable, a function argument', () => {
  const { q, at } = setup();
  const o = 'orders/main.tf';
  assert.deepEqual(q.definition(o, at(o, 'var.nothing', 5)), []);
  assert.deepEqual(q.definition(o, at(o, 'format(', 2)), []);
});

test('references: a resource, a variable, a local module output, a remote state output', () => {
  const { q, at, lineOf } = setup();
  const o = 'orders/main.tf';
  // The declaration, the trigger (once, not also as the whole expression), the module argument and the output.
  const queue = q.references(o, at(o, '"orders" {', 2), true).map(lineOf);
  assert.deepEqual(queue, [`${o}:26`, `${o}:43`, `${o}:49`, `${o}:58`]);
  assert.deepEqual(q.references(o, at(o, 'var.stage', 5), false).map(lineOf), [`${o}:13`]);
  assert.deepEqual(q.references(o, at(o, 'local.prefix', 7, 1), true).map(lineOf), [`${o}:13`, `${o}:27`, `${o}:31`]);
  const a = 'orders/audit/main.tf';
  assert.deepEqual(q.references(a, at(a, 'table_name', 2), false).map(lineOf), [`${o}:62`]);
  assert.deepEqual(q.references('net/main.tf', at('net/main.tf', '"role_arn"', 2), false).map(lineOf), [`${o}:32`]);
});

test('hover on a resource address and on its block head: the physical name and the owning unit', () => {
  const { q, at } = setup();
  const o = 'orders/main.tf';
  for (const offset of [at(o, 'aws_sqs_queue.orders.url', 3), at(o, 'resource "aws_sqs_queue"', 2)]) {
    const h = q.hover(o, offset)!.markdown;
    assert.match(h, /\*\*aws_sqs_queue\.orders\*\* · `AWS::SQS::Queue`/);
    assert.match(h, /defined in unit `orders\/main\.tf` \(stack `orders\/terraform\.tfstate`\)/);
    assert.match(h, /physical name `orders-dev-queue`/);
  }
  const a = 'orders/audit/main.tf';
  const table = q.hover(a, at(a, 'aws_dynamodb_table.audit.name', 3))!.markdown;
  assert.match(table, /\*\*module\.audit\.aws_dynamodb_table\.audit\*\*/);
  assert.match(table, /physical name `orders-dev-queue-audit`/, "the caller's values decide the name");
  assert.match(table, /in `orders\/audit\/main\.tf`/);
  assert.match(q.hover(a, at(a, 'var.queue', 5))!.markdown, /^\*\*var\.queue\*\* · variable of `module\.audit` in unit `orders\/main\.tf`/);
  assert.match(q.hover(o, at(o, 'local.prefix', 7))!.markdown, /^\*\*local\.prefix\*\* · local value of unit/);
  const state = q.hover(o, at(o, 'data.terraform_remote_state.net.outputs', 29))!.markdown;
  assert.match(state, /^\*\*data\.terraform_remote_state\.net\*\* · data source of unit `orders\/main\.tf`/);
  assert.match(state, /state `net\/terraform\.tfstate`: unit `net\/main\.tf`/);
});

test('document symbols of a .tf file: its blocks, as HashiCorp draws them', () => {
  const { q } = setup();
  const syms = q.documentSymbols('orders/main.tf');
  const top = syms.map((s) => `${s.kind} ${s.name}${s.detail ? ` (${s.detail})` : ''}`);
  assert.deepEqual(top, [
    'section terraform',
    'variable variable "stage"',
    'section locals',
    'data data "terraform_remote_state" "net"',
    'data data "aws_caller_identity" "me"',
    'resource resource "aws_sqs_queue" "orders" (AWS::SQS::Queue)',
    'function resource "aws_lambda_function" "process" (aws_sqs_queue.orders)',
    'resource resource "aws_lambda_event_source_mapping" "orders" (AWS::Lambda::EventSourceMapping)',
    'module module "audit"',
    'function module "notify" (module.notify)',
    'output output "queue_url"',
    'output output "audit_table"',
    'output output "notify_arn"',
  ]);
  assert.deepEqual(syms[2].children!.map((c) => `${c.kind} ${c.name}`), ['variable prefix']);
  const fn = syms[6];
  assert.deepEqual(fn.children!.map((c) => c.name), ['function_name', 'role', 'filename', 'environment']);
  assert.deepEqual(fn.children![3].children!.map((c) => c.name), ['variables']);
  for (const s of syms) assert.ok(s.range.start <= s.selection.start && s.selection.end <= s.range.end, s.name);
});

test('the graph: Terraform units with their kind, stack and domains', () => {
  const { q } = setup();
  const g = q.graph();
  assert.deepEqual(g.units.map((u) => [u.id, u.kind, u.stackName]), [
    ['net/main.tf', 'terraform', 'net/terraform.tfstate'],
    ['orders/main.tf', 'terraform', 'orders/terraform.tfstate'],
  ]);
  assert.deepEqual(g.units[1].domains, ['aws_sqs_queue.orders', 'module.notify']);
  assert.deepEqual(g.units[1].importsFrom, ['net/main.tf']);
  assert.deepEqual(g.deployOrder, ['net/main.tf', 'orders/main.tf']);
  const d = g.domains.find((x) => x.name === 'aws_sqs_queue.orders')!;
  assert.deepEqual(d.functions.map((f) => f.id), ['aws_lambda_function.process']);
  assert.ok(d.functions[0].loc && d.triggers[0].loc, 'members have locations to reveal');
});

test('a local module called by two units: its names lead to its own blocks, each use listed once', () => {
  const files = parseFixture(`
# --- a/main.tf
module "q" {
  source = "../queue"
  name   = "a-jobs"
}
# --- b/main.tf
module "q" {
  source = "../queue"
  name   = "b-jobs"
}
# --- queue/main.tf
variable "name" {}

resource "aws_sqs_queue" "this" {
  name = var.name
}
`).files;
  const ws = workspaceOf(files);
  const q = new Query(ws, ws.analyze());
  const text = files.get('queue/main.tf')!;
  const use = text.indexOf('var.name') + 5;
  assert.deepEqual(q.definition('queue/main.tf', use), [{ file: 'queue/main.tf', start: text.indexOf('"name"') + 1, end: text.indexOf('"name"') + 5 }]);
  assert.deepEqual(q.references('queue/main.tf', use, false), [{ file: 'queue/main.tf', start: text.indexOf('var.name'), end: text.indexOf('var.name') + 8 }]);
  // The hover describes one instance and lists the others, each with its name.
  const h = q.hover('queue/main.tf', text.indexOf('"this"') + 2)!.markdown;
  assert.match(h, /\*\*module\.q\.aws_sqs_queue\.this\*\*[^]*defined in unit `a\/main\.tf`[^]*physical name `a-jobs`/);
  assert.match(h, /also `module\.q\.aws_sqs_queue\.this` in unit `b\/main\.tf` \(physical name `b-jobs`\)/);
});

test('hover on a function whose name the deployment decides in part: the known parts, the rest as *', () => {
  const files = parseFixture(`
# --- fn/main.tf
terraform {
  backend "s3" {
    key = "fn.tfstate"
  }
}

variable "env" {}

resource "aws_lambda_function" "worker" {
  function_name = "worker-\${var.env}"
  filename      = "worker.zip"
}
`).files;
  const ws = workspaceOf(files);
  const q = new Query(ws, ws.analyze());
  const h = q.hover('fn/main.tf', files.get('fn/main.tf')!.indexOf('"worker"') + 2)!.markdown;
  assert.match(h, /name `worker-\*` \(`\*`: decided at deployment\)/);
  assert.doesNotMatch(h, /physical name/);
});
