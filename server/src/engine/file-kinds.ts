// Which files of a workspace the analysis reads, and as what: scripts and CI files (deploy and
// invoke commands), source code (only for its SDK invokes), a test suite's data (skipped unless
// included), unrendered project templates. Pure text tests: no file system.

import type { ParsedFile } from './parse';

/** A command that invokes a function: the AWS CLI, the Serverless CLI, the SDK. */
export const INVOKE_COMMAND = /\blambda\s+invoke\b|\b(?:sls|serverless)\s+invoke\b(?!\s+local)|\bInvokeCommand\b|\.invoke\(/;

/** A script that looks a function up by logical ID (`aws cloudformation describe-stack-resource`) to invoke it. */
export const LOOKUP = /--logical-resource-id[\s=]+['"]?([\w-]+)/g;

/** Code that invokes a function through an AWS SDK: `InvokeCommand`, `lambda.invoke(`, boto3's `invoke(`, with a `FunctionName`. */
const SDK_INVOKE = /\bInvoke(?:WithResponseStream|Async)?Command\b|\.invoke(?:_async|Async|_with_response_stream)?\s*\(/;

/** Source code (TypeScript, JavaScript, Python) that may invoke a function through an SDK. */
const SOURCE_FILE = /\.(ts|mts|cts|js|mjs|cjs|py)$/;

/** Source files the analysis reads (never runs): those that invoke a function through an SDK say which. */
export function isSourceFile(path: string): boolean {
  return SOURCE_FILE.test(path) && !/\.d\.[mc]?ts$|\.min\.js$/.test(path) && !/(^|\/)serverless\.(ts|js|cjs|mjs)$/.test(path) && !/(^|\/)(dist|build|\.webpack|\.esbuild)\//.test(path);
}

/** Whether source code invokes a function through an SDK (only such files are kept). */
export function invokesThroughSdk(text: string): boolean {
  return SDK_INVOKE.test(text) && /\bFunctionName\b/.test(text);
}

/** CloudFormation deploys no template over 1 MB: a larger file is not a unit anyone deploys as it is. */
export const DEFAULT_MAX_FILE_SIZE = 1_000_000;

const SCRIPT_FILE = /(\.(sh|bash|zsh|ps1|mk)$)|(^|\/)(Makefile|Jenkinsfile|package\.json|buildspec[\w.-]*\.ya?ml|\.gitlab-ci\.ya?ml|azure-pipelines\.ya?ml|bitbucket-pipelines\.ya?ml)$|(^|\/)\.github\/(workflows|actions)\/.+\.ya?ml$|(^|\/)action\.ya?ml$|(^|\/)\.circleci\/[^/]+\.ya?ml$/;

/** A Terraform file the analysis reads (`.tf.json` is not analysed). */
export function isTerraformFile(path: string): boolean {
  return /\.tf$/i.test(path);
}

export function isScriptFile(path: string): boolean {
  return SCRIPT_FILE.test(path);
}

/**
 * The folder that makes a file a test suite's data: a `fixtures`/`testdata` folder anywhere, a
 * `test`/`tests`/`integration-tests`/`e2e-tests` folder, or an `integration`/`e2e` folder holding
 * `resources`, `templates` or `testdata`.
 * Tools' own test suites hold thousands of deliberately broken or duplicated templates; a team's
 * estate deploys none of them. The configuration's `include` analyses them again.
 */
export function testDataFolder(path: string): string | undefined {
  const parts = path.split('/').slice(0, -1);
  for (let i = 0; i < parts.length; i++) {
    if (/^(tests?|__tests__|testdata|test[-_]data|__fixtures__|fixtures|(integration|integ|e2e|api|acceptance)[-_]tests?)$/i.test(parts[i])) return parts.slice(0, i + 1).join('/');
    // An integration suite's input: `integration/resources/...`, `e2e/templates/...`.
    if (/^(integration|integ|e2e)$/i.test(parts[i]) && /^(resources|templates|testdata)$/i.test(parts[i + 1] ?? '')) return parts.slice(0, i + 1).join('/');
  }
  return undefined;
}

/** A cookiecutter or Jinja template of a unit, which is not YAML until rendered. */
export function isProjectTemplate(path: string, parsed: ParsedFile | undefined): boolean {
  if (!parsed || parsed.errors.length === 0) return false;
  return hasTemplateMarkers(path, parsed.text);
}

/** A path or text with cookiecutter/Jinja markers: if it does not parse, it is a project template (and no other reading is tried). */
export function hasTemplateMarkers(path: string, text: string): boolean {
  return path.includes('{{') || /\{%-?\s|\{\{\s*cookiecutter/.test(text);
}
