// Parsing HCL files with the tree-sitter the host loaded, incrementally.
//
// The engine only ever gets whole texts. The parser keeps, per file, the last text and its
// tree; a new text for the same file is turned into one edit (the common prefix and suffix of
// the old and new text), applied to the old tree, and parsed with it, so a keystroke costs a
// re-parse of the edited region only. A broken text is parsed cold instead: tree-sitter's error
// recovery can differ between an incremental and a cold parse, and the model must not depend
// on the editing history. `release` frees a file's tree (when the file is removed).

import type { CstPoint, CstTree, HclTreeSitter } from './cst';
import { convertTree } from './hcl';
import type { HclFile } from './hcl-model';

interface Kept {
  text: string;
  tree: CstTree;
}

export class HclParser {
  private readonly kept = new Map<string, Kept>();

  constructor(private readonly ts: HclTreeSitter) {}

  /** Parses a file's text (incrementally when the parser holds an earlier text of the same file) and keeps its tree. */
  parse(file: string, text: string): HclFile {
    const old = this.kept.get(file);
    this.kept.delete(file);
    let tree: CstTree | undefined;
    if (old && old.text === text) tree = old.tree;
    else if (old) {
      old.tree.edit(editBetween(old.text, text));
      tree = this.ts.parse(text, old.tree);
      old.tree.delete();
    }
    let model = tree ? convertTree(file, text, tree) : undefined;
    if (tree && model && model.errors.length && tree !== old?.tree) {
      // Broken text: the model is the one a cold parse gives.
      tree.delete();
      tree = undefined;
    }
    if (!tree) {
      tree = this.ts.parse(text);
      if (!tree) return { file, items: [], errors: [{ start: 0, end: 0, message: 'The HCL parser gave no tree' }] };
      model = convertTree(file, text, tree);
    }
    this.kept.set(file, { text, tree });
    return model!;
  }

  /** Frees the tree kept for a file. */
  release(file: string): void {
    this.kept.get(file)?.tree.delete();
    this.kept.delete(file);
  }

  /** Frees every kept tree. */
  dispose(): void {
    for (const k of this.kept.values()) k.tree.delete();
    this.kept.clear();
  }

  /** The files whose trees are kept. */
  files(): string[] {
    return [...this.kept.keys()];
  }
}

/** Parses one text cold and frees its tree. */
export function parseHcl(ts: HclTreeSitter, file: string, text: string): HclFile {
  const tree = ts.parse(text);
  if (!tree) return { file, items: [], errors: [{ start: 0, end: 0, message: 'The HCL parser gave no tree' }] };
  try {
    return convertTree(file, text, tree);
  } finally {
    tree.delete();
  }
}

/** One edit turning `before` into `after`: their common prefix and suffix stay, the middle is replaced. */
export function editBetween(before: string, after: string) {
  const max = Math.min(before.length, after.length);
  let p = 0;
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  // Never split a surrogate pair.
  if (p > 0 && isHigh(before.charCodeAt(p - 1))) p--;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  if (s > 0 && isLow(before.charCodeAt(before.length - s))) s--;
  const oldEnd = before.length - s;
  const newEnd = after.length - s;
  return {
    startIndex: p,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition: pointAt(before, p),
    oldEndPosition: pointAt(before, oldEnd),
    newEndPosition: pointAt(after, newEnd),
  };
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Tree-sitter's point for an offset: rows end at `\n`, columns in UTF-16 code units. */
export function pointAt(text: string, offset: number): CstPoint {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}
