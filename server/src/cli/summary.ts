// What `check` shows and how it sums up: the severity threshold, the exit status, the summary line.

import { patternText } from '../engine';
import type { AnalysisResult, Finding, Severity } from '../engine';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/** Higher is more severe. */
export function rank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s);
}

export function isSeverity(s: string): s is Severity {
  return (SEVERITIES as readonly string[]).includes(s);
}

/** The findings at `threshold` or above, and how many of each severity were hidden. */
export function applyThreshold(findings: readonly Finding[], threshold: Severity): { shown: Finding[]; hidden: Counts } {
  const shown: Finding[] = [];
  const hidden = counts();
  for (const f of findings) {
    if (rank(f.severity) >= rank(threshold)) shown.push(f);
    else hidden[f.severity]++;
  }
  return { shown, hidden };
}

export type Counts = Record<Severity, number>;

export function counts(findings: readonly Finding[] = []): Counts {
  const c: Counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 || word === 'information' ? '' : 's'}`;
}

/** `1 error, 8 warnings, 3 information`: the severities that occur, most severe first. */
export function countsText(c: Counts): string {
  return SEVERITIES.filter((s) => c[s] > 0)
    .map((s) => plural(c[s], s))
    .join(', ');
}

export interface Gate {
  /** The exit status: 1 when an error or too many warnings were found, shown or not. */
  code: 0 | 1;
  /** Why the status is 1 when the summary does not say it already (too many warnings). */
  reason?: string;
}

/**
 * The exit status counts every error and warning the analysis reports, whatever the display
 * threshold hides: `--quiet` and `--severity` change what is printed, never whether CI passes.
 */
export function gate(findings: readonly Finding[], maxWarnings: number | undefined, threshold: Severity): Gate {
  const c = counts(findings);
  const hiddenNote = (s: Severity) => (rank(s) < rank(threshold) ? ` (not shown: below --severity ${threshold})` : '');
  if (c.error > 0) return { code: 1 };
  if (maxWarnings !== undefined && c.warning > maxWarnings) return { code: 1, reason: `${plural(c.warning, 'warning')}${hiddenNote('warning')}, more than --max-warnings ${maxWarnings}` };
  return { code: 0 };
}

/**
 * The last line of the text report:
 * `2 units, 1 domain: 12 problems (1 error, 8 warnings, 3 information) · split-domain 8 warnings · ... · 4 hints hidden (--severity hint shows them) · 1 file skipped`.
 */
export function summaryLine(a: AnalysisResult, shown: readonly Finding[], hidden: Counts): string {
  const c = counts(shown);
  const total = shown.length;
  const hiddenTotal = hidden.error + hidden.warning + hidden.information + hidden.hint;
  const none = hiddenTotal ? '0 problems shown' : 'no problems';
  const head = `${plural(a.units.length, 'unit')}, ${plural(a.domains.length, 'domain')}: ${total ? `${total} problem${total === 1 ? '' : 's'} (${countsText(c)})` : none}`;
  const byRule = new Map<string, Finding[]>();
  for (const f of shown) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  const worst = (fs: Finding[]) => Math.max(...fs.map((f) => rank(f.severity)));
  const rules = [...byRule].sort(([ra, a], [rb, b]) => worst(b) - worst(a) || b.length - a.length || ra.localeCompare(rb)).map(([rule, fs]) => `${rule} ${countsText(counts(fs))}`);
  const parts = [head, ...rules];
  if (hiddenTotal) {
    const lowest = [...SEVERITIES].reverse().find((s) => hidden[s] > 0)!;
    parts.push(`${countsText(hidden)} hidden (--severity ${lowest} shows ${hiddenTotal === 1 ? 'it' : 'them'})`);
  }
  if (a.skipped.length) parts.push(`${plural(a.skipped.length, 'file')} skipped`);
  // Where pipelines are known: the estate's deployment patterns.
  if (a.pipelines.pipelines.length) parts.push(`${plural(a.pipelines.pipelines.length, 'pipeline')}: ${patternText(a.patterns) || 'no domain'}`);
  return parts.join(' · ');
}
