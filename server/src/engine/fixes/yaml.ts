// Structural edits of YAML files for fixes: insert entries into a (possibly missing) block
// map, cut an entry out, render a short-form intrinsic. They refuse (return undefined) where
// an edit could not keep the file as it was: flow maps, maps that come from an alias, a
// merge key or another file, JSON files.

import type { UnitFacts } from '../model';
import { eol, indentOf, LineIndex } from '../text';
import { asMap, REntry, RMap, RNode } from '../tree';
import type { Loc, TextEdit } from '../types';
import { afterLastLine, appendAtEnd, Block, columnOf, entryBlock, reindent, withEol } from './edits';

export interface FileView {
  file: string;
  text: string;
  root: RNode | undefined;
}

export function viewOf(facts: UnitFacts, text: (f: string) => string): FileView {
  return { file: facts.id, text: text(facts.id), root: facts.tree };
}

/** The indentation step a file uses (2 when it cannot tell). */
export function indentUnit(text: string): number {
  const m = /\n( +)\S/.exec(text);
  return m ? Math.min(m[1].length, 8) : 2;
}

function isBlockMap(v: FileView, m: RMap): boolean {
  if (m.loc.file !== v.file || m.entries.length === 0) return false;
  const first = m.entries[0];
  if (first.merged || first.keyLoc.file !== v.file) return false;
  return v.text[m.loc.start] !== '{';
}

function ownEntry(m: RMap, key: string): REntry | undefined {
  return m.entries.find((e) => e.key === key && !e.merged);
}

/**
 * Appends `entries` (text of map entries at indentation 0, one per line block) to the map at
 * `path` under the file's root, creating the missing maps on the way.
 */
export function insertIntoMap(v: FileView, path: string[], entries: string): TextEdit | undefined {
  const nl = eol(v.text);
  const unit = indentUnit(v.text);
  const root = asMap(v.root);
  if (!root || root.loc.file !== v.file || v.text.trimStart().startsWith('{')) return undefined;
  let map: RMap = root;
  let depth = 0;
  for (; depth < path.length; depth++) {
    const e = ownEntry(map, path[depth]);
    if (!e) break;
    const child = e.value;
    if (child.k === 'scalar' && (child.value === null || child.value === '') && child.loc.file === v.file) {
      // `Outputs:` with nothing under it: write the entries right after the key.
      const col = columnOf(v.text, e.keyLoc.start) + unit;
      const rest = path.slice(depth + 1);
      const at = afterLastLine(v.text, e.keyLoc.end);
      return { file: v.file, start: at, end: at, newText: withEol(nest(rest, entries, col, unit), nl) };
    }
    if (child.k !== 'map' || child.tag || !isBlockMap(v, child)) return undefined;
    map = child;
  }
  const rest = path.slice(depth);
  if (map === root && depth === 0) {
    if (root.entries.some((e) => e.merged)) return undefined;
    return appendAtEnd(v.file, v.text, nest(rest, entries, 0, unit));
  }
  const col = columnOf(v.text, map.entries[0].keyLoc.start);
  const at = afterLastLine(v.text, map.loc.end);
  const prefix = at === v.text.length && !v.text.endsWith('\n') ? nl : '';
  return { file: v.file, start: at, end: at, newText: prefix + withEol(nest(rest, entries, col, unit), nl) };
}

function nest(path: string[], entries: string, col: number, unit: number): string {
  let out = '';
  let c = col;
  for (const k of path) {
    out += ' '.repeat(c) + k + ':\n';
    c += unit;
  }
  return out + reindent(entries.replace(/\r\n/g, '\n'), 0, c).replace(/\n*$/, '\n');
}

/**
 * Inserts entries into several sections under one parent (`Resources` and `Outputs` of a
 * template, or of a Serverless `resources`). Missing sections are created together, so a
 * missing parent is written once.
 */
export function insertSections(v: FileView, parentPath: string[], sections: Array<{ key: string; entries: string }>): TextEdit[] | undefined {
  const existing: TextEdit[] = [];
  let missing = '';
  let parent: RNode | undefined = v.root;
  for (const k of parentPath) parent = parent?.k === 'map' ? ownEntry(parent, k)?.value : undefined;
  for (const s of sections) {
    if (!s.entries) continue;
    const has = parent?.k === 'map' && ownEntry(parent, s.key);
    if (has) {
      const e = insertIntoMap(v, [...parentPath, s.key], s.entries);
      if (!e) return undefined;
      existing.push(e);
    } else missing += `${s.key}:
` + reindent(s.entries, 0, indentUnit(v.text));
  }
  if (missing) {
    const e = insertIntoMap(v, parentPath, missing);
    if (!e) return undefined;
    existing.push(e);
  }
  // Two insertions at one offset become one, in order.
  const merged: TextEdit[] = [];
  for (const e of existing) {
    const same = merged.find((m) => m.file === e.file && m.start === e.start && m.end === e.end && m.start === m.end);
    if (same) same.newText += same.newText.endsWith('\n') ? e.newText.replace(/^\r?\n/, '') : e.newText;
    else merged.push({ ...e });
  }
  return merged;
}

/** The attribute an output's value reads (`!GetAtt Q.Arn` is Arn), or Ref. */
export function attributeOf(valueText: string): string {
  const t = valueText.trim();
  if (!/GetAtt/.test(t)) return 'Ref';
  const m = /(?:\.|,\s*["']?)([A-Za-z0-9]+)["']?\s*\]?\s*\}?\s*$/.exec(t);
  return m ? m[1] : 'Arn';
}

/** Edits that cut entries of a section; when every entry of `Outputs` goes, the section goes too. */
export function removeEntries(text: string, facts: UnitFacts, file: string, blocks: Block[], section: 'Outputs' | 'Resources'): TextEdit[] {
  const root = facts.tree;
  const parent = facts.kind === 'serverless' ? asMap(root)?.entries.find((e) => e.key === 'resources' && !e.merged)?.value : root;
  const entry = parent?.k === 'map' ? parent.entries.find((e) => e.key === section && !e.merged) : undefined;
  const sec = entry?.value;
  if (section === 'Outputs' && entry && sec?.k === 'map' && sec.loc.file === file && blocks.length === sec.entries.filter((e) => !e.merged).length) {
    const whole = cutEntry(text, file, entry.keyLoc, entry.value);
    if (whole) return [{ file, start: whole.start, end: whole.end, newText: '' }];
  }
  return blocks.map((b) => ({ file, start: b.start, end: b.end, newText: '' }));
}

/** The lines of a map entry, ready to cut, or undefined when it is not a plain block entry of this file. */
export function cutEntry(text: string, file: string, keyLoc: Loc, value: RNode | undefined): Block | undefined {
  if (keyLoc.file !== file || (value && value.loc.file !== file)) return undefined;
  const idx = new LineIndex(text);
  const line = idx.lineText(idx.position(keyLoc.start).line);
  // The key must start its line (not `- Key:` or `{Key: ...}`).
  if (indentOf(line).length !== columnOf(text, keyLoc.start)) return undefined;
  return entryBlock(text, keyLoc.start, value ? value.loc.end : keyLoc.end);
}

/** A block's text at indentation 0, with an edit applied inside it (offsets of the file). */
export function blockAt0(block: Block, inner: Array<{ start: number; end: number; newText: string }> = []): string {
  let t = block.text;
  for (const e of [...inner].sort((a, b) => b.start - a.start)) {
    if (e.start < block.start || e.end > block.end) continue;
    t = t.slice(0, e.start - block.start) + e.newText + t.slice(e.end - block.start);
  }
  const out = reindent(t.replace(/\r\n/g, '\n'), block.indent, 0);
  return out.endsWith('\n') ? out : out + '\n';
}

export function yamlQuote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** An output entry at indentation 0. */
/** An export name written relative to the unit's own stack name, so it follows the stage or stack it is deployed as:
 * `!Sub '${AWS::StackName}-KEY'` in a template, `${self:service}-${sls:stage}-KEY` in a Serverless service. */
export function stackExportName(kind: string, key: string): { yaml: string } {
  return { yaml: kind === 'serverless' ? yamlQuote(`\${self:service}-\${sls:stage}-${key}`) : `!Sub '\${AWS::StackName}-${key}'` };
}

export function outputEntry(key: string, value: string, exportName: string | { yaml: string } | undefined, description?: string): string {
  const lines = [`${key}:`];
  if (description) lines.push(`  Description: ${yamlQuote(description)}`);
  lines.push(`  Value: ${value}`);
  if (exportName) lines.push('  Export:', `    Name: ${typeof exportName === 'string' ? yamlQuote(exportName) : exportName.yaml}`);
  return lines.join('\n') + '\n';
}
