// `serverless-domains graph --format svg`: the workspace's domain map as one standalone SVG, drawn
// by the same code as the editor's map (server/src/map/); `mapInput` is the input of `--format svg`
// and `--format html` alike: the shapes the language server sends, with workspace-relative paths.

import { type AnalysisResult, type Loc, Query, type Workspace } from '../engine';
import { pipelineItems } from '../lsp/pipelines';
import { drawMap } from '../map/draw';
import type { DomainGraphResult, GraphEdge, PipelinesResult } from '../protocol/ext';
import { Positions } from './report';

type Folder = DomainGraphResult['folders'][number];
const FOLD_ABOVE = 80;

/** The folder's graph and pipelines in the protocol's shapes; a location's `uri` is the workspace-relative path. */
export function mapInput(ws: Workspace, a: AnalysisResult, name: string): { folder: Folder; pipelines: PipelinesResult } {
  const pos = new Positions(ws);
  const at = (l: Loc) => ({ uri: l.file, range: pos.range(l) });
  const opt = (l: Loc | undefined) => (l ? at(l) : undefined);
  const g = new Query(ws, a).graph();
  const folder: Folder = {
    uri: '.',
    name,
    units: g.units.map(({ loc, ...u }) => ({ ...u, location: at(loc) })),
    domains: g.domains.map((d) => ({
      ...d,
      triggers: d.triggers.map(({ loc, ...t }) => ({ ...t, location: opt(loc) })),
      functions: d.functions.map(({ loc, ...f }) => ({ ...f, location: opt(loc) })),
      resources: d.resources.map(({ loc, ...r }) => ({ ...r, location: opt(loc) })),
    })),
    edges: g.edges.map(({ loc, ...e }) => ({ ...e, kind: e.kind as GraphEdge['kind'], location: at(loc) })),
    deployOrder: g.deployOrder,
    cycles: g.cycles,
  };
  return { folder, pipelines: { folders: [{ uri: '.', name, pipelines: pipelineItems(a, at) }], generation: 0 } };
}

/** The standalone SVG document; `fold`: large estates folded by folder. */
export function graphSvg(ws: Workspace, a: AnalysisResult, name: string, fold: boolean): string {
  const { folder, pipelines } = mapInput(ws, a, name);
  const { svg } = drawMap(folder, { pipelines, standalone: true, ...(fold ? { foldAbove: FOLD_ABOVE } : {}) });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`;
}
