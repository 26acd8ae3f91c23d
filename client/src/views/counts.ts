// Findings counted by severity: from VS Code's diagnostics (what Problems shows), in words for
// tooltips, in a compact form for tree descriptions, and as a view badge. Errors and warnings are
// what needs action; information and hints are shown apart and never counted as warnings.

import * as vscode from 'vscode';
import type { SeverityCounts } from '../../../server/src/protocol/ext';

const ORDER: Array<keyof SeverityCounts> = ['error', 'warning', 'information', 'hint'];

export const SOURCE = 'serverless-domains';

const SEVERITY: Record<vscode.DiagnosticSeverity, keyof SeverityCounts> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'information',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

export function noCounts(): SeverityCounts {
  return { error: 0, warning: 0, information: 0, hint: 0 };
}

export function total(c: SeverityCounts | undefined): number {
  return c ? c.error + c.warning + c.information + c.hint : 0;
}

/** Serverless Domains' diagnostics (optionally only those `keep` accepts) counted by severity. */
export function countDiagnostics(diags: readonly vscode.Diagnostic[], keep: (d: vscode.Diagnostic) => boolean = () => true): SeverityCounts {
  const c = noCounts();
  for (const d of diags) if (d.source === SOURCE && keep(d)) c[SEVERITY[d.severity]]++;
  return c;
}

/** The diagnostics of a set of workspace files (URIs as strings), by severity. */
export function countInFiles(uris: Iterable<string>): SeverityCounts {
  const c = noCounts();
  for (const u of uris) {
    const n = countDiagnostics(vscode.languages.getDiagnostics(vscode.Uri.parse(u)));
    for (const s of ORDER) c[s] += n[s];
  }
  return c;
}

/** The rule of a diagnostic (its code). */
export function ruleOf(d: vscode.Diagnostic): string {
  return String(typeof d.code === 'object' && d.code ? d.code.value : (d.code ?? ''));
}

export function severityOf(d: vscode.Diagnostic): keyof SeverityCounts {
  return SEVERITY[d.severity];
}

/** `2 errors, 3 warnings, 1 information`: the severities that occur, most severe first ('' for none). */
export function severityText(c: SeverityCounts | undefined): string {
  if (!c) return '';
  return ORDER.filter((s) => c[s] > 0)
    .map((s) => `${c[s]} ${s}${c[s] === 1 || s === 'information' ? '' : 's'}`)
    .join(', ');
}

/**
 * For a tree description, short enough for a narrow sidebar: `✖ 1 ⚠ 2` for errors and warnings,
 * then information and hints apart in words (`· 1 info, 2 hints`). '' for none.
 */
export function severityShort(c: SeverityCounts | undefined): string {
  if (!c) return '';
  const action = [c.error ? `✖ ${c.error}` : '', c.warning ? `⚠ ${c.warning}` : ''].filter(Boolean).join(' ');
  const quiet = [c.information ? `${c.information} info` : '', c.hint ? `${c.hint} hint${c.hint === 1 ? '' : 's'}` : ''].filter(Boolean).join(', ');
  return [action, quiet].filter(Boolean).join(' · ');
}

/** The badge of the Domains view: errors and warnings (what needs action), with every count in its tooltip. */
export function severityBadge(c: SeverityCounts): { value: number; tooltip: string } | undefined {
  const value = c.error + c.warning;
  if (!value) return undefined;
  return { value, tooltip: `Serverless Domains: ${severityText(c)}` };
}

/**
 * What "Check Workspace" says: every finding counted by severity, then by rule, most severe
 * rules first (`Serverless Domains: 3 findings in 4 units (1 error, 2 warnings). broken-reference: 1 error; split-domain: 2 warnings.`).
 */
export function checkSummary(diags: readonly vscode.Diagnostic[], units: number): string {
  const all = noCounts();
  const byRule = new Map<string, SeverityCounts>();
  for (const d of diags) {
    if (d.source !== SOURCE) continue;
    const s = severityOf(d);
    all[s]++;
    const c = byRule.get(ruleOf(d)) ?? noCounts();
    c[s]++;
    byRule.set(ruleOf(d), c);
  }
  const head = `Serverless Domains: ${units} unit${units === 1 ? '' : 's'}`;
  const n = total(all);
  if (!n) return `${head}, no findings.`;
  const rank = (c: SeverityCounts) => [c.error, c.warning, c.information, c.hint];
  const rules = [...byRule].sort(([a, x], [b, y]) => {
    const rx = rank(x);
    const ry = rank(y);
    for (let i = 0; i < 4; i++) if (rx[i] !== ry[i]) return ry[i] - rx[i];
    return a.localeCompare(b);
  });
  return `${head}, ${n} finding${n === 1 ? '' : 's'} (${severityText(all)}). ${rules.map(([r, c]) => `${r}: ${severityText(c)}`).join('; ')}.`;
}
