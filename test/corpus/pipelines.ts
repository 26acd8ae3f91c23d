// Every pipeline file of the shared corpus read into the pipeline model (each repository its own
// workspace): no throw, every location inside its file, and counts of pipelines, jobs, deploys by
// tool, unmatched commands and skips. `node out/test/corpus/pipelines.js [-v]` prints them.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipelineKindOf, readPipelines } from '../../server/src/engine/pipeline/kinds';
import type { Job, Pipeline, Step } from '../../server/src/engine/pipeline/model';
import { corpusDir } from './dir';

export interface PipelineCounts {
  /** Files that hold at least one pipeline. */
  files: number;
  byKind: Record<string, number>;
  pipelines: number;
  jobs: number;
  steps: number;
  deploys: Record<string, number>;
  unmatched: Record<string, number>;
  /** Deploys reached through a script the step calls. */
  throughScripts: number;
  skipped: number;
  problems: string[];
  samples: string[];
}

function walk(root: string): string[] {
  const out: string[] = [];
  const todo = [''];
  while (todo.length) {
    const rel = todo.pop()!;
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory() && e.name !== 'node_modules') todo.push(p);
      else if (e.isFile() && pipelineKindOf(p)) out.push(p);
    }
  }
  return out.sort();
}

export function readCorpusPipelines(dir: string): PipelineCounts {
  const c: PipelineCounts = { files: 0, byKind: {}, pipelines: 0, jobs: 0, steps: 0, deploys: {}, unmatched: {}, throughScripts: 0, skipped: 0, problems: [], samples: [] };
  for (const repo of fs.readdirSync(dir).sort()) {
    const root = path.join(dir, repo);
    if (!fs.statSync(root).isDirectory()) continue;
    const texts = new Map<string, string | undefined>();
    const host = {
      text(f: string): string | undefined {
        if (!texts.has(f)) {
          const p = path.join(root, f);
          let t: string | undefined;
          try {
            if (fs.lstatSync(p).isFile()) t = fs.readFileSync(p, 'utf8');
          } catch {
            t = undefined;
          }
          texts.set(f, t);
        }
        return texts.get(f);
      },
    };
    for (const f of walk(root)) {
      let ps: Pipeline[] = [];
      try {
        ps = readPipelines(f, host);
      } catch (e) {
        c.problems.push(`${repo}/${f}: threw ${(e as Error).message}`);
        continue;
      }
      // A recogniser may accept a file its reader finds no pipeline in (CodePipeline: any template).
      if (ps.length) c.files++;
      for (const p of ps) {
        c.pipelines++;
        c.byKind[p.kind] = (c.byKind[p.kind] ?? 0) + 1;
        c.skipped += p.skipped.length;
        for (const s of p.skipped) if (/stopped early/.test(s.reason)) c.problems.push(`${repo}/${f}: ${s.reason}`);
        const check = (loc: { file: string; start: number; end: number }, what: string) => {
          const t = host.text(loc.file);
          if (t === undefined || loc.start < 0 || loc.end > t.length || loc.start > loc.end) c.problems.push(`${repo}/${f}: ${what} located outside ${loc.file}`);
        };
        const steps = (ss: Step[]): void => {
          for (const s of ss) {
            c.steps++;
            for (const d of s.deploys) {
              check(d.loc, d.tool);
              c.deploys[d.tool] = (c.deploys[d.tool] ?? 0) + 1;
              if (d.through) c.throughScripts++;
              if (c.samples.length < 400) c.samples.push(`${repo}/${d.loc.file}: ${d.tool} ${JSON.stringify({ stack: d.stackName, template: d.template, folder: d.folder, fn: d.functionName, matrix: d.matrix })}`);
            }
            for (const u of s.unmatched) {
              check(u.loc, 'unmatched');
              const r = u.reason.replace(/^.* is not known statically$/, 'a value is not known statically').replace(/^\S+ is not in the workspace$/, 'a called script is not in the workspace').replace(/^\S+ has no (rule|script) .*/, 'the called Makefile or package.json has no such $1');
              if (c.samples.length < 400) c.samples.push(`${repo}/${u.loc.file}: unmatched ${JSON.stringify(u.text)} (${u.reason})${u.through ? ` through ${u.through.map((t) => t.file).join(' > ')}` : ''}`);
              c.unmatched[r] = (c.unmatched[r] ?? 0) + 1;
            }
            steps(s.uses?.steps ?? []);
          }
        };
        const jobs = (js: Job[]): void => {
          for (const j of js) {
            c.jobs++;
            steps(j.steps);
            jobs(j.calls?.jobs ?? []);
          }
        };
        jobs(p.jobs);
      }
    }
  }
  return c;
}

if (require.main === module) {
  const dir = corpusDir();
  if (!dir) {
    console.log('no corpus');
  } else {
    const start = Date.now();
    const c = readCorpusPipelines(dir);
    const { samples, ...rest } = c;
    console.log(JSON.stringify(rest, null, 1));
    console.log(`${Date.now() - start} ms`);
    if (process.argv.includes('-v')) for (const s of samples) console.log(s);
  }
}
