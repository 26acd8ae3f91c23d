// Whether a name reached through variables was built where it is used. `orders-${self:custom.stage}`
// builds the name `orders-dev` here (it is a hard-coded reference once resolved); `${self:custom.table}`
// only carries a name written elsewhere (reported there, not at every use).

import { findVariables } from './variables';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * `written0`: the source text of a scalar; `text`: its whole value once resolved; `name`: the
 * resource name inside `text`. True when some character of `name` is written in `written0`
 * outside any variable (variables are matched as wildcards).
 */
export function nameBuiltHere(written0: string, text: string, name: string): boolean {
  const t = written0.trim();
  const written = t.length >= 2 && (t[0] === '"' || t[0] === "'") && t.endsWith(t[0]) ? t.slice(1, -1) : t;
  const spans = findVariables(written);
  if (spans.length === 0 || spans.length > 20) return false;
  let source = '';
  let last = 0;
  for (const sp of spans) {
    source += escapeRegExp(written.slice(last, sp.start)) + '([\\s\\S]*?)';
    last = sp.end;
  }
  source += escapeRegExp(written.slice(last));
  const m = new RegExp('^' + source + '$', 'd').exec(text);
  if (!m || !m.indices) return false;
  const at = text.lastIndexOf(name);
  if (at === -1 || at < m.index || at + name.length > m.index + m[0].length) return false;
  const end = at + name.length;
  for (let g = 1; g < m.length; g++) {
    const r = m.indices[g];
    if (r && r[0] <= at && end <= r[1]) return false;
  }
  return true;
}
