// YAML that the deploying tools load although strict YAML 1.2 does not: re-indentation for the
// parse only, with an offset map back to the file's own text.
//
// PyYAML (the SAM CLI, and CloudFormation's loader behaves the same) checks no indentation
// inside a flow collection or a quoted scalar, so a closing bracket or a continued quoted
// scalar at its key's column loads there:
//
//   Statements: [{            PolicyDocument: !Sub '{
//       "Effect": "Allow"         "Version": "2012-10-17"
//   }]                        }'
//
// eemeli/yaml ends the collection (or the scalar) at that line and the rest of the file is
// lost, whatever its options. `lenientPads` finds, in block context, each value that starts a
// flow collection or a quoted scalar, finds where it ends, and pads the lines in between that
// are indented no deeper than the value's key, so the parser sees them inside. Leading spaces
// are insignificant there (folded away), so the padded text has the same values. Only used
// when the plain parse reports an error (see parse.ts).

/** Insert `n` spaces (or `insert`, `n` characters long) before offset `at` of the original text. */
export interface Pad {
  at: number;
  n: number;
  insert?: string;
}

interface Line {
  start: number;
  end: number;
  indent: number;
}

function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    let e = end;
    if (e > start && text.charCodeAt(e - 1) === 13) e--;
    let i = start;
    while (i < e && text.charCodeAt(i) === 32) i++;
    out.push({ start, end: e, indent: i - start });
    start = end + 1;
  }
  return out;
}

const BLANK = /^[ \t]*(#.*)?$/;

/** Where a flow collection starting at `from` (its `[` or `{`) ends (after its bracket), or -1. */
function flowEnd(text: string, from: number): number {
  let depth = 0;
  let prev = ' ';
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if ((c === "'" || c === '"') && /[\s[{,:]/.test(prev)) {
      i = quotedEnd(text, i) - 1;
      if (i < 0) return -1;
      prev = c;
      continue;
    }
    if (c === '#' && /\s/.test(prev)) {
      const nl = text.indexOf('\n', i);
      if (nl === -1) return -1;
      i = nl;
      prev = '\n';
      continue;
    }
    if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
    prev = c;
  }
  return -1;
}

/** Where a quoted scalar starting at `from` (its quote) ends (after its closing quote), or -1. */
function quotedEnd(text: string, from: number): number {
  const q = text[from];
  for (let i = from + 1; i < text.length; i++) {
    const c = text[i];
    if (q === '"' && c === '\\') {
      i++;
      continue;
    }
    if (c === q) {
      if (q === "'" && text[i + 1] === "'") {
        i++;
        continue;
      }
      return i + 1;
    }
  }
  return -1;
}

/** The column where a line's value starts after `- `/`? ` indicators, a key and tags or anchors, and its key's column. */
function valueStart(text: string, line: Line): { key: number; at: number } {
  let p = line.start + line.indent;
  const end = line.end;
  const isSpace = (i: number): boolean => i >= end || text[i] === ' ' || text[i] === '\t';
  while (p < end && (text[p] === '-' || text[p] === '?') && isSpace(p + 1)) {
    p++;
    while (p < end && isSpace(p)) p++;
  }
  const key = p;
  // A key: quoted, or plain up to the first `: ` (not a flow collection or a comment).
  let colon = -1;
  if (text[p] === '"' || text[p] === "'") {
    const q = quotedEnd(text, p);
    if (q !== -1 && q <= end) {
      let i = q;
      while (i < end && text[i] === ' ') i++;
      if (text[i] === ':' && isSpace(i + 1)) colon = i;
    }
  } else if (p < end && !'[{#|>!&*'.includes(text[p])) {
    for (let i = p; i < end; i++) {
      if (text[i] === '#' && isSpace(i - 1)) break;
      if (text[i] === ':' && isSpace(i + 1)) {
        colon = i;
        break;
      }
    }
  }
  if (colon !== -1) {
    p = colon + 1;
    while (p < end && isSpace(p)) p++;
  }
  // Tags and anchors before the value.
  while (p < end && (text[p] === '!' || text[p] === '&')) {
    while (p < end && !isSpace(p)) p++;
    while (p < end && isSpace(p)) p++;
  }
  return { key: key - line.start, at: p };
}

/** A flow collection or quoted scalar that needs re-indenting: from its first character to the end of its last line. */
export interface Region {
  start: number;
  end: number;
  pads: Pad[];
}

/** The regions whose pads make eemeli/yaml see what PyYAML sees; empty when there is nothing to re-indent. */
export function lenientRegions(text: string): Region[] {
  const lines = splitLines(text);
  const regions: Region[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const content = text.slice(line.start + line.indent, line.end);
    if (BLANK.test(content)) {
      i++;
      continue;
    }
    const { key, at } = valueStart(text, line);
    const c = at < line.end ? text[at] : '';
    if (c === '|' || c === '>') {
      // A block scalar: its lines are text, whatever they hold.
      i++;
      while (i < lines.length && (lines[i].indent > line.indent || lines[i].start + lines[i].indent >= lines[i].end)) i++;
      continue;
    }
    if (c !== '[' && c !== '{' && c !== '"' && c !== "'") {
      i++;
      continue;
    }
    const end = c === '[' || c === '{' ? flowEnd(text, at) : quotedEnd(text, at);
    if (end === -1) break; // unterminated: a real error, left to the parser
    const want = key + 1;
    const pads: Pad[] = [];
    let j = i + 1;
    for (; j < lines.length && lines[j].start < end; j++) {
      const l = lines[j];
      if (l.start + l.indent >= l.end) continue;
      if (l.indent < want) pads.push({ at: l.start, n: want - l.indent });
    }
    if (pads.length) regions.push({ start: at, end: lines[j - 1].end, pads });
    i = Math.max(j, i + 1);
  }
  return regions;
}

/** The padded text and a map from its offsets back to the original's. */
export function applyPads(text: string, pads: Pad[]): { text: string; back: (offset: number) => number } {
  const parts: string[] = [];
  let last = 0;
  const newAt: number[] = [];
  let added = 0;
  for (const p of pads) {
    parts.push(text.slice(last, p.at), p.insert ?? ' '.repeat(p.n));
    newAt.push(p.at + added);
    added += p.n;
    last = p.at;
  }
  parts.push(text.slice(last));
  const back = (o: number): number => {
    // The last pad inserted at or before o (in padded coordinates).
    let lo = 0;
    let hi = newAt.length - 1;
    let k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (newAt[mid] <= o) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (k === -1) return o;
    if (o < newAt[k] + pads[k].n) return pads[k].at;
    return o - (newAt[k] + pads[k].n - pads[k].at);
  };
  return { text: parts.join(''), back };
}
