// The outline of a `.tf` file, the way HashiCorp's language server draws it: each top-level block
// (`resource "aws_sqs_queue" "orders"`, `data ...`, `module ...`, `variable ...`, `locals`,
// `output ...`, and the others) with its attributes and nested blocks inside; a `locals` block
// holds one symbol per local value. A resource tells its CloudFormation type, a function its
// domain.

import type { UnitFacts } from '../model';
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

/** The outline of a file, with what the units that have it (`facts`) know of its blocks. */
export function terraformSymbols(file: HclFile | undefined, facts: UnitFacts[], domainOf: (f: UnitFacts, fn: string) => string | undefined): SymbolInfo[] {
  if (!file) return [];
  const describe = (head: Loc) => describeBlock(facts, head, domainOf);
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

/** What the analysis knows of a block, by its head: a function and its domain, or a resource and its type. */
function describeBlock(facts: UnitFacts[], head: Loc, domainOf: (f: UnitFacts, fn: string) => string | undefined): { function: boolean; detail?: string } | undefined {
  const at = (l: Loc) => l.file === head.file && l.start === head.start;
  for (const f of facts) {
    for (const fn of f.functions.values()) if (at(fn.loc)) return { function: true, detail: domainOf(f, fn.id) };
    for (const r of f.resources.values()) if (at(r.loc)) return { function: false, detail: r.type };
  }
  return undefined;
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
