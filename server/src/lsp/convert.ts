// The one place that converts between the engine's plain types and LSP.

import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  CodeAction,
  CodeActionKind,
  CreateFile,
  Diagnostic,
  DiagnosticSeverity,
  DiagnosticTag,
  Location,
  Range,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import { Finding, Fix, LineIndex, Loc, Workspace } from '../engine';
import { relatedText } from '../protocol/related-text';

/** Maps workspace-relative paths of one folder to URIs and positions. */
export class Folder {
  readonly indexes = new Map<string, { text: string; index: LineIndex }>();
  constructor(
    readonly root: string,
    readonly uri: string,
    readonly ws: Workspace,
  ) {}

  uriOf(rel: string): string {
    return pathToFileURL(path.join(this.root, rel)).href;
  }

  index(rel: string): LineIndex {
    const text = this.ws.getText(rel) ?? '';
    const cached = this.indexes.get(rel);
    if (cached && cached.text === text) return cached.index;
    const index = new LineIndex(text);
    this.indexes.set(rel, { text, index });
    return index;
  }

  range(loc: Loc): Range {
    const i = this.index(loc.file);
    return Range.create(i.position(loc.start), i.position(loc.end));
  }

  location(loc: Loc): Location {
    return Location.create(this.uriOf(loc.file), this.range(loc));
  }
}

const SEVERITY: Record<string, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Where a rule's documentation is: the docs that ship with the server. */
export function ruleDocs(rule: string): string {
  return pathToFileURL(path.resolve(__dirname, '..', 'docs', 'rules.md')).href + '#' + rule;
}

export function toDiagnostic(folder: Folder, f: Finding): Diagnostic {
  const d: Diagnostic = {
    range: folder.range(f.loc),
    severity: SEVERITY[f.severity],
    code: f.rule,
    codeDescription: { href: ruleDocs(f.rule) },
    source: 'serverless-domains',
    message: f.message,
    data: { subject: f.subject },
  };
  if (f.rule === 'unused-export' || f.rule === 'orphan-function') d.tags = [DiagnosticTag.Unnecessary];
  if (f.related?.length) d.relatedInformation = f.related.map((r) => {
      const location = folder.location(r.loc);
      return { location, message: relatedText(r.loc.file, location.range.start, r.message) };
    });
  return d;
}

export interface EditOptions {
  /** The client reads `documentChanges`; without it, an edit that creates no file is sent as `changes`. */
  documentChanges: boolean;
  /** Versions of open documents, by workspace-relative path. */
  versionOf(rel: string): number | null;
}

/** The files a fix creates (workspace-relative): those it names, or those it edits that the workspace does not hold. */
export function createdFiles(folder: Folder, fix: Fix): Set<string> {
  return new Set(fix.creates ?? fix.edits.map((e) => e.file).filter((f) => !folder.ws.hasFile(f)));
}

/**
 * A fix as a workspace edit. One that creates files is sent as `documentChanges` with a
 * `CreateFile` first (offered only to clients that declare they create files). Its options
 * are spelled out, `overwrite: false, ignoreIfExists: false`, which every client reads the same
 * way: create the file (and its folder). (`ignoreIfExists: true` makes Neovim create nothing.)
 * The server never offers to create a file that exists on disk.
 */
export function toWorkspaceEdit(folder: Folder, fix: Fix, opts: EditOptions): WorkspaceEdit {
  const byFile = new Map<string, TextEdit[]>();
  for (const e of fix.edits) {
    const exists = folder.ws.hasFile(e.file);
    const range = exists ? folder.range({ file: e.file, start: e.start, end: e.end }) : Range.create(0, 0, 0, 0);
    byFile.set(e.file, [...(byFile.get(e.file) ?? []), TextEdit.replace(range, e.newText)]);
  }
  const creates = createdFiles(folder, fix);
  if (!creates.size && !opts.documentChanges) {
    return { changes: Object.fromEntries([...byFile].map(([f, edits]) => [folder.uriOf(f), edits])) };
  }
  const documentChanges: Array<TextDocumentEdit | CreateFile> = [];
  for (const f of creates) documentChanges.push(CreateFile.create(folder.uriOf(f), { overwrite: false, ignoreIfExists: false }));
  for (const [f, edits] of byFile) {
    const version = creates.has(f) ? null : opts.versionOf(f);
    documentChanges.push(TextDocumentEdit.create({ uri: folder.uriOf(f), version }, edits));
  }
  return { documentChanges };
}

export function toCodeAction(folder: Folder, fix: Fix, kind: string, opts: EditOptions, diagnostics?: Diagnostic[]): CodeAction {
  const action = CodeAction.create(fix.title, toWorkspaceEdit(folder, fix, opts), kind);
  if (diagnostics?.length) action.diagnostics = diagnostics;
  if (fix.preferred) action.isPreferred = true;
  return action;
}

export const KINDS = {
  quickfix: CodeActionKind.QuickFix,
  extract: CodeActionKind.RefactorExtract,
  move: CodeActionKind.RefactorRewrite,
};
