// The editor's side of the baseline file (engine/baseline.ts): each folder's file at its root is
// read at the start and whenever it changes on disk; findings it holds are "known" and published
// as hints with "known (baseline)" in the message, or not at all (`serverlessDomains.baseline.known`
// is `hide`); the Write Baseline command writes the file from the current findings.

import * as fs from 'fs';
import * as path from 'path';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import { BASELINE_FILE, BaselineError, baselineEntries, compareToBaseline, readBaseline, unitOfFile, writeBaseline } from '../engine';
import type { Finding } from '../engine';
import { readEntry } from '../node/load';
import { FolderState, ServerContext } from './state';

export const KNOWN_NOTE = 'known (baseline)';

/** Reads the folder's baseline file again; a file that does not parse is logged and ignored (every finding is then shown as it is). */
export function readFolderBaseline(ctx: ServerContext, s: FolderState): void {
  const file = path.join(s.folder.root, BASELINE_FILE);
  // Read as the scan reads a workspace file: a link, a FIFO or an over-size file is never opened.
  const e = readEntry(s.folder.root, BASELINE_FILE, ctx.settings.maxFileSize);
  s.baseline = undefined;
  s.republish = true;
  if ('skip' in e) ctx.conn.console.warn(`${file} is not read (${e.skip}), so no finding is treated as known`);
  if (!('text' in e)) return;
  const text = e.text;
  try {
    s.baseline = readBaseline(text);
  } catch (e) {
    if (!(e instanceof BaselineError)) throw e;
    ctx.conn.console.warn(`${file} is not a baseline file, so no finding is treated as known: ${e.message} (write it again with the Write Baseline command)`);
  }
}

/** After an analysis: which of the folder's findings the baseline holds. */
export function markKnown(s: FolderState): void {
  const r = s.result;
  s.known = r && s.baseline ? new Set(compareToBaseline(r.findings, s.baseline, unitOfFile(r.units)).known) : undefined;
}

/** A finding's diagnostic as the baseline has it: unchanged, a hint marked known, or none (hidden). */
export function withBaseline(ctx: ServerContext, s: FolderState, f: Finding, d: Diagnostic): Diagnostic | undefined {
  if (!s.known?.has(f)) return d;
  if (ctx.settings.baselineKnown === 'hide') return undefined;
  return { ...d, severity: DiagnosticSeverity.Hint, message: `${d.message} (${KNOWN_NOTE})` };
}

/** Writes the baseline of each folder (or of the one whose URI is given) from its current findings; returns the files written. */
export function writeBaselines(ctx: ServerContext, folderUri: unknown): string[] {
  const written: string[] = [];
  for (const s of ctx.folders) {
    if (typeof folderUri === 'string' && folderUri !== s.folder.uri) continue;
    const r = s.result;
    if (!r) continue;
    const file = path.join(s.folder.root, BASELINE_FILE);
    fs.writeFileSync(file, writeBaseline(baselineEntries(r.findings, unitOfFile(r.units))));
    // Read back at once, so the next diagnostics mark these findings known without waiting for the watcher.
    readFolderBaseline(ctx, s);
    written.push(file);
  }
  return written;
}
