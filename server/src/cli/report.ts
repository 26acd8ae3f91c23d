// The command line's machine-readable contract (spec: "Command line"), and the graph.

import { AnalysisResult, LineIndex, Range, RULES_BY_ID, Workspace } from '../engine';
import type { Finding, Loc } from '../engine';
import { graphDot, graphMermaid } from '../protocol/graph-text';
import { relatedText } from '../protocol/related-text';
import { counts, summaryLine } from './summary';
import type { Counts } from './summary';

export interface JsonReport {
  version: 1;
  units: Array<{ id: string; kind: string; stackName: string; files: string[] }>;
  domains: Array<{
    name: string;
    units: string[];
    triggers: Array<{ unit: string | null; id: string; type: string; external?: true }>;
    functions: Array<{ unit: string; id: string }>;
    resources: Array<{ unit: string; id: string; type: string }>;
    /** When the workspace holds pipeline files. */
    pattern?: string;
    pipelines?: string[];
  }>;
  /** When the workspace holds pipeline files. */
  pipelines?: PipelineJson[];
  summary?: { patterns: Record<string, number> };
  diagnostics: Array<{
    rule: string;
    severity: string;
    subject: string;
    file: string;
    range: Range;
    message: string;
    fixes: Array<{ title: string; edits: Array<{ file: string; range: Range; newText: string }> }>;
  }>;
}

export class Positions {
  private readonly cache = new Map<string, LineIndex>();
  constructor(private readonly ws: Workspace) {}
  index(file: string): LineIndex {
    let i = this.cache.get(file);
    if (!i) {
      i = new LineIndex(this.ws.getText(file) ?? '');
      this.cache.set(file, i);
    }
    return i;
  }
  range(loc: Loc): Range {
    const i = this.index(loc.file);
    return { start: i.position(loc.start), end: i.position(loc.end) };
  }
}

export interface PipelineJson {
  id: string;
  kind: string;
  file: string;
  deploys: Array<{ unit: string; job: string; range: Range; file: string; stackName?: string; code: false }>;
  codeDeploys: Array<{ function: string; unit: string | null; job: string; range: Range; file: string }>;
  unmatched: Array<{ command: string; job: string; range: Range; file: string; reason: string }>;
  after: string[];
  paths: string[];
}

/** The pipelines in the spec's JSON shape; each range is in `file` (the pipeline file, or the script or Makefile holding the command). */
export function pipelinesJson(pos: Positions, a: AnalysisResult): PipelineJson[] {
  return a.pipelines.pipelines.map((p) => ({
    id: p.id,
    kind: p.kind,
    file: p.file,
    deploys: p.deploys.map((d) => ({ unit: d.unit, job: d.job, range: pos.range(d.loc), file: d.loc.file, ...(d.stackName ? { stackName: d.stackName } : {}), code: false as const })),
    codeDeploys: p.codeDeploys.map((c) => ({ function: c.function, unit: c.unit ?? null, job: c.job, range: pos.range(c.loc), file: c.loc.file })),
    unmatched: p.unmatched.map((u) => ({ command: u.command, job: u.job, range: pos.range(u.loc), file: u.loc.file, reason: u.reason })),
    after: p.after,
    paths: p.paths ? [...p.paths.include, ...p.paths.exclude.map((x) => `!${x}`)] : [],
  }));
}

/** `findings`: those at or above the threshold (default: all). */
export function jsonReport(ws: Workspace, a: AnalysisResult, findings: readonly Finding[] = a.findings): JsonReport {
  const pos = new Positions(ws);
  const withPipelines = a.pipelines.pipelines.length > 0;
  const patterns = withPipelines ? new Map(a.patterns.domains.map((d) => [d.domain, d])) : undefined;
  const report: JsonReport = {
    version: 1,
    units: a.units.map((u) => ({ id: u.id, kind: u.kind, stackName: u.stackName, files: u.files })),
    domains: a.domains.map((d) => ({
      name: d.name,
      units: d.units,
      triggers: d.triggers.map((t) => (t.external ? { unit: null, id: t.id, type: t.type, external: true as const } : { unit: t.unit!, id: t.id, type: t.type })),
      functions: d.functions.map((f) => ({ unit: f.unit, id: f.fn.id })),
      resources: d.resources.map((r) => ({ unit: r.unit, id: r.id, type: r.type })),
      ...(patterns ? { pattern: patterns.get(d.name)?.pattern ?? 'per-trigger', pipelines: patterns.get(d.name)?.pipelines ?? [] } : {}),
    })),
    diagnostics: findings.map((f) => diagnosticJson(pos, f)),
  };
  if (withPipelines) {
    report.pipelines = pipelinesJson(pos, a);
    report.summary = { patterns: { ...a.patterns.counts } };
  }
  return report;
}

function diagnosticJson(pos: Positions, f: Finding): JsonReport['diagnostics'][number] {
  return {
    rule: f.rule,
    severity: f.severity,
    subject: f.subject,
    file: f.loc.file,
    range: pos.range(f.loc),
    message: f.message,
    fixes: f.fixes.map((x) => ({
      title: x.title,
      edits: x.edits.map((e) => ({ file: e.file, range: pos.range({ file: e.file, start: e.start, end: e.end }), newText: e.newText })),
    })),
  };
}

/** One line per finding shown, the skipped files and configuration problems, then the summary line. */
export function textReport(ws: Workspace, a: AnalysisResult, findings: readonly Finding[] = a.findings, hidden: Counts = counts()): string {
  const pos = new Positions(ws);
  const lines: string[] = [];
  for (const f of findings) {
    const r = pos.range(f.loc);
    lines.push(`${f.loc.file}:${r.start.line + 1}:${r.start.character + 1}  ${f.severity}  ${f.message}  ${f.rule}`);
    // Related locations under their finding, indented, so a line-per-finding reader skips them.
    for (const x of f.related ?? []) lines.push(`    ${relatedText(x.loc.file, pos.range(x.loc).start, x.message)}`);
  }
  for (const s of a.skipped) lines.push(`${s.file}: skipped: ${s.reason}`);
  for (const p of a.configProblems) lines.push(`configuration: ${p}`);
  lines.push(summaryLine(a, findings, hidden));
  return lines.join('\n') + '\n';
}

// ---- graph ----

export interface GraphJson {
  units: Array<{ id: string; kind: string; stackName: string }>;
  domains: Array<{ name: string; units: string[]; functions: string[]; triggers: string[] }>;
  edges: Array<{ from: string; to: string; kind: string; label: string; file: string; line: number; inCycle: boolean }>;
  deployOrder: string[];
  cycles: string[][];
  /** When the workspace holds pipeline files: each pipeline, the units it deploys and the pipelines it runs after. */
  pipelines?: Array<{ id: string; kind: string; file: string; units: string[]; after: string[] }>;
}

export function graphJson(ws: Workspace, a: AnalysisResult): GraphJson {
  const pos = new Positions(ws);
  const inCycle = new Set(a.cycles.flatMap((c) => c.map((u) => u)));
  const edges = new Map<string, GraphJson['edges'][number]>();
  for (const e of a.edges) {
    const key = `${e.from}\u0000${e.to}\u0000${e.kind}`;
    if (edges.has(key)) continue;
    edges.set(key, { from: e.from, to: e.to, kind: e.kind, label: e.label, file: e.loc.file, line: pos.range(e.loc).start.line + 1, inCycle: e.kind === 'contract' && inCycle.has(e.from) && inCycle.has(e.to) });
  }
  return {
    units: a.units.map((u) => ({ id: u.id, kind: u.kind, stackName: u.stackName })),
    domains: a.domains.map((d) => ({ name: d.name, units: d.units, functions: d.functions.map((f) => `${f.unit}#${f.fn.id}`), triggers: d.triggers.map((t) => (t.unit ? `${t.unit}#${t.id}` : t.id)) })),
    edges: [...edges.values()],
    deployOrder: a.deployOrder,
    cycles: a.cycles,
    ...(a.pipelines.pipelines.length ? { pipelines: a.pipelines.pipelines.map((p) => ({ id: p.id, kind: p.kind, file: p.file, units: [...new Set(p.deploys.map((d) => d.unit))], after: p.after })) } : {}),
  };
}

export { graphDot, graphMermaid };
