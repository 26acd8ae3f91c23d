// Deploys beside the CloudFormation/SAM ones of deploy-commands.ts, read from shell text the same
// way (never run): `serverless deploy` / `sls deploy` (`--stage`/`-s`, `--config`/`-c`,
// `deploy function -f F`), `terraform [-chdir=D] apply`, `terragrunt [run-all] apply`,
// `aws lambda update-function-code --function-name N`, and `cdk deploy` (whose units the analysis
// cannot see). Kept apart so that existing callers of deployCommands() get what they got before.

import { Assignments, atCommandPosition, joinRelative, LineStarts, movesOf, readFlags, readWords, workingDir } from './deploy-commands';
import type { ShellOptions } from './deploy-commands';
import type { Loc } from '../types';

export type ShellTool = 'serverless deploy' | 'serverless deploy function' | 'terraform apply' | 'terragrunt apply' | 'lambda update-function-code' | 'cdk deploy';

export interface ShellDeploy {
  loc: Loc;
  tool: ShellTool;
  /** The folder the command runs in relative to where the script starts ('' for there); undefined when unknown. */
  cwd: string | undefined;
  /** Terraform: `-chdir=D` joined to the working folder; undefined when unknown. */
  dir?: string;
  stage?: string;
  config?: string;
  functionName?: string;
  /** A flag's value that stays unknown (`--function-name $FN` with FN unassigned). */
  unknown?: string;
}

const COMMAND = /\b(?:(?:serverless|sls)[ \t]+deploy\b|terraform[ \t]+(?:-chdir=\S+[ \t]+)?apply\b|terragrunt[ \t]+(?:run-all[ \t]+)?apply\b|aws(?:[ \t]+-[\w-]*(?:=\S*|[ \t]+[^\s-]\S*)?){0,6}[ \t]+lambda[ \t]+update-function-code\b|cdk[ \t]+deploy\b)/g;

/** The deploys of one script that deployCommands() does not read. */
export function shellDeploys(file: string, text: string, options?: ShellOptions): ShellDeploy[] {
  const starts: number[] = [];
  COMMAND.lastIndex = 0;
  for (let m = COMMAND.exec(text); m; m = COMMAND.exec(text)) starts.push(m.index);
  if (!starts.length) return [];
  const vars = new Assignments(text, starts);
  const moves = movesOf(file, text, options);
  const lines = new LineStarts(text);
  const out: ShellDeploy[] = [];
  let prevEnd = 0;
  COMMAND.lastIndex = 0;
  for (let m = COMMAND.exec(text); m; m = COMMAND.exec(text)) {
    const lineStart = lines.startOf(m.index);
    const before = text.slice(Math.max(lineStart, prevEnd), m.index);
    const words = readWords(text, m.index + m[0].length, false);
    const end = words.length ? words[words.length - 1].end : m.index + m[0].length;
    COMMAND.lastIndex = prevEnd = Math.max(end, COMMAND.lastIndex);
    if (!atCommandPosition(text, m.index, before)) continue;
    const head = m[0];
    const flags = readFlags(words);
    const value = (f: string[]) => {
      for (const k of f) {
        const w = flags.get(k);
        if (w) return { written: w.text, value: vars.expand(w.text, m!.index) };
      }
      return undefined;
    };
    const cwd = workingDir(text, m.index, lineStart, vars, moves);
    const d: ShellDeploy = { loc: { file, start: m.index, end }, tool: 'cdk deploy', cwd };
    if (/^(serverless|sls)/.test(head)) {
      const first = words[0]?.text;
      if (first !== undefined && !first.startsWith('-') && first !== 'function') continue; // `sls deploy list`
      d.tool = first === 'function' ? 'serverless deploy function' : 'serverless deploy';
      const stage = value(['--stage', '-s']);
      if (stage?.value) d.stage = stage.value;
      const config = value(['--config', '-c']);
      if (config) {
        if (config.value) d.config = config.value;
        else d.unknown = config.written;
      }
      if (d.tool === 'serverless deploy function') {
        const fn = value(['--function', '-f']);
        if (fn?.value) d.functionName = fn.value;
        else d.unknown = fn?.written ?? '(no -f)';
      }
    } else if (/^terraform/.test(head)) {
      d.tool = 'terraform apply';
      const chdir = /-chdir=(\S+)/.exec(head)?.[1];
      const c = chdir === undefined ? '' : vars.expand(chdir.replace(/^"(.*)"$|^'(.*)'$/, '$1$2'), m.index);
      if (chdir !== undefined && (c === undefined || c.startsWith('/'))) d.unknown = chdir;
      else if (cwd !== undefined) d.dir = joinRelative(cwd, c ?? '');
    } else if (/^terragrunt/.test(head)) {
      d.tool = 'terragrunt apply';
      const wd = value(['--terragrunt-working-dir']);
      if (wd) d.unknown = wd.written;
      else if (cwd !== undefined) d.dir = cwd;
    } else if (/^aws/.test(head)) {
      d.tool = 'lambda update-function-code';
      const fn = value(['--function-name']);
      if (fn?.value && /^[A-Za-z0-9_:.-]+$/.test(fn.value)) d.functionName = fn.value;
      else d.unknown = fn?.written ?? '(no --function-name)';
    }
    out.push(d);
  }
  return out;
}
