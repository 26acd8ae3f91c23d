// How deeply a YAML or JSON text nests, measured without recursion, so that a file nested
// deeper than the analysis can walk is skipped with a reason instead of overflowing the stack
// (the YAML composer and the engine's tree walks recurse once per level).

import { Parser } from 'yaml';

/** Deeper than this, a file is not analysed. No real template comes near it. */
export const MAX_NESTING = 256;

interface CstNode {
  type?: string;
  value?: unknown;
  key?: unknown;
  items?: Array<{ key?: unknown; value?: unknown }>;
}

/**
 * Whether a text may nest deeper than `limit`. A cheap upper bound comes first:
 * - block nesting at a line is at most twice its indentation plus its indicators (`-`, `?`, `:`
 *   followed by a space, a tab or the line's end: no other opens a block level) plus two: every block level starts on an earlier line with a smaller indentation (a sequence
 *   under a mapping key may share the key's column, so two levels per column), or on the same
 *   line after an indicator (`- - a`, `- a: b`);
 * - flow nesting is a running count of brackets that only ever over-counts (but for one level):
 *   every `[`/`{` adds one; a `]`/`}` takes one off only on a line with no quote and no `#`
 *   outside a string that spans lines (in flow context such a closer is structural; in block
 *   context the real depth is 0 anyway), never below zero; on the other lines a pair closed on
 *   the same line with no bracket inside counts nothing, and the bound adds one level for it.
 * Only a text over the bound is measured exactly, on the YAML parser's concrete syntax tree.
 */
export function nestsDeeperThan(text: string, limit = MAX_NESTING): boolean {
  let flow = 0;
  let maxFlow = 0;
  let block = 0;
  let indent = 0;
  let indicators = 0;
  let opens = 0;
  let leading = true;
  let lineStart = 0;
  let quotes = 0;
  let hash = false;
  let inString = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 10;
    if (c === 10 || c === 13) {
      const b = 2 * (indent + indicators) + 2;
      if (b > block) block = b;
      if (!quotes && !hash && !inString) {
        // A quote-free, comment-free line outside a multi-line string: its brackets in order.
        for (let j = lineStart; j < i; j++) {
          const d = text.charCodeAt(j);
          if (d === 91 || d === 123) {
            if (++flow > maxFlow) maxFlow = flow;
          } else if ((d === 93 || d === 125) && flow > 0) flow--;
        }
      } else if (opens) {
        // Brackets that may sit in a string: every opener counts, except that a pair closed on the
        // same line with no bracket inside (`"${AWS::Region}"`, `[a, b]`) adds nothing. Were such a
        // pair structural, it would reach one level deeper than the count: the bound adds that one.
        const line = text.slice(lineStart, i).replace(/\{[^{}[\]\n]*\}|\[[^{}[\]\n]*\]/g, '');
        for (let j = 0; j < line.length; j++) {
          const d = line.charCodeAt(j);
          if (d === 91 || d === 123) flow++;
        }
        if (flow > maxFlow) maxFlow = flow;
      }
      if (quotes % 2 === 1) inString = !inString;
      indent = indicators = quotes = opens = 0;
      hash = false;
      leading = true;
      lineStart = i + 1;
      continue;
    }
    if (leading && (c === 32 || c === 9)) {
      indent++;
      continue;
    }
    leading = false;
    if (c === 91 || c === 123) opens++;
    else if (c === 45 || c === 63 || c === 58) {
      // An indicator that opens a block level is followed by a space, a tab or the line's end.
      const n = i + 1 < text.length ? text.charCodeAt(i + 1) : 10;
      if (n === 32 || n === 9 || n === 10 || n === 13) indicators++;
    } else if (c === 34 || c === 39) quotes++;
    else if (c === 35) hash = true;
  }
  if (maxFlow + 1 + block <= limit) return false;
  if (/^\s*[[{]/.test(text.slice(0, 200)) && balancedJsonDepth(text) <= limit) return false;
  try {
    return measuredDepth(text, limit) > limit;
  } catch (e) {
    // The CST parser itself recurses on long runs of compact sequences (`- - - ...`): only far past the limit.
    if (e instanceof RangeError) return true;
    throw e;
  }
}

/** The nesting depth of the concrete syntax tree, stopping as soon as it passes `limit`. */
function measuredDepth(text: string, limit: number): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [];
  for (const doc of new Parser().parse(text)) stack.push([doc, 0]);
  while (stack.length) {
    const [n, d] = stack.pop()!;
    if (!n || typeof n !== 'object') continue;
    if (d > max) {
      max = d;
      if (max > limit) return max;
    }
    const node = n as CstNode;
    if (node.type === 'document') stack.push([node.value, d]);
    if (Array.isArray(node.items)) {
      for (const it of node.items) {
        stack.push([it.key, d + 1]);
        stack.push([it.value, d + 1]);
      }
    }
  }
  return max;
}

/**
 * The bracket depth of a JSON text, skipping double-quoted strings; Infinity unless the brackets
 * balance exactly (then the text is not plain JSON and is measured on the syntax tree instead).
 */
function balancedJsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      for (i++; i < text.length; i++) {
        const q = text.charCodeAt(i);
        if (q === 92) i++;
        else if (q === 34) break;
      }
    } else if (c === 91 || c === 123) {
      if (++depth > max) max = depth;
    } else if (c === 93 || c === 125) {
      if (--depth < 0) return Infinity;
    } else if (c === 39 || c === 35) return Infinity; // single quotes or comments: YAML, not JSON
  }
  return depth === 0 ? max : Infinity;
}
