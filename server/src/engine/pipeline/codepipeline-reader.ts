// AWS CodePipeline: each `AWS::CodePipeline::Pipeline` resource of a CloudFormation/SAM template
// (YAML or JSON) is a pipeline `FILE#LogicalId`. Its stages run in order (`Pipeline.stages`); each
// action is a job `Stage/Action` that needs the actions of its stage with a lower `RunOrder`.
// CloudFormation deploy actions (CREATE_UPDATE, REPLACE_ON_FAILURE, CHANGE_SET_REPLACE,
// CHANGE_SET_EXECUTE) are deploys: a literal `StackName` (one built on the pipeline stack's own
// name stays unknown, its text kept), and `TemplatePath` after `::` taken relative to the
// workspace root (the artifact is assumed to hold the repository as checked out). A CodeBuild
// action whose project is a `Ref` to a project of the same template runs that project's
// buildspec (a file, `buildspec.yml` by default, or inline text), read as a buildspec under
// `calls`. The recogniser sees only a path; files holding no pipeline resource give none.

import { parseText } from '../parse';
import { intrinsic } from '../intrinsics';
import type { RNode } from '../tree';
import { deref, entries, get, getPath, items, str } from '../tree';
import type { Loc } from '../types';
import { buildspecJob } from './buildspec';
import { stackNameOf, templatePathOf } from './codepipeline';
import type { Deploy, Job, Pipeline, Skipped, Step } from './model';
import type { PipelineHost } from './read-yaml';
import { loadYaml, strings } from './read-yaml';
import { normalizePath } from '../paths';

const TYPE = 'AWS::CodePipeline::Pipeline';
const DEPLOY_MODES = new Set(['CREATE_UPDATE', 'REPLACE_ON_FAILURE', 'CHANGE_SET_REPLACE', 'CHANGE_SET_EXECUTE']);
/** CloudFormation accepts no larger template (from S3); a larger file is not read. */
const MAX_TEMPLATE = 1024 * 1024;
/** Actions read per stage (each needs every earlier one: bounded). */
const MAX_ACTIONS = 100;

export function maybeCodePipeline(path: string): boolean {
  return /\.(ya?ml|json|template)$/i.test(path) && !/(^|\/)(node_modules|\.aws-sam|cdk\.out)\//.test(path);
}

interface Ctx {
  file: string;
  text: string;
  host: PipelineHost;
  resources: RNode | undefined;
  skipped: Skipped[];
  files: string[];
}

export function readCodePipelines(file: string, host: PipelineHost): Pipeline[] {
  const text = host.text(file);
  if (text === undefined || !text.includes(TYPE)) return [];
  const skipped: Skipped[] = [];
  const files: string[] = [];
  if (text.length > MAX_TEMPLATE) return [{ id: file, file, kind: 'codepipeline', name: file, root: '', triggers: [], jobs: [], files: [file], skipped: [{ file, reason: `larger than ${MAX_TEMPLATE} characters (more than CloudFormation accepts); not read` }] }];
  const doc = loadYaml(host, file, skipped, files);
  const resources = get(doc?.tree, 'Resources');
  const ctx: Ctx = { file, text, host, resources, skipped, files };
  const out: Pipeline[] = [];
  for (const r of entries(resources)) {
    if (str(get(r.value, 'Type')) !== TYPE) continue;
    const props = get(r.value, 'Properties');
    // Each pipeline gets its own lists; the template's parse problems go to every one.
    const p: Pipeline = { id: `${file}#${r.key}`, file, kind: 'codepipeline', name: (!intrinsic(get(props, 'Name')) && str(get(props, 'Name'))) || r.key, root: '', triggers: [], jobs: [], stages: [], skipped: [...skipped], files: [...files] };
    readPipeline({ ...ctx, skipped: p.skipped, files: p.files }, p, props);
    out.push(p);
  }
  if (!out.length && skipped.length) out.push({ id: file, file, kind: 'codepipeline', name: file, root: '', triggers: [], jobs: [], skipped, files });
  return out;
}

function readPipeline(ctx: Ctx, p: Pipeline, props: RNode | undefined): void {
  const include: string[] = [];
  const exclude: string[] = [];
  for (const t of items(get(props, 'Triggers'))) {
    for (const push of items(getPath(t, 'GitConfiguration', 'Push'))) {
      include.push(...(strings(getPath(push, 'FilePaths', 'Includes')) ?? []));
      exclude.push(...(strings(getPath(push, 'FilePaths', 'Excludes')) ?? []));
    }
  }
  if (include.length || exclude.length) p.paths = { ...(include.length ? { include } : {}), ...(exclude.length ? { exclude } : {}) };
  /** CHANGE_SET_REPLACE templates by the stack name as written, for the CHANGE_SET_EXECUTE that follows. */
  const changeSets = new Map<string, string>();
  for (const stage of items(get(props, 'Stages'))) {
    const stageName = str(get(stage, 'Name')) ?? `stage${p.stages!.length + 1}`;
    p.stages!.push(stageName);
    const all = items(get(stage, 'Actions'));
    if (all.length > MAX_ACTIONS) ctx.skipped.push({ file: ctx.file, loc: deref(all[MAX_ACTIONS])!.loc, reason: `more than ${MAX_ACTIONS} actions in stage ${stageName} (CodePipeline allows 50): the rest are not read` });
    const actions = all.slice(0, MAX_ACTIONS).map((a, i) => ({ a, order: Number(str(get(a, 'RunOrder')) ?? 1), name: str(get(a, 'Name')) ?? `action${i + 1}` }));
    for (const { a, order, name } of actions) {
      const nameNode = deref(get(a, 'Name'));
      const loc = nameNode?.loc ?? deref(a)!.loc;
      const job: Job = { id: `${stageName}/${name}`, name, loc, stage: stageName, needs: actions.filter((x) => x.order < order).map((x) => `${stageName}/${x.name}`), workingDirectory: '', steps: [] };
      const provider = str(getPath(a, 'ActionTypeId', 'Provider'));
      const cfg = get(a, 'Configuration');
      if (provider === 'CloudFormation' && DEPLOY_MODES.has(str(get(cfg, 'ActionMode')) ?? '')) job.steps.push(cloudFormationStep(ctx, cfg, loc, changeSets));
      else if (provider === 'CodeBuild') job.calls = codeBuildCall(ctx, cfg, loc);
      p.jobs.push(job);
    }
  }
}

function cloudFormationStep(ctx: Ctx, cfg: RNode | undefined, at: Loc, changeSets: Map<string, string>): Step {
  const step: Step = { kind: 'action', loc: at, workingDirectory: '', env: {}, deploys: [], unmatched: [] };
  const nameNode = deref(get(cfg, 'StackName'));
  const loc = nameNode?.loc ?? at;
  const text = ctx.text.slice(loc.start, loc.end);
  const d: Deploy = { tool: 'cloudformation deploy', loc, text, workingDirectory: '' };
  const name = stackNameOf(nameNode);
  if (name && 'literal' in name) d.stackName = name.literal;
  const written = templatePathOf(get(cfg, 'TemplatePath'));
  const template = written === undefined || written.includes('${') ? undefined : normalizePath(written);
  if (template !== undefined) d.template = template;
  if (str(get(cfg, 'ActionMode')) === 'CHANGE_SET_REPLACE' && template !== undefined) changeSets.set(text, template);
  else if (template === undefined && changeSets.has(text)) d.template = changeSets.get(text);
  if (d.template === undefined && d.stackName === undefined) step.unmatched.push({ loc, text, reason: 'neither the template nor the stack name is known statically' });
  else step.deploys.push(d);
  return step;
}

/** A CodeBuild action: the buildspec of its project (a `Ref` to a project of this template, or one
 * whose `Name` is written the same way), read as a buildspec with the literal variables it starts with. */
function codeBuildCall(ctx: Ctx, cfg: RNode | undefined, at: Loc): Job['calls'] {
  const projectName = get(cfg, 'ProjectName');
  const fn = intrinsic(projectName);
  const ref = fn?.fn === 'Ref' ? str(fn.arg) : undefined;
  const isProject = (n: RNode | undefined) => str(get(n, 'Type')) === 'AWS::CodeBuild::Project';
  const byName = ref === undefined ? entries(ctx.resources).find((e) => isProject(e.value) && sameValue(getPath(e.value, 'Properties', 'Name'), projectName)) : undefined;
  const key = ref ?? byName?.key;
  const project = key !== undefined ? get(ctx.resources, key) : undefined;
  if (!project || !isProject(project)) return { name: key ?? (fn ? ctx.text.slice(deref(projectName)!.loc.start, deref(projectName)!.loc.end) : str(projectName)) ?? 'CodeBuild', jobs: [] };
  const env = { ...variables(getPath(project, 'Properties', 'Environment', 'EnvironmentVariables')), ...actionVariables(get(cfg, 'EnvironmentVariables')) };
  const specNode = getPath(project, 'Properties', 'Source', 'BuildSpec');
  const sub = intrinsic(specNode);
  const spec = deref(sub?.fn === 'Fn::Sub' ? (deref(sub.arg)?.k === 'seq' ? items(sub.arg)[0] : sub.arg) : specNode);
  const value = sub && sub.fn !== 'Fn::Sub' ? undefined : spec === undefined ? 'buildspec.yml' : str(spec);
  if (value === undefined || (!value.includes('\n') && value.includes('${'))) {
    const loc = deref(specNode)?.loc ?? at;
    ctx.skipped.push({ file: ctx.file, loc, reason: `the buildspec of ${key} is not known statically` });
    return { name: key!, jobs: [] };
  }
  if (!/\n/.test(value) && /^[^\s:]+$/.test(value)) {
    const file = normalizePath(value);
    if (file === undefined) {
      ctx.skipped.push({ file: ctx.file, loc: spec?.loc ?? at, reason: `the buildspec ${value} leaves the workspace` });
      return { name: key!, jobs: [] };
    }
    const doc = loadYaml(ctx.host, file, ctx.skipped, ctx.files);
    return { name: key!, file, jobs: doc?.tree ? [buildspecJob(doc.tree, doc.text, ctx.host, ctx.skipped, ctx.files, env)] : [] };
  }
  return { name: key!, jobs: spec ? inlineBuildspec(ctx, spec, value, env) : [] };
}

/** Two values written alike: the same literal, or the same intrinsic function over the same text. */
function sameValue(a: RNode | undefined, b: RNode | undefined): boolean {
  const fa = intrinsic(a);
  const fb = intrinsic(b);
  const va = fa ? str(fa.arg) : str(a);
  if (va === undefined || va !== (fb ? str(fb.arg) : str(b))) return false;
  return fa?.fn === fb?.fn;
}

/** A project's `EnvironmentVariables` (`Name`, `Value`, `Type` PLAINTEXT): the literal ones. */
function variables(n: RNode | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of items(n)) {
    const name = str(get(v, 'Name'));
    const type = str(get(v, 'Type')) ?? 'PLAINTEXT';
    const value = intrinsic(get(v, 'Value')) ? undefined : str(get(v, 'Value'));
    if (name !== undefined && value !== undefined && type === 'PLAINTEXT') out[name] = value;
  }
  return out;
}

/** A CodePipeline action's `EnvironmentVariables`: a JSON list (`name`, `value`, `type`) written as a string or in `!Sub`; values holding `${}` stay unknown. */
function actionVariables(n: RNode | undefined): Record<string, string> {
  const fn = intrinsic(n);
  const text = fn ? (fn.fn === 'Fn::Sub' ? str(fn.arg) : undefined) : str(n);
  const out: Record<string, string> = {};
  let list: unknown;
  try {
    list = text === undefined ? undefined : JSON.parse(text);
  } catch {
    return out;
  }
  if (!Array.isArray(list)) return out;
  for (const v of list as Array<Record<string, unknown>>) {
    if (!v || typeof v.name !== 'string' || typeof v.value !== 'string' || (v.type !== undefined && v.type !== 'PLAINTEXT')) continue;
    if (!v.value.includes('${')) out[v.name] = v.value;
  }
  return out;
}

/** A buildspec written inline in the template: parsed on its own, its locations mapped back into the template. */
function inlineBuildspec(ctx: Ctx, spec: RNode, value: string, env: Record<string, string>): Job[] {
  const parsed = parseText(ctx.file, value);
  if (!parsed.tree) {
    ctx.skipped.push({ file: ctx.file, loc: spec.loc, reason: 'the inline buildspec is not valid YAML' });
    return [];
  }
  if (parsed.errors.length) ctx.skipped.push({ file: ctx.file, loc: spec.loc, reason: `the inline buildspec is not valid YAML (${parsed.errors[0].message}); the part that parsed is read` });
  const job = buildspecJob(parsed.tree, value, ctx.host, ctx.skipped, ctx.files, env);
  const map = blockMap(ctx.text.slice(spec.loc.start, spec.loc.end), spec.loc.start, value);
  const seen = new Set<object>();
  const visit = (o: unknown): void => {
    if (!o || typeof o !== 'object' || seen.has(o)) return;
    seen.add(o);
    if (Array.isArray(o)) return o.forEach(visit);
    const l = o as Partial<Loc>;
    if (l.file === ctx.file && typeof l.start === 'number' && typeof l.end === 'number') {
      const [s, e] = map ? [map(l.start), map(l.end)] : [spec.loc.start, spec.loc.end];
      l.start = s;
      l.end = Math.max(s, e);
      return;
    }
    for (const v of Object.values(o)) visit(v);
  };
  visit(job);
  return [job];
}

/** For a literal block scalar (`|`) whose value is its lines less their indentation: value offsets to file offsets. */
function blockMap(raw: string, at: number, value: string): ((o: number) => number) | undefined {
  if (!/^\|/.test(raw)) return undefined;
  const nl = raw.indexOf('\n');
  if (nl === -1) return undefined;
  const body = raw.slice(nl + 1);
  const lines = body.split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  if (!Number.isFinite(indent)) return undefined;
  const valueLines = value.split('\n');
  const starts: number[] = [];
  let pos = at + nl + 1;
  for (let i = 0; i < lines.length; i++) {
    if (i < valueLines.length && valueLines[i] !== lines[i].slice(indent) && (lines[i].trim() || valueLines[i])) return undefined;
    starts.push(pos + Math.min(indent, lines[i].length));
    pos += lines[i].length + 1;
  }
  const vStarts: number[] = [];
  let v = 0;
  for (const l of valueLines) {
    vStarts.push(v);
    v += l.length + 1;
  }
  return (o) => {
    let k = vStarts.length - 1;
    while (k > 0 && vStarts[k] > o) k--;
    return Math.min((starts[k] ?? at + raw.length) + (o - vStarts[k]), at + raw.length);
  };
}
