// GitHub actions that wrap a deploy: `aws-actions/aws-cloudformation-github-deploy` (`with: name,
// template`) and `serverless/github-action` (`with: args: deploy ...`, or `args: -c "shell"`).
// Their deploys are located on the action's name in the `uses:` line.

import { normalizePath } from '../paths';
import type { RNode } from '../tree';
import { get, str } from '../tree';
import type { Loc } from '../types';
import type { Deploy, DeployKind, Unmatched } from './model';
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
    return wrappedDeploy('cloudformation deploy', loc, written, root, w.name, w.template, matrix);
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

/** A deploy a wrapper (an action, a Bitbucket pipe, an Azure task) gives by its literal stack name and
 * template (relative to `root`; `file://` dropped, URLs not local); unmatched when neither is known. */
export function wrappedDeploy(tool: DeployKind, loc: Loc, written: string, root: string, stack: string | undefined, template: string | undefined, matrix?: Record<string, string>): { deploys: Deploy[]; unmatched: Unmatched[] } {
  const d: Deploy = { tool, loc, text: written, workingDirectory: root };
  if (matrix) d.matrix = matrix;
  if (stack && /^[A-Za-z][A-Za-z0-9-]*$/.test(stack)) d.stackName = stack;
  const t = template?.replace(/^file:\/\//, '');
  if (t && !/^[a-z][a-z0-9+.-]*:\/\//i.test(t) && !t.includes('$') && !t.startsWith('/')) {
    const p = normalizePath(root ? `${root}/${t}` : t);
    if (p !== undefined) d.template = p;
  }
  if (d.stackName === undefined && d.template === undefined) return { deploys: [], unmatched: [{ loc, text: written, reason: 'neither the template nor the stack name is known statically', ...(matrix ? { matrix } : {}) }] };
  return { deploys: [d], unmatched: [] };
}
