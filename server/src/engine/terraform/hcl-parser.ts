// Parsing HCL files with the tree-sitter the host loaded, incrementally.
//
// The engine only ever gets whole texts. The parser keeps, per file, the last text and its
// tree; a new text for the same file is turned into one edit (the common prefix and suffix of
// the old and new text), applied to the old tree, and parsed with it, so a keystroke costs a
// re-parse of the edited region only. A broken text is parsed cold instead: tree-sitter's error
// recovery can differ between an incremental and a cold parse, and the model must not depend
// on the editing history. A broken text is also recovered block by block (recover.ts).
// `release` frees a file's tree (when the file is removed).

import type { CstTree, HclTreeSitter } from './cst';
import { convertTree } from './hcl';
import { pointsAt, recoverItems } from './recover';
import type { HclFile } from './hcl-model';

interface Kept {
  text: string;
  tree: CstTree;
  /** The text has a syntax error: the next text is parsed cold, not from this tree. */
  broken: boolean;
}

export class HclParser {
  private readonly kept = new Map<string, Kept>();

  constructor(readonly treeSitter: HclTreeSitter) {}

  /** Parses a file's text (incrementally when the parser holds an earlier text of the same file) and keeps its tree. */
  parse(file: string, text: string): HclFile {
    const old = this.kept.get(file);
    this.kept.delete(file);
    if (old && old.text === text) {
      this.kept.set(file, old);
      return cold(this.treeSitter, file, text, old.tree).model;
    }
    if (old?.broken) old.tree.delete();
    else if (old) {
      old.tree.edit(editBetween(old.text, text));
      const tree = this.treeSitter.parse(text, old.tree);
      old.tree.delete();
      if (tree) {
        const model = convertTree(file, text, tree);
        if (model.errors.length === 0) {
          this.kept.set(file, { text, tree, broken: false });
          return model;
        }
        // Broken text: the model is the one a cold parse gives.
        tree.delete();
      }
    }
    const { model, tree } = cold(this.treeSitter, file, text);
    if (tree) this.kept.set(file, { text, tree, broken: model.errors.length > 0 });
    return model;
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
  const { model, tree } = cold(ts, file, text);
  tree?.delete();
  return model;
}

/** A cold parse (or the conversion of a tree already parsed from this text), with recovery when the text is broken. */
function cold(ts: HclTreeSitter, file: string, text: string, parsed?: CstTree): { model: HclFile; tree?: CstTree } {
  const tree = parsed ?? ts.parse(text);
  if (!tree) return { model: { file, items: [], errors: [{ start: 0, end: 0, message: 'The HCL parser gave no tree' }] } };
  const model = convertTree(file, text, tree);
  if (model.errors.length) model.items = recoverItems(ts, model, text);
  return { model, tree };
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
  const [startPosition, oldEndPosition] = pointsAt(before, [p, oldEnd]);
  const [newEndPosition] = pointsAt(after, [newEnd]);
  return { startIndex: p, oldEndIndex: oldEnd, newEndIndex: newEnd, startPosition, oldEndPosition, newEndPosition };
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
