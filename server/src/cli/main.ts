// `serverless-domains check|graph`: the command line over the engine.

import * as fs from 'fs';
import * as path from 'path';
import { loadWorkspace } from '../node/load';
import { graphDot, graphJson, graphMermaid, jsonReport, sarifReport, textReport } from './report';

const VERSION = '0.1.0';

const USAGE = `Usage:
  serverless-domains check [DIR] [--format text|json|sarif] [--config FILE] [--max-warnings N]
  serverless-domains graph [DIR] [--format mermaid|dot|json] [--config FILE]

check   analyses every deployment unit under DIR (default: .) and reports findings.
        Exit status: 0 when no finding is an error and warnings are within --max-warnings,
        1 otherwise, 2 when the command could not run.
graph   prints the units, domains and cross-unit references as a graph.
`;

class UsageError extends Error {}

interface Args {
  command: 'check' | 'graph';
  dir: string;
  format: string;
  config?: string;
  maxWarnings?: number;
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
      if (!/^-?\d+$/.test(v)) throw new UsageError(`--max-warnings takes a whole number, not "${v}"`);
      args.maxWarnings = Number(v);
    } else if (a.startsWith('-')) throw new UsageError(`unknown option "${a}"`);
    else if (!dirSet) {
      args.dir = a;
      dirSet = true;
    } else throw new UsageError(`unexpected argument "${a}"`);
  }
  const formats = command === 'check' ? ['text', 'json', 'sarif'] : ['mermaid', 'dot', 'json'];
  if (!formats.includes(args.format)) throw new UsageError(`--format must be one of ${formats.join(', ')}`);
  return args;
}

export function run(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
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
  const { workspace } = loadWorkspace(dir, { configText });
  const analysis = workspace.analyze();
  if (args.command === 'graph') {
    const g = graphJson(workspace, analysis);
    out(args.format === 'json' ? JSON.stringify(g, null, 2) + '\n' : args.format === 'dot' ? graphDot(g) : graphMermaid(g));
    return 0;
  }
  if (args.format === 'json') {
    out(JSON.stringify(jsonReport(workspace, analysis), null, 2) + '\n');
    for (const s of analysis.skipped) err(`${s.file}: skipped: ${s.reason}\n`);
  } else if (args.format === 'sarif') {
    out(JSON.stringify(sarifReport(workspace, analysis, VERSION), null, 2) + '\n');
    for (const s of analysis.skipped) err(`${s.file}: skipped: ${s.reason}\n`);
  } else out(textReport(workspace, analysis));
  const errors = analysis.findings.filter((f) => f.severity === 'error').length;
  const warnings = analysis.findings.filter((f) => f.severity === 'warning').length;
  if (errors > 0) return 1;
  if (args.maxWarnings !== undefined && args.maxWarnings >= 0 && warnings > args.maxWarnings) return 1;
  return 0;
}

if (require.main === module) {
  const code = run(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s));
  process.exitCode = code;
}
