// The editor's settings, checked: a value of the wrong type is reported and replaced by its
// default, never passed on to the analysis (a severity of "loud" would publish diagnostics
// without a severity).

import { isRuleId } from '../engine';
import { DEFAULT_SETTINGS, ServerSettings } from '../protocol/ext';

const SEVERITIES = new Set(['off', 'hint', 'information', 'warning', 'error']);

export interface CheckedSettings {
  settings: ServerSettings;
  /** One line per value that was replaced by its default. */
  problems: string[];
}

/** Settings over their defaults; a missing value keeps the default, a mistyped one is reported and keeps it too. */
export function checkSettings(raw: unknown): CheckedSettings {
  const problems: string[] = [];
  const r = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  if (raw !== undefined && raw !== null && r !== raw) problems.push(`serverlessDomains: expected an object of settings, got ${shown(raw)}`);
  const num = (key: 'debounce' | 'maxFileSize'): number => {
    const v = r[key];
    if (v === undefined || v === null) return DEFAULT_SETTINGS[key];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
    problems.push(`serverlessDomains.${key}: ${shown(v)} is not a non-negative number; using ${DEFAULT_SETTINGS[key]}`);
    return DEFAULT_SETTINGS[key];
  };
  const rules: Record<string, string> = {};
  if (r.rules !== undefined && r.rules !== null) {
    if (typeof r.rules !== 'object' || Array.isArray(r.rules)) problems.push(`serverlessDomains.rules: ${shown(r.rules)} is not an object of rule severities; ignored`);
    else {
      for (const [id, sev] of Object.entries(r.rules as Record<string, unknown>)) {
        const s = sev === 'info' ? 'information' : sev;
        if (typeof s === 'string' && SEVERITIES.has(s)) {
          if (!isRuleId(id)) problems.push(`serverlessDomains.rules: "${id}" is not a rule; ignored`);
          else rules[id] = s;
        } else problems.push(`serverlessDomains.rules.${id}: ${shown(sev)} is not a severity (off, hint, information, warning, error); using the rule's default`);
      }
    }
  }
  let exclude = DEFAULT_SETTINGS.exclude;
  if (r.exclude !== undefined && r.exclude !== null) {
    if (!Array.isArray(r.exclude)) problems.push(`serverlessDomains.exclude: ${shown(r.exclude)} is not a list of globs; ignored`);
    else {
      exclude = r.exclude.filter((x): x is string => typeof x === 'string');
      if (exclude.length !== r.exclude.length) problems.push('serverlessDomains.exclude: entries that are not strings are ignored');
    }
  }
  let diagnosticMode = DEFAULT_SETTINGS.diagnosticMode;
  if (r.diagnosticMode !== undefined && r.diagnosticMode !== null) {
    if (r.diagnosticMode === 'auto' || r.diagnosticMode === 'push' || r.diagnosticMode === 'pull') diagnosticMode = r.diagnosticMode;
    else problems.push(`serverlessDomains.diagnosticMode: ${shown(r.diagnosticMode)} is not auto, push or pull; using ${DEFAULT_SETTINGS.diagnosticMode}`);
  }
  let baselineKnown = DEFAULT_SETTINGS.baselineKnown;
  const b = r.baseline;
  const known = b !== null && typeof b === 'object' && !Array.isArray(b) ? (b as Record<string, unknown>).known : undefined;
  if (known !== undefined && known !== null) {
    if (known === 'hint' || known === 'hide') baselineKnown = known;
    else problems.push(`serverlessDomains.baseline.known: ${shown(known)} is not hint or hide; using ${DEFAULT_SETTINGS.baselineKnown}`);
  }
  return { settings: { rules, exclude, debounce: num('debounce'), maxFileSize: num('maxFileSize'), diagnosticMode, baselineKnown }, problems };
}

function shown(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}
