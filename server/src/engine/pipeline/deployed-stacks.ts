// Which unit a deploy command deploys, and the stack names that the commands state as facts.

import { dirname, joinPath, normalizePath } from '../paths';
import type { DeployCommand } from './deploy-commands';

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
