// GitHub actions that wrap a deploy: `aws-actions/aws-cloudformation-github-deploy` (`with: name,
// template`) and `serverless/github-action` (`with: args: deploy ...`, or `args: -c "shell"`).
// Their deploys are located on the action's name in the `uses:` line.

import { normalizePath } from '../paths';
import type { RNode } from '../tree';
import { get, str } from '../tree';
import type { Deploy, Unmatched } from './model';
import { literalEnv } from './read-yaml';
import { addScalar, readScript, ScriptText } from './script';

type Exprs = (e: string) => string | undefined;

/** The deploys of a `uses:` step when its action is a known deploy wrapper; undefined for any other action. */
export function actionDeploys(uses: RNode, withNode: RNode | undefined, text: string, root: string, exprs: Exprs, matrix?: Record<string, string>): { deploys: Deploy[]; unmatched: Unmatched[] } | undefined {
  const name = (str(uses) ?? '').replace(/@.*$/, '').toLowerCase();
  const loc = uses.loc;
  const written = text.slice(loc.start, loc.end);
  if (name === 'aws-actions/aws-cloudformation-github-deploy') {
    const w = literalEnv(withNode, exprs);
    const d: Deploy = { tool: 'cloudformation deploy', loc, text: written, workingDirectory: root };
    if (matrix) d.matrix = matrix;
    if (w.name && /^[A-Za-z][A-Za-z0-9-]*$/.test(w.name)) d.stackName = w.name;
    const t = w.template?.replace(/^file:\/\//, '');
    if (t && !/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) {
      const p = normalizePath(root ? `${root}/${t}` : t);
      if (p !== undefined) d.template = p;
    }
    if (d.stackName === undefined && d.template === undefined) return { deploys: [], unmatched: [{ loc, text: written, reason: 'neither the template nor the stack name is known statically', ...(matrix ? { matrix } : {}) }] };
    return { deploys: [d], unmatched: [] };
  }
  if (name === 'serverless/github-action') {
    const args = get(withNode, 'args');
    const st = new ScriptText();
    const a = str(args);
    if (a === undefined) return { deploys: [], unmatched: [] };
    const shell = /^\s*-c\s+(["']?)([\s\S]*)\1\s*$/.exec(a);
    if (shell) st.addSynthetic(shell[2], args!.loc);
    else {
      st.addSynthetic('serverless ', loc);
      addScalar(st, args, text, exprs);
    }
    return readScript(st, root, matrix);
  }
  return undefined;
}
