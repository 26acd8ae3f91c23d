// Which files are deployment units, of which kind, and their stack names.

import { parse as parseToml } from 'smol-toml';
import { BASELINE_FILE } from './baseline';
import type { ParsedFile } from './parse';
import { basename, dirname, joinPath, normalizePath } from './paths';
import { entries, get, items, RNode, str } from './tree';

export type FileRole =
  | { role: 'serverless' }
  | { role: 'template'; kind: 'sam' | 'cloudformation' }
  | { role: 'compose' }
  | { role: 'samconfig' }
  | { role: 'other' };

const SERVERLESS_NAMES = /^serverless\.(ya?ml|json)$/i;
const TEMPLATE_EXT = /\.(ya?ml|json|template)$/i;
const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

export function isCandidate(path: string): boolean {
  const b = basename(path);
  // The baseline file (baseline.ts) is the checker's own, never a template.
  if (b === BASELINE_FILE) return false;
  return TEMPLATE_EXT.test(b) || /^samconfig\.(toml|ya?ml)$/i.test(b);
}

/**
 * Whether a candidate's text can be a template at all: `classify` needs one of these words
 * (`AWSTemplateFormatVersion`, `Resources`, the SAM transform) in it. A text without them (and
 * without escapes that could spell them) is `other` without being parsed.
 */
export function mayBeTemplate(text: string): boolean {
  return /AWSTemplateFormatVersion|Resources|AWS::Serverless-2016-10-31|\\[uxU]/.test(text);
}

/** A file that may be a unit by its name: a Serverless service, or a template-like file that is no compose file or samconfig. */
export function mayBeUnit(path: string): boolean {
  const b = basename(path);
  return SERVERLESS_NAMES.test(b) || (TEMPLATE_EXT.test(b) && !/^serverless-compose\.|^samconfig\./i.test(b));
}

/**
 * What `classify` would say of a file, told from its name and a look at its text instead of its
 * parse: for files skipped anyway (test data), whose parse would only decide whether the skip is
 * listed. A root-level `AWSTemplateFormatVersion`, the SAM transform, or a resource type under
 * `Resources`.
 */
export function looksLikeUnit(path: string, text: string): boolean {
  if (SERVERLESS_NAMES.test(basename(path))) return true;
  return /^\s*["']?AWSTemplateFormatVersion["']?\s*:/m.test(text) || text.includes(SAM_TRANSFORM) || (text.includes('Resources') && /["']?Type["']?\s*:\s*["']?(AWS|Custom)::/.test(text));
}

/** The role of a file, from its name and (for templates) its content. */
export function classify(path: string, parsed: ParsedFile | undefined): FileRole {
  const b = basename(path);
  if (SERVERLESS_NAMES.test(b)) return { role: 'serverless' };
  if (/^serverless-compose\.(ya?ml|json)$/i.test(b)) return { role: 'compose' };
  if (/^samconfig\.(toml|ya?ml)$/i.test(b)) return { role: 'samconfig' };
  if (!TEMPLATE_EXT.test(b) || !parsed) return { role: 'other' };
  const root = parsed.tree;
  if (root && root.k === 'map') {
    const transform = get(root, 'Transform');
    const transforms = transform?.k === 'seq' ? transform.items.map(str) : [str(transform)];
    const sam = transforms.includes(SAM_TRANSFORM);
    const resources = get(root, 'Resources');
    let awsTypes = 0;
    let serverlessTypes = 0;
    for (const e of entries(resources)) {
      const t = str(get(e.value, 'Type'));
      if (t?.startsWith('AWS::') || t?.startsWith('Custom::')) awsTypes++;
      if (t?.startsWith('AWS::Serverless::')) serverlessTypes++;
    }
    if (get(root, 'AWSTemplateFormatVersion') || sam || awsTypes > 0) {
      return { role: 'template', kind: sam || serverlessTypes > 0 ? 'sam' : 'cloudformation' };
    }
    return { role: 'other' };
  }
  // A template that does not parse is still a unit, so its syntax error is reported.
  if (parsed.errors.length && /^\s*["']?AWSTemplateFormatVersion["']?\s*:|AWS::Serverless-2016-10-31/m.test(parsed.text)) {
    return { role: 'template', kind: parsed.text.includes(SAM_TRANSFORM) ? 'sam' : 'cloudformation' };
  }
  return { role: 'other' };
}

export interface SamConfigEntry {
  file: string;
  stackName?: string;
  templateFile?: string;
  /** `parameter_overrides` of each environment's deploy (or global) parameters: the values `sam deploy` passes. */
  overrides?: Record<string, Record<string, string>>;
  /** Every environment's `stack_name` and `template_file` (for `sam deploy --config-env`). */
  envs?: Record<string, { stackName?: string; templateFile?: string }>;
}

/** Reads `stack_name` and `template_file` of the `default` environment's deploy (or global) parameters, and of every environment. */
export function readSamConfig(file: string, text: string, parsed: ParsedFile | undefined): SamConfigEntry {
  const out: SamConfigEntry = { file };
  const envs: Record<string, { stackName?: string; templateFile?: string }> = {};
  try {
    let names: string[] = [];
    let paramsOf: (env: string) => Record<string, unknown> = () => ({});
    if (/\.toml$/i.test(file)) {
      const doc = parseToml(text) as Record<string, Record<string, Record<string, Record<string, unknown>>>>;
      names = Object.keys(doc).filter((k) => typeof doc[k] === 'object' && doc[k] !== null);
      paramsOf = (env) => ({ ...(doc[env]?.global?.parameters ?? {}), ...(doc[env]?.deploy?.parameters ?? {}) });
    } else if (parsed?.tree) {
      const tree = parsed.tree;
      const pick = (n: RNode | undefined) => Object.fromEntries(entries(n).map((e) => [e.key, e.value.k === 'seq' ? e.value.items.map((i) => str(i)) : str(e.value)]));
      names = entries(tree).map((e) => e.key);
      paramsOf = (env) => ({ ...pick(get(get(get(tree, env), 'global'), 'parameters')), ...pick(get(get(get(tree, env), 'deploy'), 'parameters')) });
    }
    for (const env of names) {
      const params = paramsOf(env);
      const e: { stackName?: string; templateFile?: string } = {};
      if (typeof params.stack_name === 'string') e.stackName = params.stack_name;
      if (typeof params.template_file === 'string') e.templateFile = params.template_file;
      const o = parseOverrides(params.parameter_overrides);
      if (o) (out.overrides ??= {})[env] = o;
      if (Object.prototype.hasOwnProperty.call(envs, env)) continue;
      Object.defineProperty(envs, env, { value: e, enumerable: true });
    }
  } catch {
    return out;
  }
  const d = Object.prototype.hasOwnProperty.call(envs, 'default') ? envs.default : undefined;
  if (d?.stackName !== undefined) out.stackName = d.stackName;
  if (d?.templateFile !== undefined) out.templateFile = d.templateFile;
  out.envs = envs;
  return out;
}

/**
 * `parameter_overrides` as `sam deploy` reads it: one string of `Key=Value` pairs separated by
 * spaces (values may be double-quoted), or a list of such strings.
 */
export function parseOverrides(v: unknown): Record<string, string> | undefined {
  const parts = Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
  if (!parts.length) return undefined;
  const out: Record<string, string> = {};
  for (const text of parts) {
    const re = /([A-Za-z0-9]+)=(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S*))/g;
    for (let m = re.exec(text); m; m = re.exec(text)) out[m[1]] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3] ?? m[4];
  }
  return Object.keys(out).length ? out : undefined;
}

/** samconfig entries by the template path they name and by their folder, for look-ups. */
export class SamConfigIndex {
  private readonly byDir = new Map<string, SamConfigEntry[]>();
  private readonly byTemplate = new Map<string, string>();
  constructor(private readonly entries: SamConfigEntry[]) {
    for (const sc of entries) {
      if (!sc.stackName) continue;
      const dir = dirname(sc.file);
      this.byDir.set(dir, [...(this.byDir.get(dir) ?? []), sc]);
      if (sc.templateFile) {
        const t = normalizePath(joinPath(dir, sc.templateFile));
        if (t !== undefined && !this.byTemplate.has(t)) this.byTemplate.set(t, sc.stackName);
      }
    }
  }
  stackName(template: string): string | undefined {
    return samStackName(template, this.byDir.get(dirname(template)) ?? []) ?? this.byTemplate.get(template);
  }
  /** The parameter values `sam deploy` passes to the template: the environment `env` if the samconfig has it, else `default`. */
  overrides(template: string, env: string | undefined): Record<string, string> | undefined {
    for (const sc of this.entries) {
      if (!sc.overrides || !samconfigNames(sc, template)) continue;
      return (env !== undefined ? sc.overrides[env] : undefined) ?? sc.overrides.default;
    }
    return undefined;
  }
}

/** The samconfig is the one `sam deploy` reads for the template: it names it, or sits beside a `template.yaml`. */
function samconfigNames(sc: SamConfigEntry, template: string): boolean {
  const dir = dirname(sc.file);
  if (sc.templateFile) return normalizePath(joinPath(dir, sc.templateFile)) === template;
  return dir === dirname(template) && /^template\.(ya?ml|json)$/i.test(basename(template));
}

/** The stack name of a SAM/CloudFormation template from the samconfig files beside it. */
export function samStackName(template: string, samconfigs: SamConfigEntry[]): string | undefined {
  const named = samconfigs.filter((sc) => sc.stackName && samconfigNames(sc, template));
  // The samconfig beside the template first, then one naming it from another folder.
  return (named.find((sc) => dirname(sc.file) === dirname(template)) ?? named[0])?.stackName;
}

export function folderName(path: string, rootName: string): string {
  const d = dirname(path);
  return d ? basename(d) : rootName;
}

/** Local nested-stack paths in a template (relative to the template's folder). */
export function nestedPaths(root: RNode | undefined): string[] {
  const out: string[] = [];
  for (const e of entries(get(root, 'Resources'))) {
    const t = str(get(e.value, 'Type'));
    const props = get(e.value, 'Properties');
    const p = t === 'AWS::CloudFormation::Stack' ? str(get(props, 'TemplateURL')) : t === 'AWS::Serverless::Application' ? str(get(props, 'Location')) : undefined;
    if (p && !/^(https?:|s3:)/i.test(p) && !p.includes('${')) out.push(p);
  }
  return out;
}

/** `serverless-compose.yml` services and the outputs they pass to each other as params. */
export interface ComposeService {
  name: string;
  path: string;
  params: Array<{ from: string; output: string; loc: import('./types').Loc }>;
  dependsOn: string[];
}

export function readCompose(parsed: ParsedFile): ComposeService[] {
  const out: ComposeService[] = [];
  for (const e of entries(get(parsed.tree, 'services'))) {
    const path = str(get(e.value, 'path')) ?? e.key;
    const params: ComposeService['params'] = [];
    for (const p of entries(get(e.value, 'params'))) {
      const s = str(p.value);
      const re = /\$\{([\w-]+)\.([\w-]+)\}/g;
      for (let m = s ? re.exec(s) : null; m && s; m = re.exec(s)) params.push({ from: m[1], output: m[2], loc: p.value.loc });
    }
    const dep = get(e.value, 'dependsOn');
    const dependsOn = dep?.k === 'seq' ? items(dep).map(str).filter((x): x is string => !!x) : str(dep) ? [str(dep)!] : [];
    out.push({ name: e.key, path, params, dependsOn });
  }
  return out;
}

/** What decides whether a template is a build output: its logical IDs and whether its code lives in S3. */
export interface TemplateShape {
  ids: string[];
  /** Code locations (`CodeUri`, `ContentUri`, `DefinitionUri`, `Location`, `TemplateURL`) that are S3 artifact URIs. */
  s3Code: boolean;
  /** Per logical ID with a code location: whether it is an S3 URI or a local path. */
  code: Record<string, 's3' | 'local'>;
  json: boolean;
  /** The generator a marker names (the Description Amazon.Lambda.Annotations writes), if any. */
  generator?: string;
  /** The functions' `Handler` values. */
  handlers: string[];
}

const CODE_KEYS = new Set(['CodeUri', 'ContentUri', 'DefinitionUri', 'Location', 'TemplateURL']);

/** A key that changes when what `buildOutputs` reads of a template changes. */
export function shapeKey(sh: TemplateShape): string {
  return `${sh.s3Code}|${sh.json}|${sh.ids.join(',')}|${JSON.stringify(sh.code)}|${sh.generator ?? ''}|${sh.handlers.join(',')}`;
}

export function templateShape(root: RNode | undefined, json: boolean): TemplateShape {
  const ids: string[] = [];
  let s3Code = false;
  const code: Record<string, 's3' | 'local'> = {};
  const handlers: string[] = [];
  for (const e of entries(get(root, 'Resources'))) {
    ids.push(e.key);
    const h = /^AWS::(Serverless|Lambda)::Function$/.test(str(get(e.value, 'Type')) ?? '') ? str(get(get(e.value, 'Properties'), 'Handler')) : undefined;
    if (h) handlers.push(h);
    for (const p of entries(get(e.value, 'Properties'))) {
      if (!CODE_KEYS.has(p.key)) continue;
      const v = str(p.value);
      if (v && /^(s3:\/\/|https:\/\/s3[.-])/i.test(v)) {
        s3Code = true;
        code[e.key] = 's3';
      } else if (v && !/^(https?:|\$\{)/i.test(v)) code[e.key] = 'local';
    }
  }
  // Amazon.Lambda.Annotations writes "This template is partially managed by Amazon.Lambda.Annotations (vX)."
  const generator = /\bmanaged by Amazon\.Lambda\.Annotations\b/.test(str(get(root, 'Description')) ?? '') ? 'Amazon.Lambda.Annotations' : undefined;
  return { ids, s3Code, json, code, generator, handlers };
}

const stem = (p: string) => basename(p).replace(/\.(ya?ml|json|template)$/i, '');

/**
 * Templates of the workspace that are build outputs or copies of another template beside them, with the
 * reason: a `sam package` / `aws cloudformation package` output (its code locations are `s3://` URIs
 * where its source's are local, and it holds most of the source's resources), a `rain pkg` output
 * (`NAME-pkg` beside `NAME`), the same template in another format (`x.json` beside `x.yaml`), or a
 * generated twin (`generatedTwins`).
 */
export function buildOutputs(templates: string[], shapeOf0: (path: string) => TemplateShape): Map<string, string> {
  const out = new Map<string, string>();
  const shapes = new Map<string, TemplateShape>();
  const shapeOf = (p: string) => {
    let sh = shapes.get(p);
    if (!sh) shapes.set(p, (sh = shapeOf0(p)));
    return sh;
  };
  const byDir = new Map<string, string[]>();
  for (const t of templates) byDir.set(dirname(t), [...(byDir.get(dirname(t)) ?? []), t]);
  const stemOf = (t: string) => stem(t).replace(/[-_.](pkg|packaged|package)$/i, '');
  for (const group of byDir.values()) {
    if (group.length < 2) continue;
    // First the outputs named after their source (`NAME-pkg` by `rain pkg`) and the copies in JSON...
    const sources = [...group].sort((a, b) => Number(shapeOf(a).json) - Number(shapeOf(b).json));
    for (const t of group) {
      const ts = shapeOf(t);
      for (const s of sources) {
        if (s === t) continue;
        const ss = shapeOf(s);
        if (stemOf(t) !== stem(t) && stemOf(t) === stem(s) && !ss.s3Code) {
          out.set(t, `a packaged build output of ${s}`);
          break;
        }
        if (ts.json && !ss.json && stem(t) === stem(s) && ts.ids.length === ss.ids.length && ss.ids.every((id) => ts.ids.includes(id))) {
          out.set(t, `a copy of ${s} in JSON`);
          break;
        }
      }
    }
    // ...then `sam package` outputs: most of the source's resources, code in S3 where the source's is local.
    for (const t of group) {
      const ts = shapeOf(t);
      if (out.has(t) || !ts.s3Code) continue;
      const mine = new Set(ts.ids);
      for (const s of group) {
        const ss = shapeOf(s);
        if (s === t || out.has(s) || ss.s3Code || !ss.ids.length) continue;
        // The same resource's code is local in the source and an S3 artifact here.
        const packaged = ts.ids.some((id) => ts.code[id] === 's3' && ss.code[id] === 'local');
        const shared = ss.ids.filter((id) => mine.has(id)).length;
        if (packaged && shared >= 3 && shared * 2 >= ss.ids.length) {
          out.set(t, `a packaged build output of ${s} (its code locations are s3:// artifact URIs)`);
          break;
        }
      }
    }
  }
  for (const [t, reason] of generatedTwins(templates.filter((t) => !out.has(t)), shapeOf)) out.set(t, reason);
  return out;
}

/**
 * Templates a tool generated beside the one a team deploys: the AWS Toolkit's local-debug templates
 * (`*___vsctk___*`), and an Amazon.Lambda.Annotations `serverless.template` (its Description says so)
 * when a template of the same or an enclosing folder deploys one of its handlers. Without such a twin,
 * the generated template is the one `dotnet lambda deploy-serverless` deploys, and stays a unit.
 */
export function generatedTwins(templates: string[], shapeOf: (path: string) => TemplateShape): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of templates) if (/___vsctk___/.test(basename(t))) out.set(t, 'a local-debug template the AWS Toolkit generated (___vsctk___ in its name), not deployed');
  for (const t of templates) {
    const ts = shapeOf(t);
    if (out.has(t) || !ts.generator || !ts.handlers.length) continue;
    const mine = new Set(ts.handlers);
    const d = dirname(t);
    const twin = templates.find((s) => {
      if (s === t || out.has(s) || shapeOf(s).generator) return false;
      const sd = dirname(s);
      return (sd === '' || sd === d || d.startsWith(sd + '/')) && shapeOf(s).handlers.some((h) => mine.has(h));
    });
    if (twin) out.set(t, `generated by ${ts.generator} (its Description says so); ${twin} deploys its handlers`);
  }
  return out;
}
