// `serverless-domains check|graph`: the command line over the engine.

import * as fs from 'fs';
import * as path from 'path';
import { loadWorkspaceWithHcl } from '../node/load';
import type { Severity } from '../engine';
import { graphDot, graphJson, graphMermaid, jsonReport, textReport } from './report';
import { sarifReport } from './sarif';
import { githubReport } from './github';
import { applyThreshold, gate, isSeverity, SEVERITIES } from './summary';
import { Progress } from './progress';
import { graphSvg } from './map-svg';
import { graphHtml } from './html';
import { baselineJson, baselineText, BaselineFileError, compareWith, loadBaseline, saveBaseline } from './baseline';
import type { BaselineArgs } from './baseline';
import { unitOfFile } from '../engine';

// The HCL parser is in the bundle with its .wasm files (test/cli/bundle-hcl.test.ts loads it from there).
export { createHclParser } from '../node/hcl';

const VERSION = '0.1.0';

const USAGE = `Usage:
  serverless-domains check [DIR] [--format text|json|sarif|github] [--config FILE]
                           [--max-warnings N] [--severity LEVEL | --quiet]
                           [--baseline [FILE] | --no-baseline | --write-baseline [FILE]]
  serverless-domains graph [DIR] [--format mermaid|dot|json|svg|html] [--fold] [--config FILE]

check   analyses every deployment unit under DIR (default: .) and reports findings.
        --severity LEVEL  report findings at LEVEL or above: error, warning, information, hint
                          (default: information for text and github, so hints are hidden;
                          hint for json, sarif)
        --format github  GitHub Actions annotations (::error file=...::message), one per finding
        --quiet           the same as --severity error
        Exit status: 0 when no finding is an error and warnings are within --max-warnings,
        1 otherwise, 2 when the command could not run. It counts every error and warning
        found, including those --severity or --quiet do not print.
        --write-baseline [FILE]  records every finding as known in FILE (default:
                          .serverless-domains-baseline.json in DIR) and exits 0
        --baseline [FILE] reports (and counts for the exit status) only findings that FILE does
                          not hold; the default file in DIR is used when it exists
        --no-baseline     ignores the default baseline file
        (an optional FILE follows as --baseline=FILE, or as the next argument when it ends in .json)
graph   prints the units, domains and cross-unit references as a graph; --format svg draws the
        domain map as a standalone SVG (the editor's map, with its legend), and --fold draws
        estates of more than 80 units folded by folder.
        --format html  one self-contained page with the same map, and pan, zoom and search.
`;

class UsageError extends Error {}

interface Args extends BaselineArgs {
  command: 'check' | 'graph';
  dir: string;
  format: string;
  config?: string;
  maxWarnings?: number;
  /** Findings below it are not printed (they still count for the exit status). */
  severity?: Severity;
  quiet?: boolean;
  /** graph --format svg: fold large estates by folder. */
  fold?: boolean;
}

export function parseArgs(argv: string[]): Args {
  const [command, ...rest] = argv;
  if (command !== 'check' && command !== 'graph') throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  const args: Args = { command, dir: '.', format: command === 'check' ? 'text' : 'mermaid' };
  let dirSet = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = (name: string) => {
      const eq = a.indexOf('=');
      if (eq !== -1) return a.slice(eq + 1);
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (a === '--format' || a.startsWith('--format=')) args.format = value('--format');
    else if (a === '--config' || a.startsWith('--config=')) args.config = value('--config');
    else if (command === 'check' && (a === '--max-warnings' || a.startsWith('--max-warnings='))) {
      const v = value('--max-warnings');
      if (/^-\d+$/.test(v)) throw new UsageError(`--max-warnings takes a number of warnings, 0 or more, not ${v} (leave the option out for no limit)`);
      if (!/^\d+$/.test(v)) throw new UsageError(`--max-warnings takes a whole number, not "${v}"`);
      args.maxWarnings = Number(v);
    } else if (command === 'check' && (a === '--severity' || a.startsWith('--severity='))) {
      const v = value('--severity');
      if (!isSeverity(v)) throw new UsageError(`--severity must be one of ${SEVERITIES.join(', ')}, not "${v}"`);
      args.severity = v;
    } else if (command === 'check' && (a === '--quiet' || a === '-q')) args.quiet = true;
    else if (command === 'check' && (a === '--baseline' || a.startsWith('--baseline=') || a === '--write-baseline' || a.startsWith('--write-baseline='))) {
      // FILE is optional: after '=', or the next argument when it names a .json file.
      const eq = a.indexOf('=');
      const file = eq !== -1 ? a.slice(eq + 1) : /\.json$/i.test(rest[i + 1] ?? '') && !rest[i + 1].startsWith('-') ? rest[++i] : '';
      if (eq !== -1 && !file) throw new UsageError(`${a.slice(0, eq)}= needs a file name`);
      if (a.startsWith('--baseline')) args.baseline = file;
      else args.writeBaseline = file;
    } else if (command === 'check' && a === '--no-baseline') args.noBaseline = true;
    else if (command === 'graph' && a === '--fold') args.fold = true;
    else if (a.startsWith('-')) throw new UsageError(`unknown option "${a}"`);
    else if (!dirSet) {
      args.dir = a;
      dirSet = true;
    } else throw new UsageError(`unexpected argument "${a}"`);
  }
  if (args.quiet && args.severity && args.severity !== 'error') throw new UsageError(`--quiet means --severity error; it cannot be combined with --severity ${args.severity}`);
  const formats = command === 'check' ? ['text', 'json', 'sarif', 'github'] : ['mermaid', 'dot', 'json', 'svg', 'html'];
  if (!formats.includes(args.format)) throw new UsageError(`--format must be one of ${formats.join(', ')}`);
  if (args.noBaseline && args.baseline !== undefined) throw new UsageError('--no-baseline cannot be combined with --baseline');
  if (args.writeBaseline !== undefined && (args.baseline !== undefined || args.noBaseline)) throw new UsageError('--write-baseline writes the baseline from every finding; it cannot be combined with --baseline or --no-baseline');
  if (args.fold && args.format !== 'svg') throw new UsageError('--fold applies to --format svg only');
  return args;
}

export interface RunEnv {
  /** Standard error is a terminal: progress is shown there (never in a pipe or a CI log). */
  tty?: boolean;
}

/** Runs a command; asynchronous because the HCL parser (tree-sitter's wasm) loads asynchronously. */
export async function run(argv: string[], out: (s: string) => void, err: (s: string) => void, env: RunEnv = {}): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    out(USAGE);
    return 0;
  }
  if (argv.includes('--version')) {
    out(VERSION + '\n');
    return 0;
  }
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`serverless-domains: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  const dir = path.resolve(args.dir);
  try {
    if (!fs.statSync(dir).isDirectory()) throw new Error('not a folder');
    fs.readdirSync(dir);
  } catch (e) {
    err(`serverless-domains: cannot read ${args.dir}: ${(e as Error).message}\n`);
    return 2;
  }
  let configText: string | undefined;
  if (args.config) {
    try {
      configText = fs.readFileSync(args.config, 'utf8');
    } catch (e) {
      err(`serverless-domains: cannot read the configuration ${args.config}: ${(e as Error).message}\n`);
      return 2;
    }
  }
  const progress = new Progress(env.tty ? err : undefined);
  progress.step(`Reading ${args.dir}`);
  const { workspace, fileCount, hclError } = await loadWorkspaceWithHcl(dir, { configText });
  progress.step(`Analysing ${fileCount} file${fileCount === 1 ? '' : 's'}`);
  const analysis = workspace.analyze();
  progress.step(`Reporting ${analysis.units.length} unit${analysis.units.length === 1 ? '' : 's'}`);
  const finish = (text: string) => {
    progress.done();
    // The engine skips the Terraform files with a reason; this says why there was no parser.
    if (hclError) err(`serverless-domains: the HCL parser could not load, so Terraform files are not analysed: ${hclError}\n`);
    out(text);
  };
  if (args.command === 'graph' && args.format === 'svg') {
    finish(graphSvg(workspace, analysis, path.basename(dir), !!args.fold));
    return 0;
  }
  if (args.command === 'graph') {
    if (args.format === 'html') {
      finish(graphHtml(workspace, analysis, dir));
      return 0;
    }
    const g = graphJson(workspace, analysis);
    const text = args.format === 'json' ? JSON.stringify(g, null, 2) + '\n' : args.format === 'dot' ? graphDot(g) : graphMermaid(g);
    finish(text);
    return 0;
  }
  const unitOf = unitOfFile(analysis.units);
  if (args.writeBaseline !== undefined) {
    try {
      finish(saveBaseline(dir, args.writeBaseline, analysis.findings, unitOf));
    } catch (e) {
      if (!(e instanceof BaselineFileError)) throw e;
      progress.done();
      err(`serverless-domains: ${e.message}\n`);
      return 2;
    }
    return 0;
  }
  let loaded;
  try {
    loaded = loadBaseline(dir, args);
  } catch (e) {
    if (!(e instanceof BaselineFileError)) throw e;
    progress.done();
    err(`serverless-domains: ${e.message}\n`);
    return 2;
  }
  // With a baseline, only the findings it does not hold are reported and counted.
  const comparison = loaded ? compareWith(loaded, analysis.findings, unitOf) : undefined;
  const findings = comparison ? comparison.fresh : analysis.findings;
  const threshold: Severity = args.quiet ? 'error' : (args.severity ?? (args.format === 'text' || args.format === 'github' ? 'information' : 'hint'));
  const { shown, hidden } = applyThreshold(findings, threshold);
  const result = gate(findings, args.maxWarnings, threshold);
  let text: string;
  if (args.format === 'json') text = JSON.stringify({ ...jsonReport(workspace, analysis, shown), ...(loaded && comparison ? { baseline: baselineJson(loaded, comparison) } : {}) }, null, 2) + '\n';
  // SARIF with a baseline: the known findings too, each result saying new or unchanged, and the stale entries as absent.
  else if (args.format === 'sarif') text = JSON.stringify(comparison ? sarifReport(workspace, analysis, VERSION, applyThreshold(analysis.findings, threshold).shown, comparison) : sarifReport(workspace, analysis, VERSION, shown), null, 2) + '\n';
  else if (args.format === 'github') text = githubReport(workspace, analysis, shown, hidden, annotationPrefix(dir)) + (loaded && comparison ? baselineText(loaded, comparison) : '') + (result.reason ? `Exit status 1: ${result.reason}.\n` : '');
  else text = textReport(workspace, analysis, shown, hidden) + (loaded && comparison ? baselineText(loaded, comparison) : '') + (result.reason ? `Exit status 1: ${result.reason}.\n` : '');
  finish(text);
  if (args.format === 'json' || args.format === 'sarif') {
    for (const s of analysis.skipped) err(`${s.file}: skipped: ${s.reason}\n`);
    if (result.reason) err(`serverless-domains: exit status 1: ${result.reason}.\n`);
  }
  return result.code;
}

/** The checked folder relative to the repository root (GITHUB_WORKSPACE, else the current folder): annotations name the repository's paths. */
function annotationPrefix(dir: string): string {
  const rel = path.relative(process.env.GITHUB_WORKSPACE || process.cwd(), dir);
  return rel.startsWith('..') || path.isAbsolute(rel) ? '' : rel.split(path.sep).join('/');
}

if (require.main === module) {
  void run(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s), { tty: !!process.stderr.isTTY }).then((code) => (process.exitCode = code));
}
