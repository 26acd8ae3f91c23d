// Small text edits for fixes: they touch the smallest span they can, keep the file's
// indentation and line endings, and leave everything else as it was.

import { eol, indentOf, LineIndex, lineIndexFor } from '../text';
import type { Fix, Loc, TextEdit } from '../types';

export function replaceFix(title: string, loc: Loc, newText: string, preferred = false): Fix {
  return { title, preferred, edits: [{ file: loc.file, start: loc.start, end: loc.end, newText }] };
}

export const DISABLE_COMMENT = 'serverless-domains-disable-next-line';

/** Inserts `# serverless-domains-disable-next-line RULE` above the finding's line (YAML only: JSON has no comments). */
export function disableCommentFix(text: string, loc: Loc, rule: string, json: boolean): Fix | undefined {
  if (json) return undefined;
  const idx = lineIndexFor(text);
  const line = idx.position(loc.start).line;
  const start = idx.lineStart(line);
  const indent = indentOf(idx.lineText(line)).replace(/-\s*$/, '');
  const lineText = idx.lineText(line);
  // A finding on a sequence item (`- sqs: ...`) takes the comment at the dash's column.
  const dash = /^(\s*)-\s/.exec(lineText);
  const col = dash ? dash[1] : indent;
  return {
    title: `Disable ${rule} for this line`,
    edits: [{ file: loc.file, start, end: start, newText: `${col}# ${DISABLE_COMMENT} ${rule}${eol(text)}` }],
  };
}

const disableCache = new Map<string, boolean>();

/** Whether a text holds a disable comment anywhere; remembered for the last texts asked about (bounded). */
function hasDisableComment(text: string): boolean {
  let has = disableCache.get(text);
  if (has === undefined) {
    has = text.includes(DISABLE_COMMENT);
    if (disableCache.size >= 256) disableCache.delete(disableCache.keys().next().value as string);
    disableCache.set(text, has);
  }
  return has;
}

/** Is the finding's line preceded by a disable comment naming its rule (or no rule: all)? */
export function isSuppressed(text: string, offset: number, rule: string): boolean {
  // Cheap test first: most files have no disable comment at all (asked once per text, not per finding).
  if (!hasDisableComment(text)) return false;
  const idx = lineIndexFor(text);
  let line = idx.position(offset).line - 1;
  // Comments stack: look up through the comment lines right above.
  for (; line >= 0; line--) {
    const t = idx.lineText(line).trim();
    if (!t.startsWith('#')) return false;
    const m = new RegExp(`^#\\s*${DISABLE_COMMENT}\\b(.*)$`).exec(t);
    if (m) {
      const rules = m[1].split(/[\s,]+/).filter(Boolean);
      if (rules.length === 0 || rules.includes(rule)) return true;
    }
  }
  return false;
}

export interface Block {
  /** Offset of the first line's start. */
  start: number;
  /** Offset after the last line's line break. */
  end: number;
  text: string;
  /** Indentation (columns) of the entry's key. */
  indent: number;
}

/**
 * The whole lines of a YAML map entry, from the comment lines directly above its key to
 * the end of its value's last line (its own trailing comment lines included).
 */
export function entryBlock(text: string, keyStart: number, valueEnd: number): Block {
  const idx = lineIndexFor(text);
  let first = idx.position(keyStart).line;
  const indent = keyStart - idx.lineStart(first);
  while (first > 0) {
    const prev = idx.lineText(first - 1);
    if (/^\s*#/.test(prev) && indentOf(prev).length === indent) first--;
    else break;
  }
  let last = idx.position(Math.max(keyStart, valueEnd - 1)).line;
  if (valueEnd > 0 && text[valueEnd - 1] === '\n') last = idx.position(valueEnd - 1).line;
  // Blank and deeper-indented comment lines after the value still belong to it.
  while (last + 1 < idx.lineCount) {
    const next = idx.lineText(last + 1);
    if (/^\s*#/.test(next) && indentOf(next).length > indent) last++;
    else break;
  }
  const start = idx.lineStart(first);
  const end = last + 1 < idx.lineCount ? idx.lineStart(last + 1) : text.length;
  return { start, end, text: text.slice(start, end), indent };
}

/** Changes a block's indentation from `from` to `to` columns, line by line. */
export function reindent(block: string, from: number, to: number): string {
  if (from === to) return block;
  return block
    .split('\n')
    .map((l) => {
      if (l.trim() === '' || l === '\r') return l;
      const cur = indentOf(l).length;
      const keep = Math.max(0, cur - from);
      return ' '.repeat(to + keep) + l.slice(cur);
    })
    .join('\n');
}

/** Makes sure a block ends with the file's line break. */
export function withEol(block: string, nl: string): string {
  const b = block.replace(/\r?\n/g, nl);
  return b.endsWith(nl) ? b : b + nl;
}

/** Where to append a new entry to a block map whose value ends at `mapEnd`: after its last line. */
export function afterLastLine(text: string, mapEnd: number): number {
  const idx = lineIndexFor(text);
  let end = mapEnd;
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  const line = idx.position(Math.max(0, end - 1)).line;
  // Trailing comment lines that are indented as children stay above the insertion.
  return line + 1 < idx.lineCount ? idx.lineStart(line + 1) : text.length;
}

/** An insertion at the end of a file, starting on a new line. */
export function appendAtEnd(file: string, text: string, block: string): TextEdit {
  const nl = eol(text);
  const needsNl = text.length > 0 && !text.endsWith('\n');
  return { file, start: text.length, end: text.length, newText: (needsNl ? nl : '') + withEol(block, nl) };
}

/** The column of an offset. */
export function columnOf(text: string, offset: number): number {
  const ls = text.lastIndexOf('\n', offset - 1) + 1;
  return offset - ls;
}

/** Applies edits (all in offsets of the original texts) to a set of files; new files start empty. */
export function applyEdits(files: Map<string, string>, edits: TextEdit[]): Map<string, string> {
  const out = new Map(files);
  const byFile = new Map<string, TextEdit[]>();
  for (const e of edits) {
    const l = byFile.get(e.file) ?? [];
    l.push(e);
    byFile.set(e.file, l);
  }
  for (const [file, list] of byFile) {
    let t = out.get(file) ?? '';
    const sorted = [...list].sort((a, b) => b.start - a.start || b.end - a.end);
    for (const e of sorted) t = t.slice(0, e.start) + e.newText + t.slice(e.end);
    out.set(file, t);
  }
  return out;
}
