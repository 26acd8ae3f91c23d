// Pipelines as facts: what a CI/CD file runs, kind-neutral (GitHub Actions, GitLab CI, CodeBuild
// buildspecs, Bitbucket Pipelines, CircleCI, Azure Pipelines so far). Readers fill this model from
// the files; nothing is run, nothing is guessed: a value the files do not give stays undefined, a
// command whose target stays unknown is listed as unmatched with its text. Not yet read by any
// rule (see docs/design.md, "Pipelines (facts)").

import type { DeployTool } from './deploy-commands';
import type { Loc } from '../types';

/** The kinds of the spec's JSON (`pipelines[].kind`). */
export type PipelineKind = 'github' | 'gitlab' | 'bitbucket' | 'circleci' | 'azure' | 'jenkins' | 'codebuild' | 'codepipeline' | 'amplify' | 'compose';

/** Every deploy the readers recognise: the CloudFormation/SAM tools of deploy-commands.ts and the shell deploys of shell-deploys.ts. */
export type DeployKind = DeployTool | 'serverless deploy' | 'serverless deploy function' | 'terraform apply' | 'terragrunt apply' | 'lambda update-function-code';

export interface Pipeline {
  /** The file, with `#name` for files holding several. */
  id: string;
  file: string;
  kind: PipelineKind;
  /** `name:` when given, else the file's base name. */
  name: string;
  /** The folder commands start in (workspace-relative, '' for the root): the repository holding `.github`, the `.gitlab-ci.yml` folder. */
  root: string;
  triggers: Trigger[];
  /** Stages in order (GitLab `stages`, Azure/Jenkins/CodePipeline stages): every job of an earlier stage runs before any job of a later one. */
  stages?: string[];
  /** Other pipelines this one runs after or is started by, as written (GitLab `trigger`/`needs:project`, Azure `resources.pipelines`); GitHub's are in `triggers[].workflows`. */
  after?: string[];
  /** Path filters that decide whether the pipeline runs at all, beside GitHub's `triggers[].paths` (Bitbucket `condition.changesets.includePaths`, Azure `trigger.paths`). */
  paths?: { include?: string[]; exclude?: string[] };
  jobs: Job[];
  /** What the reader left out, with the reason (broken YAML, an include cycle, a file outside the workspace...). */
  skipped: Skipped[];
  /** Every file read for this pipeline (the pipeline's facts stay valid while none of them changes). */
  files: string[];
}

export interface Trigger {
  /** `push`, `pull_request`, `workflow_dispatch`, `workflow_run`, `workflow_call`, `schedule`... */
  event: string;
  loc: Loc;
  branches?: string[];
  branchesIgnore?: string[];
  tags?: string[];
  /** Path filters as written (`on.push.paths`). */
  paths?: string[];
  pathsIgnore?: string[];
  /** `workflow_run.workflows`: the workflows this one runs after. */
  workflows?: string[];
}

export interface Matrix {
  /** Each combination of literal values (`include` added, `exclude` removed). */
  combinations: Array<Record<string, string>>;
  /** Some part of the matrix is not literal (`${{ fromJson(...) }}`): its combinations are unknown. */
  unknown?: boolean;
  maxParallel?: number;
}

export interface Job {
  id: string;
  name?: string;
  loc: Loc;
  /** Ids of the jobs of the same pipeline this one waits for (`needs`, `requires`, `dependsOn`, an earlier sequential step, a lower `RunOrder`), as written. */
  needs: string[];
  /** The job's stage (GitLab: `test` by default); ordered by `Pipeline.stages`. */
  stage?: string;
  matrix?: Matrix;
  /** Where its steps start, workspace-relative; undefined when unknown (an expression). */
  workingDirectory: string | undefined;
  /** Path filters of this job alone (GitLab `rules: changes` / `only: changes`, Bitbucket step `condition.changesets.includePaths`), as written. */
  changes?: string[];
  steps: Step[];
  /** A job that calls a reusable workflow: that workflow's jobs (resolved inside the workspace), or its name when external. */
  calls?: { name: string; file?: string; jobs: Job[] };
}

export interface Step {
  name?: string;
  loc: Loc;
  /** `run` (a script), `uses` (an action), `before_script`/`script`/`after_script` (GitLab), a phase (CodeBuild). */
  kind: string;
  /** The script as written (its location in the file where it is written). */
  script?: { loc: Loc };
  workingDirectory: string | undefined;
  /** Literal environment variables in effect (workflow, job and step). */
  env: Record<string, string>;
  /** `uses`: a local composite action resolved to its steps, or an external action kept by name. */
  uses?: { name: string; file?: string; steps: Step[] };
  deploys: Deploy[];
  unmatched: Unmatched[];
}

/** A deploy command of a step, its target read from the command, its context and the matrix entry it runs for. */
export interface Deploy {
  tool: DeployKind;
  /** The command in the file where it is written. */
  loc: Loc;
  text: string;
  /** Where the command runs, workspace-relative (with `cd D &&` applied); undefined when unknown. */
  workingDirectory: string | undefined;
  matrix?: Record<string, string>;
  stackName?: string;
  /** `--stack-name` is given but not known statically (`$1`): the unit is deployed under names the analysis cannot read. */
  stackNameUnknown?: boolean;
  /** The template, workspace-relative. */
  template?: string;
  /** `sam deploy` with no template: the working directory's `template.yaml`. */
  defaultTemplate?: boolean;
  configEnv?: string;
  configFile?: string;
  /** Serverless: the service folder (or `--config` file's folder); Terraform: the folder applied. */
  folder?: string;
  config?: string;
  stage?: string;
  /** Code-only deploys: the function name (`--function-name`) or Serverless function (`-f`). */
  functionName?: string;
  codeOnly?: boolean;
  /** The scripts the step called to reach this command, outermost first (the command is in the last one's file). */
  through?: Call[];
  /** Where it runs in its step: its offset in the step's script, then in each script called on the way (compare with `compareSeq`). */
  seq?: number[];
}

/** A script a step (or a script) calls: `./x.sh`, `bash x.sh`, `make T`, `npm run x`, `node x.js`. */
export interface Call {
  /** The call as written, in the caller's file. */
  loc: Loc;
  /** The file it runs (the script, the Makefile, the package.json). */
  file: string;
  /** The Makefile target or package.json script. */
  target?: string;
}

export interface Unmatched {
  loc: Loc;
  text: string;
  reason: string;
  matrix?: Record<string, string>;
  /** As Deploy.through. */
  through?: Call[];
  /** As Deploy.seq. */
  seq?: number[];
}

export interface Skipped {
  file: string;
  loc?: Loc;
  reason: string;
}

/** How deep composite actions, reusable workflows and includes are followed. */
export const PIPELINE_DEPTH = 4;
