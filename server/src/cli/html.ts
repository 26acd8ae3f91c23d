// `serverless-domains graph --format html`: one self-contained page (no network) with the same map,
// pan, zoom and search as the editor's map (server/src/map/document.ts), from the same input as
// `--format svg` (map-svg.ts `mapInput`): the folder's graph and its pipelines.

import * as crypto from 'crypto';
import * as path from 'path';
import type { AnalysisResult, Workspace } from '../engine';
import { mapDocument } from '../map/document';
import { mapInput } from './map-svg';

export function graphHtml(ws: Workspace, a: AnalysisResult, dir: string): string {
  const { folder, pipelines } = mapInput(ws, a, path.basename(dir));
  return mapDocument({ folders: [folder] }, pipelines, { host: 'none', nonce: crypto.randomBytes(16).toString('base64'), title: `Domain Map: ${folder.name}` }) + '\n';
}
