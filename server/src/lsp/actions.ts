// Code actions: the quick fixes of the findings under the cursor and the refactors at it
// (extract a domain, move a function), and the extract-domain request of the explorer.

import { CodeAction, CodeActionParams } from 'vscode-languageserver/node';
import { Fix } from '../engine';
import { existsOnDisk } from '../node/load';
import { createdFiles, EditOptions, KINDS, toCodeAction, toDiagnostic, toWorkspaceEdit } from './convert';
import { FolderState, locate, ServerContext } from './state';

function editOptions(ctx: ServerContext, s: FolderState): EditOptions {
  return {
    documentChanges: ctx.caps.documentChanges,
    versionOf: (rel: string) => ctx.documents.get(s.folder.uriOf(rel))?.version ?? null,
  };
}

/**
 * Whether the client can apply a fix as it is: one that creates a file only for a client that
 * creates files, and never over something already on disk (a file the analysis does not read).
 */
function applicable(ctx: ServerContext, s: FolderState, fix: Fix): boolean {
  const creates = createdFiles(s.folder, fix);
  if (!creates.size) return true;
  return ctx.caps.createFiles && ![...creates].some((rel) => existsOnDisk(s.folder.root, rel));
}

export function codeActions(ctx: ServerContext, p: CodeActionParams): CodeAction[] {
  const loc = locate(ctx.folders, p.textDocument.uri);
  if (!loc || !loc.state.result) return [];
  const s = loc.state;
  const idx = s.folder.index(loc.rel);
  const start = idx.offset(p.range.start);
  const end = idx.offset(p.range.end);
  const only = p.context.only;
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
  const opts = editOptions(ctx, s);
  const out: CodeAction[] = [];
  if (wants(KINDS.quickfix)) {
    for (const f of s.byFile.get(loc.rel) ?? []) {
      if (f.loc.start > end || f.loc.end < start) continue;
      const diag = toDiagnostic(s.folder, f);
      // The client's diagnostics are echoed back as it holds them: one without a range (Neovim 0.7 sends some) matches nothing.
      const matching = (p.context.diagnostics ?? []).filter((d) => d?.code === f.rule && d.range?.start?.line === diag.range.start.line && d.range.start.character === diag.range.start.character);
      for (const fix of f.fixes) if (applicable(ctx, s, fix)) out.push(toCodeAction(s.folder, fix, KINDS.quickfix, opts, matching.length ? matching : [diag]));
    }
  }
  for (const r of s.folder.ws.refactorsAt(s.result!, loc.rel, start)) {
    const kind = r.kind === 'extract' ? KINDS.extract : KINDS.move;
    if (wants(kind) && applicable(ctx, s, r)) out.push(toCodeAction(s.folder, r, kind, opts));
  }
  return out;
}

export function extractDomain(ctx: ServerContext, folderUri: string, domain: string) {
  const s = ctx.folders.find((x) => x.folder.uri === folderUri) ?? ctx.folders[0];
  if (!s?.result) return null;
  const fix = s.folder.ws.extractDomain(s.result, domain);
  return fix && applicable(ctx, s, fix) ? { title: fix.title, edit: toWorkspaceEdit(s.folder, fix, editOptions(ctx, s)) } : null;
}
