// The pipelines of a workspace, read from its pipeline files and cached by content: a file's
// pipelines are read again only when one of the files they read (the workflow, its composite
// actions, reusable workflows, includes, the scripts and Makefiles it calls) changed.

import { pipelineKindOf, readPipelines } from './kinds';
import type { Pipeline } from './model';
import type { ParsedFile } from '../parse';

/** What the store reads of the workspace: a file's text and version (undefined when it is not there). */
export interface StoreHost {
  text(file: string): string | undefined;
  version(file: string): number | undefined;
  /** The file parsed by the host, when it keeps parsed files. */
  parsed?(file: string): ParsedFile | undefined;
}

interface Entry {
  /** Every file read, with the version it had. */
  read: Array<[string, number | undefined]>;
  pipelines: Pipeline[];
}

export class PipelineStore {
  private readonly cache = new Map<string, Entry>();
  private lastSig = '';
  private last: Pipeline[] = [];
  /** Bumped whenever the list of pipelines changes. */
  stamp = 0;

  /** Whether a workspace file is the main file of a pipeline. */
  static isPipelineFile(path: string): boolean {
    return pipelineKindOf(path) !== undefined;
  }

  /** The pipelines of these files (sorted by id), each read again only when a file it read changed. */
  read(files: readonly string[], host: StoreHost): Pipeline[] {
    const out: Pipeline[] = [];
    const sig: string[] = [];
    for (const f of files) {
      let e = this.cache.get(f);
      if (!e || e.read.some(([p, v]) => host.version(p) !== v)) {
        // Every file a reader asks for is recorded, found or not: its creation changes the pipeline too.
        const read = new Set<string>([f]);
        const pipelines = readPipelines(f, {
          text: (p) => {
            read.add(p);
            return host.text(p);
          },
          parsed: host.parsed ? (p) => host.parsed!(p) : undefined,
        });
        e = { read: [...read].map((p) => [p, host.version(p)]), pipelines };
        this.cache.set(f, e);
      }
      out.push(...e.pipelines);
      sig.push(`${f}@${e.read.map(([p, v]) => `${p}:${v}`).join(',')}`);
    }
    for (const k of [...this.cache.keys()]) if (!files.includes(k)) this.cache.delete(k);
    const s = sig.join('|');
    if (s !== this.lastSig) {
      this.lastSig = s;
      this.last = out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      this.stamp++;
    }
    return this.last;
  }
}
