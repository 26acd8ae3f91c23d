// Reading a workspace folder from disk into the engine: the only place that touches files.
// Symbolic links are not followed (a link may leave the workspace or loop), FIFOs, sockets and
// devices are never opened, excluded folders are not entered, and files over the size limit are
// not read: each such file is skipped with a reason.

import * as fs from 'fs';
import * as path from 'path';
import { CONFIG_FILE, DEFAULT_MAX_FILE_SIZE, fileFilter, folderFilter, invokesThroughSdk, isCandidate, isScriptFile, isSourceFile, parseConfig, Workspace } from '../engine';
import type { HclParser } from '../engine/terraform/hcl-parser';
import { createHclParser } from './hcl';

export interface LoadOptions {
  configText?: string;
  maxFileSize?: number;
  /** The HCL parser for the workspace's `.tf` files; without it the engine skips them with a reason. */
  hcl?: HclParser;
}

export interface LoadResult {
  workspace: Workspace;
  fileCount: number;
  bytes: number;
  /** Why Terraform files are not parsed: tree-sitter or its grammar could not load (`loadWorkspaceWithHcl`). */
  hclError?: string;
}

const PRUNE = new Set(['node_modules', '.git', '.serverless', '.aws-sam', 'cdk.out', '.terraform', '.vscode-test']);

/** Whether a folder's path passes through a folder the scan never enters (node_modules, .git...). */
export function prunedFolder(rel: string): boolean {
  return rel.split('/').some((part) => PRUNE.has(part));
}

/** Terraform's own files: HCL (`.tf`) and its JSON syntax (`.tf.json`). Terraform reads only these lower-case names. */
export function isTerraformFile(rel: string): boolean {
  return /\.tf(\.json)?$/.test(rel);
}

/** Whether the analysis reads this file at all. */
export function wanted(rel: string): boolean {
  return rel === CONFIG_FILE || isCandidate(rel) || isTerraformFile(rel) || isScriptFile(rel) || isSourceFile(rel) || isBareName(rel) || /(^|\/)serverless\.(ts|js|cjs|mjs)$/.test(rel);
}

/** A file with no extension: kept only when it is a script (`#!`), which a pipeline may call (`./run deploy`). */
function isBareName(rel: string): boolean {
  return /(^|\/)[^./]+$/.test(rel);
}

/** A code file that runs a deploy command (a `deploy.js` a pipeline calls with `node`): read for its commands, never run. */
const DEPLOYS = /\b(?:sls|serverless|sam)\s+deploy\b|\bcloudformation\s+deploy\b|\bterraform\b[^\n]*\bapply\b|\bupdate-function-code\b/;

/** Whether a read file is kept: source code only when it invokes a function or deploys, a bare name only when it is a script. */
function keep(rel: string, text: string): boolean {
  if (isSourceFile(rel)) return invokesThroughSdk(text) || DEPLOYS.test(text);
  if (isBareName(rel) && !isCandidate(rel) && !isScriptFile(rel)) return text.startsWith('#!');
  return true;
}

export type ScanEntry = { text: string; size: number } | { skip: string };

/** What a path of a workspace holds: a file's text or skip reason, a folder, or nothing any more. */
export type PathEntry = ScanEntry | { folder: true } | { gone: true };

/** The configuration's include/exclude: which files the analysis reads, which folders a scan enters. */
export interface PathFilter {
  file(rel: string): boolean;
  folder(rel: string): boolean;
}

/**
 * Walks a folder (or, with `under`, one of its subfolders): the analysis's files with their text,
 * or the reason they were not read. `accept` prunes folders and files (the configuration's
 * include/exclude). A missing `under` folder yields nothing.
 */
export function scanFolder(root: string, accept: PathFilter, maxFileSize: number, under = ''): Map<string, ScanEntry> {
  const out = new Map<string, ScanEntry>();
  const stack = [under];
  const realRoot = realRootOf(root);
  while (stack.length) {
    const relDir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(root, relDir), { withFileTypes: true });
    } catch (e) {
      if (relDir === under && under && (e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      out.set(relDir || '.', { skip: `cannot read the folder: ${(e as Error).message}` });
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? 1 : -1));
    for (const ent of entries) {
      const rel = relDir ? `${relDir}/${ent.name}` : ent.name;
      if (ent.isDirectory()) {
        if (PRUNE.has(ent.name) || !accept.folder(rel)) continue;
        stack.push(rel);
        continue;
      }
      if (!wanted(rel) || (rel !== CONFIG_FILE && !accept.file(rel))) continue;
      const e = readEntry(root, rel, maxFileSize, realRoot);
      if ('gone' in e || 'folder' in e) continue;
      // Source code is read only for its SDK invokes: one that cannot be read is no problem to report, and
      // one that invokes nothing is not kept (the scan holds what it found until it is loaded).
      if ((isSourceFile(rel) || isBareName(rel)) && ('skip' in e ? !isScriptFile(rel) && !isCandidate(rel) : !keep(rel, e.text))) continue;
      out.set(rel, e);
    }
  }
  return out;
}

function realRootOf(root: string): string {
  try {
    return fs.realpathSync(root);
  } catch {
    return path.resolve(root);
  }
}

/** Whether anything (a file, a folder, a link) is at a workspace path on disk. */
export function existsOnDisk(root: string, rel: string): boolean {
  try {
    fs.lstatSync(path.join(root, rel));
    return true;
  } catch {
    return false;
  }
}

const KIND_NAMES: Array<[(s: fs.Stats) => boolean, string]> = [
  [(s) => s.isFIFO(), 'a FIFO'],
  [(s) => s.isSocket(), 'a socket'],
  [(s) => s.isCharacterDevice(), 'a character device'],
  [(s) => s.isBlockDevice(), 'a block device'],
];

function notRegular(st: fs.Stats): string {
  const kind = KIND_NAMES.find(([is]) => is(st))?.[1] ?? 'not a regular file';
  return `${kind}, not a regular file: never opened`;
}

/**
 * Reads one path of the workspace, or says why not: the one function the initial scan, file-change
 * events and closed documents share. A symbolic link (the path itself or a folder on the way) is
 * not followed, FIFOs, sockets and devices are never opened, and files over the limit are not read.
 */
export function readEntry(root: string, rel: string, maxFileSize: number, realRoot = realRootOf(root)): PathEntry {
  const full = path.join(root, rel);
  let st: fs.Stats;
  try {
    st = fs.lstatSync(full);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { gone: true };
    return { skip: `cannot read: ${(e as Error).message}` };
  }
  if (st.isSymbolicLink()) return { skip: 'a symbolic link: not followed' };
  let real: string;
  try {
    real = fs.realpathSync(full);
  } catch (e) {
    return { skip: `cannot read: ${(e as Error).message}` };
  }
  if (real !== path.join(realRoot, rel)) {
    const inside = !path.relative(realRoot, real).startsWith('..') && !path.isAbsolute(path.relative(realRoot, real));
    return { skip: inside ? 'reached through a symbolic link: not followed' : 'reached through a symbolic link that leads out of the workspace: not followed' };
  }
  if (st.isDirectory()) return { folder: true };
  if (!st.isFile()) return { skip: notRegular(st) };
  return readRegular(full, maxFileSize);
}

/** Opens without following links and without blocking, then checks what was opened before reading it. */
function readRegular(full: string, maxFileSize: number): ScanEntry {
  const c = fs.constants;
  let fd: number;
  try {
    fd = fs.openSync(full, c.O_RDONLY | (c.O_NOFOLLOW ?? 0) | (c.O_NONBLOCK ?? 0));
  } catch (e) {
    return { skip: `cannot read: ${(e as Error).message}` };
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { skip: notRegular(st) };
    if (st.size > maxFileSize) return { skip: `${st.size} bytes, over the ${maxFileSize}-byte limit` };
    const text = fs.readFileSync(fd, 'utf8');
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, size: st.size };
  } catch (e) {
    return { skip: `cannot read: ${(e as Error).message}` };
  } finally {
    fs.closeSync(fd);
  }
}

export function configFilter(root: string, configText?: string): PathFilter {
  let text = configText;
  if (text === undefined) {
    try {
      text = fs.readFileSync(path.join(root, CONFIG_FILE), 'utf8');
    } catch {
      text = undefined;
    }
  }
  const cfg = parseConfig(text ?? '');
  return { file: fileFilter(cfg), folder: folderFilter(cfg) };
}

export function loadWorkspace(dir: string, opts: LoadOptions = {}): LoadResult {
  const root = path.resolve(dir);
  const maxFileSize = opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const ws = new Workspace({ rootName: path.basename(root), maxFileSize, hcl: opts.hcl });
  if (opts.configText !== undefined) ws.setConfigText(opts.configText);
  let fileCount = 0;
  let bytes = 0;
  for (const [rel, e] of scanFolder(root, configFilter(root, opts.configText), maxFileSize)) {
    if ('skip' in e) ws.markSkipped(rel, e.skip);
    else {
      ws.setFile(rel, e.text);
      fileCount++;
      bytes += e.size;
    }
  }
  return { workspace: ws, fileCount, bytes };
}

/**
 * An HCL parser for one workspace (tree-sitter loads once per process; each parser keeps its
 * own trees), or why there is none: tree-sitter or its grammar could not load. Never throws.
 */
export async function tryHclParser(): Promise<{ hcl: HclParser } | { error: string }> {
  try {
    return { hcl: await createHclParser() };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/**
 * `loadWorkspace` with an HCL parser for its Terraform files. Tree-sitter is loaded only when
 * the scan found a `.tf` or `.tf.json` file; when it cannot load, the workspace has no parser
 * (the engine skips those files with a reason) and `hclError` says why.
 */
export async function loadWorkspaceWithHcl(dir: string, opts: LoadOptions = {}): Promise<LoadResult> {
  const loaded = loadWorkspace(dir, opts);
  const ws = loaded.workspace;
  if (opts.hcl || !ws.paths().some(isTerraformFile)) return loaded;
  const p = await tryHclParser();
  if ('error' in p) return { ...loaded, hclError: p.error };
  ws.setHclParser(p.hcl);
  return loaded;
}
