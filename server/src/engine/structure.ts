// Which files of the workspace are what: Serverless services, templates, compose files,
// samconfigs, Terraform folders, scripts and CI files (with their deploy commands and code
// deploys), source files that invoke functions, and the files skipped with their reasons (test
// data, project templates, other clouds, build outputs). Redone only when that can change.

import { Config, CONFIG_FILE } from './config';
import { isProjectTemplate, isScriptFile, isSourceFile, testDataFolder } from './file-kinds';
import { serverlessKind } from './kinds/serverless';
import { templateKind } from './kinds/template';
import { terraformKind } from './kinds/terraform';
import type { ParsedFile } from './parse';
import { dirname } from './paths';
import type { DeployCommand } from './pipeline/deploy-commands';
import { pipelineKindOf } from './pipeline/kinds';
import type { Deployer } from './rules/rule';
import { nonAwsProvider } from './serverless/provider';
import type { SkippedFile } from './types';
import { buildOutputs, FileRole, looksLikeUnit, mayBeUnit, SamConfigEntry, templateShape } from './units';

export interface Structure {
  stamp: number;
  cfg: Config;
  serverless: string[];
  templates: string[];
  composes: string[];
  samconfigs: SamConfigEntry[];
  /** `.tf` files by folder. */
  terraform: Map<string, string[]>;
  /** Folders with Terraform files the analysis cannot read (`.tf.json`). */
  terraformOpen: Set<string>;
  deployers: Deployer[];
  /** Script and CI files (`isScriptFile`). */
  scripts: string[];
  /** Source files that invoke a function through an SDK (`isSourceFile`, `invokesThroughSdk`). */
  sources: string[];
  /** The deploy commands of the scripts (`aws cloudformation deploy`, `sam deploy`...). */
  deployCommands: DeployCommand[];
  /** The main files of pipelines (workflows, `.gitlab-ci.yml`, buildspecs...: `pipeline/kinds.ts`). */
  pipelineFiles: string[];
  skipped: SkippedFile[];
}

/** What the scan reads of the workspace. */
export interface StructureHost {
  stamp: number;
  /** The HCL parser is loaded (else `.tf` files are skipped with a reason). */
  hcl: boolean;
  paths: string[];
  skipped: Array<[string, string]>;
  /** The configuration's include/exclude globs accept the path. */
  accept(path: string): boolean;
  role(path: string): FileRole;
  text(path: string): string | undefined;
  parsed(path: string): ParsedFile | undefined;
  deployersOf(path: string): Deployer[];
  deployCommandsOf(path: string): DeployCommand[];
  samconfigOf(path: string): SamConfigEntry;
  /** Records that a Serverless service is for another cloud (or not). */
  otherCloud(path: string, provider: string | undefined): void;
}

function testDataReason(folder: string): string {
  return `test data (under ${folder}/): a test suite's input, not deployed; list it under include in ${CONFIG_FILE} to analyse it`;
}

export function scanStructure(cfg: Config, host: StructureHost): Structure {
  const accept = host.accept;
  const paths = host.paths.filter(accept).sort();
  const skipped: SkippedFile[] = host.skipped.filter(([p]) => accept(p)).map(([file, reason]) => ({ file, reason }));
  const out: Structure = { stamp: host.stamp, cfg, serverless: [], templates: [], composes: [], samconfigs: [], terraform: new Map(), terraformOpen: new Set(), deployers: [], scripts: [], sources: [], deployCommands: [], pipelineFiles: [], skipped };
  // A `.tf` file that was not read (a symbolic link, too large, unreadable) may declare names its folder uses.
  for (const x of skipped) if (/\.tf(\.json)?$/i.test(x.file)) out.terraformOpen.add(dirname(x.file));
  for (const p of paths) {
    if (pipelineKindOf(p)) out.pipelineFiles.push(p);
    if (isScriptFile(p)) {
      out.deployers.push(...host.deployersOf(p));
      out.scripts.push(p);
      out.deployCommands.push(...host.deployCommandsOf(p));
    }
    if (isSourceFile(p)) {
      out.sources.push(p);
      continue;
    }
    if (terraformKind.recognises(p, { role: 'other' })) {
      const data = !cfg.include.length ? testDataFolder(p) : undefined;
      if (data) {
        skipped.push({ file: p, reason: testDataReason(data) });
        continue;
      }
      if (!host.hcl) {
        skipped.push({ file: p, reason: 'Terraform is not analysed: the HCL parser could not be loaded' });
        continue;
      }
      const d = dirname(p);
      out.terraform.set(d, [...(out.terraform.get(d) ?? []), p]);
      continue;
    }
    if (/\.tf\.json$/i.test(p)) {
      skipped.push({ file: p, reason: 'Terraform JSON (.tf.json) is not analysed; the names its folder declares are not checked' });
      out.terraformOpen.add(dirname(p));
      continue;
    }
    if (/(^|\/)serverless\.(ts|js|cjs|mjs)$/.test(p)) {
      skipped.push({ file: p, reason: 'a JavaScript/TypeScript service file is never evaluated' });
      continue;
    }
    // A possible unit under a test-data folder is skipped unparsed (most of some repositories).
    const data = !cfg.include.length && mayBeUnit(p) ? testDataFolder(p) : undefined;
    if (data) {
      if (looksLikeUnit(p, host.text(p) ?? '')) skipped.push({ file: p, reason: testDataReason(data) });
      continue;
    }
    const role = host.role(p);
    if ((role.role === 'serverless' || role.role === 'template') && isProjectTemplate(p, host.parsed(p))) {
      skipped.push({ file: p, reason: 'a project template (cookiecutter/Jinja): not YAML until it is rendered' });
      continue;
    }
    const otherCloud = role.role === 'serverless' ? nonAwsProvider(host.parsed(p)?.tree) : undefined;
    host.otherCloud(p, otherCloud);
    if (otherCloud !== undefined) {
      skipped.push({ file: p, reason: `a Serverless service for provider "${otherCloud}", not AWS` });
      continue;
    }
    if (serverlessKind.recognises(p, role)) out.serverless.push(p);
    else if (templateKind.recognises(p, role)) out.templates.push(p);
    else if (role.role === 'compose') out.composes.push(p);
    else if (role.role === 'samconfig') out.samconfigs.push(host.samconfigOf(p));
  }
  // Build outputs and copies committed beside their source would make duplicate units.
  const outputs = buildOutputs(out.templates, (p) => {
    const parsed = host.parsed(p);
    return templateShape(parsed?.tree, parsed?.json ?? false);
  });
  if (outputs.size) {
    out.templates = out.templates.filter((t) => !outputs.has(t));
    for (const [file, reason] of outputs) skipped.push({ file, reason });
  }
  return out;
}
