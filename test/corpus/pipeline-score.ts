// The pipeline matching scored against the hand-labelled pipelines of real repositories
// (`pipeline-labels.json`, how they were chosen: docs/pipeline-labels.md): for each labelled
// pipeline file, the units its deploys were matched to against the labels (precision: no deploy
// matched wrongly; recall: every deploy the files prove), code-only deploys by function name,
// stack names where the labels state one, and labelled orders ("A before B", "any order").

import * as fs from 'fs';
import * as path from 'path';
import type { AnalysisResult } from '../../server/src/engine';

interface LabelDeploy {
  unit: string;
  job?: string;
  stackName?: string;
}
interface LabelPipeline {
  file: string;
  deploys: LabelDeploy[];
  codeDeploys?: Array<{ function: string; job?: string }>;
  unmatched?: Array<{ command: string }>;
  before?: Array<[string, string]>;
  anyOrder?: Array<[string, string]>;
}
interface Labels {
  repos: Array<{ repo: string; pipelines: LabelPipeline[] }>;
}

export class PipelineScore {
  private readonly labels: Map<string, LabelPipeline[]>;
  private tp = 0;
  private fp = 0;
  private fn = 0;
  private codeTp = 0;
  private codeFp = 0;
  private codeFn = 0;
  private stackRight = 0;
  private stackWrong = 0;
  private stackMissing = 0;
  private orderRight = 0;
  private orderWrong = 0;
  private orderUnknown = 0;
  readonly wrong: string[] = [];
  readonly missed: string[] = [];

  constructor(file = path.join(__dirname, '..', '..', '..', 'test', 'corpus', 'pipeline-labels.json')) {
    const l = JSON.parse(fs.readFileSync(file, 'utf8')) as Labels;
    this.labels = new Map(l.repos.map((r) => [r.repo, r.pipelines]));
  }

  get repos(): number {
    return this.labels.size;
  }

  labelled(): IterableIterator<string> {
    return this.labels.keys();
  }

  add(repo: string, a: AnalysisResult): void {
    for (const lp of this.labels.get(repo) ?? []) {
      const views = a.pipelines.pipelines.filter((p) => p.file === lp.file);
      const got = new Set(views.flatMap((v) => v.deploys.map((d) => d.unit)));
      const want = new Set(lp.deploys.map((d) => d.unit));
      for (const u of got) {
        if (want.has(u)) this.tp++;
        else {
          this.fp++;
          this.wrong.push(`${repo}/${lp.file}: deploys ${u}, which the labels do not say`);
        }
      }
      for (const u of want) {
        if (got.has(u)) continue;
        this.fn++;
        this.missed.push(`${repo}/${lp.file}: ${u}`);
      }
      for (const d of lp.deploys) {
        if (!d.stackName || !got.has(d.unit)) continue;
        const names = new Set(views.flatMap((v) => v.deploys.filter((x) => x.unit === d.unit).map((x) => x.stackName)));
        if (names.has(d.stackName)) this.stackRight++;
        else if ([...names].some((n) => n !== undefined)) {
          this.stackWrong++;
          this.wrong.push(`${repo}/${lp.file}: ${d.unit} deployed as ${[...names].join('/')}, labelled ${d.stackName}`);
        } else this.stackMissing++;
      }
      const gotCode = new Set(views.flatMap((v) => v.codeDeploys.map((c) => c.function)));
      const wantCode = new Set((lp.codeDeploys ?? []).map((c) => c.function));
      for (const f of gotCode) {
        if (wantCode.has(f)) this.codeTp++;
        else {
          this.codeFp++;
          this.wrong.push(`${repo}/${lp.file}: ships code into ${f}, which the labels do not say`);
        }
      }
      for (const f of wantCode) if (!gotCode.has(f)) (this.codeFn++, this.missed.push(`${repo}/${lp.file}: code into ${f}`));
      const orderOf = (x: string, y: string): string | undefined => {
        for (const v of views) {
          const xs = v.deploys.filter((d) => d.unit === x);
          const ys = v.deploys.filter((d) => d.unit === y);
          if (!xs.length || !ys.length) continue;
          const os = new Set(xs.flatMap((dx) => ys.map((dy) => v.graph.order(dx.pos, dy.pos))));
          if (os.has('before')) return 'before';
          return os.has('any') ? 'any' : [...os][0];
        }
        return undefined;
      };
      for (const [x, y] of lp.before ?? []) this.judgeOrder(repo, lp.file, x, y, orderOf(x, y), 'before');
      for (const [x, y] of lp.anyOrder ?? []) {
        const o = orderOf(x, y);
        this.judgeOrder(repo, lp.file, x, y, o === 'after' ? 'before' : o, 'any');
      }
    }
  }

  private judgeOrder(repo: string, file: string, x: string, y: string, got: string | undefined, want: string): void {
    if (got === undefined) this.orderUnknown++;
    else if (got === want || (want === 'any' && got === 'same')) this.orderRight++;
    else {
      this.orderWrong++;
      this.wrong.push(`${repo}/${file}: ${x} ${got} ${y}, labelled ${want}`);
    }
  }

  lines(): string[] {
    const pct = (a: number, b: number) => (b ? `${Math.round((100 * a) / b)}%` : '-');
    return [
      `pipeline matching (${this.repos} hand-labelled repositories): deploys precision ${pct(this.tp, this.tp + this.fp)} (${this.tp} right, ${this.fp} wrong), recall ${pct(this.tp, this.tp + this.fn)} (${this.fn} missed)`,
      `  code-only deploys: precision ${pct(this.codeTp, this.codeTp + this.codeFp)} (${this.codeTp} right, ${this.codeFp} wrong), recall ${pct(this.codeTp, this.codeTp + this.codeFn)} (${this.codeFn} missed)`,
      `  stack names: ${this.stackRight} right, ${this.stackWrong} wrong, ${this.stackMissing} not known; order of labelled pairs: ${this.orderRight} right, ${this.orderWrong} wrong, ${this.orderUnknown} not both matched`,
      ...this.wrong.map((w) => `  WRONG ${w}`),
    ];
  }

  /** A deploy or order matched wrongly fails the corpus run: the goal is none. */
  problems(): number {
    return this.fp + this.codeFp + this.stackWrong + this.orderWrong;
  }
}

/** `node out/test/corpus/pipeline-score.js [-v]`: the labelled repositories only (-v lists the missed deploys). */
async function main(verbose: boolean): Promise<number> {
  const { corpusDir } = await import('./dir');
  const { loadWorkspaceWithHcl } = await import('../../server/src/node/load');
  const dir = corpusDir();
  if (!dir) {
    console.log('pipeline-score: ../shared/corpus is not there; skipped.');
    return 0;
  }
  const score = new PipelineScore();
  for (const repo of [...score.labelled()]) {
    const { workspace } = await loadWorkspaceWithHcl(path.join(dir, repo));
    score.add(repo, workspace.analyze());
  }
  for (const l of score.lines()) console.log(l);
  if (verbose) for (const m of score.missed) console.log(`  missed ${m}`);
  return 0;
}

if (require.main === module) void main(process.argv.includes('-v')).then((c) => process.exit(c));
