// Scripts a step calls inside the workspace, followed to depth 4 and read as text (never run) for
// their deploy commands: `./x.sh`, `bash x.sh` / `sh x.sh`, `make [-C dir] [-f file] target`
// (the target's prerequisites' recipes first, literal Makefile variables substituted),
// `npm run x` / `yarn [run] x` / `pnpm [run] x` (with `prex`/`postx`), and `node x.js` /
// `npx ./x.js` named by a workspace path. The folder the call runs in carries into the called
// script. A call that cannot be resolved is the caller's to list as unmatched.

import { normalizePath } from '../paths';
import type { Loc } from '../types';
import type { Call, Deploy, Skipped, Unmatched } from './model';
import { PIPELINE_DEPTH } from './model';
import type { PipelineHost } from './read-yaml';
import type { Word } from './deploy-commands';
import { addEnv, readScript, ScriptText } from './script';
import { makeRecipe } from './makefile';

/** What following needs: the workspace, where skips and read files go, and the calls that led here. */
export interface Follow {
  host: PipelineHost;
  skipped: Skipped[];
  files: string[];
  chain: Call[];
  /** The step's literal environment: it reaches every script the step calls (a Makefile sees it as variables). */
  env?: Record<string, string>;
  /** Files still to be read for the step (shared along the calls), so a fan-out of calls stays bounded. */
  budget?: { left: number };
}

/** At most this many called files are read per step. */
const BUDGET = 64;

export interface Found {
  deploys: Deploy[];
  unmatched: Unmatched[];
}

/** Script calls in shell text: the head (group 2) and what kind of call it is. */
export const CALL = /(^|[;&|(]|\bthen\b|\bdo\b|\belse\b)[ \t]*((?:\.\/|(?:ba|z)?sh[ \t]+(?:-\w+[ \t]+)*)(?=[\w./$"'{}-])|[\w.-]+\/[\w./-]*\.sh\b(?=[ \t]|$|[;&|)])|make\b|\$\(MAKE\)|npm[ \t]+(?:run|run-script)\b|yarn\b|pnpm\b|node\b|npx\b|ts-node\b|tsx\b)/gm;

const join = (dir: string, rel: string): string | undefined => (rel.startsWith('/') ? undefined : normalizePath(dir ? `${dir}/${rel}` : rel));
const YARN_BUILTINS = new Set(['install', 'add', 'remove', 'upgrade', 'up', 'init', 'set', 'config', 'cache', 'global', 'info', 'link', 'unlink', 'why', 'workspace', 'workspaces', 'dlx', 'exec', 'bin', 'audit', 'outdated', 'import', 'pack', 'publish', 'login', 'logout', 'version', 'versions', 'plugin', 'list', 'ls', 'store', 'i', 'ci', 'rebuild', 'prune', 'fetch']);

/** One call: `head` is the matched head, `words` what follows it, `cwd` where it runs (workspace-relative).
 * Returns what the called script deploys, or a reason it was not read (undefined: not a script call). */
export function followCall(head: string, words: Word[], cwd: string, loc: Loc, matrix: Record<string, string> | undefined, f: Follow): Found | { reason: string } | undefined {
  const w = words.map((x) => x.text);
  if (/^make\b|^\$\(MAKE\)/.test(head)) return followMake(w, cwd, loc, matrix, f);
  if (/^(npm|yarn|pnpm)/.test(head)) {
    let i = 0;
    const tool = head.split(/\s/)[0];
    if (tool !== 'npm' && w[0] === 'run') i = 1;
    const name = w[i];
    if (name === undefined || name.startsWith('-')) return undefined;
    if (tool !== 'npm' && i === 0 && YARN_BUILTINS.has(name)) return undefined;
    // Arguments after the name (`npm run sls -- deploy`) are appended to the script.
    const args = w.slice(i + 1).filter((x, k) => !(k === 0 && x === '--'));
    return followPackageScript(name, cwd, loc, matrix, f, tool === 'npm' || i === 1, args.join(' '));
  }
  if (/^(node|npx|ts-node|tsx)$/.test(head)) {
    let rest = w.filter((x) => !x.startsWith('-'));
    if (head === 'npx' && /^(ts-node|tsx|node)$/.test(rest[0] ?? '')) rest = rest.slice(1);
    const p = rest[0];
    if (head === 'npx' && p && !p.includes('/') && !/\.(m?[jt]s|cjs)$/.test(p)) return { reason: 'runs a package, not a workspace script' };
    if (!p || !(/\.(m?[jt]s|cjs)$/.test(p) || (head === 'npx' && p.includes('/')))) return undefined;
    return followFile(p, cwd, loc, matrix, f, false);
  }
  // A shell script: `./x`, `bash x.sh`, `dir/x.sh` (not `bash -c '...'`).
  if (/\s-\w*c\b/.test(head)) return undefined;
  const p = head.startsWith('./') ? `./${w[0] ?? ''}`.replace(/^\.\/\.\//, './') : /^(ba|z)?sh\b/.test(head) ? w[0] : head;
  if (!p || p === './') return undefined;
  // `./gradlew build`: a program that is no shell script in the workspace is none of this reader's business.
  const file = join(cwd, p);
  if (!/\.(sh|bash)$/.test(p) && (file === undefined || f.host.text(file) === undefined)) return undefined;
  return followFile(p, cwd, loc, matrix, f, true);
}

/** The text a call reads, with the chain and limits checked; a reason when it cannot be read. */
function open(file: string | undefined, written: string, target: string | undefined, loc: Loc, f: Follow): { text: string; next: Follow } | { reason: string } {
  if (written.includes('$') || written.includes('`')) return { reason: `${written} is not known statically` };
  if (file === undefined) {
    f.skipped.push({ file: loc.file, loc, reason: `${written} is outside the workspace: not read` });
    return { reason: `${written} is outside the workspace` };
  }
  const key = `${file}#${target ?? ''}`;
  if (f.chain.some((c) => `${c.file}#${c.target ?? ''}` === key)) {
    f.skipped.push({ file: loc.file, loc, reason: `a cycle of script calls through ${file}${target ? ` (${target})` : ''}: not followed again` });
    return { reason: 'a cycle of script calls' };
  }
  if (f.chain.length >= PIPELINE_DEPTH) {
    f.skipped.push({ file: loc.file, loc, reason: `${file} is called deeper than ${PIPELINE_DEPTH} scripts: not followed` });
    return { reason: `script calls deeper than ${PIPELINE_DEPTH} are not followed` };
  }
  f.budget ??= { left: BUDGET };
  if (f.budget.left-- <= 0) {
    if (f.budget.left === -1) f.skipped.push({ file: loc.file, loc, reason: `more than ${BUDGET} script calls in one step: ${file} not read` });
    return { reason: `more than ${BUDGET} script calls in one step` };
  }
  let text: string | undefined;
  try {
    text = f.host.text(file);
  } catch {
    text = undefined;
  }
  if (text === undefined) return { reason: `${file} is not in the workspace` };
  if (!f.files.includes(file)) f.files.push(file);
  const call: Call = { loc, file };
  if (target !== undefined) call.target = target;
  return { text, next: { ...f, chain: [...f.chain, call] } };
}

function followFile(written: string, cwd: string, loc: Loc, matrix: Record<string, string> | undefined, f: Follow, shell: boolean): Found | { reason: string } {
  const file = join(cwd, written);
  const o = open(file, written, undefined, loc, f);
  if ('reason' in o) return o;
  const st = new ScriptText();
  addEnv(st, f.env ?? {}, { file: file!, start: 0, end: 0 });
  st.add(o.text, file!, 0);
  // A shell script is one straight-line shell; a JavaScript file's commands are each their own.
  return readScript(st, cwd, matrix, o.next, shell ? undefined : { shell: file!, straightLine: false });
}

function followPackageScript(name: string, cwd: string, loc: Loc, matrix: Record<string, string> | undefined, f: Follow, explicit: boolean, args = ''): Found | { reason: string } | undefined {
  const file = join(cwd, 'package.json');
  const o = open(file, 'package.json', name, loc, f);
  if ('reason' in o) return o;
  let scripts: Record<string, unknown> | undefined;
  try {
    const json = JSON.parse(o.text) as { scripts?: Record<string, unknown> };
    scripts = json && typeof json.scripts === 'object' && json.scripts ? json.scripts : undefined;
  } catch {
    return { reason: `${file} is not valid JSON` };
  }
  if (typeof scripts?.[name] !== 'string') return explicit ? { reason: `${file} has no script ${name}` } : undefined;
  const out: Found = { deploys: [], unmatched: [] };
  const from = o.text.search(/"scripts"\s*:/);
  for (const n of [`pre${name}`, name, `post${name}`]) {
    const value = scripts[n];
    if (typeof value !== 'string') continue;
    const st = new ScriptText();
    addEnv(st, f.env ?? {}, { file: file!, start: 0, end: 0 });
    const m = new RegExp(`"${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s*:\\s*"((?:[^"\\\\]|\\\\.)*)"`, 'g');
    m.lastIndex = Math.max(0, from);
    const hit = m.exec(o.text);
    const at = hit ? hit.index + hit[0].length - hit[1].length - 1 : 0;
    if (hit && hit[1] === value) st.add(value, file!, at);
    else st.addSynthetic(value, hit ? { file: file!, start: at, end: at + hit[1].length } : { file: file!, start: 0, end: 0 });
    if (n === name && args && !/[;&|<>`]/.test(args)) st.addSynthetic(` ${args}`, { file: file!, start: at + (hit ? hit[1].length : 0), end: at + (hit ? hit[1].length : 0) });
    const r = readScript(st, cwd, matrix, n === name ? o.next : { ...o.next, chain: [...f.chain, { ...o.next.chain[o.next.chain.length - 1], target: n }] });
    out.deploys.push(...r.deploys);
    out.unmatched.push(...r.unmatched);
  }
  return out;
}

function followMake(w: string[], cwd: string, loc: Loc, matrix: Record<string, string> | undefined, f: Follow): Found | { reason: string } {
  let dir = '';
  let makefile: string | undefined;
  const targets: string[] = [];
  const overrides = new Map<string, string>();
  for (let i = 0; i < w.length; i++) {
    const x = w[i];
    if (x === '-C' || x === '--directory') dir = dir ? `${dir}/${w[++i] ?? ''}` : (w[++i] ?? '');
    else if (x.startsWith('-C') && x.length > 2) dir = x.slice(2);
    else if (x.startsWith('--directory=')) dir = x.slice(12);
    else if (x === '-f' || x === '--file' || x === '--makefile') makefile = w[++i];
    else if (x.startsWith('-')) continue;
    else if (/^\d+$/.test(x)) continue; // `-j 4`
    else if (/^[A-Za-z_][\w]*=/.test(x)) overrides.set(x.slice(0, x.indexOf('=')), x.slice(x.indexOf('=') + 1));
    else targets.push(x);
  }
  if (dir.includes('$')) return { reason: `${dir} is not known statically` };
  const mdir = join(cwd, dir);
  if (mdir === undefined) {
    f.skipped.push({ file: loc.file, loc, reason: `${dir} is outside the workspace: not read` });
    return { reason: `${dir} is outside the workspace` };
  }
  let file: string | undefined;
  if (makefile !== undefined) file = join(mdir, makefile);
  else file = ['GNUmakefile', 'makefile', 'Makefile'].map((b) => join(mdir, b)!).find((p) => f.host.text(p) !== undefined) ?? join(mdir, 'Makefile');
  const out: Found = { deploys: [], unmatched: [] };
  for (const t of targets.length ? targets : [undefined]) {
    const o = open(file, makefile ?? 'Makefile', t ?? '(default)', loc, f);
    if ('reason' in o) return o;
    const st = new ScriptText();
    addEnv(st, f.env ?? {}, { file: file!, start: 0, end: 0 });
    const r = makeRecipe(o.text, file!, t, overrides, st, f.env ?? {});
    if (r) return { reason: r };
    // Each recipe line is its own shell, started in the Makefile's folder.
    const found = readScript(st, mdir, matrix, o.next, { shell: 'Makefile', straightLine: false });
    out.deploys.push(...found.deploys);
    out.unmatched.push(...found.unmatched);
  }
  return out;
}
