// `npm run bench`: prints JSON figures. Each scenario runs in its own process so that its
// peak memory is its own. Figures, not assertions: the tests check behaviour, this measures.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { Workspace } from '../../server/src/engine';
import { YAML_OPTIONS } from '../../server/src/engine/parse';
import { loadWorkspace } from '../../server/src/node/load';
import { corpusDir } from '../corpus/dir';
import { generateBigTemplate, generateEstate } from './generate';

interface Figures {
  scenario: string;
  units?: number;
  files: number;
  bytes: number;
  /** The first analysis in a fresh process. */
  analysisColdMs: number;
  /** Full analyses (new workspaces), to compare with the warmed-up bare parse: the median of interleaved runs. */
  analysisMs: number;
  bareParseMs: number;
  ratio: number;
  peakRssMb: number;
  heapUsedMb: number;
  findings: number;
  domains: number;
  /** Pipelines read (their files are among `files`, parsed by the bare parse too) and deploys matched to units. */
  pipelines: number;
  deploysMatched: number;
  reanalyseOneFileMs?: number;
}

/** Interleaved timed runs of the bare parse and the analysis (SD_BENCH_RUNS, default 5). */
const RUNS = Math.max(1, Number(process.env.SD_BENCH_RUNS) || 5);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function time<T>(f: () => T): [T, number] {
  const s = process.hrtime.bigint();
  const r = f();
  return [r, Number(process.hrtime.bigint() - s) / 1e6];
}

/** Analyses each repository in a workspace of its own; `keep`: the workspaces are returned (else each is dropped once analysed, as a run over many repositories would). */
function analyseAll(repos: Array<Map<string, string>>, keep = false) {
  let findings = 0;
  let domains = 0;
  let pipelines = 0;
  let deploysMatched = 0;
  const spaces: Workspace[] = [];
  for (const r of repos) {
    const ws = new Workspace({ rootName: 'bench' });
    for (const [p, t] of r) ws.setFile(p, t);
    const a = ws.analyze();
    findings += a.findings.length;
    domains += a.domains.length;
    pipelines += a.pipelines.pipelines.length;
    for (const p of a.pipelines.pipelines) deploysMatched += p.deploys.length;
    if (keep) spaces.push(ws);
  }
  return { findings, domains, pipelines, deploysMatched, spaces };
}

function measure(scenario: string, repos: Array<Map<string, string>>, units?: number): Figures {
  let bytes = 0;
  let files = 0;
  for (const r of repos) for (const t of r.values()) {
    bytes += t.length;
    files++;
  }
  // 1. A cold analysis in a fresh process: its time and the memory it takes.
  const [cold, analysisColdMs] = time(() => analyseAll(repos, repos.length === 1));
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  (globalThis as { gc?: () => void }).gc?.();
  const heapUsedMb = Math.round(process.memoryUsage().heapUsed / 1048576);
  // 2. One edit, re-analysed (the other files are not parsed again).
  let reanalyseOneFileMs: number | undefined;
  if (repos.length === 1) {
    const ws = cold.spaces[0];
    const target = [...repos[0].keys()].find((p) => p.endsWith('serverless.yml')) ?? [...repos[0].keys()][0];
    ws.setFile(target, repos[0].get(target)! + '\n# edited\n');
    [, reanalyseOneFileMs] = time(() => ws.analyze());
  }
  cold.spaces.length = 0;
  // 3. Like with like: the bare yaml parse and the analysis, both warmed up once.
  const parseAll = () => {
    for (const r of repos) for (const [p, t] of r) if (/\.(ya?ml|json|template)$/i.test(p)) parseDocument(t, YAML_OPTIONS);
  };
  parseAll();
  // Interleaved runs, the median of each: one run on a busy machine says little.
  const bare: number[] = [];
  const analysed: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    bare.push(time(parseAll)[1]);
    analysed.push(time(() => analyseAll(repos))[1]);
  }
  const bareParseMs = median(bare);
  const analysisMs = median(analysed);
  return {
    scenario,
    units,
    files,
    bytes,
    analysisColdMs: Math.round(analysisColdMs),
    analysisMs: Math.round(analysisMs),
    bareParseMs: Math.round(bareParseMs),
    ratio: Number((analysisMs / bareParseMs).toFixed(2)),
    peakRssMb,
    heapUsedMb,
    findings: cold.findings,
    domains: cold.domains,
    pipelines: cold.pipelines,
    deploysMatched: cold.deploysMatched,
    reanalyseOneFileMs: reanalyseOneFileMs === undefined ? undefined : Math.round(reanalyseOneFileMs),
  };
}

function corpusRepos(): Array<Map<string, string>> | undefined {
  const dir = corpusDir();
  if (!dir) return undefined;
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const ws = loadWorkspace(path.join(dir, d.name)).workspace;
      return new Map(ws.paths().map((p) => [p, ws.getText(p)!]));
    });
}

function runScenario(name: string): Figures | { scenario: string; skipped: string } {
  if (name === 'corpus') {
    const repos = corpusRepos();
    if (!repos) return { scenario: 'corpus', skipped: '../shared/corpus is not there' };
    return measure('corpus', repos);
  }
  if (name === 'big-template') return measure(name, [new Map([['big/template.yaml', generateBigTemplate(990_000)]])], 1);
  const units = Number(name.replace('generated-', ''));
  return measure(name, [generateEstate(units)], units);
}

if (process.argv[2] === '--scenario') {
  process.stdout.write(JSON.stringify(runScenario(process.argv[3])));
} else {
  const scenarios = ['corpus', 'generated-1000', 'generated-5000', 'big-template'];
  const results = scenarios.map((s) =>
    JSON.parse(execFileSync(process.execPath, ['--expose-gc', __filename, '--scenario', s], { encoding: 'utf8', maxBuffer: 1 << 26 })),
  );
  const lsp = JSON.parse(execFileSync(process.execPath, [path.join(__dirname, 'lsp-bench.js')], { encoding: 'utf8', maxBuffer: 1 << 26 })).lsp;
  const hcl = JSON.parse(execFileSync(process.execPath, [path.join(__dirname, 'hcl-bench.js')], { encoding: 'utf8', maxBuffer: 1 << 26 })).hcl;
  const map = JSON.parse(execFileSync(process.execPath, [path.join(__dirname, 'map-bench.js')], { encoding: 'utf8', maxBuffer: 1 << 26 })).map;
  console.log(JSON.stringify({ node: process.version, engine: results, languageServer: lsp, hclCorpus: hcl, terraformCorpus: terraformFigures(), map }, null, 2));
}

/**
 * The corpus `.tf` files analysed against `parseHcl` alone (tf-bench.ts): warm figures, and
 * cold ones from two fresh processes, one analysing first and one parsing first.
 */
function terraformFigures() {
  const run = (first: string) => JSON.parse(execFileSync(process.execPath, [path.join(__dirname, 'tf-bench.js'), '--first', first], { encoding: 'utf8', maxBuffer: 1 << 26 })).terraform;
  const a = run('analysis');
  if (a.skipped) return a;
  const p = run('parse');
  const cold = { analysisMs: a.firstInProcess.analysis, parseHclMs: p.firstInProcess.parse, ratio: Number((a.firstInProcess.analysis / p.firstInProcess.parse).toFixed(2)) };
  return { ...a, cold, target: 'analysis at most 1.5 times parseHcl' };
}
