// The four deployment patterns: every domain classified by the pipelines that deploy its units
// (spec: "Patterns", first match wins), and the estate's summary. A unit no pipeline deploys is
// its own implicit pipeline (`unit:ID`), as when the workspace has no pipeline files.

import type { Domain } from './link-types';
import type { PipelineLink } from './pipeline/link';

export type Pattern = 'infra-apart' | 'per-function' | 'monolith' | 'per-trigger';

export const PATTERNS: readonly Pattern[] = ['per-trigger', 'infra-apart', 'per-function', 'monolith'];

export const PATTERN_WORDS: Record<Pattern, string> = {
  'per-trigger': 'per trigger',
  'infra-apart': 'infrastructure apart from application',
  'per-function': 'per function',
  monolith: 'monolith',
};

export interface DomainPattern {
  domain: string;
  pattern: Pattern;
  /** The pipelines that deploy the domain's units (and ship its functions' code), implicit ones as `unit:ID`. */
  pipelines: string[];
  /** Why, in a few words ("`.github/workflows/app.yml` ships code into platform/template.yaml"). */
  why: string;
}

export interface PatternSummary {
  domains: DomainPattern[];
  counts: Record<Pattern, number>;
  /** The pipelines behind each pattern. */
  pipelines: Record<Pattern, string[]>;
}

export function classifyDomains(domains: readonly Domain[], link: PipelineLink, monolithThreshold: number): PatternSummary {
  const deployers = (unit: string): string[] => {
    const ds = link.deploysOf.get(unit);
    return ds?.length ? [...new Set(ds.map((d) => d.pipeline))].sort() : [`unit:${unit}`];
  };
  // Domains with a trigger, per pipeline: how many each deploys.
  const perPipeline = new Map<string, Set<string>>();
  for (const d of domains) {
    if (!d.triggers.some((t) => !t.external)) continue;
    for (const u of d.units) for (const p of deployers(u)) perPipeline.set(p, (perPipeline.get(p) ?? new Set()).add(d.name));
  }
  // Functions by physical name, to see code shipped by a unit that defines the same function.
  const twins = new Map<string, string[]>();
  for (const d of domains)
    for (const f of d.functions) {
      const name = f.fn.physicalName;
      if (name && !/[*$]/.test(name)) twins.set(name, [...new Set([...(twins.get(name) ?? []), f.unit])]);
    }
  const out: PatternSummary = { domains: [], counts: { 'per-trigger': 0, 'infra-apart': 0, 'per-function': 0, monolith: 0 }, pipelines: { 'per-trigger': [], 'infra-apart': [], 'per-function': [], monolith: [] } };
  for (const d of domains) {
    const fnUnits = [...new Set(d.functions.map((f) => f.unit))];
    const trUnits = [...new Set(d.triggers.filter((t) => !t.external && t.unit).map((t) => t.unit!))];
    const pipelines = new Set<string>();
    for (const u of d.units) for (const p of deployers(u)) pipelines.add(p);
    let pattern: Pattern | undefined;
    let why = '';
    // (2) Infrastructure apart from the application: another pipeline ships the functions' code.
    for (const f of d.functions) {
      const own = deployers(f.unit);
      const code = (link.codeDeploysOf.get(`${f.unit}#${f.fn.id}`) ?? []).filter((c) => !own.includes(c.pipeline));
      // A unit defining the same function counts only where this one is a placeholder (copies of a sample are not that).
      const placeholder = !!(f.fn.placeholder ?? f.fn.stubCode);
      const twinUnits = placeholder && f.fn.physicalName ? (twins.get(f.fn.physicalName) ?? []).filter((u) => u !== f.unit && deployers(u).some((p) => !own.includes(p))) : [];
      if (code.length) {
        pattern = 'infra-apart';
        for (const c of code) pipelines.add(c.pipeline);
        why = `${code[0].pipeline.replace(/#.*$/, '')} ships code into ${f.unit}`;
        break;
      }
      if (twinUnits.length) {
        pattern = 'infra-apart';
        for (const u of twinUnits) for (const p of deployers(u)) pipelines.add(p);
        why = `${twinUnits[0]} deploys the code of ${f.fn.physicalName}, defined in ${f.unit}`;
        break;
      }
    }
    // (3) Per function: the triggers and the functions are deployed by different pipelines.
    if (!pattern && trUnits.length && fnUnits.length) {
      const split = fnUnits.some((fu) => trUnits.some((tu) => !deployers(fu).some((p) => deployers(tu).includes(p))));
      if (split) {
        pattern = 'per-function';
        why = `its trigger and its functions deploy apart`;
      }
    }
    // (1) Monolith: the pipeline deploying the domain deploys as many domains as the threshold or more.
    if (!pattern) {
      const big = [...pipelines].find((p) => (perPipeline.get(p)?.size ?? 0) >= monolithThreshold);
      if (big) {
        pattern = 'monolith';
        why = `${big.replace(/^unit:/, '')} deploys ${perPipeline.get(big)!.size} domains`;
      }
    }
    if (!pattern) pattern = 'per-trigger';
    const list = [...pipelines].sort();
    out.domains.push({ domain: d.name, pattern, pipelines: list, why });
    out.counts[pattern]++;
    for (const p of list) if (!out.pipelines[pattern].includes(p)) out.pipelines[pattern].push(p);
  }
  return out;
}

/** "4 domains per trigger, 2 infrastructure apart from application (`.github/workflows/release.yml` ships code into platform/template.yaml)". */
export function patternText(s: PatternSummary): string {
  const parts: string[] = [];
  for (const p of PATTERNS) {
    const n = s.counts[p];
    if (!n) continue;
    const example = s.domains.find((d) => d.pattern === p && d.why)?.why;
    parts.push(`${n} domain${n === 1 ? '' : 's'} ${PATTERN_WORDS[p]}${example && p !== 'per-trigger' ? ` (${example})` : ''}`);
  }
  return parts.join(', ');
}
