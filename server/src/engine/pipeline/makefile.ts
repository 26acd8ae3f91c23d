// A Makefile target's recipe as shell text, for the deploys it runs (never run): the recipes of
// its prerequisites first (each once, as make does), then its own; `NAME ?= v`, `NAME := v`,
// `NAME = v` and command-line `NAME=v` values substituted for `$(NAME)` / `${NAME}` where literal,
// `$(MAKE)` read as `make`, `$$` as `$`. Conditionals, includes and pattern rules are not read.

import type { ScriptText } from './script';

interface Rule {
  prereqs: string[];
  /** Recipe lines: where each starts in the file (after the tab) and its text. */
  lines: Array<{ at: number; text: string }>;
}

/** Fills `st` with the recipe of `target` (the first target when undefined); a reason when there is none. */
export function makeRecipe(text: string, file: string, target: string | undefined, overrides: Map<string, string>, st: ScriptText, env: Record<string, string>): string | undefined {
  // The environment gives variables their first value (`NAME ?= v` keeps it, `NAME := v` replaces it).
  const vars = new Map<string, string | undefined>(Object.entries(env));
  const rules = new Map<string, Rule>();
  let first: string | undefined;
  let current: Rule[] = [];
  const lineRe = /[^\n]*(?:\n|$)/g;
  for (let m = lineRe.exec(text); m && m[0]; m = lineRe.exec(text)) {
    let line = m[0].replace(/\r?\n$/, '');
    let at = m.index;
    if (line.startsWith('\t')) {
      // A recipe line, with its continuations.
      let body = line.slice(1);
      while (body.endsWith('\\') && lineRe.lastIndex < text.length) {
        const n = lineRe.exec(text);
        if (!n || !n[0]) break;
        body += '\n' + n[0].replace(/\r?\n$/, '');
      }
      for (const r of current) r.lines.push({ at: at + 1, text: body });
      continue;
    }
    if (/^\s*(#|$)/.test(line)) continue;
    line = line.replace(/\s+#.*$/, '');
    const v = /^(?:override[ \t]+|export[ \t]+)?([A-Za-z_][\w.-]*)[ \t]*(\?=|:=|::=|\+=|!=|=)[ \t]*(.*)$/.exec(line);
    if (v) {
      current = [];
      const [, name, op, raw] = v;
      if (op === '?=' && vars.has(name)) continue;
      const value = op === '+=' || op === '!=' ? undefined : substitute(raw.trim(), vars, overrides);
      vars.set(name, op === '+=' && vars.get(name) !== undefined && !raw.includes('$') ? `${vars.get(name)} ${raw.trim()}` : value);
      continue;
    }
    const r = /^([^:=\s][^:=]*?)[ \t]*::?(?!=)[ \t]*([^;]*)(?:;(.*))?$/.exec(line);
    if (!r) {
      current = [];
      continue;
    }
    const names = r[1].split(/\s+/).filter(Boolean);
    const prereqs = (substitute(r[2].split('|')[0], vars, overrides) ?? '').split(/\s+/).filter(Boolean);
    current = [];
    for (const n of names) {
      if (n.includes('%') || n.includes('$')) continue;
      if (first === undefined && !n.startsWith('.')) first = n;
      const rule = rules.get(n) ?? { prereqs: [], lines: [] };
      rule.prereqs.push(...prereqs);
      if (r[3] !== undefined && r[3].trim()) rule.lines.push({ at: at + line.indexOf(';', r[1].length) + 1, text: r[3] });
      rules.set(n, rule);
      current.push(rule);
    }
  }
  const goal = target ?? first;
  if (goal === undefined || !rules.has(goal)) return `${file} has no rule for ${goal ?? 'a default target'}`;
  const done = new Set<string>();
  const visit = (name: string, depth: number) => {
    const rule = rules.get(name);
    if (!rule || done.has(name) || depth > 32) return;
    done.add(name);
    for (const p of rule.prereqs) visit(p, depth + 1);
    for (const l of rule.lines) addLine(st, file, l.at, l.text, vars, overrides);
  };
  visit(goal, 0);
  return undefined;
}

/** A value with `$(NAME)` substituted; undefined when a reference is not literal. */
function substitute(raw: string, vars: Map<string, string | undefined>, overrides: Map<string, string>): string | undefined {
  let ok = true;
  const out = raw.replace(/\$\$|\$\(([A-Za-z_][\w.-]*)\)|\$\{([A-Za-z_][\w.-]*)\}/g, (all, a?: string, b?: string) => {
    if (all === '$$') return '$';
    const name = (a ?? b)!;
    const v = overrides.get(name) ?? vars.get(name);
    if (v === undefined) ok = false;
    return v ?? all;
  });
  return ok && !/\$\(/.test(out) ? out : undefined;
}

/** One recipe line into the script: `@`/`-`/`+` prefixes dropped, literal variables substituted (located on the reference). */
function addLine(st: ScriptText, file: string, at: number, text: string, vars: Map<string, string | undefined>, overrides: Map<string, string>): void {
  const lead = /^[ \t]*[@+-]*[ \t]*/.exec(text)![0].length;
  let last = lead;
  for (const m of text.matchAll(/\$\$|\$\(([A-Za-z_][\w.-]*)\)|\$\{([A-Za-z_][\w.-]*)\}/g)) {
    const name = m[1] ?? m[2];
    if (m.index < lead) continue;
    const v = m[0] === '$$' ? '$' : name === 'MAKE' ? 'make' : (overrides.get(name!) ?? vars.get(name!));
    if (v === undefined) continue;
    st.add(text.slice(last, m.index), file, at + last);
    st.addSynthetic(v, { file, start: at + m.index, end: at + m.index + m[0].length });
    last = m.index + m[0].length;
  }
  st.add(text.slice(last), file, at + last);
  st.addSynthetic('\n', { file, start: at + text.length, end: at + text.length }, true);
}
