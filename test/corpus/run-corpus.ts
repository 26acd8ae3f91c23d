// `npm run test:corpus`: analyses every repository of ../shared/corpus as its own workspace.
// Checks: no exception, no file that takes more than 10 s (a guard against hangs, not a
// benchmark), every reported range inside its file, every fix's edits inside their files, no
// syntax-error on a file PyYAML or Python's json loads (yaml-check.ts). Terraform files are
// loaded with the HCL parser, as the command line loads a folder: every `.tf` file must be
// parsed by it, and the corpus must give at least 100 Terraform units (terraform.ts).
// Prints units by kind, domains, findings by rule, and the same for Terraform. Skips with a
// message when the corpus is absent.

import * as fs from 'fs';
import * as path from 'path';
import { Finding, Workspace } from '../../server/src/engine';
import { loadWorkspace, loadWorkspaceWithHcl } from '../../server/src/node/load';
import { corpusDir } from './dir';
import { checkAllFixes, useHcl } from '../harness';
import { compare, CorpusFinding, ledgerFindings, readLedger, writeLedger } from './ledger';
import { compareVerdicts, engineVerdicts, toolVerdicts } from './yaml-check';
import type { EngineVerdict } from './yaml-check';
import { isTfPath, TerraformFigures } from './terraform';
import { PipelineScore } from './pipeline-score';


async function main(argv: string[]): Promise<number> {
  const dir = corpusDir();
  if (!dir) {
    console.log('test:corpus: ../shared/corpus is not there; skipped.');
    return 0;
  }
  const repos = fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const byKind: Record<string, number> = {};
  const byRule: Record<string, number> = {};
  let domains = 0;
  let files = 0;
  let problems = 0;
  let slowest = { file: '', ms: 0 };
  const verdicts: EngineVerdict[] = [];
  const t0 = Date.now();
  const now = new Map<string, CorpusFinding>();
  const skippedFiles = new Map<string, string>();
  const tf = new TerraformFigures();
  const pipelineScore = new PipelineScore();
  for (const repo of repos) {
    const root = path.join(dir, repo);
    let ws: Workspace;
    try {
      // With the HCL parser for Terraform files, as the command line loads a folder.
      const loaded = await loadWorkspaceWithHcl(root);
      if (loaded.hclError) {
        console.log(`FAIL ${repo}: the HCL parser could not load: ${loaded.hclError}`);
        problems++;
      }
      ws = loaded.workspace;
      files += loaded.fileCount;
      // Per-file guard: each file parsed on its own, timed (a `.tf` file by the HCL parser, never as YAML).
      for (const p of ws.paths()) {
        const s = Date.now();
        const parsed = ws.parsed(p);
        if (isTfPath(p) && (parsed?.tree !== undefined || !ws.hclOf(p))) {
          console.log(`FAIL ${repo}/${p}: not parsed with the HCL parser`);
          problems++;
        }
        const ms = Date.now() - s;
        if (ms > slowest.ms) slowest = { file: `${repo}/${p}`, ms };
        if (ms > 10_000) {
          console.log(`FAIL ${repo}/${p}: parsing took ${ms} ms`);
          problems++;
        }
      }
      const s = Date.now();
      const a = ws.analyze();
      const ms = Date.now() - s;
      if (ms > 10_000) {
        console.log(`FAIL ${repo}: analysis took ${ms} ms`);
        problems++;
      }
      verdicts.push(...engineVerdicts(root, repo, ws, a));
      for (const u of a.units) byKind[u.kind] = (byKind[u.kind] ?? 0) + 1;
      tf.add(repo, ws, a);
      pipelineScore.add(repo, a);
      domains += a.domains.length;
      for (const f of ledgerFindings(repo, ws, a.findings)) now.set(f.key, f);
      for (const s of a.skipped) skippedFiles.set(`${repo}/${s.file}`, s.reason);
      for (const f of a.findings) {
        byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
        const text = ws.getText(f.loc.file);
        if (text === undefined || f.loc.start < 0 || f.loc.end > text.length || f.loc.start > f.loc.end) {
          console.log(`FAIL ${repo}/${f.loc.file}: ${f.rule} range ${f.loc.start}-${f.loc.end} outside the file (${text?.length ?? 'missing'})`);
          problems++;
        }
        for (const r of f.related ?? []) {
          const t = ws.getText(r.loc.file);
          if (t === undefined || r.loc.start < 0 || r.loc.end > t.length || r.loc.start > r.loc.end) {
            console.log(`FAIL ${repo}/${f.loc.file}: ${f.rule} related range ${r.loc.file} ${r.loc.start}-${r.loc.end} outside its file (${t?.length ?? 'missing'})`);
            problems++;
          }
        }
        for (const fix of f.fixes) {
          for (const e of fix.edits) {
            const t = ws.getText(e.file);
            if (t === undefined ? e.start !== 0 || e.end !== 0 : e.start < 0 || e.end > t.length || e.start > e.end) {
              console.log(`FAIL ${repo}/${e.file}: fix "${fix.title}" edits outside the file`);
              problems++;
            }
          }
        }
      }
    } catch (e) {
      console.log(`FAIL ${repo}: ${(e as Error).stack}`);
      problems++;
    }
  }
  console.log(`corpus: ${repos.length} repositories, ${files} files read in ${((Date.now() - t0) / 1000).toFixed(1)} s (slowest file to parse: ${slowest.file}, ${slowest.ms} ms)`);
  problems += ledgerCheck(now, skippedFiles, argv.includes('--update-ledger'));
  // Syntax verdicts against PyYAML/json (see yaml-check.ts), computed while the fixes are verified.
  const tool = toolVerdicts(verdicts.map((v) => v.abs));
  // Every fix offered on real files (up to 25 a repository, 6 in CI, and as many again on `.tf`
  // files, parsed with the HCL parser): applied, analysed again, nothing lost.
  const perRepo = Number(process.env.SD_CORPUS_FIXES ?? (process.env.CI ? 6 : 25));
  await useHcl();
  const f0 = Date.now();
  let fixes = 0;
  for (const [i, repo] of repos.entries()) {
    if (i % 10 === 0) console.log(`fixes: ${i}/${repos.length} repositories, ${fixes} verified, ${((Date.now() - f0) / 1000).toFixed(0)} s`);
    const ws = loadWorkspace(path.join(dir, repo)).workspace;
    const texts = new Map(ws.paths().map((p) => [p, ws.getText(p)!]));
    let offered = 0;
    let offeredTf = 0;
    let tfFixes = 0;
    const take = (f: Finding) => {
      if (f.rule === 'syntax-error') return false;
      if (!isTfPath(f.loc.file)) return offered++ < perRepo;
      if (offeredTf++ >= perRepo) return false;
      tfFixes += f.fixes.length;
      return true;
    };
    try {
      fixes += checkAllFixes(texts, take);
      tf.fixesVerified += tfFixes;
    } catch (e) {
      console.log(`FAIL ${repo}: ${(e as Error).message.split('\n').slice(0, 3).join(' ')}`);
      problems++;
    }
  }
  console.log(`fixes: ${fixes} applied to real files and verified (finding gone, files parse, nothing lost) in ${((Date.now() - f0) / 1000).toFixed(1)} s`);
  problems += compareVerdicts(verdicts, await tool);
  console.log(`units by kind: ${JSON.stringify(byKind)}`);
  console.log(`domains: ${domains}`);
  console.log(`findings by rule: ${JSON.stringify(Object.fromEntries(Object.entries(byRule).sort((a, b) => b[1] - a[1])))}`);
  for (const l of tf.lines()) console.log(l);
  for (const l of tf.problems()) console.log(l);
  for (const l of pipelineScore.lines()) console.log(l);
  // A deploy, code deploy, stack name or order matched against the hand labels is a regression.
  if (pipelineScore.problems()) console.log(`FAIL pipeline matching: ${pipelineScore.problems()} matched wrongly (the WRONG lines above)`);
  problems += pipelineScore.problems();
  problems += tf.problems().length;
  console.log(problems ? `${problems} problems` : 'no problems: no exception, no hang, every range inside its file');
  return problems ? 1 : 0;
}

/** The precision ledger (test/corpus/labels.json): regressions fail the run; precision per rule is printed. */
function ledgerCheck(now: Map<string, CorpusFinding>, skipped: Map<string, string>, update: boolean): number {
  const ledger = readLedger();
  if (!ledger.labels.length) return 0;
  const report = compare(ledger, now, skipped);
  for (const line of report.lines) console.log(line);
  for (const r of report.regressions) console.log(`FAIL ledger: ${r}`);
  for (const m of report.moved) console.log(`ledger: moved ${m.label.key} -> line of ${m.key}${update ? ' (recorded)' : ''}`);
  if (update) for (const m of report.moved) m.label.key = m.key;
  if (update && report.moved.length && !report.newlyFixed.length) writeLedger(ledger);
  if (report.newlyFixed.length) {
    if (update) {
      for (const l of report.newlyFixed) l.fixed = true;
      writeLedger(ledger);
      console.log(`ledger: ${report.newlyFixed.length} false or noise findings no longer come out: recorded as fixed`);
    } else {
      console.log(`ledger: ${report.newlyFixed.length} false or noise findings no longer come out; \`npm run test:corpus -- --update-ledger\` records them as fixed:`);
      for (const l of report.newlyFixed.slice(0, 20)) console.log(`  ${l.key}`);
    }
  }
  return report.regressions.length;
}

if (require.main === module) void main(process.argv.slice(2)).then((n) => (process.exitCode = n));
