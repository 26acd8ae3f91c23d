// The precision ledger: findings drawn from the shared corpus with a fixed seed and judged by
// reading the files (`true`, `false` or `noise`, with a one-line reason), kept in
// test/corpus/labels.json. `npm run test:corpus` compares every run with it:
//
// - a finding labelled `true` that no longer comes out is a regression (it may have moved:
//   then label it again);
// - a finding labelled `false` or `noise` that went away is recorded as `fixed` by
//   `npm run test:corpus -- --update-ledger`; once fixed, its coming back is a regression;
// - precision per rule is printed for every sample: at the draw, and now.
//
// A finding is known by repository, file, 1-based line, rule and subject: not by its message
// or severity, which may be reworded or reconfigured without changing the claim.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineIndex, Workspace } from '../../server/src/engine';
import { mulberry32 as random } from '../bench/generate';

export type Verdict = 'true' | 'false' | 'noise';

export interface CorpusFinding {
  key: string;
  repo: string;
  file: string;
  line: number;
  rule: string;
  subject: string;
  severity: string;
  message: string;
  related: string[];
}

export interface Label {
  key: string;
  sample: number;
  rule: string;
  severity: string;
  message: string;
  verdict: Verdict | null;
  reason: string;
  /** For a false or noise finding: it no longer comes out (since the engine was fixed). */
  fixed?: boolean;
  /** For a true finding the analysis no longer reports on purpose: why (a policy written in the docs). */
  retired?: string;
}

export interface Ledger {
  samples: Array<{ seed: number; drawn: string; size: number; note: string }>;
  labels: Label[];
}

export const LEDGER_FILE = path.resolve(__dirname, '../../../test/corpus/labels.json');

export function keyOf(repo: string, file: string, line: number, rule: string, subject: string): string {
  return `${repo}/${file}:${line}|${rule}|${subject}`;
}

/** The findings of one repository analysed as its own workspace, as the ledger knows them. */
export function ledgerFindings(repo: string, ws: Workspace, findings: ReturnType<Workspace['analyze']>['findings']): CorpusFinding[] {
  const indexes = new Map<string, LineIndex>();
  const posOf = (file: string, offset: number) => {
    let ix = indexes.get(file);
    if (!ix) indexes.set(file, (ix = new LineIndex(ws.getText(file) ?? '')));
    return ix.position(offset);
  };
  return findings.map((f) => {
    const line = posOf(f.loc.file, f.loc.start).line + 1;
    return {
      key: keyOf(repo, f.loc.file, line, f.rule, f.subject),
      repo,
      file: f.loc.file,
      line,
      rule: f.rule,
      subject: f.subject,
      severity: f.severity,
      message: f.message,
      related: (f.related ?? []).map((r) => `${r.loc.file}:${posOf(r.loc.file, r.loc.start).line + 1} ${r.message}`),
    };
  });
}

export function readLedger(file = LEDGER_FILE): Ledger {
  if (!fs.existsSync(file)) return { samples: [], labels: [] };
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Ledger;
}

export function writeLedger(ledger: Ledger, file = LEDGER_FILE): void {
  fs.writeFileSync(file, JSON.stringify(ledger, null, 1) + '\n');
}


/**
 * Draws `size` findings spread over rules and repositories: each rule gets an equal share
 * (what a rule cannot fill goes to the others), and within a rule the repositories take
 * turns in a shuffled order, one finding each, so no repository dominates a rule.
 */
export function drawSample(all: CorpusFinding[], seed: number, size: number, exclude: Set<string>): CorpusFinding[] {
  const rnd = random(seed);
  const shuffle = <T>(xs: T[]): T[] => {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };
  const seen = new Set<string>();
  const byRule = new Map<string, Map<string, CorpusFinding[]>>();
  for (const f of [...all].sort((a, b) => (a.key < b.key ? -1 : 1))) {
    if (exclude.has(f.key) || seen.has(f.key)) continue;
    seen.add(f.key);
    let repos = byRule.get(f.rule);
    if (!repos) byRule.set(f.rule, (repos = new Map()));
    let list = repos.get(f.repo);
    if (!list) repos.set(f.repo, (list = []));
    list.push(f);
  }
  // Each rule's draw order: repositories in turn.
  const orders = new Map<string, CorpusFinding[]>();
  for (const rule of [...byRule.keys()].sort()) {
    const repos = byRule.get(rule)!;
    const queues = shuffle([...repos.keys()].sort()).map((r) => shuffle(repos.get(r)!));
    const order: CorpusFinding[] = [];
    for (let round = 0; queues.some((q) => round < q.length); round++) {
      for (const q of queues) if (round < q.length) order.push(q[round]);
    }
    orders.set(rule, order);
  }
  const taken = new Map<string, number>([...orders.keys()].map((r) => [r, 0]));
  const out: CorpusFinding[] = [];
  while (out.length < size) {
    const open = [...orders.keys()].filter((r) => taken.get(r)! < orders.get(r)!.length);
    if (!open.length) break;
    // The rule with the fewest taken so far goes next (ties by name): equal shares.
    open.sort((a, b) => taken.get(a)! - taken.get(b)! || (a < b ? -1 : 1));
    const rule = open[0];
    out.push(orders.get(rule)![taken.get(rule)!]);
    taken.set(rule, taken.get(rule)! + 1);
  }
  return out;
}

export interface LedgerReport {
  lines: string[];
  regressions: string[];
  newlyFixed: Label[];
  /** Labels whose finding now stands on another line of the same file (same rule and subject): new key. */
  moved: Array<{ label: Label; key: string }>;
}

/** The key without its line: repository, file, rule and subject. */
function place(key: string): string {
  const bar = key.indexOf('|');
  return key.slice(0, key.lastIndexOf(':', bar)) + key.slice(bar);
}

const WORTH = (v: Verdict | null) => v === 'true';

/** Compares a run's findings with the ledger: regressions, newly fixed labels, precision per rule. */
export function compare(ledger: Ledger, now: Map<string, CorpusFinding>, skipped: Map<string, string> = new Map()): LedgerReport {
  const lines: string[] = [];
  const regressions: string[] = [];
  const newlyFixed: Label[] = [];
  const moved: LedgerReport['moved'] = [];
  const labelled = new Set(ledger.labels.map((l) => l.key));
  const byPlace = new Map<string, string[]>();
  for (const k of now.keys()) if (!labelled.has(k)) byPlace.set(place(k), [...(byPlace.get(place(k)) ?? []), k]);
  for (const l of ledger.labels) {
    if (!l.verdict) continue;
    let present = now.has(l.key);
    const skip = skipped.get(l.key.slice(0, l.key.lastIndexOf(':', l.key.indexOf('|'))));
    const elsewhere = byPlace.get(place(l.key));
    if (!present && elsewhere?.length === 1) {
      moved.push({ label: l, key: elsewhere[0] });
      present = true;
    }
    if (l.verdict === 'true' && !present && l.retired) lines.push(`retired: ${l.key} (${l.retired})`);
    else if (l.verdict === 'true' && !present && skip) lines.push(`out of scope: ${l.key} (its file is now skipped: ${skip})`);
    else if (l.verdict === 'true' && !present) regressions.push(`a true finding is gone: ${l.key} (${l.message})`);
    if (l.verdict !== 'true' && present && l.fixed) regressions.push(`a ${l.verdict} finding came back: ${l.key} (${l.reason})`);
    if (l.verdict !== 'true' && !present && !l.fixed) newlyFixed.push(l);
  }
  for (const [i, s] of ledger.samples.entries()) {
    const labels = ledger.labels.filter((l) => l.sample === i + 1 && l.verdict);
    if (!labels.length) continue;
    lines.push(`precision, sample ${i + 1} (seed ${s.seed}, ${labels.length} judged, drawn ${s.drawn}): at the draw -> now (findings still reported)`);
    const rules = [...new Set(labels.map((l) => l.rule))].sort();
    const movedTo = new Map(moved.map((m) => [m.label.key, m.key]));
    const has = (l: Label) => now.has(l.key) || movedTo.has(l.key);
    const row = (name: string, ls: Label[]) => {
      const at = ls.filter((l) => WORTH(l.verdict)).length;
      const still = ls.filter(has);
      const t = still.filter((l) => WORTH(l.verdict)).length;
      const f = still.filter((l) => l.verdict === 'false').length;
      const n = still.filter((l) => l.verdict === 'noise').length;
      const pct = (a: number, b: number) => (b ? `${Math.round((100 * a) / b)}%` : '-');
      lines.push(`  ${name.padEnd(22)} ${pct(at, ls.length).padStart(4)} of ${String(ls.length).padStart(3)}  ->  ${pct(t, still.length).padStart(4)} of ${String(still.length).padStart(3)} (true ${t}, false ${f}, noise ${n})`);
    };
    for (const r of rules) row(r, labels.filter((l) => l.rule === r));
    const sev = (l: Label) => now.get(movedTo.get(l.key) ?? l.key)?.severity ?? l.severity;
    row('errors and warnings', labels.filter((l) => sev(l) === 'error' || sev(l) === 'warning'));
    row('information', labels.filter((l) => sev(l) === 'information'));
    row('all', labels);
  }
  return { lines, regressions, newlyFixed, moved };
}
