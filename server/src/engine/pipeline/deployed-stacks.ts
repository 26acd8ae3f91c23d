// Which unit a deploy command deploys, and the stack names that the commands state as facts.

import { dirname, joinPath, normalizePath } from '../paths';
import type { SamConfigEntry } from '../units';
import type { DeployCommand } from './deploy-commands';
import type { Pipeline } from './model';
import { JobGraph } from './order';

/** `sam deploy --config-env E` without `--stack-name`: the command with the stack name (and, when it
 * names none, the template) of environment E in the samconfig it reads: `--config-file`, else
 * `samconfig.toml|yaml|yml` where the command runs (the script's folder, else the workspace root). */
export function withConfigEnv(cmd: DeployCommand, samconfigs: ReadonlyMap<string, SamConfigEntry>): DeployCommand {
  if (cmd.tool !== 'sam deploy' || cmd.configEnv === undefined || cmd.stackNameWritten !== undefined) return cmd;
  const dir = dirname(cmd.file);
  const names = cmd.configFile !== undefined ? [cmd.configFile] : ['samconfig.toml', 'samconfig.yaml', 'samconfig.yml'];
  for (const base of dir ? [dir, ''] : ['']) {
    for (const n of names) {
      const p = normalizePath(joinPath(base, cmd.cwd ? joinPath(cmd.cwd, n) : n));
      const sc = p === undefined ? undefined : samconfigs.get(p);
      if (!sc) continue;
      const env = sc.envs && Object.prototype.hasOwnProperty.call(sc.envs, cmd.configEnv) ? sc.envs[cmd.configEnv] : undefined;
      if (!env?.stackName) return cmd;
      const out: DeployCommand = { ...cmd, stackNameWritten: env.stackName, stackName: env.stackName };
      if (out.template === undefined && out.defaultTemplate && env.templateFile) {
        out.template = cmd.cwd ? joinPath(cmd.cwd, env.templateFile) : env.templateFile;
        out.defaultTemplate = undefined;
      }
      return out;
    }
  }
  return cmd;
}

/** The unit file a command deploys: its template relative to the script's folder, else to the
 * workspace root (scripts often run from there); only a path naming a unit file is accepted. */
export function deployedUnit(cmd: DeployCommand, isUnit: (path: string) => boolean): string | undefined {
  const names = cmd.template !== undefined ? [cmd.template] : cmd.defaultTemplate ? ['template.yaml', 'template.yml'].map((t) => (cmd.cwd ? `${cmd.cwd}/${t}` : t)) : [];
  const dir = dirname(cmd.file);
  for (const base of dir ? [dir, ''] : ['']) {
    for (const n of names) {
      const p = normalizePath(base ? joinPath(base, n) : n);
      if (p !== undefined && isUnit(p)) return p;
    }
  }
  return undefined;
}

/** Stack names by unit file (sorted), from the commands that deploy it under a known name. A unit
 * that some command deploys under a name the analysis cannot read (`$1`) has none here: its other
 * names would not be all it is deployed as. */
export function deployedStackNames(commands: readonly DeployCommand[], isUnit: (path: string) => boolean): Map<string, string[]> {
  const names = new Map<string, Set<string | undefined>>();
  for (const cmd of commands) {
    if (cmd.stackNameWritten === undefined) continue;
    const unit = deployedUnit(cmd, isUnit);
    if (unit === undefined) continue;
    let set = names.get(unit);
    if (!set) names.set(unit, (set = new Set()));
    set.add(cmd.stackName);
  }
  const out = new Map<string, string[]>();
  for (const [unit, set] of names) if (!set.has(undefined)) out.set(unit, [...(set as Set<string>)].sort());
  return out;
}

/** The CloudFormation/SAM deploys of the pipelines as commands whose stack names are facts (a literal
 * `--stack-name`, or one built from the pipeline's literal env and matrix values): the template is
 * workspace-relative already, so the commands are read from the root. */
export function pipelineStackCommands(pipelines: readonly Pipeline[]): DeployCommand[] {
  const out: DeployCommand[] = [];
  for (const p of pipelines)
    JobGraph.walk(p, (_job, _node, steps) => {
      for (const s of steps)
        for (const d of s.deploys) {
          if (d.codeOnly || !/^(sam deploy|aws cloudformation)/.test(d.tool)) continue;
          if (d.stackName === undefined && !d.stackNameUnknown && d.configEnv === undefined) continue;
          if (d.template === undefined && !(d.defaultTemplate && d.workingDirectory !== undefined)) continue;
          const cmd: DeployCommand = { file: '', loc: d.loc, tool: d.tool as DeployCommand['tool'] };
          if (d.stackName !== undefined) cmd.stackName = cmd.stackNameWritten = d.stackName;
          else if (d.stackNameUnknown) cmd.stackNameWritten = '$?';
          if (d.template !== undefined) cmd.template = d.template;
          else {
            cmd.defaultTemplate = true;
            if (d.workingDirectory) cmd.cwd = d.workingDirectory;
          }
          if (d.configEnv !== undefined) cmd.configEnv = d.configEnv;
          if (d.configFile !== undefined) cmd.configFile = d.configFile;
          out.push(cmd);
        }
    });
  return out;
}
