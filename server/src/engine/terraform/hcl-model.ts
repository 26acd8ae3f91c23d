// The engine's view of an HCL file (a `.tf` file): blocks, attributes and expressions with
// their source locations, and nothing Terraform-specific. Built by `hcl.ts` from the tree
// tree-sitter gives. Every node has `loc`, its source range (UTF-16 offsets).
//
// Expressions keep a light structure: literals, templates with their `${...}` parts,
// references (traversals such as `aws_sqs_queue.orders.arn`, `var.x`, `module.m.out`), function
// calls, tuples, objects, and the rest (conditionals, operators, `for`) with their operands.
// Nesting can be as deep as the text: walk with `forEachExpr` (no recursion), not recursively.

import type { Loc } from '../types';
import type { ParseError } from '../parse';

export interface HclFile {
  file: string;
  items: HclItem[];
  /** At most one: the first place the text is broken. The items are what the parser recovered. */
  errors: ParseError[];
}

export type HclItem = HclAttribute | HclBlock;

export interface HclAttribute {
  k: 'attribute';
  name: string;
  nameLoc: Loc;
  value: HclExpr;
  loc: Loc;
}

export interface HclLabel {
  value: string;
  /** The whole label, quotes included. */
  loc: Loc;
  /** The label's text without its quotes. */
  valueLoc: Loc;
}

export interface HclBlock {
  k: 'block';
  type: string;
  typeLoc: Loc;
  labels: HclLabel[];
  items: HclItem[];
  loc: Loc;
  /** The block is not closed (half-typed text); its items are the ones recovered. */
  partial?: boolean;
}

export interface HclLiteral {
  k: 'literal';
  value: string | number | boolean | null;
  loc: Loc;
  /** For strings: the text between the quotes. */
  valueLoc?: Loc;
}

export type HclTemplatePart =
  | { k: 'text'; value: string; loc: Loc }
  | { k: 'interp'; expr: HclExpr | undefined; loc: Loc }
  /** `%{ for ... }` / `%{ if ... }`: the expressions of its intro, and the template inside. */
  | { k: 'directive'; exprs: HclExpr[]; parts: HclTemplatePart[]; loc: Loc };

export interface HclTemplate {
  k: 'template';
  parts: HclTemplatePart[];
  heredoc?: boolean;
  loc: Loc;
}

export type HclTraversalPart =
  | { k: 'attr'; name: string; loc: Loc }
  | { k: 'index'; key: HclExpr; loc: Loc }
  | { k: 'splat'; loc: Loc };

/** A traversal from a variable: `var.x`, `aws_sqs_queue.orders.arn`, `each.value`, a bare `string`. */
export interface HclRef {
  k: 'ref';
  name: string;
  nameLoc: Loc;
  parts: HclTraversalPart[];
  loc: Loc;
}

/** A traversal from something else than a variable: `f(x).y`, `[a, b][0]`, `(local.m).k`. */
export interface HclAccess {
  k: 'access';
  target: HclExpr;
  parts: HclTraversalPart[];
  loc: Loc;
}

export interface HclCall {
  k: 'call';
  name: string;
  nameLoc: Loc;
  args: HclExpr[];
  /** The last argument is expanded (`f(list...)`). */
  expand?: boolean;
  loc: Loc;
}

export interface HclTuple {
  k: 'tuple';
  items: HclExpr[];
  loc: Loc;
}

export interface HclObjectEntry {
  key: HclExpr;
  /** The key as a name, when it is a bare identifier or a literal string. */
  name?: string;
  value: HclExpr;
  loc: Loc;
}

export interface HclObject {
  k: 'object';
  entries: HclObjectEntry[];
  loc: Loc;
}

export interface HclConditional {
  k: 'conditional';
  cond: HclExpr;
  then: HclExpr;
  else: HclExpr;
  loc: Loc;
}

export interface HclOperation {
  k: 'op';
  op: string;
  operands: HclExpr[];
  loc: Loc;
}

export interface HclFor {
  k: 'for';
  object: boolean;
  keyVar?: string;
  valueVar: string;
  collection: HclExpr;
  key?: HclExpr;
  value: HclExpr;
  cond?: HclExpr;
  grouped?: boolean;
  loc: Loc;
}

/** Text the parser could not make sense of. */
export interface HclInvalid {
  k: 'invalid';
  loc: Loc;
}

export type HclExpr = HclLiteral | HclTemplate | HclRef | HclAccess | HclCall | HclTuple | HclObject | HclConditional | HclOperation | HclFor | HclInvalid;

/** The expressions directly inside one expression, in source order. */
export function childExprs(e: HclExpr): HclExpr[] {
  switch (e.k) {
    case 'template':
      return templateExprs(e.parts);
    case 'ref':
      return partExprs(e.parts);
    case 'access':
      return [e.target, ...partExprs(e.parts)];
    case 'call':
      return e.args;
    case 'tuple':
      return e.items;
    case 'object':
      return e.entries.flatMap((x) => [x.key, x.value]);
    case 'conditional':
      return [e.cond, e.then, e.else];
    case 'op':
      return e.operands;
    case 'for':
      return [e.collection, ...(e.key ? [e.key] : []), e.value, ...(e.cond ? [e.cond] : [])];
    default:
      return [];
  }
}

function partExprs(parts: HclTraversalPart[]): HclExpr[] {
  const out: HclExpr[] = [];
  for (const p of parts) if (p.k === 'index') out.push(p.key);
  return out;
}

function templateExprs(parts: HclTemplatePart[]): HclExpr[] {
  const out: HclExpr[] = [];
  const stack = [...parts].reverse();
  while (stack.length) {
    const p = stack.pop()!;
    if (p.k === 'interp' && p.expr) out.push(p.expr);
    else if (p.k === 'directive') {
      out.push(...p.exprs);
      for (let i = p.parts.length - 1; i >= 0; i--) stack.push(p.parts[i]);
    }
  }
  return out;
}

/** Visits an expression and every expression inside it, in source order, without recursion. */
export function forEachExpr(root: HclExpr, visit: (e: HclExpr) => void): void {
  const stack: HclExpr[] = [root];
  while (stack.length) {
    const e = stack.pop()!;
    visit(e);
    const kids = childExprs(e);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
}

/** Every reference (`var.x`, `aws_sqs_queue.q.arn`...) inside an expression, templates included. */
export function references(root: HclExpr): HclRef[] {
  const out: HclRef[] = [];
  forEachExpr(root, (e) => {
    if (e.k === 'ref') out.push(e);
  });
  return out;
}

/** The attribute of that name directly in a body (the last one, if written twice). */
export function attribute(items: HclItem[], name: string): HclAttribute | undefined {
  let found: HclAttribute | undefined;
  for (const i of items) if (i.k === 'attribute' && i.name === name) found = i;
  return found;
}

/** The blocks directly in a body, of one type if given. */
export function blocks(items: HclItem[], type?: string): HclBlock[] {
  return items.filter((i): i is HclBlock => i.k === 'block' && (type === undefined || i.type === type));
}

/** The literal string (or a template without interpolations), if the expression is one. */
export function stringValue(e: HclExpr | undefined): string | undefined {
  if (!e) return undefined;
  if (e.k === 'literal') return typeof e.value === 'string' ? e.value : undefined;
  if (e.k === 'template' && e.parts.every((p) => p.k === 'text')) return e.parts.map((p) => (p.k === 'text' ? p.value : '')).join('');
  return undefined;
}
