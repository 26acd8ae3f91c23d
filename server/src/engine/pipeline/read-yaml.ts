// Small helpers the pipeline readers share: loading a YAML file once with its problems recorded,
// lists of strings as written, literal variables.

import { parseText } from '../parse';
import type { ParsedFile } from '../parse';
import type { RNode } from '../tree';
import { deref, entries, items, str } from '../tree';
import type { Skipped } from './model';

/** What a reader may read of the workspace: a file's text, undefined when it does not exist (or lies outside). */
export interface PipelineHost {
  text(file: string): string | undefined;
  /** The file parsed, when the host keeps parsed files (the workspace does): read once, not twice. */
  parsed?(file: string): ParsedFile | undefined;
}

export interface Loaded {
  text: string;
  tree: RNode | undefined;
}

/** A YAML file's tree; a file that is missing, or not YAML, is recorded in `skipped` (the part that parsed is still read). */
export function loadYaml(host: PipelineHost, file: string, skipped: Skipped[], files: string[]): Loaded | undefined {
  let text: string | undefined;
  try {
    text = host.text(file);
  } catch (e) {
    skipped.push({ file, reason: `cannot be read: ${(e as Error).message}` });
    return undefined;
  }
  if (text === undefined) {
    skipped.push({ file, reason: 'does not exist in the workspace' });
    return undefined;
  }
  if (!files.includes(file)) files.push(file);
  const kept = host.parsed?.(file);
  const p = kept && kept.text === text ? kept : parseText(file, text);
  if (p.errors.length) {
    const e = p.errors[0];
    skipped.push({ file, loc: { file, start: e.start, end: e.end }, reason: `is not valid YAML (${e.message})${p.tree ? '; the part that parsed is read' : ''}` });
  }
  return { text, tree: p.tree };
}

/** A string or a list of strings, as written (other items ignored). */
export function strings(n: RNode | undefined): string[] | undefined {
  const d = deref(n);
  if (!d) return undefined;
  if (d.k === 'scalar') {
    const s = str(d);
    return s === undefined ? undefined : [s];
  }
  if (d.k !== 'seq') return undefined;
  const out: string[] = [];
  for (const it of items(d)) {
    const s = str(it);
    if (s !== undefined) out.push(s);
  }
  return out;
}

/** The literal entries of an `env`/`variables` map (`${{ }}` expressions resolved by `exprs` when given, else left out). */
export function literalEnv(n: RNode | undefined, exprs?: (e: string) => string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of entries(n)) {
    let v = str(e.value) ?? str(deref(e.value) && deref(e.value)!.k === 'map' ? (entries(e.value).find((x) => x.key === 'value')?.value) : undefined);
    if (v === undefined) continue;
    if (v.includes('${{')) v = substitute(v, exprs);
    if (v !== undefined) out[e.key] = v;
  }
  return out;
}

/** A string with every `${{ expr }}` replaced by its literal value, or undefined when one stays unknown. */
export function substitute(v: string, exprs: ((e: string) => string | undefined) | undefined): string | undefined {
  let unknown = false;
  const out = v.replace(/\$\{\{\s*([^{}]*?)\s*\}\}/g, (_m, e: string) => {
    const r = exprs?.(e);
    if (r === undefined) unknown = true;
    return r ?? '';
  });
  return unknown ? undefined : out;
}
