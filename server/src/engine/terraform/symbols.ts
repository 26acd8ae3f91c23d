// The outline of a `.tf` file, the way HashiCorp's language server draws it: each top-level block
// (`resource "aws_sqs_queue" "orders"`, `data ...`, `module ...`, `variable ...`, `locals`,
// `output ...`, and the others) with its attributes and nested blocks inside; a `locals` block
// holds one symbol per local value. A resource tells its CloudFormation type, a function its
// domain.

import type { SymbolInfo } from '../query';
import type { Loc } from '../types';
import type { HclBlock, HclFile, HclItem } from './hcl-model';
import { headLoc, nameLoc } from './locs';

/** Nested blocks deeper than this are left out of the outline. */
const MAX_DEPTH = 6;

const KIND: Record<string, SymbolInfo['kind']> = {
  resource: 'resource',
  data: 'data',
  module: 'module',
  variable: 'variable',
  output: 'output',
};

/** What the outline tells about a block the analysis knows (by its head): a resource's type, a function's domain. */
export type DescribeBlock = (head: Loc) => { function: boolean; detail?: string } | undefined;

export function terraformSymbols(file: HclFile | undefined, describe: DescribeBlock): SymbolInfo[] {
  if (!file) return [];
  const out: SymbolInfo[] = [];
  for (const i of file.items) {
    if (i.k !== 'block') continue;
    if (i.type === 'locals') {
      out.push({ name: 'locals', kind: 'section', range: i.loc, selection: i.typeLoc, children: attributes(i.items, 'variable') });
      continue;
    }
    const known = i.type === 'resource' || (i.type === 'module' && i.labels.length) ? describe(headLoc(i)) : undefined;
    const kind = known?.function ? 'function' : (KIND[i.type] ?? 'section');
    out.push({ name: title(i), kind, detail: known?.detail, range: i.loc, selection: nameLoc(i), children: body(i.items, 1) });
  }
  return out;
}

/** `resource "aws_sqs_queue" "orders"`. */
function title(b: HclBlock): string {
  return [b.type, ...b.labels.map((l) => `"${l.value}"`)].join(' ');
}

function body(items: HclItem[], depth: number): SymbolInfo[] {
  const out = attributes(items, 'attribute');
  if (depth < MAX_DEPTH) {
    for (const i of items) if (i.k === 'block') out.push({ name: title(i), kind: 'section', range: i.loc, selection: headLoc(i), children: body(i.items, depth + 1) });
  }
  return out.sort((a, b) => a.range.start - b.range.start);
}

function attributes(items: HclItem[], kind: SymbolInfo['kind']): SymbolInfo[] {
  const out: SymbolInfo[] = [];
  for (const i of items) if (i.k === 'attribute') out.push({ name: i.name, kind, range: i.loc, selection: i.nameLoc });
  return out;
}
