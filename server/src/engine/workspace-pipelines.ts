// The workspace's pipelines linked to its units: the glue between the pipeline store (facts cached
// by content), the units' facts and the rules. Relinked only when the pipelines or what matching
// reads of the units (files, stack names, function names, compose services) changed.

import type { UnitFacts } from './model';
import { dirname, joinPath, normalizePath } from './paths';
import { ComposeFile, indexUnits, UnitTarget } from './pipeline/match';
import { linkPipelines, PipelineLink } from './pipeline/link';
import { PipelineStore, StoreHost } from './pipeline/store';
import type { Pipeline } from './pipeline/model';
import type { SamConfigEntry } from './units';

export interface PipelineInput {
  /** The workspace's pipeline files. */
  files: readonly string[];
  host: StoreHost;
  facts: readonly UnitFacts[];
  /** Serverless Compose files: their services' names, paths and the services each waits for (`dependsOn`, params). */
  composes: ReadonlyArray<{ file: string; services: Array<{ name: string; path: string; needs: string[] }> }>;
  samconfigs: readonly SamConfigEntry[];
}

export class WorkspacePipelines {
  private readonly store = new PipelineStore();
  private sig = '';
  private link: PipelineLink = emptyLink();

  /** The pipelines of these files (cached by content). */
  read(files: readonly string[], host: StoreHost): Pipeline[] {
    return this.store.read(files, host);
  }

  /** The link, and whether it changed since the last call. */
  update(input: PipelineInput): { link: PipelineLink; changed: boolean } {
    const pipelines = this.store.read(input.files, input.host);
    const targets = input.facts.map(targetOf);
    const services = new Map<string, ComposeFile>();
    for (const c of input.composes) {
      const dir = dirname(c.file);
      const unitOf = new Map<string, string>();
      for (const s of c.services) {
        const d = normalizePath(joinPath(dir, s.path));
        const u = d === undefined ? undefined : targets.find((t) => t.kind === 'serverless' && dirname(t.id) === d);
        if (u) unitOf.set(s.name, u.id);
      }
      // The units compose deploys before each service: what it waits for, transitively.
      const needs = new Map(c.services.map((s) => [s.name, s.needs]));
      const after = new Map<string, Set<string>>();
      for (const s of c.services) {
        const u = unitOf.get(s.name);
        if (!u) continue;
        const seen = new Set<string>();
        const todo = [...s.needs];
        while (todo.length) {
          const n = todo.pop()!;
          if (seen.has(n)) continue;
          seen.add(n);
          todo.push(...(needs.get(n) ?? []));
        }
        after.set(u, new Set([...seen].map((n) => unitOf.get(n)).filter((x): x is string => !!x)));
      }
      services.set(dir, { file: c.file, units: [...unitOf.values()], after, services: new Map([...unitOf].map(([name, u]) => [u, name])) });
    }
    const sig = `${this.store.stamp}|${JSON.stringify(targets.map((t) => [t.id, t.stackName, t.files, t.functions.map((f) => f.physicalName ?? '')]))}|${JSON.stringify(input.composes)}|${input.samconfigs.map((s) => JSON.stringify(s)).join()}`;
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
