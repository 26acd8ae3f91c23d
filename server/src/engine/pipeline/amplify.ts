// AWS Amplify Hosting builds: `amplify.yml` with `backend` and `frontend` phases (preBuild, build,
// postBuild, run in that order in one shell, like a buildspec's), one job each, the frontend after
// the backend; `env.variables` literal. The monorepo form (`applications:`) is one pipeline per
// application (`FILE#appRoot` when there are several), its commands starting at `appRoot`; else at
// the file's folder. Amplify's own backend deploy (`amplifyPush`, `amplify push|publish`, Gen 2's
// `npx ampx pipeline-deploy`) is no deploy the analysis matches: listed as unmatched with that reason.

import { basename, dirname, normalizePath } from '../paths';
import type { RNode } from '../tree';
import { deref, get, getEntry, getPath, items, str } from '../tree';
import type { Job, Pipeline, Skipped, Step } from './model';
import type { PipelineHost } from './read-yaml';
import { literalEnv, loadYaml } from './read-yaml';
import { addEnv, addScalar, readScript, ScriptText } from './script';

const PHASES = ['preBuild', 'build', 'postBuild'];
const AMPLIFY_REASON = "Amplify's own backend deploy (amplifyPush) is not matched to units";
const AMPLIFY_DEPLOY = /(^|[;&|(]|\n)[ \t]*((?:amplifyPush|amplify[ \t]+(?:push|publish))\b[^\n;&|)]*)/g;

export function isAmplify(path: string): boolean {
  return /(^|\/)amplify\.ya?ml$/.test(path);
}

export function readAmplify(file: string, host: PipelineHost): Pipeline[] {
  const skipped: Skipped[] = [];
  const files: string[] = [];
  const dir = dirname(file);
  const make = (id: string, root: string): Pipeline => ({ id, file, kind: 'amplify', name: basename(file), root, triggers: [], jobs: [], skipped, files });
  const doc = loadYaml(host, file, skipped, files);
  if (!doc?.tree) return [make(file, dir)];
  const tree = doc.tree;
  const apps = items(get(tree, 'applications'));
  if (!apps.length) {
    const p = make(file, dir);
    p.jobs = jobsOf(tree, literalEnv(getPath(tree, 'env', 'variables')), dir, doc.text, host, skipped, files);
    return [p];
  }
  const out: Pipeline[] = [];
  const topEnv = literalEnv(getPath(tree, 'env', 'variables'));
  for (const app of apps) {
    const appRoot = str(get(app, 'appRoot'));
    const root = appRoot === undefined ? dir : normalizePath(dir ? `${dir}/${appRoot}` : appRoot);
    const p = make(apps.length > 1 ? `${file}#${appRoot ?? out.length}` : file, root ?? dir);
    if (appRoot !== undefined && root === undefined) skipped.push({ file, loc: deref(get(app, 'appRoot'))?.loc, reason: `appRoot ${appRoot} leaves the workspace` });
    else p.jobs = jobsOf(app, { ...topEnv, ...literalEnv(getPath(app, 'env', 'variables')) }, p.root, doc.text, host, skipped, files);
    out.push(p);
  }
  return out;
}

function jobsOf(n: RNode, env: Record<string, string>, root: string, text: string, host: PipelineHost, skipped: Skipped[], files: string[]): Job[] {
  const jobs: Job[] = [];
  for (const id of ['backend', 'frontend']) {
    const e = getEntry(n, id);
    if (!e) continue;
    const job: Job = { id, loc: e.keyLoc, needs: jobs.map((j) => j.id), workingDirectory: root, steps: [] };
    const done: RNode[] = [];
    for (const phase of PHASES) {
      const pe = getEntry(get(e.value, 'phases'), phase);
      if (!pe) continue;
      const commands = get(pe.value, 'commands');
      const step: Step = { name: phase, kind: phase, loc: pe.keyLoc, workingDirectory: root, env, deploys: [], unmatched: [] };
      if (commands) step.script = { loc: commands.loc };
      const st = new ScriptText();
      addEnv(st, env, pe.keyLoc);
      for (const c of done) addScalar(st, c, text, undefined, true);
      const cmds = items(commands);
      for (const c of cmds) addScalar(st, c, text);
      const r = readScript(st, root, undefined, { host, skipped, files, chain: [], env });
      step.deploys.push(...r.deploys);
      const gen2 = (u: Step['unmatched'][number]) => (/\bampx[ \t]+pipeline-deploy\b/.test(u.text) ? { ...u, reason: AMPLIFY_REASON } : u);
      step.unmatched.push(...r.unmatched.map(gen2), ...amplifyDeploys(st));
      done.push(...cmds);
      job.steps.push(step);
    }
    jobs.push(job);
  }
  return jobs;
}

/** `amplifyPush` and `amplify push|publish` of the step itself (not its context). */
function amplifyDeploys(st: ScriptText): Step['unmatched'] {
  const out: Step['unmatched'] = [];
  for (const m of st.text.matchAll(AMPLIFY_DEPLOY)) {
    const s = m.index + m[0].length - m[2].length;
    const line = st.text.lastIndexOf('\n', s - 1) + 1;
    if (st.text.slice(line, s).includes('#')) continue;
    const t = m[2].replace(/[ \t]+#.*$/, '').replace(/\s+$/, '');
    const loc = st.locOf(s, s + t.length);
    if (loc) out.push({ loc, text: t, reason: AMPLIFY_REASON });
  }
  return out;
}
