// The files of each workspace folder as the analysis sees them: read from disk at start, read
// again when the client (or the server's own watcher) reports a change, and replaced by the
// editor's text while a document is open.

import { FileChangeType, FileEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE, isSourceFile } from '../engine';
import { configFilter, prunedFolder, readEntry, scanFolder, ScanEntry, wanted } from '../node/load';
import { FolderState, locate, ServerContext, within } from './state';

export class DiskSync {
  constructor(private readonly ctx: ServerContext) {}

  /**
   * Reads a folder from disk into its workspace (or, with `under`, one subfolder of it, for folder
   * events); open documents keep their editor text. The caller schedules the analysis.
   */
  scan(s: FolderState, under = ''): number {
    const { root, ws } = s.folder;
    const started = Date.now();
    const maxFileSize = this.ctx.settings.maxFileSize;
    const found = scanFolder(root, configFilter(root), maxFileSize, under);
    for (const p of [...ws.paths(), ...ws.skippedPaths()]) if (within(p, under) && !found.has(p) && !this.openDocument(s, p)) ws.deleteFile(p);
    let n = 0;
    for (const [rel, e] of found) {
      if (this.openDocument(s, rel)) continue;
      if (this.apply(s, rel, e)) n++;
    }
    for (const d of this.ctx.documents.all()) {
      const loc = locate(this.ctx.folders, d.uri);
      if (loc && loc.state === s && within(loc.rel, under)) ws.setFile(loc.rel, d.getText());
    }
    s.scanned = { started, files: n };
    return n;
  }

  /** Puts a file read from disk into the workspace, or marks it skipped (the reason is logged after the analysis). */
  private apply(s: FolderState, rel: string, e: ScanEntry): boolean {
    if ('skip' in e) {
      // Source code is read only for its SDK invokes: one that cannot be read is no problem to report.
      if (isSourceFile(rel)) s.folder.ws.deleteFile(rel);
      else s.folder.ws.markSkipped(rel, e.skip);
      return false;
    }
    s.folder.ws.setFile(rel, e.text);
    return true;
  }

  /** A path (a file or a folder) no longer on disk: it and everything under it leave the workspace. */
  private removed(s: FolderState, rel: string): void {
    const ws = s.folder.ws;
    for (const p of [...ws.paths(), ...ws.skippedPaths()]) if (within(p, rel) && !this.openDocument(s, p)) ws.deleteFile(p);
  }

  openDocument(s: FolderState, rel: string): TextDocument | undefined {
    return this.ctx.documents.get(s.folder.uriOf(rel));
  }

  /**
   * Reads one path again, exactly as the initial scan would: a file, a folder (scanned again), or a
   * path that is gone. Links, FIFOs and other unreadable paths are skipped with their reason logged.
   */
  reloadFromDisk(s: FolderState, rel: string): void {
    const e = readEntry(s.folder.root, rel, this.ctx.settings.maxFileSize);
    if ('gone' in e) this.removed(s, rel);
    else if ('folder' in e) {
      if (prunedFolder(rel) || !configFilter(s.folder.root).folder(rel)) this.removed(s, rel);
      else this.scan(s, rel);
    } else if (wanted(rel) && (rel === CONFIG_FILE || configFilter(s.folder.root).file(rel))) this.apply(s, rel, e);
    else if (s.folder.ws.hasFile(rel)) s.folder.ws.deleteFile(rel);
  }

  /** Files and folders created, changed or deleted on disk; the caller schedules the analysis. */
  changed(changes: FileEvent[]): void {
    const rescan = new Set<FolderState>();
    for (const ch of changes) {
      const loc = locate(this.ctx.folders, ch.uri);
      if (!loc || !loc.rel || loc.rel === '.') {
        // The workspace folder itself was created, deleted or renamed: read it all again.
        if (loc) rescan.add(loc.state);
        continue;
      }
      if (loc.rel === CONFIG_FILE) {
        rescan.add(loc.state);
        continue;
      }
      if (this.ctx.documents.get(ch.uri) || prunedFolder(loc.rel)) continue; // the editor's text wins; node_modules never counts
      // A folder event names no wanted file; it may hold some (a rename is a delete and a create).
      if (ch.type === FileChangeType.Deleted) this.removed(loc.state, loc.rel);
      else this.reloadFromDisk(loc.state, loc.rel);
    }
    for (const s of rescan) this.scan(s);
  }
}
