// Adding one item to a YAML list the fixes of pipeline files extend (`needs`, `dependsOn`,
// `on.push.paths`), as it is written: a flow list gets `, value`, a block list one more `- value`
// line at its items' column, a scalar becomes a flow list, and an absent key is added first in its map.

import type { RuleContext } from '../rules/rule';
import { eol, lineIndexFor } from '../text';
import { deref, get, getEntry, items, str } from '../tree';
import type { Fix } from '../types';

/** One more item for the list `key` of the map at `path` (a new `key: [value]` entry first in the map when absent). */
export function addListItem(ctx: RuleContext, file: string, path: string[], key: string, value: string, title: string): Fix[] {
  const text = ctx.text(file);
  const tree = ctx.parsed(file)?.tree;
  let map = deref(tree);
  for (const k of path) map = deref(get(map, k));
  if (map?.k !== 'map' || !map.entries.length || map.loc.file !== file) return [];
  const nl = eol(text);
  const entry = getEntry(map, key);
  if (!entry) {
    const first = map.entries[0];
    const idx = lineIndexFor(text);
    const start = idx.lineStart(idx.position(first.keyLoc.start).line);
    const indent = text.slice(start, first.keyLoc.start);
    if (indent.trim() !== '') return [];
    return [{ title, preferred: true, edits: [{ file, start, end: start, newText: `${indent}${key}: [${value}]${nl}` }] }];
  }
  const v = deref(entry.value);
  if (!v || v.loc.file !== file) return [];
  if (v.k === 'scalar') {
    const cur = str(v);
    if (cur === undefined) return [];
    return [{ title, preferred: true, edits: [{ file, start: v.loc.start, end: v.loc.end, newText: `[${cur}, ${value}]` }] }];
  }
  if (v.k !== 'seq') return [];
  const raw = text.slice(v.loc.start, v.loc.end);
  if (raw.startsWith('[')) {
    const close = v.loc.start + raw.lastIndexOf(']');
    return [{ title, preferred: true, edits: [{ file, start: close, end: close, newText: items(v).length === 0 ? value : `, ${value}` }] }];
  }
  const last = deref(items(v)[items(v).length - 1]);
  if (!last) return [];
  const idx = lineIndexFor(text);
  const line = idx.position(last.loc.end > last.loc.start ? last.loc.end - 1 : last.loc.start).line;
  const dash = /^(\s*)-\s/.exec(text.slice(idx.lineStart(idx.position(last.loc.start).line), last.loc.start));
  if (!dash) return [];
  const at = line + 1 < idx.lineCount ? idx.lineStart(line + 1) : text.length;
  return [{ title, preferred: true, edits: [{ file, start: at, end: at, newText: `${at === text.length && !text.endsWith('\n') ? nl : ''}${dash[1]}- ${value}${nl}` }] }];
}
