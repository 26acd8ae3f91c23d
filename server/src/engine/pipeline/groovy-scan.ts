// A small Groovy scanner for Jenkinsfiles (never run): identifiers, strings (`'...'`, `"..."`,
// `'''...'''`, `"""..."""`, with `${...}` interpolation kept inside the string), punctuation, with
// comments skipped; brackets matched in one pass (an unclosed one reaches the end of the file).
// Linear in the text; problems (unterminated strings, comments, brackets) are returned, never thrown.

import type { ScriptText } from './script';

export type Tok =
  | { t: 'id'; v: string; s: number; e: number }
  | { t: 'str'; q: string; s: number; e: number; cs: number; ce: number; closed: boolean }
  | { t: 'p'; v: string; s: number; e: number };

export interface Scanned {
  toks: Tok[];
  /** For an opening `(`, `{` or `[`: the index of its closing token (toks.length when unclosed). */
  match: Map<number, number>;
  problems: Array<{ s: number; e: number; reason: string }>;
}

export function scanGroovy(text: string): Scanned {
  const toks: Tok[] = [];
  const problems: Scanned['problems'] = [];
  const n = text.length;
  let i = text.startsWith('#!') ? Math.max(text.indexOf('\n'), 0) || n : 0;
  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? n : nl;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end === -1) problems.push({ s: i, e: i + 2, reason: 'an unterminated comment: the rest of the file is not read' });
      i = end === -1 ? n : end + 2;
    } else if (c === "'" || c === '"') {
      const q = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      const tok = readString(text, i, q);
      if (!tok.closed) problems.push({ s: i, e: tok.cs, reason: `an unterminated string${q.length === 3 ? ': the rest of the file is not read' : ''}` });
      toks.push(tok);
      i = tok.e;
    } else if (/[A-Za-z_$]/.test(c)) {
      let j = i + 1;
      while (j < n && /[\w$]/.test(text[j])) j++;
      toks.push({ t: 'id', v: text.slice(i, j), s: i, e: j });
      i = j;
    } else {
      toks.push({ t: 'p', v: c, s: i, e: i + 1 });
      i++;
    }
  }
  return { toks, match: matchBrackets(toks, problems), problems };
}

function readString(text: string, at: number, q: string): Extract<Tok, { t: 'str' }> {
  const cs = at + q.length;
  const gstring = q[0] === '"';
  let i = cs;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      i += 2;
    } else if (text.startsWith(q, i)) {
      return { t: 'str', q, s: at, e: i + q.length, cs, ce: i, closed: true };
    } else if (c === '\n' && q.length === 1) {
      break;
    } else if (gstring && c === '$' && text[i + 1] === '{') {
      i = interpolationEnd(text, i + 2);
    } else i++;
  }
  const ce = Math.min(i, text.length);
  return { t: 'str', q, s: at, e: ce, cs, ce, closed: false };
}

/** The offset after the `}` closing a `${` whose body starts at `from` (nested braces and simple strings skipped). */
function interpolationEnd(text: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < text.length && depth > 0) {
    const c = text[i];
    if (c === '\n') return i;
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end === -1) return text.length;
      i = end;
    }
    i++;
  }
  return i;
}

const OPEN: Record<string, string> = { '(': ')', '{': '}', '[': ']' };

function matchBrackets(toks: Tok[], problems: Scanned['problems']): Map<number, number> {
  const match = new Map<number, number>();
  const stack: number[] = [];
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    if (t.t !== 'p') continue;
    if (OPEN[t.v]) stack.push(k);
    else if (t.v === ')' || t.v === '}' || t.v === ']') {
      // A closer that matches an outer opener closes the ones left open inside it.
      let at = stack.length - 1;
      while (at >= 0 && OPEN[(toks[stack[at]] as { v: string }).v] !== t.v) at--;
      if (at < 0) continue;
      while (stack.length > at + 1) {
        const o = stack.pop()!;
        match.set(o, k);
        problems.push({ s: toks[o].s, e: toks[o].e, reason: `an unclosed ${(toks[o] as { v: string }).v}` });
      }
      match.set(stack.pop()!, k);
    }
  }
  for (const o of stack) {
    match.set(o, toks.length);
    problems.push({ s: toks[o].s, e: toks[o].e, reason: `an unclosed ${(toks[o] as { v: string }).v}: read to the end of the file` });
  }
  return match;
}

/** A string's value as a whole when it is a literal (escapes resolved, GString `${X}`/`$X` of `env` substituted); undefined when unknown. */
export function literalString(text: string, tok: Extract<Tok, { t: 'str' }>, env: Record<string, string>): string | undefined {
  let out = '';
  let unknown = false;
  eachPart(text, tok, env, (part) => {
    if (part.unknown) unknown = true;
    out += part.value;
  });
  return unknown ? undefined : out;
}

/** A string's content added to a script: raw text in place, escapes and substituted values as synthetic pieces. */
export function addGroovyString(st: ScriptText, file: string, text: string, tok: Extract<Tok, { t: 'str' }>, env: Record<string, string>): void {
  eachPart(text, tok, env, (part) => {
    if (part.raw) st.add(part.value, file, part.s);
    else st.addSynthetic(part.value, { file, start: part.s, end: part.e });
  });
}

interface Part {
  value: string;
  s: number;
  e: number;
  raw: boolean;
  unknown?: boolean;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '\\': '\\', "'": "'", '"': '"', $: '$' };

function eachPart(text: string, tok: Extract<Tok, { t: 'str' }>, env: Record<string, string>, emit: (p: Part) => void): void {
  const gstring = tok.q[0] === '"';
  let seg = tok.cs;
  const flush = (to: number) => {
    if (to > seg) emit({ value: text.slice(seg, to), s: seg, e: to, raw: true });
  };
  let i = tok.cs;
  while (i < tok.ce) {
    const c = text[i];
    if (c === '\\' && i + 1 < tok.ce) {
      flush(i);
      const x = text[i + 1];
      emit({ value: x === '\n' ? '' : (ESCAPES[x] ?? `\\${x}`), s: i, e: i + 2, raw: false });
      i += 2;
      seg = i;
    } else if (gstring && c === '$') {
      const braced = text[i + 1] === '{';
      const end = braced ? Math.min(interpolationEnd(text, i + 2), tok.ce) : i + 1 + (/^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*/.exec(text.slice(i + 1, Math.min(tok.ce, i + 200)))?.[0].length ?? 0);
      if (end === i + 1) {
        i++;
        continue;
      }
      const expr = braced ? text.slice(i + 2, end - 1).trim() : text.slice(i + 1, end);
      const name = /^(?:env\.)?([A-Za-z_]\w*)$/.exec(expr)?.[1];
      flush(i);
      if (name !== undefined && Object.prototype.hasOwnProperty.call(env, name)) emit({ value: env[name], s: i, e: end, raw: false });
      else emit({ value: text.slice(i, end), s: i, e: end, raw: true, unknown: true });
      i = seg = end;
    } else i++;
  }
  flush(tok.ce);
}
