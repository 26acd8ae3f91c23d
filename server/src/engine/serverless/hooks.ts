// Deploy hooks and custom commands (serverless-plugin-scripts `custom.scripts.hooks`,
// serverless-scriptable-plugin...) that run `serverless invoke --function X`: X is invoked by
// the deploy itself. Only read, never run. `invoke local` runs the code locally, not the
// deployed function, so it does not count.

import { RNode, walk } from '../tree';

const INVOKE = /\b(?:serverless|sls)\s+invoke\b(?!\s+local\b)([^\n;&|]*)/g;
const FUNCTION_FLAG = /(?:^|\s)(?:--function|-f)(?:=|\s+)(['"]?)([\w-]+)\1/;

/** Names of the functions that commands in these values invoke. */
export function functionsInvokedByCommands(n: RNode | undefined): string[] {
  const out = new Set<string>();
  walk(n, (node) => {
    if (node.k !== 'scalar' || typeof node.value !== 'string' || !/\b(?:serverless|sls)\s+invoke\b/.test(node.value)) return;
    for (const m of node.value.matchAll(INVOKE)) {
      const f = FUNCTION_FLAG.exec(m[1]);
      if (f) out.add(f[2]);
    }
  });
  return [...out];
}
