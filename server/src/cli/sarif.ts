// `check --format sarif`: SARIF 2.1.0 for GitHub code scanning. Each result's partialFingerprints
// come from the finding's identity (rule, unit, subject, file; never a line), so code scanning
// tracks a finding across commits that move it. With a baseline, each result says whether it is
// `new` or `unchanged`, and each stale baseline entry is an `absent` result.

import { createHash } from 'crypto';
import { AnalysisResult, identityKey, identityOf, RULES_BY_ID, unitOfFile, Workspace } from '../engine';
import type { Finding, FindingIdentity, Loc } from '../engine';
import type { Log, Result } from 'sarif';
import { pipelinesJson, Positions } from './report';
import { RULE_HELP } from './rule-help';

/** The fingerprint's name in partialFingerprints; a new version if its computation ever changes. */
export const FINGERPRINT = 'serverlessDomains/v1';

/** What a baseline comparison (server/src/engine/baseline.ts) tells SARIF. */
export interface SarifBaseline {
  /** Findings the baseline accepts (compared by object identity). */
  known: readonly Finding[];
  /** Baseline entries no finding matches any more; `count` of them when the entry had several. */
  stale: ReadonlyArray<FindingIdentity & { count?: number }>;
}

/** Tags per rule (`properties.tags`): what kind of problem it is. Every rule also has `serverless`. */
const TAGS: Record<string, string[]> = {
  'split-domain': ['architecture', 'coupling'],
  'lambda-placeholder': ['architecture', 'deployment'],
  'hardcoded-reference': ['coupling', 'maintainability'],
  'broken-reference': ['correctness'],
  'unresolved-import': ['correctness', 'deployment'],
  'deploy-cycle': ['architecture', 'deployment'],
  'monolith-unit': ['architecture', 'maintainability'],
  'orphan-function': ['maintainability'],
  'unused-export': ['maintainability'],
  'syntax-error': ['correctness'],
  'unresolved-include': ['correctness'],
  'pipeline-order': ['ci', 'deployment'],
  'pipeline-paths': ['ci', 'deployment'],
};

export function fingerprint(key: string, occurrence: number): string {
  return createHash('sha256').update(`${key}#${occurrence}`).digest('hex');
}

/** A workspace-relative path as a URI reference (`#` and `?` would otherwise start a fragment or a query). */
function fileUri(file: string): string {
  return encodeURI(file).replace(/#/g, '%23').replace(/\?/g, '%3F');
}

export function sarifReport(ws: Workspace, a: AnalysisResult, version: string, findings: readonly Finding[] = a.findings, baseline?: SarifBaseline): Log {
  const pos = new Positions(ws);
  const rules = [...RULES_BY_ID.values()];
  const unitOf = unitOfFile(a.units);
  const known = new Set(baseline?.known ?? []);
  const level = (s: string): 'error' | 'warning' | 'note' => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');
  const region = (loc: Loc) => {
    const r = pos.range(loc);
    return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
  };
  const artifact = (file: string) => ({ uri: fileUri(file), uriBaseId: '%SRCROOT%' });
  // The n-th finding of one identity (in report order) gets occurrence n.
  const seen = new Map<string, number>();
  const occurrence = (key: string) => {
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return n;
  };
  const results: Result[] = findings.map((f) => {
    const key = identityKey(identityOf(f, unitOf));
    return {
      ruleId: f.rule,
      ruleIndex: rules.findIndex((r) => r.id === f.rule),
      level: level(f.severity),
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: artifact(f.loc.file), region: region(f.loc) } }],
      relatedLocations: (f.related ?? []).map((r, i) => ({ id: i, message: { text: r.message }, physicalLocation: { artifactLocation: artifact(r.loc.file), region: region(r.loc) } })),
      partialFingerprints: { [FINGERPRINT]: fingerprint(key, occurrence(key)) },
      ...(baseline ? { baselineState: known.has(f) ? ('unchanged' as const) : ('new' as const) } : {}),
      fixes: f.fixes.map((x) => ({
        description: { text: x.title },
        artifactChanges: groupByFile(x.edits).map(([file, edits]) => ({
          artifactLocation: artifact(file),
          replacements: edits.map((e) => ({ deletedRegion: region({ file: e.file, start: e.start, end: e.end }), insertedContent: { text: e.newText } })),
        })),
      })),
    };
  });
  // A stale entry: the finding the baseline accepted is gone. Its file may be gone too, so no region.
  for (const s of baseline?.stale ?? []) {
    const key = identityKey(s);
    const count = s.count ?? 1;
    for (let i = 0; i < count; i++) {
      results.push({
        ruleId: s.rule,
        ruleIndex: rules.findIndex((r) => r.id === s.rule),
        level: 'none',
        kind: 'pass',
        message: { text: `No longer found (a stale baseline entry): ${s.rule} on ${s.subject} in ${s.file}.` },
        locations: [{ physicalLocation: { artifactLocation: artifact(s.file) } }],
        partialFingerprints: { [FINGERPRINT]: fingerprint(key, occurrence(key)) },
        baselineState: 'absent',
      });
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'serverless-domains',
            version,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: r.description.split(/(?<=\.)\s/)[0] },
              fullDescription: { text: r.description },
              // The rule's section of docs/rules.md. No helpUri: the docs have no stable public URL.
              help: RULE_HELP[r.id] ?? { text: r.description },
              defaultConfiguration: { level: level(r.defaultSeverity) },
              properties: { tags: ['serverless', ...(TAGS[r.id] ?? [])] },
            })),
          },
        },
        results,
        // Where pipelines are known: what each deploys and every domain's pattern (the JSON's shapes).
        ...(a.pipelines.pipelines.length ? { properties: { pipelines: pipelinesJson(pos, a), patterns: a.patterns.domains.map((d) => ({ domain: d.domain, pattern: d.pattern, pipelines: d.pipelines })), summary: { patterns: { ...a.patterns.counts } } } } : {}),
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: a.skipped.map((s) => ({ level: 'note', message: { text: `skipped: ${s.reason}` }, locations: [{ physicalLocation: { artifactLocation: artifact(s.file) } }] })) }],
      },
    ],
  };
}

function groupByFile<T extends { file: string }>(edits: T[]): Array<[string, T[]]> {
  const m = new Map<string, T[]>();
  for (const e of edits) m.set(e.file, [...(m.get(e.file) ?? []), e]);
  return [...m];
}
