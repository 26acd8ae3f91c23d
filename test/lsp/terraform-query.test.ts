// The editor's language features on `.tf` files, over the real protocol: definition, references,
// hover and document symbols, and Terraform units and domains in the graph the views draw.

import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DocumentSymbol, Hover, Location } from 'vscode-languageserver-protocol';
import { parseFixture, writeWorkspace } from '../harness';
import { TestClient } from './client';

const WS = `
# --- net/main.tf
terraform {
  backend "s3" {
    key = "net/terraform.tfstate"
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
    key = "orders/terraform.tfstate"
  }
}

variable "stage" {
  default = "dev"
}

data "terraform_remote_state" "net" {
  backend = "s3"
  config = {
    key = "net/terraform.tfstate"
  }
}

resource "aws_sqs_queue" "orders" {
  name = "orders-\${var.stage}"
}

resource "aws_lambda_function" "process" {
  function_name = "process-\${var.stage}"
  role          = data.terraform_remote_state.net.outputs.role_arn
  filename      = "build/process.zip"
}

resource "aws_lambda_event_source_mapping" "orders" {
  event_source_arn = aws_sqs_queue.orders.arn
  function_name    = aws_lambda_function.process.arn
}

module "audit" {
  source = "./audit"
  queue  = aws_sqs_queue.orders.name
}

output "audit_table" {
  value = module.audit.table_name
}
# --- orders/audit/main.tf
variable "queue" {}

resource "aws_dynamodb_table" "audit" {
  name = "\${var.queue}-audit"
}

output "table_name" {
  value = aws_dynamodb_table.audit.name
}
`;

const files = parseFixture(WS).files;

/** The position of `needle` in a file, `delta` characters in. */
function pos(rel: string, needle: string, delta = 0): { line: number; character: number } {
  const text = files.get(rel)!;
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `${needle} not in ${rel}`);
  const before = text.slice(0, i + delta).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

describe('Terraform language features over the protocol', () => {
  let c: TestClient;
  before(async () => {
    c = new TestClient(writeWorkspace(WS));
    await c.start();
  });
  after(() => c.stop());

  const doc = (rel: string) => ({ uri: c.uri(rel) });
  const where = (l: Location) => `${c.rel(l.uri)}:${l.range.start.line}:${l.range.start.character}`;
  const definition = (rel: string, needle: string, delta: number) => c.conn.sendRequest<Location[]>('textDocument/definition', { textDocument: doc(rel), position: pos(rel, needle, delta) }).then((ls) => ls.map(where));
  const at = (rel: string, needle: string, delta = 0) => {
    const p = pos(rel, needle, delta);
    return `${rel}:${p.line}:${p.character}`;
  };

  test('definition: a variable, a resource, a local module and its output, a remote state output in another unit', async () => {
    const o = 'orders/main.tf';
    assert.deepEqual(await definition(o, 'var.stage', 5), [at(o, '"stage"', 1)]);
    assert.deepEqual(await definition(o, 'aws_sqs_queue.orders.arn', 16), [at(o, '"orders" {', 1)]);
    assert.deepEqual(await definition(o, 'module.audit.table_name', 9), [at(o, '"audit" {', 1)]);
    assert.deepEqual(await definition(o, 'module.audit.table_name', 16), [at('orders/audit/main.tf', '"table_name"', 1)]);
    assert.deepEqual(await definition(o, 'outputs.role_arn', 12), [at('net/main.tf', '"role_arn"', 1)]);
    assert.deepEqual(await definition('orders/audit/main.tf', 'var.queue', 6), [at('orders/audit/main.tf', '"queue"', 1)]);
  });

  test('references of a resource: its declaration and every use in the unit, once each', async () => {
    const o = 'orders/main.tf';
    const refs = await c.conn.sendRequest<Location[]>('textDocument/references', { textDocument: doc(o), position: pos(o, '"orders" {', 2), context: { includeDeclaration: true } });
    assert.deepEqual(refs.map(where), [at(o, '"orders" {', 1), at(o, 'aws_sqs_queue.orders.arn'), at(o, 'aws_sqs_queue.orders.name')]);
    const outRefs = await c.conn.sendRequest<Location[]>('textDocument/references', { textDocument: doc('net/main.tf'), position: pos('net/main.tf', '"role_arn"', 2), context: { includeDeclaration: false } });
    assert.deepEqual(outRefs.map(where), [at(o, 'data.terraform_remote_state.net.outputs.role_arn')]);
  });

  test('hover on a resource address: its type, physical name and unit', async () => {
    const h = await c.conn.sendRequest<Hover>('textDocument/hover', { textDocument: doc('orders/main.tf'), position: pos('orders/main.tf', 'aws_sqs_queue.orders.name', 4) });
    const text = (h.contents as { value: string }).value;
    assert.match(text, /\*\*aws_sqs_queue\.orders\*\* · `AWS::SQS::Queue`/);
    assert.match(text, /physical name `orders-dev`/);
    assert.match(text, /defined in unit `orders\/main\.tf` \(stack `orders\/terraform\.tfstate`\)/);
  });

  test('document symbols of a .tf file', async () => {
    const syms = await c.conn.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: doc('orders/main.tf') });
    assert.deepEqual(syms.map((s) => s.name), [
      'terraform',
      'variable "stage"',
      'data "terraform_remote_state" "net"',
      'resource "aws_sqs_queue" "orders"',
      'resource "aws_lambda_function" "process"',
      'resource "aws_lambda_event_source_mapping" "orders"',
      'module "audit"',
      'output "audit_table"',
    ]);
    assert.equal(syms[3].detail, 'AWS::SQS::Queue');
    assert.deepEqual(syms[3].children!.map((s) => s.name), ['name']);
  });

  test('the domain graph has the Terraform units, their domain and the remote state contract', async () => {
    const g = await c.conn.sendRequest<{ folders: Array<{ units: Array<{ id: string; kind: string; location: Location }>; domains: Array<{ name: string; functions: Array<{ id: string; location?: Location }> }>; edges: Array<{ kind: string; from: string; to: string }>; deployOrder: string[] }> }>('serverlessDomains/domainGraph');
    const f = g.folders[0];
    assert.deepEqual(f.units.map((u) => [u.id, u.kind]), [['net/main.tf', 'terraform'], ['orders/main.tf', 'terraform']]);
    assert.equal(f.units[1].location.uri, c.uri('orders/main.tf'));
    assert.deepEqual(f.domains.map((d) => d.name), ['aws_sqs_queue.orders']);
    assert.equal(f.domains[0].functions[0].location?.uri, c.uri('orders/main.tf'));
    assert.deepEqual(f.edges.map((e) => [e.kind, e.from, e.to]), [['contract', 'orders/main.tf', 'net/main.tf']]);
    assert.deepEqual(f.deployOrder, ['net/main.tf', 'orders/main.tf']);
  });
});
