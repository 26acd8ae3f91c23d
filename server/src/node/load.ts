// Reading a workspace folder from disk into the engine: the only place that touches files.
// Symbolic links are not followed (a link may leave the workspace or loop), excluded folders
// are not entered, and files over the size limit are not read.

import * as fs from 'fs';
import * as path from 'path';
import { CONFIG_FILE, DEFAULT_EXCLUDE, fileFilter, isCandidate, isScriptFile, parseConfig, Workspace } from '../engine';

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

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** Whether the analysis reads this file at all. */
export function wanted(rel: string): boolean {
  return rel === CONFIG_FILE || isCandidate(rel) || isScriptFile(rel) || /(^|\/)serverless\.(ts|js|cjs|mjs)$/.test(rel);
}

export function loadWorkspace(dir: string, opts: LoadOptions = {}): LoadResult {
  const root = path.resolve(dir);
  const maxFileSize = opts.maxFileSize ?? 5_000_000;
  const ws = new Workspace({ rootName: path.basename(root), maxFileSize });
  let configText = opts.configText;
  if (configText === undefined) {
    try {
      configText = fs.readFileSync(path.join(root, CONFIG_FILE), 'utf8');
    } catch {
      configText = undefined;
    }
  }
  if (opts.configText !== undefined) ws.setConfigText(opts.configText);
  const accept = fileFilter(configText !== undefined ? parseConfig(configText) : parseConfig(''));
  void DEFAULT_EXCLUDE;
  let fileCount = 0;
  let bytes = 0;
  const stack = [''];
  while (stack.length) {
    const relDir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(root, relDir), { withFileTypes: true });
    } catch (e) {
      ws.markSkipped(relDir || '.', `cannot read the folder: ${(e as Error).message}`);
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
      const full = path.join(root, rel);
      let size: number;
      try {
        size = fs.statSync(full).size;
      } catch (e) {
        ws.markSkipped(rel, `cannot read: ${(e as Error).message}`);
        continue;
      }
      if (size > maxFileSize) {
        ws.markSkipped(rel, `${size} bytes, over the ${maxFileSize}-byte limit`);
        continue;
      }
      try {
        const text = fs.readFileSync(full, 'utf8');
        ws.setFile(rel, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
        fileCount++;
        bytes += size;
      } catch (e) {
        ws.markSkipped(rel, `cannot read: ${(e as Error).message}`);
      }
    }
  }
  return { workspace: ws, fileCount, bytes };
}
