// Is a function defined where its code is not? Inline code that says it is a placeholder, or a
// code location named as one. Short inline code that does nothing real but says nothing is weak
// evidence (a demo handler): the rule reports it only when code ships elsewhere under its name.

import { deref, get, RNode, str } from '../tree';
import type { Loc } from '../types';

/** Words that name a placeholder code location, matched as whole words of its last path segment. */
const PLACEHOLDER_WORDS = new Set(['placeholder', 'dummy', 'bootstrap', 'stub', 'initial']);
const STUB_SAYS = /\bplaceholders?\b|\bdummy\b|\btodo\b|\breplaced\b|\breplace me\b|\bwill be (?:deployed|overwritten|updated)\b|\bnot implemented\b/i;
const DOES_WORK = /\brequire\(|\bimport\b|\bawait\b|\bfetch\(|boto3|\.send\(|cfnresponse|http\.|https\.|\bnew [A-Z]/;
/** Folders that hold what a build produced from source in the workspace: code that is built is real code. */
const BUILD_DIR = /(?:^|\/)(?:build|dist|target|out|bin|distributions|\.aws-sam|\.serverless)\//;

export interface Evidence {
  reason: string;
  loc: Loc;
  /** Only "a few lines that do nothing real": not enough on its own. */
  weak?: boolean;
}

/** Inline code that says it is a placeholder ('strong'), or a few lines that only return ('weak'). */
export function stubKind(code: string): 'strong' | 'weak' | undefined {
  const lines = code.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !/^(\/\/|#)/.test(l));
  if (DOES_WORK.test(code)) return undefined;
  if (lines.length <= 12 && STUB_SAYS.test(code)) return 'strong';
  if (lines.length <= 6 && /\breturn\b|=>\s*\{\s*\}|\bpass\b|\{\s*\}/.test(code)) return 'weak';
  return undefined;
}

/** The words of a name: `initialise-ipv-session` is initialise, ipv, session; `PlaceholderFn` is placeholder, fn. */
function words(s: string): string[] {
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** A code location (S3 key, artifact path, image) named as a placeholder, as a whole word. */
export function namesPlaceholder(location: string): boolean {
  if (BUILD_DIR.test(location.replace(/\\/g, '/'))) return false;
  const last = location.replace(/\/+$/, '').split('/').pop() ?? location;
  return words(last.replace(/\.(zip|jar|tar\.gz|tgz)$/i, '')).some((w) => PLACEHOLDER_WORDS.has(w));
}

/** A local CodeUri folder (not an archive, not S3) is source that `sam build` builds: real code. */
function isSourceFolder(uri: string): boolean {
  return !/^s3:\/\//.test(uri) && !/\.(zip|jar|tar\.gz|tgz)$/i.test(uri);
}

export interface PlaceholderCtx {
  text(file: string): string;
}

/**
 * CloudFormation and SAM write inline code as the module `index` (index.py, index.js): a handler
 * naming another module (`app.handler`, `interceptor.handler.lambda_handler`) cannot be served by
 * the inline code, which is then only there until the real code is deployed over it.
 */
function handlerElsewhere(handler: string | undefined, runtime: string | undefined): boolean {
  if (!handler || !handler.includes('.') || (runtime !== undefined && !/^(python|nodejs)/.test(runtime))) return false;
  return handler.slice(0, handler.lastIndexOf('.')) !== 'index';
}

function inline(node: RNode | undefined, handler?: string, runtime?: string): Evidence | undefined {
  const s = str(node);
  if (!node || s === undefined) return undefined;
  if (handlerElsewhere(handler, runtime) && s.trim().split(/\r?\n/).length <= 12 && !DOES_WORK.test(s)) {
    return { reason: `its inline code is a stub, and its handler ${handler} names a module that inline code (index) does not provide`, loc: node.loc };
  }
  const k = stubKind(s);
  if (k === 'strong') return { reason: 'its inline code is a stub', loc: node.loc };
  if (k === 'weak') return { reason: 'its inline code is a stub', loc: node.loc, weak: true };
  return undefined;
}

export function detectPlaceholder(_ctx: PlaceholderCtx, type: string, props: RNode | undefined, globals: RNode | undefined): Evidence | undefined {
  if (type === 'AWS::Lambda::Function') {
    const code = get(props, 'Code');
    const z = inline(get(code, 'ZipFile'), str(get(props, 'Handler')), str(get(props, 'Runtime')));
    if (z) return z;
    for (const k of ['S3Key', 'S3Bucket', 'ImageUri', 'S3ObjectVersion']) {
      const v = get(code, k);
      const s = str(v);
      if (v && s && namesPlaceholder(s)) return { reason: `its code location ${k} is "${s}"`, loc: v.loc };
    }
    return undefined;
  }
  if (type === 'AWS::Serverless::Function') {
    const z = inline(get(props, 'InlineCode') ?? get(globals, 'InlineCode'), str(get(props, 'Handler') ?? get(globals, 'Handler')), str(get(props, 'Runtime') ?? get(globals, 'Runtime')));
    if (z) return z;
    const uri = deref(get(props, 'CodeUri') ?? get(globals, 'CodeUri'));
    const u = str(uri);
    if (uri && u && !isSourceFolder(u) && namesPlaceholder(u)) return { reason: `its CodeUri is "${u}"`, loc: uri.loc };
    for (const k of ['Key', 'Bucket']) {
      const v = get(uri, k);
      const t = str(v);
      if (v && t && namesPlaceholder(t)) return { reason: `its CodeUri ${k} is "${t}"`, loc: v.loc };
    }
    const image = get(props, 'ImageUri');
    const i = str(image);
    if (image && i && namesPlaceholder(i)) return { reason: `its ImageUri is "${i}"`, loc: image.loc };
  }
  return undefined;
}
