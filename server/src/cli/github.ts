// `check --format github`: GitHub Actions workflow commands, one per finding, so findings show as
// annotations on the pull request's files without code scanning:
//   ::warning file=app/serverless.yml,line=7,col=9,endLine=7,endColumn=30,title=split-domain::message
// then the skipped files, configuration problems and the summary line as plain text.
// Escaping follows @actions/core (packages/core/src/command.ts): in the message `%`, CR and LF;
// in a property also `:` and `,` (which would end the value).

import { AnalysisResult, Workspace } from '../engine';
import type { Finding, Severity } from '../engine';
import { relatedText } from '../protocol/related-text';
import { Positions } from './report';
import { counts, summaryLine } from './summary';
import type { Counts } from './summary';

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::name k=v,k=v::message`, each part escaped. */
export function workflowCommand(name: string, props: Record<string, string | number | undefined>, message: string): string {
  const list = Object.entries(props)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`);
  return `::${name}${list.length ? ' ' + list.join(',') : ''}::${escapeData(message)}`;
}

/** Errors and warnings keep their level; information and hints (when --severity shows them) are notices. */
export function commandOf(s: Severity): 'error' | 'warning' | 'notice' {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'notice';
}

/**
 * `prefix`: the checked folder relative to where the workflow runs (the repository root), so that
 * an annotation's file is the repository's path (`infra/app/serverless.yml` for `check infra`).
 */
export function githubReport(ws: Workspace, a: AnalysisResult, findings: readonly Finding[] = a.findings, hidden: Counts = counts(), prefix = ''): string {
  const pos = new Positions(ws);
  const file = (f: string) => (prefix && prefix !== '.' ? `${prefix.replace(/\\/g, '/').replace(/\/+$/, '')}/${f}` : f);
  const lines: string[] = [];
  for (const f of findings) {
    const r = pos.range(f.loc);
    // Related locations go under the message, on lines of their own (an annotation shows them).
    const related = (f.related ?? []).map((x) => relatedText(x.loc.file, pos.range(x.loc).start, x.message));
    lines.push(
      workflowCommand(
        commandOf(f.severity),
        { file: file(f.loc.file), line: r.start.line + 1, col: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1, title: f.rule },
        [f.message, ...related].join('\n'),
      ),
    );
  }
  for (const s of a.skipped) lines.push(workflowCommand('notice', { file: file(s.file), title: 'skipped' }, `skipped: ${s.reason}`));
  for (const p of a.configProblems) lines.push(workflowCommand('warning', { title: 'configuration' }, p));
  lines.push(summaryLine(a, findings, hidden));
  return lines.join('\n') + '\n';
}
