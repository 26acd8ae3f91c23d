// Which template deploys as which stack: nested stacks (a template another one deploys
// belongs to its parent's unit, its stack named after the parent's), and each root template's
// stack name in the contract's order (the configuration, a literal `--stack-name` of a deploy
// command, a samconfig, else the folder name, which is a guess), with the other names scripts
// and CodePipelines deploy it under.

import type { Config } from './config';
import { dirname, joinPath, normalizePath } from './paths';
import type { DeployCommand } from './pipeline/deploy-commands';
import { deployedStackNames, withConfigEnv } from './pipeline/deployed-stacks';
import type { codePipelineDeploys } from './pipeline/codepipeline';
import { folderName, SamConfigEntry, SamConfigIndex } from './units';

export interface TemplateLayout {
  templates: string[];
  parents: Map<string, string>;
  nestedAs: Map<string, string>;
  stacks: Map<string, string>;
  guessed: Set<string>;
  alternatives: Map<string, string[]>;
  nestedSig: Map<string, string>;
  overrides: Map<string, Record<string, string> | undefined>;
}

export interface LayoutInput {
  /** The templates that are units (not included by a Serverless service). */
  templates: string[];
  nestedOf(t: string): Array<{ id: string; path: string }>;
  samconfigs: SamConfigEntry[];
  commands: DeployCommand[];
  cfg: Config;
  rootName: string;
  /** The CloudFormation deploy actions of a CodePipeline the template defines. */
  pipelineDeploys(t: string): ReturnType<typeof codePipelineDeploys>;
}

export function templateLayout(input: LayoutInput): TemplateLayout {
  const templateSet = new Set(input.templates);
  // Nested stacks deploy with their parent.
  const parents = new Map<string, string>();
  const nestedAs = new Map<string, string>();
  for (const t of templateSet) {
    for (const e of input.nestedOf(t)) {
      const child = normalizePath(joinPath(dirname(t), e.path));
      if (child && child !== t && templateSet.has(child) && !parents.has(child)) {
        parents.set(child, t);
        nestedAs.set(child, `${t}#${e.id}`);
      }
    }
  }
  const samIndex = new SamConfigIndex(input.samconfigs);
  // A script's `--stack-name` for the template it deploys (when no other command names it otherwise).
  const samByFile = new Map(input.samconfigs.map((sc) => [sc.file, sc]));
  const deployed = deployedStackNames(
    input.commands.map((c) => withConfigEnv(c, samByFile)),
    (p) => templateSet.has(p) && !parents.has(p),
  );
  // Deployed under several names: each is a stack of it (the folder name stays the guess).
  const alternatives = new Map([...deployed].filter(([t, names]) => names.length > 1 && input.cfg.stackNames[t] === undefined && samIndex.stackName(t) === undefined));
  // A folder name is a guess; a samconfig, the configuration or a deploy command states a fact.
  const guessed = new Set<string>();
  const stackOf = (t: string, depth = 0): string => {
    const parent = parents.get(t);
    if (parent && depth < 16) {
      const s = stackOf(parent, depth + 1);
      if (guessed.has(parent)) guessed.add(t);
      return `${s}-${(nestedAs.get(t) ?? '').split('#').pop()}`;
    }
    const named = deployed.get(t);
    // The contract's order: a literal --stack-name of a deploy command is ahead of samconfig and folder names.
    const known = input.cfg.stackNames[t] ?? (named?.length === 1 ? named[0] : undefined) ?? samIndex.stackName(t);
    if (known === undefined) guessed.add(t);
    return known ?? folderName(t, input.rootName);
  };
  const sorted = [...templateSet].sort();
  const stacks = new Map(sorted.map((t) => [t, stackOf(t)]));
  pipelineStackNames(sorted, stacks, (t) => templateSet.has(t) && !parents.has(t) && guessed.has(t), alternatives, input.pipelineDeploys);
  return { templates: sorted, parents, nestedAs, stacks, guessed, alternatives, nestedSig: new Map(sorted.map((t) => [t, JSON.stringify(input.nestedOf(t))])), overrides: new Map(sorted.map((t) => [t, samIndex.overrides(t, input.cfg.stage)])) };
}

/**
 * A CodePipeline in a template that deploys another template of the workspace (a CloudFormation
 * action's `TemplatePath`, resolved from the pipeline's folder, then the root) as `StackName`:
 * a possible stack name of that template (imports of it resolve; its name stays a guess, so nothing
 * about it is called broken). Only for templates whose name is a guess.
 */
function pipelineStackNames(templates: string[], stacks: Map<string, string>, open: (t: string) => boolean, out: Map<string, string[]>, deploys: LayoutInput['pipelineDeploys']): void {
  for (const t of templates) {
    for (const d of deploys(t)) {
      const dir = dirname(t);
      const target = [dir ? joinPath(dir, d.template) : d.template, d.template].map((x) => normalizePath(x)).find((x) => x !== undefined && x !== t && open(x));
      if (!target) continue;
      const name = 'literal' in d.stackName ? d.stackName.literal : stacks.get(t)! + d.stackName.afterOwnStack;
      out.set(target, [...new Set([...(out.get(target) ?? []), name])].sort());
    }
  }
}
