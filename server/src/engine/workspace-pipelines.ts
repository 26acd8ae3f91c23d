// The workspace's pipelines linked to its units: the glue between the pipeline store (facts cached
// by content), the units' facts and the rules. Relinked only when the pipelines or what matching
// reads of the units (files, stack names, function names, compose services) changed.

import type { UnitFacts } from './model';
import { dirname, joinPath, normalizePath } from './paths';
import { indexUnits, UnitTarget } from './pipeline/match';
import { linkPipelines, PipelineLink } from './pipeline/link';
import { PipelineStore, StoreHost } from './pipeline/store';
import type { SamConfigEntry } from './units';

export interface PipelineInput {
  /** The workspace's pipeline files. */
  files: readonly string[];
  host: StoreHost;
  facts: readonly UnitFacts[];
  /** Serverless Compose files: their folder and their services' paths. */
  composes: ReadonlyArray<{ file: string; paths: string[] }>;
  samconfigs: readonly SamConfigEntry[];
}

export class WorkspacePipelines {
  private readonly store = new PipelineStore();
  private sig = '';
  private link: PipelineLink = emptyLink();

  /** The link, and whether it changed since the last call. */
  update(input: PipelineInput): { link: PipelineLink; changed: boolean } {
    const pipelines = this.store.read(input.files, input.host);
    const targets = input.facts.map(targetOf);
    const services = new Map<string, string[]>();
    for (const c of input.composes) {
      const dir = dirname(c.file);
      const ids: string[] = [];
      for (const p of c.paths) {
        const d = normalizePath(joinPath(dir, p));
        const u = d === undefined ? undefined : targets.find((t) => t.kind === 'serverless' && dirname(t.id) === d);
        if (u) ids.push(u.id);
      }
      services.set(dir, ids);
    }
    const sig = `${this.store.stamp}|${JSON.stringify(targets.map((t) => [t.id, t.stackName, t.files, t.functions.map((f) => f.physicalName ?? '')]))}|${JSON.stringify([...services])}|${input.samconfigs.map((s) => JSON.stringify(s)).join()}`;
    if (sig === this.sig) return { link: this.link, changed: false };
    this.sig = sig;
    this.link = pipelines.length ? linkPipelines(pipelines, indexUnits(targets, services, input.samconfigs)) : emptyLink();
    return { link: this.link, changed: true };
  }
}

function targetOf(f: UnitFacts): UnitTarget {
  return {
    id: f.id,
    kind: f.kind,
    files: f.files,
    folder: f.kind === 'terraform' ? f.dir : undefined,
    stackName: f.stackNameGuessed || f.kind === 'terraform' ? undefined : f.stackName,
    functions: [...f.functions.values()].map((x) => ({ id: x.id, physicalName: x.physicalName })),
  };
}

export function emptyLink(): PipelineLink {
  return { pipelines: [], deploysOf: new Map(), codeDeploysOf: new Map(), byId: new Map() };
}
