// Where the shared corpus is, if it is there: ../shared/corpus beside the checkout, or
// SERVERLESS_DOMAINS_CORPUS.

import * as fs from 'node:fs';
import * as path from 'node:path';

export function corpusDir(): string | undefined {
  const candidates = [process.env.SERVERLESS_DOMAINS_CORPUS, path.resolve(__dirname, '../../../../shared/corpus'), path.resolve(process.cwd(), '../shared/corpus')];
  return candidates.find((c): c is string => !!c && fs.existsSync(c));
}
