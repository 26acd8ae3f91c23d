// `node out/test/corpus/sample.js --seed N --size K [--note TEXT] [--review FILE]`: draws a new
// sample of corpus findings for the precision ledger (test/corpus/labels.json), leaving out
// every finding already labelled, and appends it unjudged. With --review, writes a file with
// each drawn finding, its related places and the lines around it, to judge them by.
// `--merge FILE...` takes verdicts from JSON-lines files ({"key","verdict","reason"}).
// Workspaces are loaded with the HCL parser (as `npm run test:corpus` and the command line load
// them), so Terraform findings can be drawn; `--kind terraform` (or any unit kind, as a comma
// list) draws only the findings that stand in files of units of that kind.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadWorkspaceWithHcl } from '../../server/src/node/load';
import { corpusDir } from './dir';
import { CorpusFinding, drawSample, ledgerFindings, readLedger, Verdict, writeLedger } from './ledger';
import { isTfPath } from './terraform';

/** A corpus finding with the kinds of the units its file belongs to (`terraform` for a `.tf` file). */
export type KindedFinding = CorpusFinding & { kinds: string[] };

export async function corpusFindings(dir: string): Promise<KindedFinding[]> {
  const repos = fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const out: KindedFinding[] = [];
  for (const repo of repos) {
    const loaded = await loadWorkspaceWithHcl(path.join(dir, repo));
    if (loaded.hclError) throw new Error(`${repo}: the HCL parser could not load: ${loaded.hclError}`);
    const ws = loaded.workspace;
    const a = ws.analyze();
    const kinds = new Map<string, Set<string>>();
    for (const u of a.units) for (const f of u.files) kinds.set(f, (kinds.get(f) ?? new Set()).add(u.kind));
    for (const f of ledgerFindings(repo, ws, a.findings)) {
      const k = new Set(kinds.get(f.file));
      if (isTfPath(f.file)) k.add('terraform');
      out.push({ ...f, kinds: [...k].sort() });
    }
  }
  return out;
}

function context(dir: string, f: CorpusFinding): string {
  try {
    const lines = fs.readFileSync(path.join(dir, f.repo, f.file), 'utf8').split(/\r\n|\r|\n/);
    const from = Math.max(0, f.line - 4);
    return lines.slice(from, f.line + 3).map((l, i) => `${String(from + i + 1).padStart(5)}${from + i + 1 === f.line ? '>' : ' '} ${l}`).join('\n');
  } catch {
    return '(file not readable)';
  }
}

async function main(argv: string[]): Promise<number> {
  const opt = (name: string) => {
    const i = argv.indexOf(name);
    return i === -1 ? undefined : argv[i + 1];
  };
  const ledger = readLedger();
  if (argv.includes('--merge')) {
    const byKey = new Map(ledger.labels.map((l) => [l.key, l]));
    let n = 0;
    for (const file of argv.slice(argv.indexOf('--merge') + 1)) {
      for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        const v = JSON.parse(line) as { key: string; verdict: Verdict; reason: string };
        const l = byKey.get(v.key);
        if (!l) {
          console.log(`not in the ledger: ${v.key}`);
          continue;
        }
        if (!['true', 'false', 'noise'].includes(v.verdict)) throw new Error(`bad verdict for ${v.key}: ${v.verdict}`);
        l.verdict = v.verdict;
        l.reason = v.reason;
        n++;
      }
    }
    writeLedger(ledger);
    console.log(`${n} verdicts merged; ${ledger.labels.filter((l) => !l.verdict).length} labels still unjudged`);
    return 0;
  }
  const dir = corpusDir();
  if (!dir) {
    console.error('the corpus (../shared/corpus) is not there');
    return 2;
  }
  const seed = Number(opt('--seed'));
  const size = Number(opt('--size') ?? 250);
  if (!Number.isInteger(seed)) {
    console.error('--seed N is needed');
    return 2;
  }
  // `--rule R` / `--severity S` / `--kind K` (comma lists) restrict the draw: a new rule's findings, the information findings, Terraform's.
  const rules = opt('--rule')?.split(',');
  const severities = opt('--severity')?.split(',');
  const kinds = opt('--kind')?.split(',');
  const all = (await corpusFindings(dir)).filter((f) => (!rules || rules.includes(f.rule)) && (!severities || severities.includes(f.severity)) && (!kinds || f.kinds.some((k) => kinds.includes(k))));
  const drawn = drawSample(all, seed, size, new Set(ledger.labels.map((l) => l.key)));
  ledger.samples.push({ seed, drawn: new Date().toISOString().slice(0, 10), size: drawn.length, note: opt('--note') ?? '' });
  const sample = ledger.samples.length;
  for (const f of drawn) ledger.labels.push({ key: f.key, sample, rule: f.rule, severity: f.severity, message: f.message, verdict: null, reason: '' });
  writeLedger(ledger);
  const review = opt('--review');
  if (review) {
    const text = drawn.map((f, i) => [
      `## ${i + 1}. ${f.key}`,
      `${f.severity}[${f.rule}] ${f.message}`,
      ...f.related.map((r) => `  related: ${r}`),
      '```',
      context(dir, f),
      '```',
      '',
    ].join('\n'));
    fs.writeFileSync(review, text.join('\n'));
  }
  const perRule: Record<string, number> = {};
  for (const f of drawn) perRule[f.rule] = (perRule[f.rule] ?? 0) + 1;
  console.log(`sample ${sample}: ${drawn.length} findings from ${new Set(drawn.map((f) => f.repo)).size} repositories (of ${all.length}); per rule ${JSON.stringify(perRule)}`);
  return 0;
}

if (require.main === module) void main(process.argv.slice(2)).then((n) => (process.exitCode = n));
