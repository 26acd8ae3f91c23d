// The server's own watcher, for clients that cannot watch files for it (no dynamic registration
// of workspace/didChangeWatchedFiles, as Neovim on Linux). It reports what the load rules read:
// folders the scan never enters (node_modules, .serverless...) and folders or files the
// configuration's include/exclude leaves out are not watched, symbolic links are not followed,
// and only the analysis's own files (and folders, which may hold some) give events. Each event
// is then read exactly as the scan reads (`readEntry`), so a link, a FIFO or a large file is
// skipped with its reason, never opened.

import * as path from 'path';
import { FSWatcher, watch } from 'chokidar';
import { BASELINE_FILE, CONFIG_FILE } from '../engine';
import { configFilter, prunedFolder, wanted } from './load';

export type WatchEventKind = 'created' | 'changed' | 'deleted';

export interface WatchEvent {
  /** Workspace-relative, with `/`. */
  rel: string;
  kind: WatchEventKind;
}

export interface FolderWatcher {
  /** Resolves when the initial walk is done and changes are reported. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/** Events arriving within this many milliseconds of each other are reported together. */
const BATCH_MS = 30;

/**
 * chokidar drops a file's change that follows its previous change within 50 ms (a save right
 * after a save, a checkout that writes a file twice), so each file event is followed by one more
 * reading of the file this long after the last event: the last text on disk always counts.
 */
const RECHECK_MS = 150;

/**
 * Watches a workspace folder; `onEvents` gets batches of changes. A change of the configuration
 * file starts the watcher again, so that a new include/exclude decides what is watched.
 */
export function watchFolder(root: string, onEvents: (events: WatchEvent[]) => void, onError: (e: Error) => void, onRestarted?: () => void): FolderWatcher {
  let accept = configFilter(root);
  let pending: WatchEvent[] = [];
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let watcher: FSWatcher;
  const rechecks = new Map<string, NodeJS.Timeout>();

  const relOf = (abs: string): string | undefined => {
    const rel = path.relative(root, abs);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    return rel.split(path.sep).join('/');
  };
  const ignored = (abs: string, stats?: { isDirectory(): boolean }): boolean => {
    const rel = relOf(abs);
    if (rel === undefined) return true;
    if (rel === '') return false;
    if (prunedFolder(rel)) return true;
    if (stats?.isDirectory()) return !accept.folder(rel);
    // A file (or, without stats, a path not known yet): only the analysis's files count.
    if (stats) return !(rel === CONFIG_FILE || rel === BASELINE_FILE || (wanted(rel) && accept.file(rel)));
    return false;
  };
  const flush = () => {
    timer = undefined;
    const batch = pending;
    pending = [];
    if (batch.length && !closed) onEvents(batch);
  };
  const push = (rel: string, kind: WatchEventKind) => {
    pending.push({ rel, kind });
    clearTimeout(timer);
    timer = setTimeout(flush, BATCH_MS);
  };
  const recheck = (rel: string) => {
    clearTimeout(rechecks.get(rel));
    rechecks.set(
      rel,
      setTimeout(() => {
        rechecks.delete(rel);
        if (!closed) push(rel, 'changed');
      }, RECHECK_MS),
    );
  };
  const start = (): Promise<void> => {
    watcher = watch(root, { ignoreInitial: true, followSymlinks: false, ignored, persistent: true });
    watcher.on('all', (event, abs) => {
      const rel = relOf(abs);
      if (rel === undefined || closed) return;
      switch (event) {
        case 'add':
        case 'change':
          if (rel !== CONFIG_FILE && rel !== BASELINE_FILE && !wanted(rel)) return;
          push(rel, event === 'add' ? 'created' : 'changed');
          recheck(rel);
          break;
        case 'unlink':
          if (rel !== CONFIG_FILE && rel !== BASELINE_FILE && !wanted(rel)) return;
          push(rel, 'deleted');
          break;
        case 'addDir':
          push(rel, 'created');
          break;
        case 'unlinkDir':
          push(rel, 'deleted');
          break;
      }
      if (rel === CONFIG_FILE) void restart();
    });
    watcher.on('error', (e) => onError(e instanceof Error ? e : new Error(String(e))));
    return new Promise((resolve) => watcher.once('ready', () => resolve()));
  };
  const restart = async () => {
    if (closed) return;
    accept = configFilter(root);
    const old = watcher;
    await start();
    await old.close();
    // Files written while the new watcher walked the workspace gave no event: read it all once more.
    push(CONFIG_FILE, 'changed');
    onRestarted?.();
  };
  const ready = start();
  return {
    ready,
    async close() {
      closed = true;
      clearTimeout(timer);
      for (const t of rechecks.values()) clearTimeout(t);
      await watcher.close();
    },
  };
}
