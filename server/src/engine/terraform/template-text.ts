// The text of HCL templates: escapes in quoted strings, `$${`/`%%{`, and heredoc bodies
// (read from the source, since tree-sitter leaves a heredoc's leading indentation out of its
// literal text).

import type { FlatNode } from './cst';
import type { HclTemplatePart } from './hcl-model';

/**
 * A heredoc's parts, its text read from the source: the body runs from the line after the
 * opening marker to the start of the closing marker's line (so it ends with a line break, as
 * in HCL), and a `<<-` heredoc loses the indentation its lines share.
 */
export function heredocParts(file: string, text: string, n: FlatNode): HclTemplatePart[] {
  const markers = n.c.filter((c) => c.t === 'heredoc_identifier');
  const open = markers[0];
  const close = markers.length > 1 ? markers[markers.length - 1] : undefined;
  const afterOpen = open ? text.indexOf('\n', open.end) : -1;
  const bodyStart = afterOpen < 0 || afterOpen >= n.end ? (open?.end ?? n.start) : afterOpen + 1;
  const bodyEnd = close && close.end > close.start ? Math.max(bodyStart, text.lastIndexOf('\n', close.start - 1) + 1) : n.end;
  const flush = n.c[0] ? text.slice(n.c[0].start, n.c[0].end) === '<<-' : false;
  let indent = Infinity;
  if (flush) {
    for (let i = bodyStart; i < bodyEnd; ) {
      let j = i;
      while (j < bodyEnd && (text[j] === ' ' || text[j] === '\t')) j++;
      if (j < bodyEnd && text[j] !== '\n' && text[j] !== '\r') indent = Math.min(indent, j - i);
      const nl = text.indexOf('\n', i);
      i = nl < 0 || nl >= bodyEnd ? bodyEnd : nl + 1;
    }
  }
  const strip = (start: number, end: number) => {
    const raw = text.slice(start, end);
    if (!flush || indent === Infinity || indent === 0) return raw;
    // Remove the shared indentation at each line start inside this piece.
    let out = '';
    let i = 0;
    while (i < raw.length) {
      if (start + i === bodyStart || text[start + i - 1] === '\n') {
        let k = 0;
        while (k < indent && i < raw.length && (raw[i] === ' ' || raw[i] === '\t')) {
          i++;
          k++;
        }
      }
      const nl = raw.indexOf('\n', i);
      const stop = nl < 0 ? raw.length : nl + 1;
      out += raw.slice(i, stop);
      i = stop;
    }
    return out;
  };
  const out: HclTemplatePart[] = [];
  let at = bodyStart;
  const textPart = (end: number) => {
    if (end > at) out.push({ k: 'text', value: unescapeTemplate(strip(at, end)), loc: { file, start: at, end } });
  };
  for (const c of n.c) {
    if (c.t !== 'template_interpolation' && c.t !== 'template_directive') continue;
    textPart(Math.min(c.start, bodyEnd));
    out.push(c.r as HclTemplatePart);
    at = Math.max(at, c.end);
  }
  textPart(bodyEnd);
  return out;
}

/** The value of a quoted template's literal text: backslash escapes, `$${` and `%%{`. */
export function unescapeQuoted(raw: string): string {
  if (!raw.includes('\\')) return unescapeTemplate(raw);
  return unescapeTemplate(
    raw.replace(/\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|(.))/gs, (m, u4: string | undefined, u8: string | undefined, ch: string | undefined) => {
      if (u4) return String.fromCharCode(parseInt(u4, 16));
      if (u8) {
        const cp = parseInt(u8, 16);
        return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
      }
      return ch === 'n' ? '\n' : ch === 'r' ? '\r' : ch === 't' ? '\t' : ch === '"' || ch === '\\' ? ch : m;
    }),
  );
}

/** `$${` and `%%{` stand for a literal `${` and `%{`. */
export function unescapeTemplate(raw: string): string {
  return raw.includes('$${') || raw.includes('%%{') ? raw.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{') : raw;
}
