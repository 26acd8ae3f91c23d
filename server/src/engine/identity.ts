// A finding's identity across edits: what it is about, never where it is. The baseline
// (`check --write-baseline`), SARIF's partialFingerprints and the editor's "known" findings all
// use it, so a finding keeps its identity when lines move, a file is reformatted, an unrelated
// resource is renamed or a unit is added; a finding of the same rule on another subject is another.

import type { Finding } from './types';

export interface FindingIdentity {
  rule: string;
  /** The unit whose files hold the finding (its id), or null for a file no unit holds (a pipeline file). */
  unit: string | null;
  /** What the finding is about (a logical ID, a function, an import name, a file). */
  subject: string;
  /** The file the finding is reported in. */
  file: string;
}

/** The unit holding each file: the first unit (in the analysis' order) that lists it. */
export function unitOfFile(units: ReadonlyArray<{ id: string; files: readonly string[] }>): (file: string) => string | null {
  const byFile = new Map<string, string>();
  for (const u of units) for (const f of u.files) if (!byFile.has(f)) byFile.set(f, u.id);
  return (file) => byFile.get(file) ?? null;
}

export function identityOf(f: Finding, unitOf: (file: string) => string | null): FindingIdentity {
  return { rule: f.rule, unit: unitOf(f.loc.file), subject: f.subject, file: f.loc.file };
}

/** One string for the identity, stable across runs and platforms (the fields joined, each JSON-quoted). */
export function identityKey(id: FindingIdentity): string {
  return JSON.stringify([id.rule, id.unit, id.subject, id.file]);
}
