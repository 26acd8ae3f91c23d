// From tree-sitter's HCL tree (Terraform dialect) to the engine's HCL model (hcl-model.ts).
//
// One post-order pass over the flattened tree, with an explicit stack: each node is converted
// once its children are, so any nesting depth converts without recursion. Where tree-sitter
// recovered from broken text (ERROR nodes), the complete blocks and attributes inside the
// error are kept, and a block header followed by `{` that never closes becomes a partial
// block holding what follows it. The first ERROR or MISSING node is the file's one syntax error.

import type { Loc } from '../types';
import { flatten } from './cst';
import { heredocParts, unescapeQuoted } from './template-text';
import type { CstTree, FlatNode } from './cst';
import type { HclAttribute, HclBlock, HclExpr, HclFile, HclFor, HclItem, HclLabel, HclLiteral, HclObjectEntry, HclRef, HclTemplatePart, HclTraversalPart } from './hcl-model';

/** Converts a parsed tree (the caller still owns it and frees it). */
export function convertTree(file: string, text: string, tree: CstTree): HclFile {
  const { root, error } = flatten(tree, text);
  const conv = new Converter(file, text);
  // Post-order with two parallel stacks (node, next child), so nothing is allocated per node.
  const nodes: FlatNode[] = [root];
  const next: number[] = [0];
  while (nodes.length) {
    const top = nodes.length - 1;
    const n = nodes[top];
    if (next[top] < n.c.length) {
      nodes.push(n.c[next[top]++]);
      next.push(0);
    } else {
      nodes.pop();
      next.pop();
      n.r = conv.node(n);
    }
  }
  const items = (root.r as HclItem[] | undefined) ?? [];
  return { file, items, errors: error ? [error] : [] };
}

/** A term of an expression being assembled: its head and the traversal after it. */
interface Term {
  head: HclExpr;
  parts: HclTraversalPart[];
  start: number;
  end: number;
  paren: boolean;
}

const HEADS = new Set(['literal_value', 'template_expr', 'collection_value', 'variable_expr', 'function_call', 'for_expr', 'operation', 'conditional']);

class Converter {
  constructor(
    private readonly file: string,
    private readonly text: string,
  ) {}

  private loc(start: number, end: number): Loc {
    return { file: this.file, start, end };
  }

  private at(n: FlatNode): Loc {
    return { file: this.file, start: n.start, end: n.end };
  }

  private src(n: FlatNode): string {
    return this.text.slice(n.start, n.end);
  }

  private invalid(n: FlatNode): HclExpr {
    return { k: 'invalid', loc: this.at(n) };
  }

  /** The converted expression of the first (or `nth`) `expression` child. */
  private expr(n: FlatNode, nth = 0): HclExpr | undefined {
    for (const c of n.c) if (c.t === 'expression' && nth-- === 0) return c.r as HclExpr;
    return undefined;
  }

  private exprs(n: FlatNode): HclExpr[] {
    return n.c.filter((c) => c.t === 'expression').map((c) => c.r as HclExpr);
  }

  node(n: FlatNode): unknown {
    switch (n.t) {
      case 'config_file':
      case 'body':
        return this.items(n.c);
      case 'attribute':
        return this.attribute(n);
      case 'block':
        return this.block(n);
      case 'ERROR':
        return this.recover(n);
      case 'expression':
        return this.expression(n);
      case 'binary_operation':
      case 'unary_operation':
        return this.operation(n);
      case 'literal_value':
        return this.literal(n);
      case 'string_lit': {
        // Without children when the tree has no error: `"` + text + `"`.
        if (n.c.length === 0) return { k: 'literal', value: unescapeQuoted(this.text.slice(n.start + 1, n.end - 1)), loc: this.at(n), valueLoc: this.loc(n.start + 1, n.end - 1) } satisfies HclLiteral;
        const inner = n.c.find((c) => c.t === 'template_literal');
        const open = n.c[0].end;
        const valueLoc = inner ? this.at(inner) : this.loc(open, open);
        return { k: 'literal', value: inner ? unescapeQuoted(this.src(inner)) : '', loc: this.at(n), valueLoc } satisfies HclLiteral;
      }
      case 'quoted_template':
        return { k: 'template', parts: this.parts(n.c), loc: this.at(n) };
      case 'heredoc_template':
        return { k: 'template', parts: heredocParts(this.file, this.text, n), heredoc: true, loc: this.at(n) };
      case 'template_interpolation':
        return { k: 'interp', expr: this.expr(n), loc: this.at(n) } satisfies HclTemplatePart;
      case 'template_for':
      case 'template_if': {
        const intro = n.c.find((c) => c.t === 'template_for_start' || c.t === 'template_if_intro');
        const e = intro ? this.expr(intro) : undefined;
        return { k: 'directive', exprs: e ? [e] : [], parts: this.parts(n.c), loc: this.at(n) } satisfies HclTemplatePart;
      }
      case 'template_expr':
      case 'template_directive':
      case 'collection_value':
      case 'operation':
      case 'for_expr':
      case 'index':
      case 'splat':
        return n.c.find((c) => c.named)?.r;
      case 'tuple':
        return { k: 'tuple', items: this.exprs(n), loc: this.at(n) };
      case 'object':
        return { k: 'object', entries: n.c.filter((c) => c.t === 'object_elem').map((c) => c.r as HclObjectEntry), loc: this.at(n) };
      case 'object_elem':
        return this.objectEntry(n);
      case 'function_call': {
        const name = n.c[0];
        const args = n.c.find((c) => c.t === 'function_arguments');
        const call: HclExpr = { k: 'call', name: this.src(name), nameLoc: this.at(name), args: args ? this.exprs(args) : [], loc: this.at(n) };
        if (args?.c.some((c) => c.t === 'ellipsis')) call.expand = true;
        return call;
      }
      case 'for_tuple_expr':
      case 'for_object_expr':
        return this.forExpr(n);
      case 'conditional': {
        const [cond, then, otherwise] = this.exprs(n);
        if (!cond || !then || !otherwise) return this.invalid(n);
        return { k: 'conditional', cond, then, else: otherwise, loc: this.at(n) };
      }
      case 'variable_expr': {
        const id = n.c[0] ?? n;
        return { k: 'ref', name: this.src(id), nameLoc: this.at(id), parts: [], loc: this.at(n) } satisfies HclRef;
      }
      case 'get_attr': {
        const id = n.c.find((c) => c.t === 'identifier');
        return { k: 'attr', name: id ? this.src(id) : '', loc: id ? this.at(id) : this.loc(n.end, n.end) } satisfies HclTraversalPart;
      }
      case 'new_index':
        return { k: 'index', key: this.expr(n) ?? this.invalid(n), loc: this.at(n) } satisfies HclTraversalPart;
      case 'legacy_index': {
        const digits = this.src(n).replace(/^\./, '');
        const key: HclLiteral = { k: 'literal', value: Number(digits), loc: this.loc(n.end - digits.length, n.end) };
        return { k: 'index', key, loc: this.at(n) } satisfies HclTraversalPart;
      }
      case 'attr_splat':
      case 'full_splat': {
        const token = n.c[0] ?? n;
        const parts: HclTraversalPart[] = [{ k: 'splat', loc: this.at(token) }];
        for (const c of n.c) if (c.t === 'get_attr' || c.t === 'index') parts.push(c.r as HclTraversalPart);
        return parts;
      }
      default:
        return undefined;
    }
  }

  /** Blocks and attributes of a body, with what was recovered from errors among them, in source order. */
  private items(children: FlatNode[]): HclItem[] {
    const out: HclItem[] = [];
    for (const c of children) {
      if (c.t === 'attribute' || c.t === 'block') out.push(c.r as HclItem);
      else if (c.t === 'body' || c.t === 'ERROR') for (const i of c.r as HclItem[]) out.push(i);
    }
    return out;
  }

  private attribute(n: FlatNode): HclAttribute {
    const name = n.c[0];
    let value: HclExpr | undefined;
    for (const c of n.c) if (c.t === 'expression') value = c.r as HclExpr;
    return { k: 'attribute', name: this.src(name), nameLoc: this.at(name), value: value ?? { k: 'invalid', loc: this.loc(n.end, n.end) }, loc: this.at(n) };
  }

  private label(c: FlatNode): HclLabel {
    if (c.t === 'identifier') return { value: this.src(c), loc: this.at(c), valueLoc: this.at(c) };
    const lit = c.r as HclLiteral;
    return { value: String(lit.value), loc: this.at(c), valueLoc: lit.valueLoc ?? this.at(c) };
  }

  private block(n: FlatNode): HclBlock {
    const type = n.c[0];
    const labels: HclLabel[] = [];
    let i = 1;
    for (; i < n.c.length && (n.c[i].t === 'string_lit' || n.c[i].t === 'identifier'); i++) labels.push(this.label(n.c[i]));
    const items = this.items(n.c.slice(i));
    const close = n.c[n.c.length - 1];
    const b: HclBlock = { k: 'block', type: this.src(type), typeLoc: this.at(type), labels, items, loc: this.at(n) };
    if (!close || close.t !== 'block_end' || close.start === close.end) b.partial = true;
    return b;
  }

  /** What an ERROR node holds: complete blocks and attributes, and blocks whose header and `{` were typed. */
  recover(n: FlatNode): HclItem[] {
    const out: HclItem[] = [];
    const open: HclBlock[] = [];
    const add = (i: HclItem) => (open.length ? open[open.length - 1].items : out).push(i);
    let header: FlatNode[] = [];
    for (const c of n.c) {
      if (c.t === 'attribute' || c.t === 'block') add(c.r as HclItem);
      else if (c.t === 'body' || c.t === 'ERROR') for (const i of c.r as HclItem[]) add(i);
      else if (c.t === 'identifier' || (c.t === 'string_lit' && header.length)) {
        header.push(c);
        continue;
      } else if ((c.t === 'block_start' || c.t === '{') && header.length) {
        const type = header[0];
        const b: HclBlock = { k: 'block', type: this.src(type), typeLoc: this.at(type), labels: header.slice(1).map((h) => this.label(h)), items: [], loc: this.loc(type.start, n.end), partial: true };
        add(b);
        open.push(b);
      } else if ((c.t === 'block_end' || c.t === '}') && open.length) {
        const b = open.pop()!;
        b.loc = this.loc(b.loc.start, c.end);
      }
      header = [];
    }
    return out;
  }

  private literal(n: FlatNode): HclExpr {
    const c = n.c[0];
    if (!c) return this.invalid(n);
    switch (c.t) {
      case 'string_lit':
        return c.r as HclLiteral;
      case 'numeric_lit':
        return { k: 'literal', value: Number(this.src(c)), loc: this.at(n) };
      case 'bool_lit':
        return { k: 'literal', value: this.src(c) === 'true', loc: this.at(n) };
      default:
        return { k: 'literal', value: null, loc: this.at(n) };
    }
  }

  private parts(children: FlatNode[]): HclTemplatePart[] {
    const out: HclTemplatePart[] = [];
    for (const c of children) {
      if (c.t === 'template_literal') out.push({ k: 'text', value: unescapeQuoted(this.src(c)), loc: this.at(c) });
      else if (c.t === 'template_interpolation' || c.t === 'template_directive') out.push(c.r as HclTemplatePart);
    }
    return out;
  }

  private objectEntry(n: FlatNode): HclObjectEntry {
    const key = this.expr(n, 0) ?? this.invalid(n);
    const value = this.expr(n, 1) ?? { k: 'invalid', loc: this.loc(n.end, n.end) };
    const entry: HclObjectEntry = { key, value, loc: this.at(n) };
    if (key.k === 'ref' && key.parts.length === 0) entry.name = key.name;
    else if (key.k === 'literal' && typeof key.value === 'string') entry.name = key.value;
    return entry;
  }

  private forExpr(n: FlatNode): HclExpr {
    const intro = n.c.find((c) => c.t === 'for_intro');
    const vars = intro ? intro.c.filter((c) => c.t === 'identifier').map((c) => this.src(c)) : [];
    const collection = intro ? this.expr(intro) : undefined;
    const body = this.exprs(n);
    const object = n.t === 'for_object_expr';
    const value = object ? body[1] : body[0];
    if (!collection || !value || vars.length === 0) return this.invalid(n);
    const f: HclFor = { k: 'for', object, valueVar: vars[vars.length - 1], collection, value, loc: this.at(n) };
    if (vars.length > 1) f.keyVar = vars[0];
    if (object) f.key = body[0];
    const cond = n.c.find((c) => c.t === 'for_cond');
    if (cond) f.cond = this.expr(cond);
    if (object && n.c.some((c) => c.t === 'ellipsis')) f.grouped = true;
    return f;
  }

  /** Splits a node's children into terms (a head and its traversal) and operators. */
  private terms(n: FlatNode): { terms: HclExpr[]; ops: string[] } {
    const terms: HclExpr[] = [];
    const ops: string[] = [];
    let cur: Term | undefined;
    let parenStart: number | undefined;
    const flush = () => {
      if (cur) terms.push(this.term(cur));
      cur = undefined;
    };
    for (const c of n.c) {
      if (c.t === 'get_attr' || c.t === 'index') {
        if (cur) {
          cur.parts.push(c.r as HclTraversalPart);
          cur.end = c.end;
        }
      } else if (c.t === 'splat') {
        if (cur) {
          cur.parts.push(...(c.r as HclTraversalPart[]));
          cur.end = c.end;
        }
      } else if (HEADS.has(c.t) || c.t === 'expression') {
        flush();
        const paren = c.t === 'expression' && parenStart !== undefined;
        cur = { head: c.r as HclExpr, parts: [], start: paren ? parenStart! : c.start, end: c.end, paren };
        parenStart = undefined;
      } else if (c.t === '(') {
        flush();
        parenStart = c.start;
      } else if (c.t === ')') {
        if (cur) cur.end = c.end;
      } else if (!c.named) {
        flush();
        ops.push(c.t);
      }
    }
    flush();
    return { terms, ops };
  }

  private term(t: Term): HclExpr {
    if (t.parts.length === 0) return t.head;
    const loc = this.loc(t.start, t.end);
    if (t.head.k === 'ref' && t.head.parts.length === 0 && !t.paren) return { ...t.head, parts: t.parts, loc };
    return { k: 'access', target: t.head, parts: t.parts, loc };
  }

  private expression(n: FlatNode): HclExpr {
    const { terms, ops } = this.terms(n);
    return terms.length === 1 && ops.length === 0 ? terms[0] : this.invalid(n);
  }

  private operation(n: FlatNode): HclExpr {
    const { terms, ops } = this.terms(n);
    const arity = n.t === 'unary_operation' ? 1 : 2;
    if (terms.length !== arity || ops.length !== 1) return this.invalid(n);
    return { k: 'op', op: ops[0], operands: terms, loc: this.at(n) };
  }
}
