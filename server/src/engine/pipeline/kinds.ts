// The seam every pipeline kind goes through, like the unit kinds' (kinds/kind.ts): how its files
// are recognised and how a file's pipelines are read into the kind-neutral model (model.ts).
// Reading never throws: a reader's failure becomes a skipped entry with its reason.

import type { Pipeline, PipelineKind } from './model';
import type { PipelineHost } from './read-yaml';
import { isAmplify, readAmplify } from './amplify';
import { isAzurePipeline, readAzurePipeline } from './azure';
import { isBitbucketPipelines, readBitbucketPipelines } from './bitbucket';
import { isBuildspec, readBuildspec } from './buildspec';
import { isCircleci, readCircleci } from './circleci';
import { maybeCodePipeline, readCodePipelines } from './codepipeline-reader';
import { isServerlessCompose, readServerlessCompose } from './compose';
import { isGithubWorkflow, readGithubWorkflow } from './github';
import { isGitlabCi, readGitlabCi } from './gitlab';
import { isJenkinsfile, readJenkinsfile } from './jenkins';

export type { PipelineHost };

export interface PipelineKindSeam {
  readonly kind: PipelineKind;
  /** Whether a workspace file is the main file of a pipeline of this kind (CodePipeline: may be; its reader decides). */
  recognises(path: string): boolean;
  /** The pipelines of that file (the files it reads are listed in each pipeline's `files`). */
  read(path: string, host: PipelineHost): Pipeline[];
}

export const PIPELINE_KINDS: readonly PipelineKindSeam[] = [
  { kind: 'github', recognises: isGithubWorkflow, read: readGithubWorkflow },
  { kind: 'gitlab', recognises: isGitlabCi, read: (path, host) => readGitlabCi(path, host) },
  { kind: 'codebuild', recognises: isBuildspec, read: readBuildspec },
  { kind: 'bitbucket', recognises: isBitbucketPipelines, read: readBitbucketPipelines },
  { kind: 'circleci', recognises: isCircleci, read: readCircleci },
  { kind: 'azure', recognises: isAzurePipeline, read: (path, host) => readAzurePipeline(path, host) },
  { kind: 'jenkins', recognises: isJenkinsfile, read: readJenkinsfile },
  { kind: 'amplify', recognises: isAmplify, read: readAmplify },
  { kind: 'compose', recognises: isServerlessCompose, read: readServerlessCompose },
  // Last: it recognises every template-like path and reads only those holding a pipeline resource.
  { kind: 'codepipeline', recognises: maybeCodePipeline, read: readCodePipelines },
];

export function pipelineKindOf(path: string): PipelineKindSeam | undefined {
  return PIPELINE_KINDS.find((k) => k.recognises(path));
}

/** The pipelines a file defines ([] when it is no pipeline file); a reader's failure is recorded, never thrown. */
export function readPipelines(path: string, host: PipelineHost): Pipeline[] {
  const seam = pipelineKindOf(path);
  if (!seam) return [];
  try {
    return seam.read(path, host);
  } catch (e) {
    return [{ id: path, file: path, kind: seam.kind, name: path, root: '', triggers: [], jobs: [], files: [path], skipped: [{ file: path, reason: `the reader stopped early: ${(e as Error).message}` }] }];
  }
}
