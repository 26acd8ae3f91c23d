// Terraform analysis figures on the corpus `.tf` files: a workspace per repository holding
// that repository's `.tf` files (those the loader reads), analysed cold (new workspaces, each
// file parsed once and its tree freed), against `parseHcl` alone (tree-sitter and conversion
// to the engine's model, cold per file) of the same files in the same process. Target: the
// analysis takes at most 1.5 times the parse. Prints JSON; `npm run bench` runs it in its own
// process.
//
// `--first parse|analysis` (default analysis) chooses what runs first in the process: the
// first run of each pays for loading and JIT warm-up, so the warm figures (each warmed once,
// then the median of 5 interleaved runs, wall and CPU time) are the ones compared.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workspace } from '../../server/src/engine';
import type { HclTreeSitter } from '../../server/src/engine/terraform/cst';
import { HclParser, parseHcl } from '../../server/src/engine/terraform/hcl-parser';
import { loadHclTreeSitter } from '../../server/src/node/hcl';
import { loadWorkspace } from '../../server/src/node/load';
import { corpusDir } from '../corpus/dir';

const TF = /\.tf$/;

function time(f: () => void): number {
  const s = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - s) / 1e6;
}

/** Wall and CPU milliseconds of one run (CPU time is less disturbed by other processes on a busy machine). */
function timeBoth(f: () => void): { wall: number; cpu: number } {
  const c = process.cpuUsage();
  const wall = time(f);
  const d = process.cpuUsage(c);
  return { wall, cpu: (d.user + d.system) / 1000 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** Each repository's `.tf` files as the loader reads them (pruned folders, default excludes). */
export function terraformRepos(dir: string): Array<{ repo: string; files: Map<string, string> }> {
  const out: Array<{ repo: string; files: Map<string, string> }> = [];
  for (const d of fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    const ws = loadWorkspace(path.join(dir, d)).workspace;
    const files = new Map(ws.paths().filter((p) => TF.test(p)).map((p) => [p, ws.getText(p)!]));
    if (files.size) out.push({ repo: d, files });
  }
  return out;
}

function analyseAll(ts: HclTreeSitter, repos: Array<{ repo: string; files: Map<string, string> }>) {
  let units = 0;
  let findings = 0;
  let domains = 0;
  for (const r of repos) {
    const ws = new Workspace({ rootName: r.repo, hcl: new HclParser(ts) });
    for (const [p, t] of r.files) ws.setFile(p, t);
    const a = ws.analyze();
    units += a.units.filter((u) => u.kind === 'terraform').length;
    findings += a.findings.length;
    domains += a.domains.length;
  }
  return { units, findings, domains };
}

function parseAll(ts: HclTreeSitter, repos: Array<{ repo: string; files: Map<string, string> }>): void {
  for (const r of repos) for (const [p, t] of r.files) parseHcl(ts, p, t);
}

export async function tfBench(first: 'parse' | 'analysis' = 'analysis') {
  const dir = corpusDir();
  if (!dir) return { skipped: '../shared/corpus is not there' };
  const ts = await loadHclTreeSitter();
  const repos = terraformRepos(dir);
  let files = 0;
  let bytes = 0;
  for (const r of repos) for (const t of r.files.values()) {
    files++;
    bytes += t.length;
  }
  const parse = () => parseAll(ts, repos);
  let counts = { units: 0, findings: 0, domains: 0 };
  const analyse = () => {
    counts = analyseAll(ts, repos);
  };
  // The first run in the process, of whichever goes first.
  const firstMs = time(first === 'parse' ? parse : analyse);
  const secondMs = time(first === 'parse' ? analyse : parse);
  // Interleaved, so that a change of load on the machine falls on both alike.
  const p: Array<{ wall: number; cpu: number }> = [];
  const a: Array<{ wall: number; cpu: number }> = [];
  for (let i = 0; i < 5; i++) {
    p.push(timeBoth(parse));
    a.push(timeBoth(analyse));
  }
  const parseMs = median(p.map((x) => x.wall));
  const analysisMs = median(a.map((x) => x.wall));
  const parseCpuMs = median(p.map((x) => x.cpu));
  const analysisCpuMs = median(a.map((x) => x.cpu));
  return {
    repositories: repos.length,
    files,
    bytes,
    units: counts.units,
    findings: counts.findings,
    domains: counts.domains,
    firstInProcess: { [first]: Math.round(firstMs), [first === 'parse' ? 'analysis' : 'parse']: Math.round(secondMs) },
    parseHclMs: Math.round(parseMs),
    analysisMs: Math.round(analysisMs),
    ratio: Number((analysisMs / parseMs).toFixed(2)),
    parseHclCpuMs: Math.round(parseCpuMs),
    analysisCpuMs: Math.round(analysisCpuMs),
    cpuRatio: Number((analysisCpuMs / parseCpuMs).toFixed(2)),
  };
}

if (require.main === module) {
  const i = process.argv.indexOf('--first');
  const first = i === -1 ? 'analysis' : (process.argv[i + 1] as 'parse' | 'analysis');
  void tfBench(first).then((r) => process.stdout.write(JSON.stringify({ terraform: r })));
}
