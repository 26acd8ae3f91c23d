// The concrete syntax tree tree-sitter gives for HCL, as the engine sees it.
//
// The engine never loads tree-sitter: the host does (asynchronously, once) and hands over an
// object with `parse`. These interfaces are the parts of web-tree-sitter's `Tree` and
// `TreeCursor` the engine reads; web-tree-sitter's own classes satisfy them. Text is fed as a
// JavaScript string, so every index and every point column is in UTF-16 code units, the
// engine's offsets. Rows count `\n` only (as tree-sitter's lexer does).
//
// `flatten` copies a tree into plain objects with one cursor walk (no recursion, so any
// nesting depth is fine) and finds the first place the text is broken.

import type { ParseError } from '../parse';

export interface CstPoint {
  row: number;
  column: number;
}

export interface CstEdit {
  startIndex: number;
  oldEndIndex: number;
  newEndIndex: number;
  startPosition: CstPoint;
  oldEndPosition: CstPoint;
  newEndPosition: CstPoint;
}

export interface CstCursor {
  readonly nodeType: string;
  readonly nodeIsMissing: boolean;
  readonly startIndex: number;
  readonly endIndex: number;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  delete(): void;
}

export interface CstTree {
  readonly rootNode: { readonly hasError: boolean };
  walk(): CstCursor;
  edit(edit: CstEdit): void;
  delete(): void;
}

export interface CstRange {
  startIndex: number;
  endIndex: number;
  startPosition: CstPoint;
  endPosition: CstPoint;
}

/**
 * What the host implements: tree-sitter with the Terraform grammar loaded. `old` (already
 * edited) makes the parse incremental; `ranges` limits it to parts of the text (offsets stay
 * those of the whole text).
 */
export interface HclTreeSitter {
  parse(text: string, old?: CstTree, ranges?: CstRange[]): CstTree | undefined;
}

/** One node of the copied tree. `t` is the node type (the token text for anonymous tokens). */
export interface FlatNode {
  t: string;
  named: boolean;
  start: number;
  end: number;
  c: FlatNode[];
  /** The converter's result for this node. */
  r?: unknown;
}

export interface Flattened {
  root: FlatNode;
  /** The first place the text is broken (an ERROR or MISSING node), if any. */
  error?: ParseError;
}

/** Openers a missing closing token belongs to, so an unclosed `{` is reported where it opens. */
const OPENER: Record<string, string[]> = {
  '}': ['{', 'block_start', 'object_start', 'template_interpolation_start'],
  ']': ['[', 'tuple_start'],
  ')': ['('],
  quoted_template_end: ['quoted_template_start'],
  template_interpolation_end: ['template_interpolation_start'],
  heredoc_identifier: ['heredoc_start'],
};
const SHOWN: Record<string, string> = { quoted_template_end: '"', template_interpolation_end: '}', block_end: '}', tuple_end: ']', object_end: '}', identifier: 'a name', heredoc_identifier: 'marker' };

/** Anonymous tokens that look like names; every other anonymous token is punctuation or an operator. */
const KEYWORDS = new Set(['for', 'in', 'if', 'else', 'endfor', 'endif', 'true', 'false', 'null']);

/** Whether a node type is a named node (the grammar's rules and ERROR), read from the type alone: each cursor read crosses into wasm. */
export function isNamed(type: string): boolean {
  let named = NAMED.get(type);
  if (named === undefined) NAMED.set(type, (named = /^[A-Za-z_]+$/.test(type) && !KEYWORDS.has(type)));
  return named;
}
const NAMED = new Map<string, boolean>();

/** The children of every leaf (never pushed to: a node gets its own array when it has children). */
const NO_CHILDREN: FlatNode[] = [];

/** Nodes whose insides the converter never reads; in a tree without errors they are copied without their children. */
const OPAQUE = new Set(['block_start', 'block_end', 'object_start', 'object_end', 'tuple_start', 'tuple_end', 'heredoc_start', 'string_lit', 'numeric_lit', 'bool_lit', 'null_lit']);

/**
 * Copies the tree; comments are left out. Only leaves' offsets are read from the cursor (each
 * read crosses into wasm); a node spans from its first child's start to its last child's end.
 */
export function flatten(tree: CstTree, text: string): Flattened {
  const broken = tree.rootNode.hasError;
  const cursor = tree.walk();
  try {
    const root: FlatNode = { t: cursor.nodeType, named: true, start: cursor.startIndex, end: cursor.endIndex, c: [], r: undefined };
    const stack: FlatNode[] = [root];
    // The first and last offsets seen among the children of each node on the stack.
    const lo: number[] = [-1];
    const hi: number[] = [-1];
    let error: ParseError | undefined;
    let errorNode: FlatNode | undefined = root.t === 'ERROR' ? root : undefined;
    const seen = (start: number, end: number) => {
      const d = stack.length - 1;
      if (lo[d] < 0) lo[d] = start;
      hi[d] = end;
    };
    if (!cursor.gotoFirstChild()) return { root, error: errorNode ? errorAt(root, text) : undefined };
    for (;;) {
      // The cursor is on a node whose parent is the top of the stack.
      const type = cursor.nodeType;
      if (type === 'comment') seen(cursor.startIndex, cursor.endIndex);
      else {
        const node: FlatNode = { t: type, named: isNamed(type), start: -1, end: -1, c: NO_CHILDREN, r: undefined };
        stack[stack.length - 1].c.push(node);
        if (broken && !error && !errorNode) {
          if (type === 'ERROR') errorNode = node;
          else if (cursor.nodeIsMissing) error = missingError({ ...node, start: cursor.startIndex }, stack, text);
        }
        if (!(!broken && OPAQUE.has(type)) && cursor.gotoFirstChild()) {
          node.c = [];
          stack.push(node);
          lo.push(-1);
          hi.push(-1);
          continue;
        }
        node.start = cursor.startIndex;
        node.end = cursor.endIndex;
        seen(node.start, node.end);
      }
      while (!cursor.gotoNextSibling()) {
        const done = stack.pop()!;
        const start = lo.pop()!;
        const end = hi.pop()!;
        if (stack.length === 0 || !cursor.gotoParent()) {
          if (errorNode) error = errorAt(errorNode, text);
          return { root, error };
        }
        done.start = start;
        done.end = end;
        seen(start, end);
      }
    }
  } finally {
    cursor.delete();
  }
}

function lineEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

function errorAt(node: FlatNode, text: string): ParseError {
  const end = Math.min(node.end, lineEnd(text, node.start));
  return { start: node.start, end, message: 'Invalid HCL syntax' };
}

function missingError(node: FlatNode, stack: FlatNode[], text: string): ParseError {
  const shown = SHOWN[node.t] ?? SHOWN[stack[stack.length - 1].t] ?? node.t;
  const openers = OPENER[node.t] ?? OPENER[stack[stack.length - 1].t];
  // The missing token sits in the node it closes, or in a wrapper (block_end) inside it.
  for (let d = stack.length - 1; openers && d >= Math.max(0, stack.length - 2); d--) {
    const opener = stack[d].c.find((k) => openers.includes(k.t));
    if (opener) {
      return { start: opener.start, end: Math.min(opener.end, lineEnd(text, opener.start)), message: `No closing ${shown} for this ${text.slice(opener.start, opener.end) || shown}` };
    }
  }
  if (openers || node.t === 'identifier') return { start: node.start, end: node.start, message: `Missing ${shown}` };
  // A missing opener (`{`, `<<`...) is tree-sitter's guess at a repair: say what is there.
  return { start: node.start, end: Math.min(node.start + 1, lineEnd(text, node.start)), message: 'Invalid HCL syntax' };
}
