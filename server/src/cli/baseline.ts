// `check --baseline` and `check --write-baseline`: the command line's side of the baseline file
// (engine/baseline.ts): where it is, reading it (bad input: exit 2), writing it, and what the
// reports say about it.

import * as fs from 'fs';
import * as path from 'path';
import { BASELINE_FILE, BaselineError, DEFAULT_MAX_FILE_SIZE, baselineEntries, compareToBaseline, readBaseline, writeBaseline } from '../engine';
import { readEntry } from '../node/load';
import type { Baseline, BaselineComparison, BaselineEntry, Finding } from '../engine';

/** What the arguments say about the baseline. */
export interface BaselineArgs {
  /** `--baseline [FILE]`: FILE, or '' for the default file. */
  baseline?: string;
  /** `--no-baseline`. */
  noBaseline?: boolean;
  /** `--write-baseline [FILE]`: FILE, or '' for the default file. */
  writeBaseline?: string;
}

export interface LoadedBaseline {
  /** The file as the user named it (or the default, relative to the folder checked). */
  file: string;
  baseline: Baseline;
}

export class BaselineFileError extends Error {}

/** The path of the baseline file: FILE as given (relative to the current folder), or the default at the workspace root. */
export function baselinePath(dir: string, file: string | undefined): string {
  return file ? path.resolve(file) : path.join(dir, BASELINE_FILE);
}

/**
 * The baseline a check honours: `--baseline FILE` (it must exist), else the default file at the
 * workspace root when it exists; none with `--no-baseline` or `--write-baseline`.
 */
export function loadBaseline(dir: string, args: BaselineArgs): LoadedBaseline | undefined {
  if (args.noBaseline || args.writeBaseline !== undefined) return undefined;
  const named = args.baseline !== undefined;
  const full = baselinePath(dir, args.baseline);
  const shown = args.baseline || path.relative(process.cwd(), full) || BASELINE_FILE;
  let text: string;
  if (!named) {
    // The default file is a workspace file: read as the scan reads one (a link, a FIFO or an over-size file is never opened).
    const e = readEntry(dir, BASELINE_FILE, DEFAULT_MAX_FILE_SIZE);
    if ('skip' in e) throw new BaselineFileError(`cannot read the baseline ${shown}: ${e.skip}`);
    if (!('text' in e)) return undefined;
    text = e.text;
  } else {
    try {
      text = fs.readFileSync(full, 'utf8');
    } catch (e) {
      throw new BaselineFileError(`cannot read the baseline ${shown}: ${(e as Error).message}`);
    }
  }
  try {
    return { file: shown, baseline: readBaseline(text) };
  } catch (e) {
    if (e instanceof BaselineError) throw new BaselineFileError(`the baseline ${shown} is not a baseline file: ${e.message} (write it again with --write-baseline)`);
    throw e;
  }
}

/** Writes every finding (at any severity) to the baseline file; returns the line that says what was written. */
export function saveBaseline(dir: string, file: string, findings: readonly Finding[], unitOf: (file: string) => string | null): string {
  const full = baselinePath(dir, file);
  const entries = baselineEntries(findings, unitOf);
  try {
    fs.writeFileSync(full, writeBaseline(entries));
  } catch (e) {
    throw new BaselineFileError(`cannot write the baseline ${file || full}: ${(e as Error).message}`);
  }
  const shown = file || path.relative(process.cwd(), full) || BASELINE_FILE;
  const n = findings.length;
  return `Wrote ${shown}: ${n} finding${n === 1 ? '' : 's'} accepted as known (${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}); later checks report only new ones.\n`;
}

export function compareWith(loaded: LoadedBaseline, findings: readonly Finding[], unitOf: (file: string) => string | null): BaselineComparison {
  return compareToBaseline(findings, loaded.baseline, unitOf);
}

function entryText(e: BaselineEntry): string {
  return `${e.file}: ${e.rule} ${e.subject}${e.count > 1 ? ` (${e.count})` : ''}`;
}

/** The text report's lines about the baseline: the known findings accepted, then the stale entries. */
export function baselineText(loaded: LoadedBaseline, c: BaselineComparison): string {
  const n = c.known.length;
  const lines = [`Baseline ${loaded.file}: ${n} known finding${n === 1 ? '' : 's'} accepted, not reported.`];
  if (c.stale.length) {
    lines.push(`${c.stale.length} stale baseline entr${c.stale.length === 1 ? 'y' : 'ies'} (findings that are gone; --write-baseline prunes them):`);
    for (const e of c.stale) lines.push(`    ${entryText(e)}`);
  }
  return lines.join('\n') + '\n';
}

/** The JSON report's `baseline` member. */
export function baselineJson(loaded: LoadedBaseline, c: BaselineComparison): { file: string; known: number; stale: BaselineEntry[] } {
  return { file: loaded.file, known: c.known.length, stale: c.stale.map((e) => ({ rule: e.rule, unit: e.unit, subject: e.subject, file: e.file, count: e.count })) };
}
