// `serverless-domains graph --format html`: one self-contained page (inline style and script,
// a CSP that allows no source, no network) with the same drawing, pan, zoom and search as the
// editor's map (server/src/map/document.ts). Locations are workspace-relative paths.

import * as crypto from 'crypto';
import * as path from 'path';
import { Query, type AnalysisResult, type Workspace } from '../engine';
import type { DomainGraphResult } from '../protocol/ext';
import { mapDocument } from '../map/document';
import { Positions } from './report';

/** The protocol's folder shape from the engine's graph, with `uri` a workspace-relative path. */
export function cliGraphFolder(ws: Workspace, a: AnalysisResult, dir: string): DomainGraphResult['folders'][number] {
  const g = new Query(ws, a).graph();
  const pos = new Positions(ws);
  const L = <T extends { file: string; start: number; end: number } | undefined>(l: T) => (l ? { uri: l.file, range: pos.range(l) } : undefined);
  return {
    uri: '.',
    name: path.basename(dir),
    units: g.units.map(({ loc, ...u }) => ({ ...u, location: L(loc)! })),
    domains: g.domains.map((d) => ({
      ...d,
      triggers: d.triggers.map(({ loc, ...t }) => ({ ...t, location: L(loc) })),
      functions: d.functions.map(({ loc, ...f }) => ({ ...f, location: L(loc) })),
      resources: d.resources.map(({ loc, ...r }) => ({ ...r, location: L(loc) })),
    })),
    edges: g.edges.map(({ loc, ...e }) => ({ ...e, kind: e.kind as DomainGraphResult['folders'][number]['edges'][number]['kind'], location: L(loc)! })),
    deployOrder: g.deployOrder,
    cycles: g.cycles,
  };
}

export function graphHtml(ws: Workspace, a: AnalysisResult, dir: string): string {
  const folder = cliGraphFolder(ws, a, dir);
  return mapDocument({ folders: [folder] }, undefined, { host: 'none', nonce: crypto.randomBytes(16).toString('base64'), title: `Domain Map: ${folder.name}` }) + '\n';
}
