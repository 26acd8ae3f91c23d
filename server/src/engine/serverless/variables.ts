// Static resolution of Serverless Framework variables.
//
// Resolved statically: `${self:path}`, `${sls:stage}`, `${opt:stage}` (the configured stage),
// `${opt:x, default}` and `${env:X, default}` (the default only: the analysis never reads the
// environment), `${file(path):address}` for YAML and JSON files, nested variables and fallback
// lists. Everything else (`${cf:}`, `${ssm:}`, `${aws:}`, `${param:}`, `${s3:}`...) is left in
// the text, with its inner variables resolved, for the extractors to read as references.
// Nothing is ever executed: `${file(x.js)}` is reported, not run.

import { entries, get, RMap, RNode, RScalar, RSeq } from '../tree';
import type { Loc } from '../types';
import { dirname, joinPath, normalizePath } from '../paths';

export type IncludeProblem = 'missing' | 'cycle' | 'outside' | 'code' | 'unparsable';

export interface VariableIssue {
  kind: 'self-missing' | 'include' | 'unterminated';
  loc: Loc;
  /** The missing `self:` path or the included path. */
  subject: string;
  problem?: IncludeProblem;
  message: string;
}

export interface FileProvider {
  /** The parsed tree of a workspace file, or undefined when it does not exist. */
  tree(path: string): { tree: RNode | undefined; ok: boolean } | undefined;
  /** Whether a path exists at all (for files that are not YAML or JSON). */
  exists(path: string): boolean;
}

const MAX_DEPTH = 40;

/** A path under a build output folder: produced by the build, never committed. */
const BUILD_OUTPUT = /(^|\/)(build|target|dist|out|\.build)\//;

/** A value that exists but is known only at deploy time. */
function UNKNOWN_NODE(loc: Loc): RNode {
  return { k: 'scalar', value: '${unknown}', loc };
}
const MAX_STEPS = 200_000;

/** A `${self:...}` or `${file(...)}` that resolved, and where it leads (for go-to-definition). */
export interface VariableUse {
  kind: 'self' | 'file';
  /** The scalar that holds the variable. */
  loc: Loc;
  /** The variable as written (`${self:custom.table}`), to find it inside the scalar. */
  text: string;
  target: Loc;
}

export class SlsResolver {
  readonly issues: VariableIssue[] = [];
  readonly uses: VariableUse[] = [];
  /** Every file the service pulled in (workspace-relative), in order of first use. */
  readonly includes: string[] = [];
  private readonly memo = new Map<RNode, RNode>();
  private readonly inProgress = new Set<RNode>();
  private readonly includeStack: string[] = [];
  private steps = 0;
  stage = 'dev';

  constructor(
    private readonly rootFile: string,
    private readonly rawRoot: RNode,
    private readonly files: FileProvider,
    private readonly stageOverride?: string,
  ) {
    this.includeStack.push(rootFile);
  }

  /** Resolves the whole service. Call once. */
  resolveAll(): RNode {
    const stageNode = this.resolvePath(['provider', 'stage']);
    const stage = this.stageOverride ?? (stageNode && stageNode.k === 'scalar' && typeof stageNode.value === 'string' && !stageNode.value.includes('${') ? stageNode.value : undefined);
    this.stage = stage || 'dev';
    // Stage-dependent values resolved before the stage was known are resolved again.
    this.memo.clear();
    this.issues.length = 0;
    return this.deep(this.rawRoot, 0);
  }

  private budget(): boolean {
    return ++this.steps < MAX_STEPS;
  }

  /** Deep resolution of a raw node: variables in every scalar below it. */
  deep(raw: RNode, depth: number): RNode {
    const done = this.memo.get(raw);
    if (done) return done;
    if (depth > MAX_DEPTH || !this.budget() || this.inProgress.has(raw)) return raw;
    this.inProgress.add(raw);
    let out: RNode;
    if (raw.k === 'alias') {
      out = raw.target ? { k: 'alias', loc: raw.loc, target: this.deep(raw.target, depth + 1) } : raw;
    } else if (raw.k === 'scalar') {
      out = this.scalar(raw, depth);
    } else if (raw.k === 'seq') {
      const s: RSeq = { k: 'seq', loc: raw.loc, items: [] };
      if (raw.tag) s.tag = raw.tag;
      for (const it of raw.items) s.items.push(this.deep(it, depth + 1));
      out = s;
    } else {
      const m: RMap = { k: 'map', loc: raw.loc, entries: [] };
      if (raw.tag) m.tag = raw.tag;
      for (const e of raw.entries) {
        const value = e.merged ? { k: 'alias' as const, loc: e.value.loc, target: this.deep(e.value, depth + 1) } : this.deep(e.value, depth + 1);
        m.entries.push({ key: e.key, keyLoc: e.keyLoc, value, merged: e.merged });
      }
      out = m;
    }
    this.inProgress.delete(raw);
    this.memo.set(raw, out);
    return out;
  }

  private scalar(raw: RScalar, depth: number): RNode {
    if (typeof raw.value !== 'string' || !raw.value.includes('${')) return raw;
    const open = unclosedVariable(raw.value);
    if (open !== -1) {
      const written = raw.value.slice(open, open + 60);
      this.issues.push({
        kind: 'unterminated',
        loc: raw.loc,
        subject: written,
        message: `Unterminated variable: ${written}${raw.value.length > open + 60 ? '...' : ''} has no closing brace, so it is never resolved (Serverless Framework v3 refuses the file; older versions keep the text as written).`,
      });
    }
    const r = this.resolveString(raw.value, raw.loc, depth);
    if (typeof r === 'string') {
      if (r === raw.value) return raw;
      const s: RScalar = { k: 'scalar', value: r, loc: raw.loc };
      if (raw.tag) s.tag = raw.tag;
      return s;
    }
    return r;
  }

  /** Walks a `self:` path, resolving variables met on the way. */
  resolvePath(path: string[], depth = 0, raw = false): RNode | undefined {
    let cur: RNode | undefined = this.rawRoot;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      cur = this.shallow(cur, depth + 1);
      if (!cur) return undefined;
      // Through a value known only at deploy time: not provably missing.
      if (cur.k === 'scalar' && typeof cur.value === 'string' && cur.value.includes('${')) return UNKNOWN_NODE(cur.loc);
      if (cur.k === 'seq' && /^\d+$/.test(seg)) cur = cur.items[Number(seg)];
      else {
        const e = entries(cur).find((x) => x.key === seg);
        cur = e?.value;
      }
    }
    if (!cur) return this.frameworkDefault(path);
    return raw ? cur : this.deep(cur, depth + 1);
  }

  /**
   * The node a scalar that is one `${self:...}` or `${file(...)}` variable stands for, not
   * resolved (undefined when it cannot be told without resolving).
   */
  private rawTarget(s: RScalar, depth: number): RNode | undefined {
    const v = typeof s.value === 'string' ? s.value : '';
    const spans = findVariables(v);
    if (spans.length !== 1 || spans[0].start !== 0 || spans[0].end !== v.length || spans[0].inner.includes('${')) return undefined;
    for (const alt0 of splitAlternatives(spans[0].inner)) {
      const alt = alt0.trim();
      if (alt.startsWith('self:')) {
        const n = this.resolvePath(splitPath(alt.slice(5).trim()), depth + 1, true);
        if (n) return n;
        continue;
      }
      const m = /^file\(([^)]*)\)(?::(.*))?$/s.exec(alt);
      if (!m) return undefined;
      const path = this.locate(m[1].trim().replace(/^['"]|['"]$/g, ''), s.loc);
      if (typeof path !== 'string' || !/\.(ya?ml|json)$/i.test(path)) return undefined;
      let node: RNode | undefined = this.files.tree(path)?.tree;
      for (const seg of splitPath((m[2] ?? '').trim())) {
        node = this.shallow(node, depth + 1);
        node = node && node.k === 'seq' && /^\d+$/.test(seg) ? node.items[Number(seg)] : get(node, seg);
      }
      return node;
    }
    return undefined;
  }

  /** The workspace path of an included file (relative to the service, else to the includer), or why not. */
  private locate(rel: string, loc: Loc): string | { problem: IncludeProblem; path?: string } {
    const candidate = normalizePath(joinPath(dirname(this.rootFile), rel));
    if (candidate === undefined) return { problem: 'outside' };
    if (this.files.exists(candidate)) return candidate;
    const fromIncluder = normalizePath(joinPath(dirname(loc.file), rel));
    if (fromIncluder !== undefined && this.files.exists(fromIncluder)) return fromIncluder;
    return { problem: 'missing', path: candidate };
  }

  private use(kind: VariableUse['kind'], loc: Loc, text: string, target: Loc): void {
    if (this.uses.length < 100_000 && !this.uses.some((u) => u.loc === loc && u.text === text)) this.uses.push({ kind, loc, text, target });
  }

  /** Values the framework fills in when the service does not set them. */
  private frameworkDefault(path: string[]): RNode | undefined {
    const key = path.join('.');
    const loc = this.rawRoot.loc;
    if (key === 'provider.stage') return { k: 'scalar', value: this.stage, loc };
    if (key === 'provider.region') return { k: 'scalar', value: 'us-east-1', loc };
    if (key === 'provider.name') return { k: 'scalar', value: 'aws', loc };
    return undefined;
  }

  /** Resolves a node just enough to look inside it (a variable that stands for a map). */
  private shallow(n: RNode | undefined, depth: number): RNode | undefined {
    let cur = n;
    for (let i = 0; i < 16 && cur; i++) {
      if (cur.k === 'alias') {
        cur = cur.target;
        continue;
      }
      if (cur.k === 'scalar' && typeof cur.value === 'string' && cur.value.includes('${')) {
        if (this.inProgress.has(cur)) {
          // A section being resolved (`custom: ${file(common.yml):custom}` whose values read
          // `${self:custom.stage}`): look inside the node it stands for, unresolved.
          const raw = this.rawTarget(cur, depth);
          if (!raw || raw === cur) return undefined;
          cur = raw;
          continue;
        }
        const r = this.deep(cur, depth);
        if (r === cur) return cur;
        cur = r;
        continue;
      }
      return cur;
    }
    return cur;
  }

  /** Resolves every variable in a string; a string that is one variable may resolve to a node. */
  resolveString(s: string, loc: Loc, depth: number): RNode | string {
    const spans = findVariables(s);
    if (spans.length === 0) return s;
    if (spans.length === 1 && spans[0].start === 0 && spans[0].end === s.length) {
      const r = this.variable(spans[0].inner, loc, depth);
      if (r === undefined) return s;
      if (typeof r === 'string') return r;
      if (r.k === 'scalar') {
        const c: RScalar = { k: 'scalar', value: r.value, loc };
        if (r.tag) c.tag = r.tag;
        return c;
      }
      return r;
    }
    let out = '';
    let last = 0;
    for (const sp of spans) {
      out += s.slice(last, sp.start);
      const r = this.variable(sp.inner, loc, depth);
      if (r === undefined) out += s.slice(sp.start, sp.end);
      else if (typeof r === 'string') out += r;
      else if (r.k === 'scalar' && r.value !== null && !r.tag) out += String(r.value);
      else out += s.slice(sp.start, sp.end);
      last = sp.end;
    }
    return out + s.slice(last);
  }

  /** One variable's inside (`self:a.b, 'x'`). Undefined: leave the text as it is. */
  private variable(inner0: string, loc: Loc, depth: number): RNode | string | undefined {
    if (depth > MAX_DEPTH || !this.budget()) return undefined;
    // Nested variables first.
    let inner = inner0;
    if (inner.includes('${')) {
      const r = this.resolveString(inner, loc, depth + 1);
      inner = typeof r === 'string' ? r : inner;
    }
    const alts = splitAlternatives(inner);
    let missingSelf: string | undefined;
    for (let i = 0; i < alts.length; i++) {
      const alt = alts[i].trim();
      const lit = literal(alt);
      if (lit !== undefined) return lit;
      const m = /^([a-zA-Z][\w-]*)(\([^)]*\))?:(.*)$/s.exec(alt);
      if (!m) {
        if (/^file\(/.test(alt)) {
          const r = this.file(alt, '', loc, depth, undefined, alts.length > i + 1);
          if (r === undefined && alts.length > i + 1) continue;
          return r;
        }
        continue;
      }
      const source = m[1];
      const arg = m[2] ? m[2].slice(1, -1).trim() : undefined;
      const address = m[3].trim();
      if (source === 'self') {
        if (address.includes('${')) {
          // A path through a value known only at deploy time (`custom.map.${ssm:/x}`): unknown, never missing.
          if (alts.length > i + 1) continue;
          return undefined;
        }
        const path = splitPath(address);
        const r = this.resolvePath(path, depth + 1);
        if (r && r.k === 'scalar' && r.value === '${unknown}') {
          if (alts.length > i + 1) continue;
          return undefined;
        }
        if (r !== undefined && !(r.k === 'scalar' && r.value === null)) {
          if (r.k === 'scalar' && typeof r.value === 'string' && r.value.includes('${') && alts.length > i + 1) {
            // An unresolvable value falls through to the next alternative, as the framework does.
            continue;
          }
          this.use('self', loc, '${' + inner0 + '}', r.loc);
          return r;
        }
        if (missingSelf === undefined) missingSelf = address;
        continue;
      }
      if (source === 'sls' && address === 'stage') return this.stage;
      if (source === 'opt' && address === 'stage' && this.stageOverride) return this.stageOverride;
      if (source === 'opt' || source === 'env') continue; // only defaults count
      if (source === 'file') {
        // With a fallback, a missing file (or a missing key in it) resolves to the fallback, as the framework does.
        const hasFallback = alts.length > i + 1;
        const r = this.file(alt, address, loc, depth, arg, hasFallback);
        if (r === undefined && hasFallback) continue;
        return r;
      }
      // Known to exist only at deploy time: leave `${source:...}` in the text for the extractors
      // (an SSM path without its `~true`/`~split` decoding suffix).
      if (source === 'ssm') {
        const read = alt.replace(/~(true|false|split|noDecrypt)\s*$/, '');
        // Kept with its fallbacks: a chain that ends in a literal is optional (a contract when a unit
        // provides it, never a missing import; see deployTimeReads).
        return '${' + (alts.length > i + 1 ? [read, ...alts.slice(i + 1).map((a) => a.trim())].join(', ') : read) + '}';
      }
      return '${' + alt + '}';
    }
    if (missingSelf !== undefined && alts.length === 1) {
      this.issues.push({
        kind: 'self-missing',
        loc,
        subject: missingSelf,
        message: `\${self:${missingSelf}} names nothing in this service and has no fallback.`,
      });
    }
    return undefined;
  }

  private file(alt: string, address: string, loc: Loc, depth: number, arg0?: string, optional = false): RNode | string | undefined {
    let arg = arg0;
    let addr = address;
    if (arg === undefined) {
      const m = /^file\(([^)]*)\)(?::(.*))?$/s.exec(alt);
      if (!m) return undefined;
      arg = m[1].trim();
      addr = (m[2] ?? '').trim();
    }
    const rel = arg.replace(/^['"]|['"]$/g, '');
    const report = (problem: IncludeProblem, message: string): undefined => {
      if (optional && problem === 'missing') return undefined;
      this.issues.push({ kind: 'include', loc, subject: rel, problem, message });
      return undefined;
    };
    // A path with a part known only at deploy time (`./config/${opt:stage}.yml`) names a file the
    // analysis cannot pick: unknown, never missing.
    if (rel.includes('${')) return undefined;
    if (/\.(m?js|cjs|ts)$/i.test(rel)) {
      return report('code', `\${file(${rel})} names a JavaScript/TypeScript resolver; the analysis never runs workspace code.`);
    }
    const path = this.locate(rel, loc);
    if (typeof path !== 'string') {
      if (path.problem === 'outside') return report('outside', `\${file(${rel})} leaves the workspace; it is not followed.`);
      // A file under a build output folder is written by the build before the deploy reads it.
      if (path.path && BUILD_OUTPUT.test(path.path)) return undefined;
      return report('missing', `\${file(${rel})}: ${path.path} does not exist.`);
    }
    if (this.includeStack.includes(path)) {
      return report('cycle', `\${file(${rel})} includes ${path}, which is already being included (${[...this.includeStack, path].join(' -> ')}).`);
    }
    if (!/\.(ya?ml|json)$/i.test(path)) return report('unparsable', `\${file(${rel})} is not a YAML or JSON file; it is not followed.`);
    const f = this.files.tree(path);
    if (!f) return report('missing', `\${file(${rel})}: ${path} does not exist.`);
    if (!this.includes.includes(path)) this.includes.push(path);
    this.use('file', loc, `\${file(${arg0 === undefined ? arg : arg0})`, { file: path, start: 0, end: 0 });
    if (!f.tree) return undefined; // its syntax error is reported in that file
    this.includeStack.push(path);
    try {
      let node: RNode | undefined = f.tree;
      if (addr) {
        for (const seg of splitPath(addr)) {
          node = this.shallow(node, depth + 1);
          node = node && node.k === 'seq' && /^\d+$/.test(seg) ? node.items[Number(seg)] : get(node, seg);
          if (!node) return undefined;
        }
      }
      return this.deep(node!, depth + 1);
    } finally {
      this.includeStack.pop();
    }
  }
}

/** Top-level `${...}` spans of a string, honouring nesting. */
export function findVariables(s: string): Array<{ start: number; end: number; inner: string }> {
  const out: Array<{ start: number; end: number; inner: string }> = [];
  let i = s.indexOf('${');
  while (i !== -1) {
    let depth = 0;
    let j = i;
    let closed = -1;
    for (; j < s.length; j++) {
      const c = s[j];
      if (c === '$' && s[j + 1] === '{') {
        depth++;
        j++;
      } else if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (depth === 0) {
          closed = j;
          break;
        }
      }
    }
    if (closed === -1) break;
    out.push({ start: i, end: closed + 1, inner: s.slice(i + 2, closed) });
    i = s.indexOf('${', closed + 1);
  }
  return out;
}

/**
 * The `${cf:...}` and `${ssm:...}` variables of a string, also nested ones, as written
 * (`text`) and with any variable still inside them replaced by the unknown marker (`value`):
 * `${cf:${opt:region}-net.VpcId}` is still an import from a stack named `*-net`.
 */
export function deployTimeReads(s: string, depth = 0): Array<{ text: string; value: string; optional?: true }> {
  const out: Array<{ text: string; value: string; optional?: true }> = [];
  if (depth > 8) return out;
  for (const sp of findVariables(s)) {
    if (/^\s*(cf|ssm)(\([^)]*\))?:/.test(sp.inner)) {
      // `${ssm:/a, ssm:/b, 'default'}`: the read is the first alternative; a chain of SSM reads that ends
      // in a literal cannot fail, so its reads are optional (one ending in another read still needs one).
      const alts = splitAlternatives(sp.inner);
      const chain = alts.length > 1 && /^\s*ssm/.test(sp.inner);
      const inner = chain ? alts[0].trim() : sp.inner;
      const fallback = alts[alts.length - 1].trim();
      const optional = chain && (literal(fallback) !== undefined || fallback === 'null');
      let value = '';
      let last = 0;
      for (const n of findVariables(inner)) {
        value += inner.slice(last, n.start) + '\u0000';
        last = n.end;
      }
      out.push({ text: s.slice(sp.start, sp.end), value: '${' + value + inner.slice(last) + '}', ...(optional ? { optional: true as const } : {}) });
    }
    out.push(...deployTimeReads(sp.inner, depth + 1));
  }
  return out;
}

/** Where the first `${` that is never closed starts, or -1. */
export function unclosedVariable(s: string): number {
  const spans = findVariables(s);
  const from = spans.length ? spans[spans.length - 1].end : 0;
  return s.indexOf('${', from);
}

function splitAlternatives(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let cur = '';
  for (const c of s) {
    if (quote) {
      cur += c;
      if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out;
}

function literal(alt: string): string | undefined {
  if (alt.length >= 2 && ((alt[0] === "'" && alt.endsWith("'")) || (alt[0] === '"' && alt.endsWith('"')))) return alt.slice(1, -1);
  if (/^-?\d+(\.\d+)?$/.test(alt) || alt === 'true' || alt === 'false') return alt;
  return undefined;
}

function splitPath(address: string): string[] {
  if (!address) return [];
  return address.split('.').filter((p) => p.length > 0);
}
