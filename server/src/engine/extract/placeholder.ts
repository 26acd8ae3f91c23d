// Is a function defined where its code is not? Stub inline code, or a code location named
// as a placeholder.

import { deref, get, RNode, str } from '../tree';
import type { Loc } from '../types';

const PLACEHOLDER_WORD = /placeholder|dummy|bootstrap|stub|initial/i;
const STUB_SAYS = /placeholder|dummy|\btodo\b|replaced|replace me|to be replaced|will be (?:deployed|overwritten|updated)|not implemented/i;
const DOES_WORK = /\brequire\(|\bimport\b|\bawait\b|\bfetch\(|boto3|\.send\(|cfnresponse|http\.|https\.|\bnew [A-Z]/;

/** Inline code that does nothing real: a few lines that only return, or that say they are a placeholder. */
export function isStubCode(code: string): boolean {
  const lines = code.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !/^(\/\/|#)/.test(l));
  if (lines.length <= 12 && STUB_SAYS.test(code)) return true;
  if (lines.length <= 6 && !DOES_WORK.test(code) && /\breturn\b|=>\s*\{\s*\}|\bpass\b|\{\s*\}/.test(code)) return true;
  return false;
}

export interface PlaceholderCtx {
  text(file: string): string;
}

export function detectPlaceholder(_ctx: PlaceholderCtx, type: string, props: RNode | undefined, globals: RNode | undefined): { reason: string; loc: Loc } | undefined {
  if (type === 'AWS::Lambda::Function') {
    const code = get(props, 'Code');
    const zip = get(code, 'ZipFile');
    const zipText = str(zip);
    if (zip && zipText !== undefined && isStubCode(zipText)) return { reason: 'its inline code is a stub', loc: zip.loc };
    for (const k of ['S3Key', 'S3Bucket', 'ImageUri', 'S3ObjectVersion']) {
      const v = get(code, k);
      const s = str(v);
      if (v && s && PLACEHOLDER_WORD.test(s)) return { reason: `its code location ${k} is "${s}"`, loc: v.loc };
    }
    return undefined;
  }
  if (type === 'AWS::Serverless::Function') {
    const inline = get(props, 'InlineCode') ?? get(globals, 'InlineCode');
    const s = str(inline);
    if (inline && s !== undefined && isStubCode(s)) return { reason: 'its inline code is a stub', loc: inline.loc };
    const uri = deref(get(props, 'CodeUri') ?? get(globals, 'CodeUri'));
    const u = str(uri);
    if (uri && u && PLACEHOLDER_WORD.test(lastSegment(u))) return { reason: `its CodeUri is "${u}"`, loc: uri.loc };
    for (const k of ['Key', 'Bucket']) {
      const v = get(uri, k);
      const t = str(v);
      if (v && t && PLACEHOLDER_WORD.test(t)) return { reason: `its CodeUri ${k} is "${t}"`, loc: v.loc };
    }
    const image = get(props, 'ImageUri');
    const i = str(image);
    if (image && i && PLACEHOLDER_WORD.test(i)) return { reason: `its ImageUri is "${i}"`, loc: image.loc };
  }
  return undefined;
}

function lastSegment(p: string): string {
  const parts = p.replace(/\/+$/, '').split('/');
  return parts[parts.length - 1] ?? p;
}
