// Bitbucket pipes that wrap a deploy, read from their literal `variables` and located on the
// pipe's name (the `pipe:` value): `atlassian/aws-sam-deploy` (`STACK_NAME`, `SAM_TEMPLATE` /
// `TEMPLATE`; not with `COMMAND: package-only`), `atlassian/aws-cloudformation-deploy`
// (`STACK_NAME`, `TEMPLATE`), `atlassian/serverless-deploy` (`serverless deploy` in the
// repository with `CONFIG` and `EXTRA_ARGS`) and `atlassian/aws-lambda-deploy` (`COMMAND:
// update`: a code-only deploy of `FUNCTION_NAME`). A value holding `$` is a deploy-time variable:
// unknown. Any other pipe deploys nothing the analysis can see.

import type { RNode } from '../tree';
import { entries, str } from '../tree';
import type { Deploy, Unmatched } from './model';
import { wrappedDeploy } from './action-deploys';
import { readScript, ScriptText } from './script';

/** The deploys of a `pipe:` step when the pipe is a known deploy wrapper; undefined for any other pipe. */
export function pipeDeploys(pipe: RNode, variables: RNode | undefined, text: string, root: string): { deploys: Deploy[]; unmatched: Unmatched[] } | undefined {
  const name = (str(pipe) ?? '').replace(/:[^/:]*$/, '').toLowerCase();
  const loc = pipe.loc;
  const written = text.slice(loc.start, loc.end);
  const vars: Record<string, string> = {};
  /** As written, `$` included (a shell reads it as unknown). */
  const raw: Record<string, string> = {};
  for (const e of entries(variables)) {
    const v = str(e.value);
    if (v === undefined) continue;
    raw[e.key] = v;
    if (!v.includes('$')) vars[e.key] = v;
  }
  const unknown = (reason: string) => ({ deploys: [], unmatched: [{ loc, text: written, reason }] });
  switch (name) {
    case 'atlassian/aws-sam-deploy': {
      const command = (raw.COMMAND ?? 'all').toLowerCase();
      if (command === 'package-only') return { deploys: [], unmatched: [] };
      if (raw.COMMAND !== undefined && vars.COMMAND === undefined) return unknown(`${raw.COMMAND} is not known statically`);
      return wrappedDeploy('sam deploy', loc, written, root, vars.STACK_NAME, vars.SAM_TEMPLATE ?? vars.TEMPLATE ?? vars.CFN_TEMPLATE);
    }
    case 'atlassian/aws-cloudformation-deploy':
      return wrappedDeploy('cloudformation deploy', loc, written, root, vars.STACK_NAME, vars.TEMPLATE);
    case 'atlassian/serverless-deploy': {
      const st = new ScriptText();
      if (raw.CONFIG !== undefined && !/^[\w./$-]+$/.test(raw.CONFIG)) return unknown(`${raw.CONFIG} is not known statically`);
      const config = raw.CONFIG === undefined ? '' : ` --config ${raw.CONFIG}`;
      const extra = (raw.EXTRA_ARGS ?? '').replace(/[;&|`\n]/g, ' ');
      st.addSynthetic(`serverless deploy${config} ${extra}\n`, loc);
      const r = readScript(st, root);
      for (const d of [...r.deploys, ...r.unmatched]) d.text = written;
      return r;
    }
    case 'atlassian/aws-lambda-deploy': {
      const command = raw.COMMAND ?? 'update';
      if (command === 'alias') return { deploys: [], unmatched: [] };
      if (command !== 'update') return unknown(`${command} is not known statically`);
      const fn = vars.FUNCTION_NAME;
      if (!fn || !/^[A-Za-z0-9_:.-]+$/.test(fn)) return unknown(`${raw.FUNCTION_NAME ?? 'FUNCTION_NAME'} is not known statically`);
      return { deploys: [{ tool: 'lambda update-function-code', loc, text: written, workingDirectory: root, functionName: fn, codeOnly: true }], unmatched: [] };
    }
    default:
      return undefined;
  }
}
