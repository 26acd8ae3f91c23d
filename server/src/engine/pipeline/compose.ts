// Serverless Compose: `serverless-compose.yml` deploys its services together. One pipeline per
// file; each service is a job (its key) with one synthetic step holding a `serverless deploy` of
// the service's folder (`path`, relative to the compose file) and its `config`, located on the
// service's key. Order: `dependsOn` (a string or a list) and the services whose outputs the
// `params` read (`${other.output}`); services with no path between them deploy in any order.

import { basename, dirname, normalizePath } from '../paths';
import { deref, entries, get, str } from '../tree';
import { readCompose } from '../units';
import type { Deploy, Job, Pipeline, Skipped, Step } from './model';
import type { PipelineHost } from './read-yaml';
import { loadYaml } from './read-yaml';

export function isServerlessCompose(path: string): boolean {
  return /(^|\/)serverless-compose\.(ya?ml|json)$/i.test(path);
}

export function readServerlessCompose(file: string, host: PipelineHost): Pipeline[] {
  const skipped: Skipped[] = [];
  const files: string[] = [];
  const root = dirname(file);
  const p: Pipeline = { id: file, file, kind: 'compose', name: basename(file), root, triggers: [], jobs: [], skipped, files };
  const doc = loadYaml(host, file, skipped, files);
  if (!doc?.tree) return [p];
  const services = entries(get(doc.tree, 'services'));
  const keys = new Set(services.map((e) => e.key));
  const read = new Map(readCompose({ file, text: doc.text, tree: doc.tree, errors: [], json: false }).map((s) => [s.name, s]));
  for (const e of services) {
    const s = read.get(e.key);
    const job: Job = { id: e.key, loc: e.keyLoc, needs: [], workingDirectory: undefined, steps: [] };
    for (const d of s?.dependsOn ?? []) {
      if (!keys.has(d)) skipped.push({ file, loc: e.keyLoc, reason: `${e.key} depends on ${d}, which is no service of this file` });
      else if (!job.needs.includes(d)) job.needs.push(d);
    }
    for (const prm of s?.params ?? []) if (keys.has(prm.from) && prm.from !== e.key && !job.needs.includes(prm.from)) job.needs.push(prm.from);
    const text = `serverless deploy --service=${e.key}`;
    const step: Step = { kind: 'service', loc: e.keyLoc, workingDirectory: undefined, env: {}, deploys: [], unmatched: [] };
    const written = str(get(e.value, 'path'));
    const folder = written === undefined || written.includes('${') ? undefined : normalizePath(root ? `${root}/${written}` : written);
    if (folder === undefined) {
      const why = written === undefined ? 'the service has no literal path' : written.includes('${') ? `its path ${written} is not known statically` : `its path ${written} leaves the workspace`;
      step.unmatched.push({ loc: e.keyLoc, text, reason: why });
    } else {
      job.workingDirectory = step.workingDirectory = folder;
      const d: Deploy = { tool: 'serverless deploy', loc: e.keyLoc, text, workingDirectory: folder, folder };
      const config = str(get(e.value, 'config'));
      if (config !== undefined) {
        const c = config.includes('${') ? undefined : normalizePath(folder ? `${folder}/${config}` : config);
        if (c === undefined) step.unmatched.push({ loc: deref(get(e.value, 'config'))?.loc ?? e.keyLoc, text, reason: `its config ${config} is not known statically or leaves the workspace` });
        else step.deploys.push({ ...d, config: c });
      } else step.deploys.push(d);
    }
    job.steps.push(step);
    p.jobs.push(job);
  }
  return [p];
}
