// The baseline file (`.serverless-domains-baseline.json`): the findings a team has accepted, by
// identity (rule, unit, subject, file; see identity.ts), never by line, with a count where one
// file has several of the same kind. A run reports only the findings the baseline does not hold
// ("fresh"), and lists the entries no finding matches any more ("stale") so the file can be pruned.
// Pure: the caller reads and writes the file.

import type { Finding } from './types';
import { identityKey, identityOf } from './identity';
import type { FindingIdentity } from './identity';

export const BASELINE_FILE = '.serverless-domains-baseline.json';
export const BASELINE_VERSION = 1;

export interface BaselineEntry extends FindingIdentity {
  /** How many findings of this identity the file accepts (1 or more). */
  count: number;
}

export interface Baseline {
  version: typeof BASELINE_VERSION;
  entries: BaselineEntry[];
}

export interface BaselineComparison {
  /** Findings the baseline does not hold: reported, and counted for the exit status. */
  fresh: Finding[];
  /** Findings the baseline accepts. */
  known: Finding[];
  /** Baselined findings that are gone; `count` is how many of that identity are missing. */
  stale: BaselineEntry[];
}

/** A baseline file that is not what `writeBaseline` writes. */
export class BaselineError extends Error {}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The file's order: by file, then rule, unit and subject; code-unit order, so no locale changes it. */
export function compareEntries(a: FindingIdentity, b: FindingIdentity): number {
  return compareStrings(a.file, b.file) || compareStrings(a.rule, b.rule) || compareStrings(a.unit ?? '', b.unit ?? '') || compareStrings(a.subject, b.subject);
}

/** The entries for some findings: one per identity, counted, sorted. */
export function baselineEntries(findings: readonly Finding[], unitOf: (file: string) => string | null): BaselineEntry[] {
  const byKey = new Map<string, BaselineEntry>();
  for (const f of findings) {
    const id = identityOf(f, unitOf);
    const key = identityKey(id);
    const e = byKey.get(key);
    if (e) e.count++;
    else byKey.set(key, { ...id, count: 1 });
  }
  return [...byKey.values()].sort(compareEntries);
}

/** The file's text: sorted, one entry per identity, pretty-printed, with a final newline. */
export function writeBaseline(entries: readonly BaselineEntry[]): string {
  const merged = mergeEntries(entries);
  const body = merged.map((e) => ({ rule: e.rule, unit: e.unit, subject: e.subject, file: e.file, count: e.count }));
  return JSON.stringify({ version: BASELINE_VERSION, findings: body }, null, 2) + '\n';
}

function mergeEntries(entries: readonly BaselineEntry[]): BaselineEntry[] {
  const byKey = new Map<string, BaselineEntry>();
  for (const e of entries) {
    const key = identityKey(e);
    const prev = byKey.get(key);
    if (prev) prev.count += e.count;
    else byKey.set(key, { rule: e.rule, unit: e.unit, subject: e.subject, file: e.file, count: e.count });
  }
  return [...byKey.values()].sort(compareEntries);
}

/** Parses a baseline file; throws BaselineError saying what is wrong. */
export function readBaseline(text: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new BaselineError(`not valid JSON (${(e as Error).message})`);
  }
  if (!isObject(data)) throw new BaselineError('expected an object with "version" and "findings"');
  if (data.version !== BASELINE_VERSION) throw new BaselineError(`unsupported version ${JSON.stringify(data.version)} (this checker reads version ${BASELINE_VERSION})`);
  if (!Array.isArray(data.findings)) throw new BaselineError('"findings" must be a list');
  const entries = data.findings.map((raw, i): BaselineEntry => {
    const where = `findings[${i}]`;
    if (!isObject(raw)) throw new BaselineError(`${where} must be an object`);
    for (const k of ['rule', 'subject', 'file'] as const) if (typeof raw[k] !== 'string') throw new BaselineError(`${where}.${k} must be a string`);
    if (raw.unit !== null && typeof raw.unit !== 'string') throw new BaselineError(`${where}.unit must be a string or null`);
    const count = raw.count === undefined ? 1 : raw.count;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) throw new BaselineError(`${where}.count must be a whole number, 1 or more`);
    return { rule: raw.rule as string, unit: raw.unit as string | null, subject: raw.subject as string, file: raw.file as string, count };
  });
  return { version: BASELINE_VERSION, entries: mergeEntries(entries) };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Splits findings into those the baseline accepts and the fresh ones. Counts are honoured: an
 * entry with count 3 accepts 3 findings of its identity; a 4th is fresh (the last in the order
 * given, which is the analysis' order), and with only 2 left, the entry is stale by 1.
 */
export function compareToBaseline(findings: readonly Finding[], baseline: Baseline | readonly BaselineEntry[], unitOf: (file: string) => string | null): BaselineComparison {
  const entries = Array.isArray(baseline) ? (baseline as readonly BaselineEntry[]) : (baseline as Baseline).entries;
  const left = new Map<string, number>();
  for (const e of entries) {
    const key = identityKey(e);
    left.set(key, (left.get(key) ?? 0) + e.count);
  }
  const fresh: Finding[] = [];
  const known: Finding[] = [];
  for (const f of findings) {
    const key = identityKey(identityOf(f, unitOf));
    const n = left.get(key) ?? 0;
    if (n > 0) {
      known.push(f);
      left.set(key, n - 1);
    } else fresh.push(f);
  }
  const stale: BaselineEntry[] = [];
  for (const e of mergeEntries(entries)) {
    const n = left.get(identityKey(e)) ?? 0;
    if (n > 0) stale.push({ ...e, count: n });
  }
  return { fresh, known, stale };
}
