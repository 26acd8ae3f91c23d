// The map page of a whole domain graph: each folder drawn (and drawn again grouped by pipeline
// when pipelines deploy its units) and put in the interactive page. The one place the webview
// (client/src/views/map.ts) and `graph --format html` (server/src/cli/html.ts) build the page.

import type { DomainGraphResult, PipelinesResult } from '../protocol/ext';
import { renderSvg } from './draw';
import { mapPage, MapPageFolder } from './page';
import { pipelineColours, pipelineLegend } from './pipelines';
import { DRAWING_CSS, LEGEND_HTML } from './theme';

export interface MapDocumentOptions {
  host: 'vscode' | 'none';
  nonce: string;
  cspSource?: string;
  title?: string;
  unitKindLabel?: (kind: string) => string;
  /** Keys of folded groups the user expanded (the drawing folds large estates; see draw.ts). */
  expanded?: ReadonlySet<string>;
}

export function mapFolders(graph: Pick<DomainGraphResult, 'folders'>, pipelines: PipelinesResult | undefined, opts: Pick<MapDocumentOptions, 'unitKindLabel' | 'expanded'> = {}): MapPageFolder[] {
  const escText = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return graph.folders.map((f) => {
    if (!f.units.length) return { name: f.name, plain: '', note: 'No deployment units.' };
    const colours = pipelineColours(pipelines, f.uri);
    return {
      name: f.name,
      plain: renderSvg(f, colours, false, opts.unitKindLabel),
      grouped: colours ? renderSvg(f, colours, true, opts.unitKindLabel) : undefined,
      legend: colours ? pipelineLegend(colours, escText) : undefined,
    };
  });
}

export function mapDocument(graph: Pick<DomainGraphResult, 'folders'>, pipelines: PipelinesResult | undefined, opts: MapDocumentOptions): string {
  return mapPage({
    host: opts.host,
    title: opts.title ?? 'Domain Map',
    folders: mapFolders(graph, pipelines, opts),
    legend: LEGEND_HTML,
    drawingCss: DRAWING_CSS,
    nonce: opts.nonce,
    cspSource: opts.cspSource,
  });
}
