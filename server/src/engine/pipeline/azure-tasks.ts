// Azure Pipelines tasks that run a deploy, read from their literal `inputs`:
// `AWSShellScript@1` and `Bash@3` (an inline script, or a script file followed as `bash FILE`),
// `CmdLine@2` (its `script`), `AWSCLI@1` (`aws awsCommand awsSubCommand awsArguments`, located on
// the task's name), `CloudFormationCreateOrUpdateStack@1` (`stackName`, `templateFile`). Any other
// task is kept by name, deploying nothing the analysis can see.

import { dirname, relativePath } from '../paths';
import type { RNode } from '../tree';
import { entries, get, str } from '../tree';
import { wrappedDeploy } from './action-deploys';
import type { Ctx, Scope, Vars } from './azure';
import { AZURE_EXPR, exprsOf, pathOf, substAll } from './azure';
import type { Step } from './model';
import { addEnv, addScalar, readScript, ScriptText } from './script';

export function taskStep(ctx: Ctx, step: Step, node: RNode, scope: Scope, vars: Vars, combo: Vars | undefined): void {
  const task = get(node, 'task')!;
  const full = str(task) ?? '';
  const name = full.replace(/@.*$/, '').toLowerCase();
  step.uses = { name: full, steps: [] };
  const inputs = get(node, 'inputs');
  const input = (k: string) => entries(inputs).find((e) => e.key.toLowerCase() === k.toLowerCase())?.value;
  const literal = (k: string) => {
    const s = str(input(k));
    return s === undefined ? undefined : substAll(s, scope, vars);
  };
  const follow = { host: ctx.host, skipped: ctx.skipped, files: ctx.files, chain: [], env: step.env };
  const written = scope.text.slice(task.loc.start, task.loc.end);
  const add = (r: { deploys: Step['deploys']; unmatched: Step['unmatched'] }) => {
    step.deploys.push(...r.deploys);
    step.unmatched.push(...r.unmatched);
  };
  if (name === 'awsshellscript' || name === 'bash' || name === 'cmdline') {
    const wdWritten = str(input('workingDirectory'));
    const wd = wdWritten === undefined ? step.workingDirectory : pathOf(ctx, wdWritten, scope, vars);
    const inline = name === 'cmdline' || /^inline$/i.test(str(input(name === 'bash' ? 'targetType' : 'scriptType')) ?? (name === 'bash' ? 'filePath' : 'inline'));
    const st = new ScriptText();
    addEnv(st, step.env, task.loc);
    if (inline) {
      const script = input(name === 'awsshellscript' ? 'inlineScript' : 'script');
      if (!script) return;
      step.script = { loc: script.loc };
      addScalar(st, script, scope.text, exprsOf(scope, vars), false, AZURE_EXPR);
      return add(readScript(st, wd, combo, follow));
    }
    const fileNode = input('filePath');
    const file = str(fileNode);
    const path = file === undefined ? undefined : pathOf(ctx, file, scope, vars);
    if (!fileNode) return;
    if (path === undefined) {
      if (/deploy|release|apply|publish/i.test(str(fileNode) ?? '')) step.unmatched.push({ loc: fileNode.loc, text: str(fileNode) ?? '', reason: 'the script file is not known statically' });
      return;
    }
    // AWSShellScript runs the script in its own folder (unless disableAutoCwd); Bash@3 in workingDirectory.
    const cwd = name === 'awsshellscript' && !/^true$/i.test(str(input('disableAutoCwd')) ?? '') ? dirname(path) : wd;
    if (cwd === undefined) return;
    const rel = relativePath(cwd, path);
    st.addSynthetic(`bash ${rel.includes('/') ? rel : `./${rel}`}\n`, fileNode.loc);
    return add(readScript(st, cwd, combo, follow));
  }
  if (name === 'awscli') {
    const parts = ['awsCommand', 'awsSubCommand', 'awsArguments'].map((k) => str(input(k)) ?? '');
    const st = new ScriptText();
    addEnv(st, step.env, task.loc);
    const text = `aws ${parts.join(' ').replace(/[;&|`\n]/g, ' ')}`.replace(AZURE_EXPR, (m, g: string) => exprsOf(scope, vars)(g) ?? m);
    st.addSynthetic(`${text}\n`, task.loc);
    const r = readScript(st, step.workingDirectory, combo);
    for (const x of [...r.deploys, ...r.unmatched]) x.text = written;
    return add(r);
  }
  if (name === 'cloudformationcreateorupdatestack') {
    const source = (literal('templateSource') ?? 'file').toLowerCase();
    const template = source === 'file' ? str(input('templateFile')) : undefined;
    const t = template === undefined ? undefined : pathOf(ctx, template, scope, vars);
    const r = wrappedDeploy('cloudformation deploy', task.loc, written, '', literal('stackName'), t, combo);
    for (const d of r.deploys) d.workingDirectory = ctx.root;
    return add(r);
  }
}
