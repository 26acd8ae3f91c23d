// Parsing a YAML or JSON file into the engine's tree, with eemeli/yaml.
//
// CloudFormation short-form tags are registered as custom tags in their scalar, sequence and
// mapping forms, so they compose without warnings and keep their tag on the node. Unknown
// tags are tolerated (the node keeps its tag). Duplicate keys are tolerated. What PyYAML loads
// but strict YAML does not is parsed re-indented (lenient-yaml.ts), offsets mapped back.

import { hasTemplateMarkers } from './file-kinds';
import { parseStrictJson } from './parse-json';
import { Alias, visit, isAlias, isMap, isPair, isScalar, isSeq, parseDocument, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Node as YNode, ParsedNode } from 'yaml';
import type { RAlias, REntry, RMap, RNode, RScalar, RSeq } from './tree';
import { applyPads, lenientRegions } from './lenient-yaml';
import type { Region } from './lenient-yaml';

export const CFN_TAGS = [
  'Ref', 'Condition', 'GetAtt', 'Sub', 'Join', 'Select', 'Split', 'FindInMap', 'GetAZs', 'ImportValue',
  'Base64', 'Cidr', 'If', 'Equals', 'And', 'Or', 'Not', 'Transform', 'ToJsonString', 'Length', 'ForEach',
];

type CustomTag = { tag: string; resolve?: (s: string) => unknown; collection?: 'map' | 'seq'; nodeClass?: unknown };

const customTags: CustomTag[] = [];
for (const name of CFN_TAGS) {
  customTags.push({ tag: '!' + name, resolve: (s: string) => s });
  customTags.push({ tag: '!' + name, collection: 'seq', nodeClass: YAMLSeq });
  customTags.push({ tag: '!' + name, collection: 'map', nodeClass: YAMLMap });
}

/** The intrinsic function a short-form tag stands for (`!Ref` is `Ref`, `!GetAtt` is `Fn::GetAtt`). */
export function tagToIntrinsic(tag: string): string | undefined {
  const name = tag.startsWith('!') ? tag.slice(1) : tag;
  if (!CFN_TAGS.includes(name)) return undefined;
  return name === 'Ref' || name === 'Condition' ? name : 'Fn::' + name;
}

export interface ParseError {
  start: number;
  end: number;
  message: string;
}

export interface ParsedFile {
  file: string;
  text: string;
  tree: RNode | undefined;
  errors: ParseError[];
  /** The file is JSON (decided by its extension or its first character). */
  json: boolean;
}

/** Parses options passed to eemeli/yaml; exported so the benchmark can run the bare parser with the same settings. */
export const YAML_OPTIONS = {
  uniqueKeys: false,
  customTags: customTags as never,
  strict: false,
  prettyErrors: false,
} as const;

export function looksBinary(text: string): boolean {
  const n = Math.min(text.length, 8000);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
  }
  return false;
}

export function parseText(file: string, text: string): ParsedFile {
  const json = /\.json$/i.test(file) || /^\s*[[{]/.test(text.slice(0, 200));
  const errors: ParseError[] = [];
  if (looksBinary(text)) {
    return { file, text, tree: undefined, errors: [{ start: 0, end: 0, message: 'The file is binary, not YAML or JSON.' }], json };
  }
  // Strict JSON takes the fast route; anything else (or a .json file JSON.parse refuses) the YAML one.
  if (json) {
    const tree = parseStrictJson(file, text);
    if (tree && (!/\.json$/i.test(file) || strictlyJson(text))) return { file, text, tree, errors, json };
  }
  return parseYamlRoute(file, text, json);
}

/** The YAML parser's reading (JSON is YAML): with the lenient readings and the parser's errors. Exported for the test that compares the two routes. */
export function parseYamlRoute(file: string, text: string, json: boolean): ParsedFile {
  const errors: ParseError[] = [];
  let doc;
  let back = (o: number): number => o;
  let parsedText = text; // the text the parser saw (re-indented or with a quote closed)
  try {
    doc = parseDocument(text, YAML_OPTIONS);
    // What the deploying tools load although strict YAML does not (lenient-yaml.ts): parse
    // again with the lines re-indented, and keep that parse if it gets further.
    // A project template that does not parse is skipped for that (isProjectTemplate): no other reading is tried.
    const template = doc.errors.length > 0 && hasTemplateMarkers(file, text);
    if (doc.errors.length && !template) {
      const lenient = parseLenient(text, doc.errors[0].pos[0]);
      if (lenient) ({ doc, back, text: parsedText } = lenient);
    }
    const unclosed = doc.errors.length && !template ? closeQuoteAtEnd(parsedText, doc) : undefined;
    if (unclosed) {
      const outer = back;
      const [start, end] = inLine(text, outer(unclosed.error.start), outer(unclosed.error.end));
      errors.push({ start, end, message: unclosed.error.message });
      doc = unclosed.doc;
      back = (o) => outer(unclosed.back(o));
    }
  } catch (e) {
    return { file, text, tree: undefined, errors: [{ start: 0, end: 0, message: `The parser failed: ${(e as Error).message}` }], json };
  }
  for (const err of doc.errors) {
    const [start, end] = inLine(text, back(err.pos[0]), back(err.pos[1]));
    errors.push({ start, end, message: cleanMessage(err.message) });
  }
  // YAML accepts what JSON does not (trailing commas, comments, single quotes): hold .json files to JSON.
  if (/\.json$/i.test(file) && errors.length === 0) {
    try {
      JSON.parse(text);
    } catch (e) {
      const m = /position (\d+)/.exec((e as Error).message);
      const at = m ? Math.min(Number(m[1]), text.length) : 0;
      const [start, end] = inLine(text, at, at + 1);
      errors.push({ start, end, message: (e as Error).message.replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '') });
    }
  }
  const converter = new Converter(file, text, back);
  const tree = doc.contents ? converter.convert(doc.contents as ParsedNode) : undefined;
  return { file, text, tree, errors, json };
}

function strictlyJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The parse with the lenient regions re-indented, if it gets further than the plain one (whose
 * first error is at `firstError`). A region where the re-indented parse still finds an error
 * was no lenient YAML but a real error (an unclosed quote that runs into the next one): it is
 * left as it was, and the parse done again without it.
 */
function parseLenient(text: string, firstError: number): { doc: ReturnType<typeof parseDocument>; back: (o: number) => number; text: string } | undefined {
  let regions = lenientRegions(text);
  for (let attempt = 0; attempt < 2 && regions.length; attempt++) {
    const padded = applyPads(text, regions.flatMap((r) => r.pads));
    const doc = parseDocument(padded.text, YAML_OPTIONS);
    const at = doc.errors.map((e) => padded.back(e.pos[0]));
    const clean = (r: Region): boolean => !at.some((a) => a >= r.start && a <= r.end);
    if (regions.every(clean)) {
      if (!at.length || at[0] > firstError) return { doc, back: padded.back, text: padded.text };
      return undefined;
    }
    regions = regions.filter(clean);
  }
  return undefined;
}

/**
 * A quoted scalar left open to the end of the file (mid-edit, typically) swallows the rest of
 * it: the error is reported at its opening quote, and the rest is parsed as if the quote were
 * closed at the end of its line.
 */
function closeQuoteAtEnd(text: string, doc: ReturnType<typeof parseDocument>): { error: ParseError; doc: ReturnType<typeof parseDocument>; back: (o: number) => number } | undefined {
  const first = doc.errors[0];
  if (first.code !== 'MISSING_CHAR' || !/quote/.test(first.message) || first.pos[0] < text.trimEnd().length) return undefined;
  let open: Scalar | undefined;
  visit(doc, {
    Scalar(_k, n) {
      if ((n.type === Scalar.QUOTE_DOUBLE || n.type === Scalar.QUOTE_SINGLE) && n.range && n.range[1] >= text.trimEnd().length) {
        open = n;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (!open?.range) return undefined;
  const start = open.range[0];
  const q = text[start];
  if (q !== '"' && q !== "'") return undefined;
  let eol = start;
  while (eol < text.length && text[eol] !== '\n' && text[eol] !== '\r') eol++;
  const closed = applyPads(text, [{ at: eol, n: 1, insert: q }]);
  const again = parseDocument(closed.text, YAML_OPTIONS);
  return { error: { start, end: eol, message: cleanMessage(first.message) }, doc: again, back: closed.back };
}

/** A range inside the file and inside the line where it starts (the parser's can end past the end of the file). */
function inLine(text: string, start: number, end: number): [number, number] {
  const s = Math.max(0, Math.min(start, text.length));
  let e = Math.max(s, Math.min(end, text.length));
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      e = i;
      break;
    }
  }
  return [s, e];
}

function cleanMessage(m: string): string {
  const firstLine = m.split('\n')[0];
  return firstLine.replace(/ at line \d+, column \d+:?$/, '');
}

class Converter {
  private readonly aliases: Array<{ alias: Alias; node: RAlias }> = [];
  constructor(
    private readonly file: string,
    private readonly text: string,
    /** From the parsed text's offsets to the file's (the identity unless lines were re-indented). */
    private readonly back: (offset: number) => number = (o) => o,
  ) {}

  /** A tagged node's location starts at its tag (`!GetAtt A.Arn`), so a fix can replace the whole expression. */
  private withTag<T extends RNode>(out: T, tag: string | undefined): T {
    if (!tag || !tag.startsWith('!')) return out;
    let i = out.loc.start - 1;
    while (i >= 0 && (this.text[i] === ' ' || this.text[i] === '\t' || this.text[i] === '\n' || this.text[i] === '\r')) i--;
    const start = i - tag.length + 1;
    if (start >= 0 && this.text.slice(start, i + 1) === tag) out.loc = { ...out.loc, start };
    return out;
  }

  convert(root: ParsedNode): RNode {
    const out = this.node(root);
    // Aliases may name anchors that appear later in broken documents; link them at the end.
    for (const { alias, node } of this.aliases) {
      const target = this.findAnchor(alias.source);
      node.target = target;
    }
    return out;
  }

  private anchors = new Map<string, RNode>();

  private findAnchor(name: string): RNode | undefined {
    return this.anchors.get(name);
  }

  private loc(n: YNode | null | undefined, fallback = 0): { file: string; start: number; end: number } {
    const r = n?.range;
    if (!r) return { file: this.file, start: fallback, end: fallback };
    // A block collection's range runs past its last line break: end at its last character, so
    // an edit that replaces the node keeps the line structure around it.
    const start = this.back(r[0]);
    let end = Math.max(start, this.back(r[1]));
    if (n && (isMap(n) || isSeq(n))) {
      while (end > start) {
        const c = this.text.charCodeAt(end - 1);
        if (c !== 10 && c !== 13 && c !== 32 && c !== 9) break;
        end--;
      }
    }
    return { file: this.file, start, end };
  }

  node(n: YNode | null | undefined, fallbackPos = 0): RNode {
    if (!n) return { k: 'scalar', value: null, loc: { file: this.file, start: fallbackPos, end: fallbackPos } };
    let out: RNode;
    if (isAlias(n)) {
      const a: RAlias = { k: 'alias', target: this.anchors.get(n.source), loc: this.loc(n, fallbackPos) };
      if (!a.target) this.aliases.push({ alias: n, node: a });
      return a;
    } else if (isScalar(n)) {
      out = this.scalar(n, fallbackPos);
    } else if (isMap(n)) {
      out = this.map(n as YAMLMap<unknown, unknown>, fallbackPos);
    } else if (isSeq(n)) {
      const seq: RSeq = { k: 'seq', items: [], loc: this.loc(n, fallbackPos) };
      if (n.tag) seq.tag = n.tag;
      const start = seq.loc.start;
      for (const it of n.items) seq.items.push(this.node(isPair(it) ? (it.value as YNode) : (it as YNode), start));
      out = seq;
    } else {
      out = { k: 'scalar', value: null, loc: this.loc(n, fallbackPos) };
    }
    if (out.tag) this.withTag(out, out.tag);
    const anchor = (n as { anchor?: string }).anchor;
    if (anchor) this.anchors.set(anchor, out);
    return out;
  }

  private scalar(n: Scalar, fallbackPos: number): RScalar {
    const v = n.value;
    let value: RScalar['value'];
    if (v === null || v === undefined) value = null;
    else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') value = v;
    else if (typeof v === 'bigint') value = Number(v);
    else if (v instanceof Date) value = n.source ?? v.toISOString().slice(0, 10);
    else value = String(v);
    const out: RScalar = { k: 'scalar', value, loc: this.loc(n, fallbackPos) };
    if (n.tag && n.tag !== 'tag:yaml.org,2002:str') out.tag = n.tag;
    if (n.type === Scalar.PLAIN) out.plain = true;
    return out;
  }

  private map(n: YAMLMap<unknown, unknown>, fallbackPos: number): RMap {
    const m: RMap = { k: 'map', entries: [], loc: this.loc(n, fallbackPos) };
    if (n.tag) m.tag = n.tag;
    const merges: RNode[] = [];
    for (const pair of n.items) {
      const keyNode = pair.key as YNode | null;
      const keyLoc = this.loc(keyNode, m.loc.start);
      let key: string;
      if (keyNode && isScalar(keyNode)) key = keyNode.value === null || keyNode.value === undefined ? '' : String(keyNode.value);
      else if (keyNode === null) key = '';
      else key = '[complex key]';
      const value = this.node(pair.value as YNode | null, keyLoc.end);
      if (key === '<<' && keyNode && isScalar(keyNode) && keyNode.type === Scalar.PLAIN) {
        merges.push(value);
        continue;
      }
      m.entries.push({ key, keyLoc, value });
    }
    if (merges.length) this.applyMerges(m, merges);
    return m;
  }

  private applyMerges(m: RMap, merges: RNode[]): void {
    const sources: RNode[] = [];
    for (const v of merges) {
      if (v.k === 'seq') sources.push(...v.items);
      else sources.push(v);
    }
    const seen = new Set(m.entries.map((e) => e.key));
    for (const s of sources) {
      let src: RNode | undefined = s;
      for (let i = 0; i < 64 && src && src.k === 'alias'; i++) src = src.target;
      if (!src || src.k !== 'map') continue;
      for (const e of src.entries) {
        if (seen.has(e.key)) continue;
        seen.add(e.key);
        const merged: REntry = { key: e.key, keyLoc: e.keyLoc, value: e.value, merged: true };
        m.entries.push(merged);
      }
    }
  }
}
