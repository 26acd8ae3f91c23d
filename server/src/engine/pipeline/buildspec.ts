// AWS CodeBuild buildspecs: `phases.install|pre_build|build|post_build.commands`, run in that
// order in one shell (a variable or `cd` of an earlier phase holds in a later one), with the
// literal `env.variables`. Commands start at the source root, taken as the workspace root.

import { basename } from '../paths';
import type { RNode } from '../tree';
import { deref, get, getEntry, getPath, items } from '../tree';
import type { Job, Pipeline, Skipped, Step } from './model';
import type { PipelineHost } from './read-yaml';
import { literalEnv, loadYaml } from './read-yaml';
import { addEnv, addScalar, readScript, ScriptText } from './script';

const PHASES = ['install', 'pre_build', 'build', 'post_build'];

export function isBuildspec(path: string): boolean {
  return /(^|\/)buildspec[^/]*\.ya?ml$/i.test(path);
}

export function readBuildspec(file: string, host: PipelineHost): Pipeline[] {
  const skipped: Skipped[] = [];
  const files: string[] = [];
  const p: Pipeline = { id: file, file, kind: 'codebuild', name: basename(file), root: '', triggers: [], jobs: [], skipped, files };
  const doc = loadYaml(host, file, skipped, files);
  if (doc?.tree) p.jobs.push(buildspecJob(doc.tree, doc.text, host, skipped, files));
  return [p];
}

/** The one job of a buildspec's tree (`text`: the text its locations point into); `over`: literal
 * variables the build is started with (a project's, a CodePipeline action's), which win. */
export function buildspecJob(tree: RNode, text: string, host: PipelineHost, skipped: Skipped[], files: string[], over: Record<string, string> = {}): Job {
  const env = { ...literalEnv(getPath(tree, 'env', 'variables')), ...over };
  const loc = deref(tree)!.loc;
  const job: Job = { id: 'build', loc, needs: [], workingDirectory: '', steps: [] };
  const done: RNode[] = [];
  for (const phase of PHASES) {
    const e = getEntry(get(tree, 'phases'), phase);
    const cmds = items(get(e?.value, 'commands'));
    if (!e) continue;
    const step: Step = { name: phase, kind: phase, loc: e.keyLoc, workingDirectory: '', env, deploys: [], unmatched: [] };
    const commands = deref(get(e.value, 'commands'));
    if (commands) step.script = { loc: commands.loc };
    const st = new ScriptText();
    addEnv(st, env, e.keyLoc);
    for (const c of done) addScalar(st, c, text, undefined, true);
    for (const c of cmds) addScalar(st, c, text);
    // After an earlier phase's `cd`, deploy-commands treats the folder as unknown, as it should.
    const r = readScript(st, '', undefined, { host, skipped, files, chain: [], env });
    step.deploys.push(...r.deploys);
    step.unmatched.push(...r.unmatched);
    done.push(...cmds);
    job.steps.push(step);
  }
  return job;
}
