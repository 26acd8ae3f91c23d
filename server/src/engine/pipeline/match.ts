// Which unit a pipeline's deploy deploys: by its template path, its service folder or `--config`
// file, its Terraform folder, or its stack name against the units' stated stack names. A deploy
// that names no unit of the workspace stays unmatched with the reason; nothing is guessed.

import { joinPath, normalizePath } from '../paths';
import type { SamConfigEntry } from '../units';
import type { Deploy } from './model';

export type UnitKindName = 'serverless' | 'sam' | 'cloudformation' | 'terraform';

/** What matching needs to know of a unit. */
export interface UnitTarget {
  id: string;
  kind: UnitKindName;
  /** Its files, main file first. */
  files: readonly string[];
  /** A Terraform unit's folder. */
  folder?: string;
  /** Its stack name when a file states it (not a folder-name guess). */
  stackName?: string;
  functions: ReadonlyArray<{ id: string; physicalName?: string }>;
}

export type Match = { units: string[]; stackName?: string; compose?: ComposeFile } | { reason: string };

/** A `serverless-compose.yml`: its services' units, and for each the units compose deploys before it (`dependsOn`, params). */
export interface ComposeFile {
  file: string;
  units: string[];
  after: Map<string, Set<string>>;
  /** Each unit's service name. */
  services: Map<string, string>;
}

export interface UnitIndex {
  byFile: Map<string, UnitTarget>;
  byFolder: Map<string, UnitTarget[]>;
  byStack: Map<string, UnitTarget[]>;
  byFunctionName: Map<string, Array<{ unit: UnitTarget; fn: string }>>;
  /** Serverless Compose files by folder. */
  composeServices: Map<string, ComposeFile>;
  /** samconfig files by path. */
  samconfigs: Map<string, SamConfigEntry>;
}

export function indexUnits(units: readonly UnitTarget[], composeServices: Map<string, ComposeFile>, samconfigs: readonly SamConfigEntry[] = []): UnitIndex {
  const ix: UnitIndex = { byFile: new Map(), byFolder: new Map(), byStack: new Map(), byFunctionName: new Map(), composeServices, samconfigs: new Map(samconfigs.map((c) => [c.file, c])) };
  const add = <K, V>(m: Map<K, V[]>, k: K, v: V) => m.set(k, [...(m.get(k) ?? []), v]);
  for (const u of units) {
    ix.byFile.set(u.id, u);
    if (u.kind === 'terraform' && u.folder !== undefined) add(ix.byFolder, u.folder, u);
    if (u.stackName) add(ix.byStack, u.stackName, u);
    for (const f of u.functions) if (f.physicalName && !/[*$]/.test(f.physicalName)) add(ix.byFunctionName, f.physicalName, { unit: u, fn: f.id });
  }
  return ix;
}

const SERVICE_FILES = ['serverless.yml', 'serverless.yaml', 'serverless.json'];

/** The unit(s) one (not code-only) deploy deploys, or why none. */
export function matchDeploy(d: Deploy, ix: UnitIndex): Match {
  switch (d.tool) {
    case 'serverless deploy': {
      if (d.config !== undefined) {
        const u = ix.byFile.get(d.config);
        return u ? { units: [u.id] } : { reason: `${d.config} is not a Serverless service of the workspace` };
      }
      if (d.folder === undefined) return { reason: 'the folder it runs in is not known statically' };
      for (const n of SERVICE_FILES) {
        const u = ix.byFile.get(d.folder ? `${d.folder}/${n}` : n);
        if (u) return { units: [u.id] };
      }
      const compose = ix.composeServices.get(d.folder);
      if (compose?.units.length) return { units: compose.units, compose };
      return { reason: `no Serverless service in ${d.folder || 'the workspace root'}` };
    }
    case 'terraform apply':
    case 'terragrunt apply': {
      if (d.folder === undefined) return { reason: 'the folder it applies is not known statically' };
      const us = ix.byFolder.get(d.folder);
      if (us?.length === 1) return { units: [us[0].id] };
      return { reason: `${d.folder || 'the workspace root'} holds no Terraform unit of the workspace${d.tool === 'terragrunt apply' ? ' (a Terragrunt configuration names its module in terragrunt.hcl, which is not read)' : ''}` };
    }
    case 'serverless deploy function':
    case 'lambda update-function-code':
      return { reason: 'a code-only deploy' };
    default:
      return matchTemplateDeploy(d, ix);
  }
}

/** `sam deploy`, `aws cloudformation deploy|create-stack|update-stack`, the deploy actions: by template, else by stack name. */
function matchTemplateDeploy(d: Deploy, ix: UnitIndex): Match {
  const sc = d.tool === 'sam deploy' ? samconfigEnv(d, ix) : undefined;
  const written = d.stackName ?? sc?.stackName;
  const stackName = written && !/[$*{}]/.test(written) ? written : undefined;
  const candidates: string[] = [];
  if (d.template !== undefined) candidates.push(d.template);
  else if (sc?.templateFile !== undefined && d.workingDirectory !== undefined) candidates.push(d.workingDirectory ? joinPath(d.workingDirectory, sc.templateFile) : sc.templateFile);
  else if (d.defaultTemplate && d.workingDirectory !== undefined) for (const n of ['template.yaml', 'template.yml', 'template.json']) candidates.push(d.workingDirectory ? joinPath(d.workingDirectory, n) : n);
  for (const c of candidates) {
    const p = normalizePath(c);
    const u = p === undefined ? undefined : ix.byFile.get(p);
    if (u && u.kind !== 'serverless' && u.kind !== 'terraform') return stackName ? { units: [u.id], stackName } : { units: [u.id] };
  }
  if (stackName) {
    const us = ix.byStack.get(stackName);
    if (us?.length === 1) return { units: [us[0].id], stackName };
  }
  if (d.template !== undefined) return { reason: `${d.template} is not a template of the workspace` };
  if (stackName) return { reason: `no unit of the workspace is deployed as stack ${stackName}` };
  return { reason: 'neither the template nor the stack name is known statically' };
}

/** The samconfig environment `sam deploy` reads where it runs: `--config-file` (else `samconfig.toml|yaml|yml`), `--config-env` (else `default`). */
function samconfigEnv(d: Deploy, ix: UnitIndex): { stackName?: string; templateFile?: string } | undefined {
  if (d.workingDirectory === undefined) return undefined;
  const names = d.configFile !== undefined ? [d.configFile] : ['samconfig.toml', 'samconfig.yaml', 'samconfig.yml'];
  for (const n of names) {
    const p = normalizePath(d.workingDirectory ? joinPath(d.workingDirectory, n) : n);
    const sc = p === undefined ? undefined : ix.samconfigs.get(p);
    if (!sc) continue;
    const env = d.configEnv ?? 'default';
    return sc.envs && Object.prototype.hasOwnProperty.call(sc.envs, env) ? sc.envs[env] : env === 'default' ? { stackName: sc.stackName, templateFile: sc.templateFile } : undefined;
  }
  return undefined;
}

/** The functions a code-only deploy ships into: `update-function-code --function-name N` by physical name, `sls deploy function -f F` in the service of its folder. */
export function matchCodeDeploy(d: Deploy, ix: UnitIndex): Array<{ unit: string; fn: string }> | { reason: string } {
  const name = d.functionName;
  if (name === undefined || /[$*{}]/.test(name)) return { reason: 'the function name is not known statically' };
  if (d.tool === 'serverless deploy function') {
    const svc = d.config !== undefined ? ix.byFile.get(d.config) : d.folder !== undefined ? SERVICE_FILES.map((n) => ix.byFile.get(d.folder ? `${d.folder}/${n}` : n)).find((u) => u) : undefined;
    const f = svc?.functions.find((x) => x.id === name);
    return svc && f ? [{ unit: svc.id, fn: f.id }] : { reason: `no function ${name} in a Serverless service where it runs` };
  }
  const bare = name.replace(/^arn:[^:]*:lambda:[^:]*:[^:]*:function:/, '').replace(/:[^:]+$/, '');
  const hits = ix.byFunctionName.get(bare);
  return hits?.length ? hits.map((h) => ({ unit: h.unit.id, fn: h.fn })) : { reason: `no function of the workspace is named ${bare}` };
}
