// Reading a workspace folder from disk into the engine: the only place that touches files.
// Symbolic links are not followed (a link may leave the workspace or loop), excluded folders
// are not entered, and files over the size limit are not read.

import * as fs from 'fs';
import * as path from 'path';
import { CONFIG_FILE, fileFilter, isCandidate, isScriptFile, parseConfig, Workspace } from '../engine';

export interface LoadOptions {
  configText?: string;
  maxFileSize?: number;
}

export interface LoadResult {
  workspace: Workspace;
  fileCount: number;
  bytes: number;
}

const PRUNE = new Set(['node_modules', '.git', '.serverless', '.aws-sam', 'cdk.out', '.terraform', '.vscode-test']);

/** Whether the analysis reads this file at all. */
export function wanted(rel: string): boolean {
  return rel === CONFIG_FILE || isCandidate(rel) || isScriptFile(rel) || /(^|\/)serverless\.(ts|js|cjs|mjs)$/.test(rel);
}

export type ScanEntry = { text: string; size: number } | { skip: string };

/**
 * Walks a folder: the analysis's files with their text, or the reason they were not read.
 * `accept` prunes folders and files (the configuration's include/exclude).
 */
export function scanFolder(root: string, accept: (rel: string) => boolean, maxFileSize: number): Map<string, ScanEntry> {
  const out = new Map<string, ScanEntry>();
  const stack = [''];
  while (stack.length) {
    const relDir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(root, relDir), { withFileTypes: true });
    } catch (e) {
      out.set(relDir || '.', { skip: `cannot read the folder: ${(e as Error).message}` });
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? 1 : -1));
    for (const ent of entries) {
      const rel = relDir ? `${relDir}/${ent.name}` : ent.name;
      if (ent.isSymbolicLink()) continue;
      if (ent.isDirectory()) {
        if (PRUNE.has(ent.name) || !accept(rel + '/x')) continue;
        stack.push(rel);
        continue;
      }
      if (!ent.isFile() || !wanted(rel)) continue;
      if (rel !== CONFIG_FILE && !accept(rel)) continue;
      out.set(rel, readOne(path.join(root, rel), maxFileSize));
    }
  }
  return out;
}

/** Reads one file, or says why not. */
export function readOne(full: string, maxFileSize: number): ScanEntry {
  let size: number;
  try {
    size = fs.statSync(full).size;
  } catch (e) {
    return { skip: `cannot read: ${(e as Error).message}` };
  }
  if (size > maxFileSize) return { skip: `${size} bytes, over the ${maxFileSize}-byte limit` };
  try {
    const text = fs.readFileSync(full, 'utf8');
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, size };
  } catch (e) {
    return { skip: `cannot read: ${(e as Error).message}` };
  }
}

export function configFilter(root: string, configText?: string): (rel: string) => boolean {
  let text = configText;
  if (text === undefined) {
    try {
      text = fs.readFileSync(path.join(root, CONFIG_FILE), 'utf8');
    } catch {
      text = undefined;
    }
  }
  return fileFilter(parseConfig(text ?? ''));
}

export function loadWorkspace(dir: string, opts: LoadOptions = {}): LoadResult {
  const root = path.resolve(dir);
  const maxFileSize = opts.maxFileSize ?? 5_000_000;
  const ws = new Workspace({ rootName: path.basename(root), maxFileSize });
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
