// Which files are deployment units, of which kind, and their stack names.

import { parse as parseToml } from 'smol-toml';
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
  return TEMPLATE_EXT.test(b) || /^samconfig\.(toml|ya?ml)$/i.test(b);
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
}

/** Reads `stack_name` and `template_file` of the `default` environment's deploy (or global) parameters. */
export function readSamConfig(file: string, text: string, parsed: ParsedFile | undefined): SamConfigEntry {
  const out: SamConfigEntry = { file };
  let params: Record<string, unknown> = {};
  try {
    if (/\.toml$/i.test(file)) {
      const doc = parseToml(text) as Record<string, Record<string, Record<string, Record<string, unknown>>>>;
      params = { ...(doc.default?.global?.parameters ?? {}), ...(doc.default?.deploy?.parameters ?? {}) };
    } else if (parsed?.tree) {
      const pick = (n: RNode | undefined) => Object.fromEntries(entries(n).map((e) => [e.key, str(e.value)]));
      params = { ...pick(get(get(get(parsed.tree, 'default'), 'global'), 'parameters')), ...pick(get(get(get(parsed.tree, 'default'), 'deploy'), 'parameters')) };
    }
  } catch {
    return out;
  }
  if (typeof params.stack_name === 'string') out.stackName = params.stack_name;
  if (typeof params.template_file === 'string') out.templateFile = params.template_file;
  return out;
}

/** samconfig entries by the template path they name and by their folder, for look-ups. */
export class SamConfigIndex {
  private readonly byDir = new Map<string, SamConfigEntry[]>();
  private readonly byTemplate = new Map<string, string>();
  constructor(entries: SamConfigEntry[]) {
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
}

/** The stack name of a SAM/CloudFormation template from the samconfig files beside it. */
export function samStackName(template: string, samconfigs: SamConfigEntry[]): string | undefined {
  const dir = dirname(template);
  for (const sc of samconfigs) {
    if (!sc.stackName || dirname(sc.file) !== dir) continue;
    if (sc.templateFile) {
      const t = normalizePath(joinPath(dir, sc.templateFile));
      if (t === template) return sc.stackName;
    } else if (/^template\.(ya?ml|json)$/i.test(basename(template))) return sc.stackName;
  }
  // A samconfig naming its template from another folder.
  for (const sc of samconfigs) {
    if (sc.stackName && sc.templateFile && normalizePath(joinPath(dirname(sc.file), sc.templateFile)) === template) return sc.stackName;
  }
  return undefined;
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
