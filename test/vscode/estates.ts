// The map tests' workspace: a generated estate of 200 units and copies of two real estates of
// the corpus (../shared/corpus beside the project, copied at test time and only if present),
// as one multi-root workspace. The suite (suite/map.test.ts) finds them by folder name and says
// why it skips a real estate that is absent.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateEstate } from '../bench/generate';

const ROOT = path.resolve(__dirname, '../../..');
export const CORPUS = process.env.SD_CORPUS ?? path.resolve(ROOT, '..', 'shared', 'corpus');
/** Folder name in the workspace -> the corpus repository copied into it. */
export const REAL_ESTATES: Record<string, string> = {
  ecommerce: 'aws-samples__aws-serverless-ecommerce-platform',
  onemac: 'Enterprise-CMCS__macpro-onemac',
};

/** Writes the estates into a temporary folder; returns the path of its .code-workspace file. */
export function writeMapWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-map-'));
  const folders: string[] = [];
  const generated = path.join(dir, 'generated-200');
  for (const [p, text] of generateEstate(200)) {
    fs.mkdirSync(path.dirname(path.join(generated, p)), { recursive: true });
    fs.writeFileSync(path.join(generated, p), text);
  }
  folders.push('generated-200');
  for (const [name, repo] of Object.entries(REAL_ESTATES)) {
    const from = path.join(CORPUS, repo);
    if (!fs.existsSync(from)) continue;
    fs.cpSync(from, path.join(dir, name), { recursive: true });
    folders.push(name);
  }
  const file = path.join(dir, 'map.code-workspace');
  fs.writeFileSync(file, JSON.stringify({ folders: folders.map((f) => ({ path: f })), settings: {} }, null, 2));
  return file;
}
