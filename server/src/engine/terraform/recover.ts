// Recovering more of a broken HCL file than one tree-sitter parse does.
//
// Tree-sitter repairs broken text at the smallest cost, which can be far from what the author
// meant: `name =` with nothing after it can swallow the blocks below it into one heredoc. In
// the editor that would make every block under the cursor vanish while a line is half-typed.
// So, when a file is broken, the blocks that end before the top-level block holding the
// first error are kept as parsed, and the rest of the file is parsed again one top-level
// block at a time (a block starts on a line that starts with a name, as `terraform fmt`
// writes them), each alone with tree-sitter's included ranges, so offsets stay the file's.
// The file's syntax error stays the one the whole parse found: where the text is broken.

import type { CstPoint, CstRange, HclTreeSitter } from './cst';
import { convertTree } from './hcl';
import type { HclFile, HclItem } from './hcl-model';

const NAME_START = /[A-Za-z_]/;
const MAX_PARTS = 500;

const isBreak = (c: string | undefined) => c === '\n' || c === '\r';

/** The items of a broken file: those before its broken block as parsed, then each later top-level block parsed alone. */
export function recoverItems(ts: HclTreeSitter, whole: HclFile, text: string): HclItem[] {
  const error = whole.errors[0];
  if (!error) return whole.items;
  const cut = blockStartBefore(text, error.start);
  const items = whole.items.filter((i) => i.loc.end <= cut);
  const all = [cut];
  for (let i = cut + 1; i < text.length; i++) if (isBreak(text[i - 1]) && NAME_START.test(text[i])) all.push(i);
  // The broken block alone, then at most MAX_PARTS parts (a file of 100k one-line items is not parsed 100k times).
  const every = Math.ceil(all.length / MAX_PARTS);
  const starts = all.filter((_, k) => k <= 1 || (k - 1) % every === 0);
  const points = pointsAt(text, [...starts, text.length]);
  for (let s = 0; s < starts.length; s++) {
    const range: CstRange = { startIndex: starts[s], endIndex: starts[s + 1] ?? text.length, startPosition: points[s], endPosition: points[s + 1] };
    if (!/\S/.test(text.slice(range.startIndex, range.endIndex))) continue;
    const tree = ts.parse(text, undefined, [range]);
    if (!tree) continue;
    try {
      for (const i of convertTree(whole.file, text, tree).items) items.push(i);
    } finally {
      tree.delete();
    }
  }
  return items;
}

/** The start of the line, at or before `offset`, that starts with a name (the top-level block holding `offset`), else 0. */
function blockStartBefore(text: string, offset: number): number {
  for (let i = Math.min(offset, text.length); i > 0; i--) if (isBreak(text[i - 1]) && NAME_START.test(text[i] ?? '')) return i;
  return 0;
}

/** Tree-sitter points (rows end at `\n`, columns in UTF-16 units) of ascending offsets, in one pass. */
export function pointsAt(text: string, offsets: number[]): CstPoint[] {
  const out: CstPoint[] = [];
  let row = 0;
  let lineStart = 0;
  let i = 0;
  for (const o of offsets) {
    for (; i < o; i++) {
      if (text.charCodeAt(i) === 10) {
        row++;
        lineStart = i + 1;
      }
    }
    out.push({ row, column: o - lineStart });
  }
  return out;
}
