// Deploy commands in a script or CI file, read as shell text (never run): which template a
// command deploys and under which stack name. Pure: text in, commands out.
//
// Read: `aws cloudformation deploy`, `aws cloudformation create-stack|update-stack` (with
// `--template-body file://T`), `sam deploy`; flags in any order, `--flag value` or `--flag=value`,
// backslash-newline continuations. A variable is substituted only where the same script assigns it
// a literal (`NAME=value`, `export NAME="value"`) before the command and nothing else assigns it in
// between; anything else (`$1`, `${{ env.X }}`, `$(cmd)`) leaves the value unknown. A template
// written by `aws cloudformation package` / `sam package` earlier in the file stands for its source.

import type { Loc } from '../types';

export type DeployTool = 'cloudformation deploy' | 'cloudformation create-stack' | 'cloudformation update-stack' | 'sam deploy';

export interface DeployCommand {
  file: string;
  /** The command, from its first word to the end of its last argument. */
  loc: Loc;
  tool: DeployTool;
  /** `--stack-name` as written (quotes removed), when given. */
  stackNameWritten?: string;
  /** The stack name when it is a literal, or built only from variables the script assigns a literal. */
  stackName?: string;
  /** The template path (relative to the working directory, `./` removed), when known and local. */
  template?: string;
  /** `sam deploy` with no template: the working directory's `template.yaml` (or what `sam build -t` named). */
  defaultTemplate?: boolean;
  /** The folder `cd D && ...` moves to before the command (relative to where the script runs). */
  cwd?: string;
  /** Where the command runs relative to where the script starts ('' for there), whatever the tool, when known. */
  dir?: string;
  configEnv?: string;
  configFile?: string;
}

export interface Word {
  /** The word with quotes removed (a `$` inside single quotes is kept as NUL: never expanded). */
  text: string;
  /** Where the word is in the text. */
  start: number;
  end: number;
}

// Global options may stand between `aws` and `cloudformation` (`aws --region r cloudformation ...`);
// each option token has one parse, and a few at most are looked at, so a failed match costs little.
const COMMAND = /\baws(?:[ \t]+-[\w-]*(?:=\S*|[ \t]+[^\s-]\S*)?){0,6}[ \t]+cloudformation[ \t]+(deploy|create-stack|update-stack|package)\b|\bsam[ \t]+(deploy|package|build)\b/g;

/** The deploy commands of one script or CI file. */
export function deployCommands(file: string, text: string, options?: ShellOptions): DeployCommand[] {
  const json = /\.json$/i.test(file);
  const moves = movesOf(file, text, options);
  const out: DeployCommand[] = [];
  const packaged = new Map<string, string>();
  /** What the last `sam build -t` named (null: a template the analysis cannot read). */
  let lastBuilt: string | null | undefined;
  const starts: number[] = [];
  COMMAND.lastIndex = 0;
  for (let m = COMMAND.exec(text); m; m = COMMAND.exec(text)) starts.push(m.index);
  const vars = new Assignments(text, starts);
  COMMAND.lastIndex = 0;
  const lines = new LineStarts(text);
  // Where the previous command (or echoed text) ended: what a command's line holds before it is read
  // from there, so a line of many commands is read once.
  let prevEnd = 0;
  for (let m = COMMAND.exec(text); m; m = COMMAND.exec(text)) {
    const lineStart = lines.startOf(m.index);
    const segStart = Math.max(lineStart, prevEnd);
    const before = text.slice(segStart, m.index);
    const words = readWords(text, m.index + m[0].length, json);
    const end = words.length ? words[words.length - 1].end : m.index + m[0].length;
    // The rest of the command is its arguments, never another command.
    COMMAND.lastIndex = prevEnd = Math.max(end, COMMAND.lastIndex);
    if (!atCommandPosition(text, m.index, before)) continue;
    const sub = m[1] ?? m[2];
    const flags = readFlags(words);
    const value = (w: Word | undefined) => (w ? vars.expand(w.text, m!.index) : undefined);
    const templateWord = flags.get('--template-file') ?? flags.get('--template') ?? flags.get('-t') ?? flags.get('--template-body');
    let template = templatePath(value(templateWord));
    if (sub === 'package' || sub === 'build') {
      // `sam package` with no template packages what `sam build` built, else the folder's template.yaml.
      const src = template ?? (m[2] && sub === 'package' && !templateWord ? (lastBuilt ?? 'template.yaml') : undefined);
      if (sub === 'build') lastBuilt = templateWord ? (template ?? null) : undefined;
      const output = templatePath(value(flags.get('--output-template-file')));
      if (output && src) packaged.set(output, src);
      continue;
    }
    const tool: DeployTool = m[2] ? 'sam deploy' : (`cloudformation ${sub}` as DeployTool);
    const cmd: DeployCommand = { file, loc: { file, start: m.index, end }, tool };
    const stack = flags.get('--stack-name');
    if (stack) {
      cmd.stackNameWritten = stack.text;
      const s = value(stack);
      if (s && /^[A-Za-z][A-Za-z0-9-]*$/.test(s)) cmd.stackName = s;
    }
    if (template && /(^|\/)\.aws-sam\/build\/template\.ya?ml$/.test(template)) template = lastBuilt === null ? undefined : (lastBuilt ?? template.replace(/\.aws-sam\/build\//, ''));
    if (template) template = packaged.get(template) ?? template;
    else if (tool === 'sam deploy' && !templateWord) template = lastBuilt ?? undefined;
    // Where the command runs: `cd D && ...` on its line; after another `cd`, `pushd` or a
    // `working-directory`, a relative path is relative to a folder the analysis does not know.
    const where = workingDir(text, m.index, lineStart, vars, moves);
    const anchored = !!templateWord && /^"?(\$\{?(PWD|[A-Za-z_][A-Za-z0-9_]*)\}?|\$\()/.test(templateWord.text) && template !== undefined && vars.anchored(templateWord.text, m.index);
    if (where === undefined && !anchored) template = undefined;
    else if (where && !anchored && template !== undefined) template = joinRelative(where, template);
    if (where !== undefined) cmd.dir = where;
    if (template !== undefined) cmd.template = template;
    else if (tool === 'sam deploy' && !templateWord && lastBuilt !== null && where !== undefined) {
      cmd.defaultTemplate = true;
      if (where) cmd.cwd = where;
    }
    const env = value(flags.get('--config-env'));
    if (env) cmd.configEnv = env;
    const cf = templatePath(value(flags.get('--config-file')));
    if (cf) cmd.configFile = cf;
    out.push(cmd);
  }
  return out;
}

/** The folder a command at `at` runs in, relative to where the script starts ('' for there), or
 * undefined when unknown: a `cd` to a literal folder on the command's line is followed; any other
 * `cd`/`pushd` before it, or a `working-directory` in a CI file, makes it unknown. */
export function workingDir(text: string, at: number, lineStart: number, vars: Assignments, moves: Moves): string | undefined {
  if (moves.workingDirectory) return undefined;
  if (moves.straightLine && moves.cds.length && moves.cds[0] < lineStart) return straightLineDir(text, at, vars, moves);
  // Each line of a Makefile recipe, and each package.json script, starts in the same folder.
  if (!moves.perLine && moves.cds.length && moves.cds[0] < lineStart) return undefined;
  // The `cd D &&` (or `;`) earlier on the command's line, in order.
  const first = lastBefore(moves.cds, lineStart) + 1;
  const last = lastBefore(moves.cds, at);
  if (last - first >= 16) return undefined;
  let dir = '';
  for (let k = first; k <= last; k++) {
    const re = /(?:cd|pushd)[ \t]+([^\s;&|]+)[ \t]*(?:&&|;)/y;
    re.lastIndex = moves.cds[k];
    const c = re.exec(text);
    if (!c) return undefined;
    const d = vars.expand(c[1].replace(/^"(.*)"$|^'(.*)'$/, '$1$2'), at);
    if (d === undefined || d.startsWith('/') || d.startsWith('~')) return undefined;
    dir = joinRelative(dir, d);
  }
  return dir;
}

export function joinRelative(dir: string, rel: string): string {
  if (!dir || dir === '.') return rel;
  return rel ? `${dir.replace(/\/+$/, '')}/${rel}` : dir;
}

/** Where the line holding a position starts, for positions asked in increasing order. */
export class LineStarts {
  private start = 0;
  private next: number;
  constructor(private readonly text: string) {
    this.next = text.indexOf('\n');
  }
  startOf(at: number): number {
    while (this.next !== -1 && this.next < at) {
      this.start = this.next + 1;
      this.next = this.text.indexOf('\n', this.start);
    }
    return this.start;
  }
}

export interface Moves {
  /** A CI file that sets a `working-directory`. */
  workingDirectory: boolean;
  /** Each line starts in the script's folder (a Makefile recipe line, a package.json script). */
  perLine: boolean;
  /** Where `cd`, `pushd` and `popd` commands are, in order. */
  cds: number[];
  /** See ShellOptions. */
  straightLine: boolean;
  /** Where the first control flow, subshell or `popd` is (straight-line scripts only). */
  firstBranch: number;
}

export function movesOf(file: string, text: string, options?: ShellOptions): Moves {
  const cds: number[] = [];
  for (const m of text.matchAll(/(^|[\s;&|(])(?:cd|pushd|popd)(?=\s|$)/gm)) cds.push(m.index + m[1].length);
  const branch = options?.straightLine ? /(^|[;&|])[ \t]*(?:(?:if|for|while|until|case|function|select)(?=\s)|\()|\bpopd\b/m.exec(text) : null;
  const firstBranch = branch ? branch.index : Infinity;
  return { workingDirectory: /\.ya?ml$/i.test(file) && /\bworking-directory\s*:/.test(text), perLine: /(^|\/)(Makefile|package\.json)$|\.mk$/.test(file), cds, straightLine: !!options?.straightLine, firstBranch };
}

export interface ShellOptions {
  /** The text is one script run top to bottom (a CI step): a `cd D` on an earlier line is followed
   * when nothing before the command branches, loops or opens a subshell. */
  straightLine?: boolean;
}

/** The folder after every `cd D` / `pushd D` before `at`, in a script with no control flow before it; undefined otherwise. */
function straightLineDir(text: string, at: number, vars: Assignments, moves: Moves): string | undefined {
  if (moves.firstBranch < at) return undefined;
  let dir = '';
  for (let k = 0; k <= lastBefore(moves.cds, at) && k < 64; k++) {
    const re = /(?:cd|pushd)[ \t]+([^\s;&|]+)[ \t]*(?:&&|;|\r?\n|$)/y;
    re.lastIndex = moves.cds[k];
    const c = re.exec(text);
    if (!c) return undefined;
    const d = vars.expand(c[1].replace(/^"(.*)"$|^'(.*)'$/, '$1$2'), at);
    if (d === undefined || d.startsWith('/') || d.startsWith('~') || d === '-') return undefined;
    dir = joinRelative(dir, d);
  }
  return dir;
}

/** A local template path: `file://` removed, `./` removed; undefined for URLs and unknown values. */
function templatePath(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  let p = v.replace(/^file:\/\//, '');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p) || p.includes('$') || p.includes('`') || !p) return undefined;
  while (p.startsWith('./')) p = p.slice(2);
  return p;
}

/** Whether the command starts a command: not in a comment, not echoed text. */
export function atCommandPosition(text: string, at: number, before: string): boolean {
  if (/(^|\s)#/.test(before)) return false;
  // Echoed text (`echo "run sam deploy"`), but not a command after it (`echo hi && sam deploy`).
  if (/\b(echo|printf)\b/.test(before.split(/&&|\|\||[;|(]/).pop() ?? '')) return false;
  // Inside a word (`my-sam deploy`, `/usr/bin/aws` is fine).
  const prev = text[at - 1];
  return prev === undefined || !/[\w-]/.test(prev);
}

/** The words of a command up to its end (a newline not continued, `;`, `&&`, `||`, `|`, `)`, a comment). */
export function readWords(text: string, from: number, json: boolean, max = Infinity): Word[] {
  const words: Word[] = [];
  let i = from;
  const n = text.length;
  for (;;) {
    // Blanks and continuations.
    while (i < n) {
      const c = text[i];
      if (c === ' ' || c === '\t') i++;
      else if (c === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) i += text[i + 1] === '\r' ? 3 : 2;
      else break;
    }
    if (i >= n) break;
    const c = text[i];
    if (c === '\n' || c === '\r' || c === ';' || c === '&' || c === '|' || c === ')' || c === '#' || c === '`') break;
    if (json && c === '"') break;
    const start = i;
    let word = '';
    while (i < n) {
      const d = text[i];
      if (d === ' ' || d === '\t' || d === '\n' || d === '\r' || d === ';' || d === '&' || d === '|' || d === ')' || d === '`') break;
      if (json && d === '"') break;
      if (json && d === '\\' && text[i + 1] === '"') {
        // An escaped quote inside a JSON string is a shell double quote.
        const close = text.indexOf('\\"', i + 2);
        const stop = close === -1 || text.slice(i + 2, close).includes('\n') ? -1 : close;
        if (stop === -1) return words;
        word += text.slice(i + 2, stop);
        i = stop + 2;
        continue;
      }
      if (d === "'") {
        const close = text.indexOf(d, i + 1);
        if (close === -1 || text.slice(i + 1, close).includes('\n')) return words;
        word += text.slice(i + 1, close).replace(/\$/g, '\u0000');
        i = close + 1;
        continue;
      }
      if (d === '"') {
        // To the closing quote, over `\"` and `$( ... )` (which may hold quotes of its own).
        let j = i + 1;
        for (; j < n && text[j] !== '"'; j++) {
          if (text[j] === '\n') return words;
          if (text[j] === '\\') {
            word += text[++j] ?? '';
          } else if (text[j] === '$' && text[j + 1] === '(') {
            const close = matchParen(text, j + 1);
            if (close === -1) return words;
            word += text.slice(j, close + 1);
            j = close;
          } else word += text[j];
        }
        if (j >= n) return words;
        i = j + 1;
        continue;
      }
      if (d === '\\' && i + 1 < n && text[i + 1] !== '\n' && text[i + 1] !== '\r') {
        word += text[i + 1];
        i += 2;
        continue;
      }
      if (d === '$' && text[i + 1] === '(') {
        // A command substitution stays one unknown word.
        const close = matchParen(text, i + 1);
        if (close === -1) return words;
        word += text.slice(i, close + 1);
        i = close + 1;
        continue;
      }
      word += d;
      i++;
    }
    words.push({ text: word, start, end: i });
    if (words.length >= max) break;
  }
  return words;
}

/** The index of the last of the sorted `positions` (or things `at` them) before `at`, or -1. */
function lastBefore(positions: ReadonlyArray<number | { at: number }>, at: number): number {
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const p = positions[mid];
    if ((typeof p === 'number' ? p : p.at) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Whether one of the sorted `commands` starts between `a` and `b`. */
function commandBetween(commands: number[], a: number, b: number): boolean {
  const i = lastBefore(commands, b);
  return i !== -1 && commands[i] > a;
}

function matchParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' && text[i - 1] !== '\\') return -1;
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** Flags with a value (`--flag value`, `--flag=value`); the first occurrence wins. */
export function readFlags(words: Word[]): Map<string, Word> {
  const out = new Map<string, Word>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i].text;
    if (!w.startsWith('-')) continue;
    const eq = w.indexOf('=');
    if (eq > 0 && w.startsWith('--')) {
      const key = w.slice(0, eq);
      if (!out.has(key)) out.set(key, { text: w.slice(eq + 1), start: words[i].start + eq + 1, end: words[i].end });
      continue;
    }
    const next = words[i + 1];
    if (next && !next.text.startsWith('-')) {
      if (!out.has(w)) out.set(w, next);
      i++;
    }
  }
  return out;
}

/** Values shell variables are assigned in the script, by position. */
export class Assignments {
  /** By name, in order: where each assignment is and the value the variable then surely holds. */
  private readonly byName = new Map<string, Array<{ at: number; value: string | undefined }>>();

  /** `commands`: where the script's commands start, in order. Two assignments of different values
   * with no command between them are alternatives (`if ...; then S=a; else S=b; fi`): either may hold. */
  constructor(text: string, commands: number[]) {
    // At a command's start: a line (or a CI file's `- ` list item), after `;`, `&&`, `then`...
    const re = /(?:^[ \t]*(?:-[ \t]+)?|[;&|(]|\bthen\b|\bdo\b|\belse\b)[ \t]*(?:(?:export|local|readonly|declare(?:[ \t]+-\w+)*)[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)=/gm;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const at = m.index + m[0].length;
      const w = readWords(text, at, false, 1)[0];
      const raw = w && w.start === at ? w.text : '';
      let value = isWorkingDir(raw) ? '.' : /[$`\\*?[\]{}\u0000]/.test(raw) ? undefined : raw;
      const list = this.byName.get(m[1]) ?? [];
      const prev = list[list.length - 1];
      // The same stretch (no command since the previous assignment): all its values must agree.
      if (prev && !commandBetween(commands, prev.at, m.index) && prev.value !== value) value = undefined;
      list.push({ at: m.index, value });
      this.byName.set(m[1], list);
      re.lastIndex = Math.max(re.lastIndex, w ? w.end : at);
    }
  }

  /** The literal value `name` holds at `at`, if its last assignment before gives one. */
  private valueAt(name: string, at: number): string | undefined {
    if (name === 'PWD') return '.';
    const list = this.byName.get(name);
    const i = list ? lastBefore(list, at) : -1;
    return i === -1 ? undefined : list![i].value;
  }

  /** Whether `word` starts with the folder the script started in (`$PWD`, a variable assigned it). */
  anchored(word: string, at: number): boolean {
    const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(word);
    if (m) return this.valueAt(m[1] ?? m[2], at) === '.';
    if (word.startsWith('$(')) {
      const close = matchParen(word, 1);
      return close !== -1 && isWorkingDir(word.slice(0, close + 1));
    }
    return false;
  }

  /** `word` with `$NAME` / `${NAME}` and working-folder substitutions replaced; undefined when any part stays unknown. */
  expand(word: string, at: number): string | undefined {
    let out = '';
    for (let i = 0; i < word.length; ) {
      const c = word[i];
      if (c !== '$') {
        out += c;
        i++;
        continue;
      }
      if (word[i + 1] === '(') {
        const close = matchParen(word, i + 1);
        if (close === -1 || !isWorkingDir(word.slice(i, close + 1))) return undefined;
        out += '.';
        i = close + 1;
        continue;
      }
      const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(word.slice(i));
      const v = m ? this.valueAt(m[1] ?? m[2], at) : undefined;
      if (v === undefined) return undefined;
      out += v;
      i += m![0].length;
    }
    return out.replace(/\u0000/g, '$').replace(/^(\.\/+)+/, '').replace(/^\.$/, '');
  }
}

/** `$PWD`, `$(pwd)`, `` `pwd` ``, `$(dirname "$0")`, `$(cd "$(dirname "$0")" && pwd)`: the working (or script's) folder. */
function isWorkingDir(v0: string): boolean {
  const v = v0.replace(/\(\s+/g, '(').replace(/\s+\)/g, ')');
  return /^(\$PWD|\$\{PWD\}|\$\(pwd\)|`pwd`|\$\(dirname "?\$(0|\{BASH_SOURCE(\[0\])?\})"?\)|\$\(cd "?\$\(dirname "?\$(0|\{BASH_SOURCE(\[0\])?\})"?\)"? *(&&|;) *pwd( -P)?\))$/.test(v);
}
