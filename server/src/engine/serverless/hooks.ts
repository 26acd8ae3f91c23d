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

const AWS_INVOKE = /\baws\s+lambda\s+invoke\b[^\n;&|]*?--function-name[=\s]+(['"]?)([^\s'";&|]+)\1/g;

/** The `--function-name` values of `aws lambda invoke` commands in these values (as written). */
export function namesInvokedByAwsCli(n: RNode | undefined): string[] {
  const out = new Set<string>();
  walk(n, (node) => {
    if (node.k !== 'scalar' || typeof node.value !== 'string' || !/\baws\s+lambda\s+invoke\b/.test(node.value)) return;
    for (const m of node.value.matchAll(AWS_INVOKE)) out.add(m[2]);
  });
  return [...out];
}

/**
 * Whether a `--function-name` value names the function `id` of a Serverless service: its physical name,
 * or the framework's `<service>-<stage>-<id>` written with variables for the service or the stage.
 */
export function namesServiceFunction(name: string, id: string, physicalName: string | undefined, service: string | undefined): boolean {
  if (name === physicalName || name === id) return true;
  if (!name.endsWith('-' + id)) return false;
  const prefix = name.slice(0, -(id.length + 1));
  return prefix.includes('${') || (service !== undefined && prefix.startsWith(service + '-'));
}
