// Findings counted by severity, in words for tree descriptions and as a view badge.

import type { SeverityCounts } from '../../../server/src/protocol/ext';

const ORDER: Array<keyof SeverityCounts> = ['error', 'warning', 'information', 'hint'];

/** `2 errors, 3 warnings, 1 information`: the severities that occur, most severe first ('' for none). */
export function severityText(c: SeverityCounts | undefined): string {
  if (!c) return '';
  return ORDER.filter((s) => c[s] > 0)
    .map((s) => `${c[s]} ${s}${c[s] === 1 || s === 'information' ? '' : 's'}`)
    .join(', ');
}

/** The badge of the Domains view: errors and warnings (what needs action), with every count in its tooltip. */
export function severityBadge(c: SeverityCounts): { value: number; tooltip: string } | undefined {
  const value = c.error + c.warning;
  if (!value) return undefined;
  return { value, tooltip: `Serverless Domains: ${severityText(c)}` };
}
