// The map page of a whole domain graph: each folder drawn by `drawMap` (and drawn again grouped by
// pipeline when pipelines deploy its units) and put in the interactive page. The one place the
// webview (client/src/views/map.ts) and `graph --format html` (server/src/cli/html.ts) build the
// page. The drawing's CSS (`mapCss()`) is the page's, under its nonce; the legend is the drawing's.

import type { DomainGraphResult, PipelinesResult } from '../protocol/ext';
import { drawMap } from './draw';
import { mapPage, MapPageFolder } from './page';
import { pipelineColours, pipelineCss, pipelineLegend } from './pipelines';
import { mapCss } from './style';

export interface MapDocumentOptions {
  host: 'vscode' | 'none';
  nonce: string;
  cspSource?: string;
  title?: string;
  unitKindLabel?: (kind: string) => string;
  /** Fold a folder of more units than this into groups (the webview; the standalone page never folds). */
  foldAbove?: number;
  /** Keys of folded groups the user expanded. */
  expanded?: Iterable<string>;
}

export function mapFolders(graph: Pick<DomainGraphResult, 'folders'>, pipelines: PipelinesResult | undefined, opts: Pick<MapDocumentOptions, 'unitKindLabel' | 'expanded' | 'foldAbove'> = {}): MapPageFolder[] {
  const escText = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const expanded = [...(opts.expanded ?? [])];
  return graph.folders.map((f) => {
    if (!f.units.length) return { name: f.name, plain: '', note: 'No deployment units.' };
    const colours = pipelineColours(pipelines, f.uri);
    const draw = (groupBy: 'folder' | 'pipeline') => drawMap(f, { pipelines, groupBy, foldAbove: opts.foldAbove, expanded, unitKindLabel: opts.unitKindLabel }).svg;
    return {
      name: f.name,
      plain: draw('folder'),
      grouped: colours ? draw('pipeline') : undefined,
      legend: colours ? pipelineLegend(colours, escText) : undefined,
    };
  });
}

export function mapDocument(graph: Pick<DomainGraphResult, 'folders'>, pipelines: PipelinesResult | undefined, opts: MapDocumentOptions): string {
  return mapPage({
    host: opts.host,
    title: opts.title ?? 'Domain Map',
    folders: mapFolders(graph, pipelines, opts),
    legend: '',
    drawingCss: `${mapCss()}\n${pipelineCss()}`,
    nonce: opts.nonce,
    cspSource: opts.cspSource,
  });
}
