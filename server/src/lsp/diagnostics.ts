// Diagnostics to the client: pushed after each analysis (the files whose findings changed and
// the documents just edited), or pulled by the client, per document or for the whole workspace.

import {
  DocumentDiagnosticParams,
  DocumentDiagnosticReport,
  WorkspaceDiagnosticParams,
  WorkspaceDiagnosticReport,
  WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { ClientCapabilities } from 'vscode-languageserver/node';
import { AnalysisResult } from '../engine';
import { DiagnosticMode } from '../protocol/ext';
import { toDiagnostic } from './convert';
import { withBaseline } from './baseline';
import { FolderState, locate, ServerContext } from './state';

/**
 * Whether diagnostics are pulled, and why. Pull works only when the client pulls every file the
 * server's answer depends on again after an analysis: it must declare pull support and refresh
 * support. Neovim declares both from 0.12 but answers a refresh with a workspace pull whose
 * reports it applies only to buffers it does not pull itself, so its open buffers would keep
 * stale diagnostics: `auto` pushes to it. `pull` forces pull where the client can pull at all.
 */
export function chooseDiagnosticMode(setting: DiagnosticMode, caps: ClientCapabilities, clientName: string | undefined): { pull: boolean; why: string } {
  const canPull = !!caps.textDocument?.diagnostic;
  const refresh = !!caps.workspace?.diagnostics?.refreshSupport;
  if (setting === 'push') return { pull: false, why: 'serverlessDomains.diagnosticMode is "push"' };
  if (setting === 'pull') return canPull ? { pull: true, why: 'serverlessDomains.diagnosticMode is "pull"' } : { pull: false, why: 'serverlessDomains.diagnosticMode is "pull" but the editor cannot pull diagnostics' };
  if (!canPull) return { pull: false, why: 'the editor does not pull diagnostics' };
  if (!refresh) return { pull: false, why: 'the editor pulls diagnostics but cannot be asked to pull again (no workspace/diagnostic/refresh support), so a change in one file would leave other files stale' };
  if (clientName === 'Neovim') return { pull: false, why: 'Neovim does not pull its open buffers again on workspace/diagnostic/refresh' };
  return { pull: true, why: 'the editor pulls diagnostics and supports workspace/diagnostic/refresh' };
}

export class Diagnostics {
  private pullResults = new Map<string, string>();
  /** Open documents edited since the last analysis: they get diagnostics (with their new version) even when unchanged. */
  private edited = new Set<string>();

  constructor(private readonly ctx: ServerContext) {}

  /** Pull mode: the client asks, the server only tells it when to ask again. */
  get pull(): boolean {
    return this.ctx.caps.pull;
  }

  /** A document was edited: its diagnostics go out with the next analysis even when unchanged. */
  edit(uri: string): void {
    this.edited.add(uri);
  }

  /** After one folder's analysis. */
  analysed(s: FolderState, result: AnalysisResult): void {
    if (this.pull) return;
    const files = new Set(result.changedFiles);
    if (s.republish) for (const rel of [...s.byFile.keys(), ...this.published(s)]) files.add(rel);
    s.republish = false;
    for (const uri of this.edited) {
      const loc = locate(this.ctx.folders, uri);
      if (loc?.state === s) files.add(loc.rel);
    }
    this.publish(s, files);
  }

  /** After every folder's analysis. */
  done(): void {
    this.edited.clear();
    if (this.pull && this.ctx.caps.refresh) void this.ctx.conn.languages.diagnostics.refresh();
  }

  private of(s: FolderState, rel: string) {
    return (s.byFile.get(rel) ?? []).flatMap((f) => withBaseline(this.ctx, s, f, toDiagnostic(s.folder, f)) ?? []);
  }

  /** Push mode: the files given diagnostics so far, per folder (to clear them when all their findings are hidden). */
  private readonly sent = new Map<FolderState, Set<string>>();
  private published(s: FolderState): Set<string> {
    let set = this.sent.get(s);
    if (!set) this.sent.set(s, (set = new Set()));
    return set;
  }

  /** Push mode: send the files whose findings changed (an empty list clears a file). */
  private publish(s: FolderState, files: Iterable<string>): void {
    for (const rel of files) {
      const uri = s.folder.uriOf(rel);
      this.published(s).add(rel);
      void this.ctx.conn.sendDiagnostics({ uri, diagnostics: this.of(s, rel), version: this.ctx.documents.get(uri)?.version });
    }
  }

  document(p: DocumentDiagnosticParams): DocumentDiagnosticReport {
    const loc = locate(this.ctx.folders, p.textDocument.uri);
    if (!loc) return { kind: 'full', items: [] };
    const items = this.of(loc.state, loc.rel);
    const resultId = `${hash(JSON.stringify(items))}`;
    if (p.previousResultId === resultId) return { kind: 'unchanged', resultId };
    return { kind: 'full', resultId, items };
  }

  workspace(p: WorkspaceDiagnosticParams): WorkspaceDiagnosticReport {
    const previous = new Map(p.previousResultIds.map((r) => [r.uri, r.value]));
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    const current = new Map<string, string>();
    const docs = this.ctx.documents;
    for (const s of this.ctx.folders) {
      for (const rel of s.byFile.keys()) {
        const uri = s.folder.uriOf(rel);
        const diagnostics = this.of(s, rel);
        const resultId = `${hash(JSON.stringify(diagnostics))}`;
        current.set(uri, resultId);
        const version = docs.get(uri)?.version ?? null;
        if (previous.get(uri) === resultId) items.push({ uri, version, kind: 'unchanged', resultId });
        else items.push({ uri, version, kind: 'full', resultId, items: diagnostics });
      }
    }
    // Files that had findings and have none now get an empty report.
    for (const uri of new Set([...previous.keys(), ...this.pullResults.keys()])) {
      if (!current.has(uri)) items.push({ uri, version: docs.get(uri)?.version ?? null, kind: 'full', resultId: 'empty', items: [] });
    }
    this.pullResults = current;
    return { items };
  }
}

/** FNV-1a, for result IDs. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
