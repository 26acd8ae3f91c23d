// Where the shared corpus is, if it is there: ../shared/corpus beside the checkout, or
// SERVERLESS_DOMAINS_CORPUS.

import * as fs from 'node:fs';
import * as path from 'node:path';

export function corpusDir(): string | undefined {
  const candidates = [process.env.SERVERLESS_DOMAINS_CORPUS, path.resolve(__dirname, '../../../../shared/corpus'), path.resolve(process.cwd(), '../shared/corpus')];
  return candidates.find((c): c is string => !!c && fs.existsSync(c));
}

/** The `.tf` files under a folder, sorted (an iterative walk). */
export function tfFiles(root: string): string[] {
  const out: string[] = [];
  const todo = [root];
  while (todo.length) {
    const d = todo.pop()!;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) todo.push(p);
      else if (e.isFile() && e.name.endsWith('.tf')) out.push(p);
    }
  }
  return out.sort();
}
