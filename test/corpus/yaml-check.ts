// The engine's syntax verdicts against the deploying tools' (spec "Evidence": a syntax-error
// means what the deploying tool would say). For every YAML, JSON or .template file that a unit
// of the corpus is made of (or includes), compares "the engine reports a parse error" with the
// verdict of scripts/yaml-verdict.py (PyYAML with CloudFormation tags, Python's json), run once
// for all files. An error on a file the tools load is a FAIL; files the tools reject but the
// engine accepts are listed (js-yaml, which the Serverless Framework uses, may accept them).
// Skipped when python3 cannot `import yaml`.

import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AnalysisResult, Workspace } from '../../server/src/engine';
import { loadWorkspaceWithHcl } from '../../server/src/node/load';
import { corpusDir } from './dir';

const SCRIPT = path.resolve(__dirname, '../../../scripts/yaml-verdict.py');
const CHECKED = /\.(ya?ml|json|template)$/i;

export interface EngineVerdict {
  abs: string;
  label: string;
  error?: string;
}

export interface ToolVerdict {
  path: string;
  ok: boolean;
  error?: string;
}

export function pythonYamlAvailable(): boolean {
  const r = spawnSync('python3', ['-c', 'import yaml'], { stdio: 'ignore' });
  return r.status === 0;
}

/** The engine's verdict on every YAML/JSON/.template file of the analysed workspace's units. */
export function engineVerdicts(root: string, repo: string, ws: Workspace, a: AnalysisResult): EngineVerdict[] {
  const files = new Set<string>();
  for (const u of a.units) for (const f of u.files) if (CHECKED.test(f)) files.add(f);
  const out: EngineVerdict[] = [];
  for (const f of [...files].sort()) {
    const p = ws.parsed(f);
    if (!p) continue;
    const e = p.errors[0];
    out.push({ abs: path.join(root, f), label: `${repo}/${f}`, error: e ? `${e.message} (offset ${e.start})` : undefined });
  }
  return out;
}

/** Starts the reference verdicts (one python process for all files); undefined when PyYAML is not available. */
export function toolVerdicts(files: string[]): Promise<Map<string, ToolVerdict> | string> | undefined {
  if (!pythonYamlAvailable()) return undefined;
  // Paths in and verdicts out through temporary files, so python never waits on a pipe while
  // the caller runs synchronous work (run-corpus verifies fixes meanwhile).
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yaml-verdicts-'));
  fs.writeFileSync(path.join(tmp, 'in'), files.join('\n') + '\n');
  const inFd = fs.openSync(path.join(tmp, 'in'), 'r');
  const outFd = fs.openSync(path.join(tmp, 'out'), 'w');
  return new Promise((resolve) => {
    const child = spawn('python3', [SCRIPT], { stdio: [inFd, outFd, 'pipe'] });
    let err = '';
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (err += d));
    const done = (r: Map<string, ToolVerdict> | string): void => {
      fs.closeSync(inFd);
      fs.closeSync(outFd);
      fs.rmSync(tmp, { recursive: true, force: true });
      resolve(r);
    };
    child.on('error', (e) => done(e.message));
    child.on('close', (code) => {
      if (code !== 0) return done(`${SCRIPT} exited with ${code}: ${err.split('\n').slice(-3).join(' ')}`);
      const m = new Map<string, ToolVerdict>();
      for (const line of fs.readFileSync(path.join(tmp, 'out'), 'utf8').split('\n')) if (line.trim()) {
        const v = JSON.parse(line) as ToolVerdict;
        m.set(v.path, v);
      }
      done(m);
    });
  });
}

/** Prints counts and disagreements; returns the number of FAILs (a syntax-error on a file the tools load). */
export function compareVerdicts(engine: EngineVerdict[], tool: Map<string, ToolVerdict> | string | undefined, log: (s: string) => void = console.log): number {
  if (tool === undefined) {
    log('yaml verdicts: python3 with PyYAML is not available; skipped.');
    return 0;
  }
  if (typeof tool === 'string') {
    log(`FAIL yaml verdicts: ${tool}`);
    return 1;
  }
  let agree = 0;
  let fails = 0;
  const lenient: string[] = [];
  for (const e of engine) {
    const t = tool.get(e.abs);
    if (!t) {
      log(`FAIL yaml verdicts: no verdict for ${e.label}`);
      fails++;
    } else if (t.ok && e.error) {
      log(`FAIL ${e.label}: syntax-error (${e.error}) on a file PyYAML/json loads`);
      fails++;
    } else if (!t.ok && !e.error) {
      lenient.push(`  ${e.label}: the engine accepts; PyYAML/json: ${t.error}`);
    } else agree++;
  }
  log(`yaml verdicts: ${engine.length} unit files, ${agree} agree, ${fails} syntax-errors on files PyYAML/json loads, ${lenient.length} accepted that PyYAML/json rejects`);
  for (const l of lenient) log(l);
  return fails;
}

async function main(): Promise<number> {
  const dir = corpusDir();
  if (!dir) {
    console.log('yaml verdicts: ../shared/corpus is not there; skipped.');
    return 0;
  }
  const repos = fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const engine: EngineVerdict[] = [];
  for (const repo of repos) {
    const root = path.join(dir, repo);
    // The units as the corpus run makes them (Terraform's with the HCL parser); only YAML/JSON files are compared.
    const ws = (await loadWorkspaceWithHcl(root)).workspace;
    engine.push(...engineVerdicts(root, repo, ws, ws.analyze()));
  }
  return compareVerdicts(engine, await toolVerdicts(engine.map((e) => e.abs)));
}

if (require.main === module) void main().then((n) => (process.exitCode = n ? 1 : 0));
