// What the server's parts share: the state of each workspace folder, the client's capabilities,
// and the context every part reads (documents, folders, settings, the connection).

import * as path from 'path';
import { fileURLToPath } from 'url';
import { Connection, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisResult, Baseline, Finding, Query } from '../engine';
import { ServerSettings } from '../protocol/ext';
import { Folder } from './convert';

export interface FolderState {
  folder: Folder;
  name: string;
  result?: AnalysisResult;
  query?: Query;
  byFile: ReadonlyMap<string, Finding[]>;
  /** A scan not yet logged: when it started and how many files it read. */
  scanned?: { started: number; files: number };
  /** Skipped files already logged, with their reasons. */
  skips: Map<string, string>;
  /** The baseline file at the folder's root, when there is one that parses (lsp/baseline.ts). */
  baseline?: Baseline;
  /** The findings of the last analysis that the baseline holds. */
  known?: ReadonlySet<Finding>;
  /** Every file's diagnostics go out after the next analysis (the baseline or its setting changed). */
  republish?: boolean;
}

export interface ClientCaps {
  /** Diagnostics are pulled by the client (chosen at start: see `chooseDiagnosticMode`). */
  pull: boolean;
  refresh: boolean;
  /** The client asks for lenses again on workspace/codeLens/refresh. */
  lensRefresh: boolean;
  /** The client reads `documentChanges` in workspace edits. */
  documentChanges: boolean;
  /** The client creates files (`resourceOperations` holds "create"): file-creating refactors are offered. */
  createFiles: boolean;
  progress: boolean;
  configuration: boolean;
  watchRegistration: boolean;
  /** The client is the VS Code extension: lenses carry its commands. */
  vscodeExtension: boolean;
}

export const NO_CAPS: ClientCaps = {
  pull: false,
  refresh: false,
  lensRefresh: false,
  documentChanges: false,
  createFiles: false,
  progress: false,
  configuration: false,
  watchRegistration: false,
  vscodeExtension: false,
};

/** What the server's parts read of it. */
export interface ServerContext {
  readonly conn: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly folders: readonly FolderState[];
  readonly caps: ClientCaps;
  readonly settings: ServerSettings;
  readonly generation: number;
}

export interface Located {
  state: FolderState;
  rel: string;
}

/** The folder a URI lies in (the innermost, for nested folders) and its workspace-relative path. */
export function locate(folders: readonly FolderState[], uri: string): Located | undefined {
  let file: string;
  try {
    file = fileURLToPath(uri);
  } catch {
    return undefined;
  }
  let best: FolderState | undefined;
  for (const s of folders) {
    const rel = path.relative(s.folder.root, file);
    if (!rel.startsWith('..') && !path.isAbsolute(rel) && (!best || s.folder.root.length > best.folder.root.length)) best = s;
  }
  if (!best) return undefined;
  return { state: best, rel: path.relative(best.folder.root, file).split(path.sep).join('/') };
}

/** Whether a workspace path is a folder's path or lies under it ('' holds everything). */
export function within(p: string, folder: string): boolean {
  return !folder || p === folder || p.startsWith(folder + '/');
}
