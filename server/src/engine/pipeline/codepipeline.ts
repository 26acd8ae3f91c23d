// CodePipeline's CloudFormation deploy actions: a pipeline template that deploys another template
// of the workspace names the stack it deploys it as.

import { entries, get, getPath, items, RNode, str } from '../tree';
import { intrinsic } from '../intrinsics';

export interface PipelineDeploy {
  /** The template path inside the artifact (`BuildOutput::vpc.yaml` -> `vpc.yaml`). */
  template: string;
  /** A literal stack name, or the part after the pipeline's own `${AWS::StackName}`. */
  stackName: { literal: string } | { afterOwnStack: string };
}

/** The CloudFormation deploy actions of the `AWS::CodePipeline::Pipeline` resources of a template. */
export function codePipelineDeploys(root: RNode | undefined): PipelineDeploy[] {
  const out: PipelineDeploy[] = [];
  for (const r of entries(get(root, 'Resources'))) {
    if (str(get(r.value, 'Type')) !== 'AWS::CodePipeline::Pipeline') continue;
    for (const stage of items(getPath(r.value, 'Properties', 'Stages'))) {
      for (const action of items(get(stage, 'Actions'))) {
        const provider = str(getPath(action, 'ActionTypeId', 'Provider'));
        if (provider !== 'CloudFormation') continue;
        const cfg = get(action, 'Configuration');
        const path = templatePathOf(get(cfg, 'TemplatePath'));
        const name = stackNameOf(get(cfg, 'StackName'));
        if (path && name) out.push({ template: path, stackName: name });
      }
    }
  }
  return out;
}

/** `Artifact::path/in/artifact.yaml` -> the path inside the artifact. */
export function templatePathOf(n: RNode | undefined): string | undefined {
  return /^[^:]+::(.+)$/.exec(str(n) ?? '')?.[1];
}

/** A literal stack name, or one the pipeline's own `${AWS::StackName}` starts; undefined otherwise. */
export function stackNameOf(n: RNode | undefined): PipelineDeploy['stackName'] | undefined {
  const fn = intrinsic(n);
  if (!fn) {
    const s = str(n);
    return s !== undefined && /^[A-Za-z][A-Za-z0-9-]*$/.test(s) ? { literal: s } : undefined;
  }
  if (fn.fn !== 'Fn::Sub') return undefined;
  const m = /^\$\{AWS::StackName\}([A-Za-z0-9-]*)$/.exec(str(fn.arg) ?? '');
  return m ? { afterOwnStack: m[1] } : undefined;
}
