// Is a Terraform function a placeholder? `lifecycle { ignore_changes }` over its code attributes,
// the lambda module's `ignore_source_code_hash = true`, a code location named as a placeholder,
// or an `archive_file` of stub inline source.

import { namesPlaceholder, stubKind } from '../extract/placeholder';
import type { Loc } from '../types';
import type { HclBlock, HclExpr } from './hcl-model';
import { attribute, blocks, forEachExpr } from './hcl-model';
import { attrPath, known, ModuleScope } from './scope';

const CODE_ATTRIBUTES = ['filename', 'source_code_hash', 's3_key', 's3_object_version', 'image_uri', 's3_bucket'];

export interface TfEvidence {
  reason: string;
  loc: Loc;
  weak?: boolean;
}

export function placeholderOf(b: HclBlock, scope: ModuleScope): TfEvidence | undefined {
  for (const l of blocks(b.items, 'lifecycle')) {
    const ic = attribute(l.items, 'ignore_changes');
    if (!ic) continue;
    const names = ignored(ic.value);
    const code = names.includes('all') ? ['all'] : names.filter((n) => CODE_ATTRIBUTES.includes(n));
    if (code.length) return { reason: `lifecycle ignore_changes over ${code.join(', ')}: Terraform creates it and something else ships its code`, loc: ic.loc };
  }
  const ich = attribute(b.items, 'ignore_source_code_hash');
  if (ich?.value.k === 'literal' && ich.value.value === true) return { reason: 'ignore_source_code_hash = true: Terraform creates it and something else ships its code', loc: ich.loc };
  for (const k of ['filename', 's3_key', 'image_uri', 'local_existing_package', 's3_existing_package']) {
    const a = attribute(b.items, k);
    const v = a ? scope.str(a.value) : undefined;
    // The file name decides (`"${path.module}/dummy.zip"`): it must be known, the folder need not be.
    const fileName = v?.replace(/\/+$/, '').split('/').pop();
    if (a && v !== undefined && known(fileName) && namesPlaceholder(v.replace(/\u0000+/g, '*'))) return { reason: `its code location ${k} is "${v.replace(/\u0000+/g, '*')}"`, loc: a.value.loc };
    const archive = a ? archiveOf(a.value, scope) : undefined;
    if (archive) return archive;
  }
  return undefined;
}

/** The names in `ignore_changes = [filename, source_code_hash]` (also written as strings, or `all`). */
function ignored(e: HclExpr): string[] {
  const out: string[] = [];
  if (e.k === 'ref' && e.parts.length === 0) return [e.name];
  if (e.k !== 'tuple') return out;
  for (const i of e.items) {
    if (i.k === 'ref') out.push(i.name);
    else if (i.k === 'literal' && typeof i.value === 'string') out.push(i.value);
    else if (i.k === 'template' && i.parts.length === 1 && i.parts[0].k === 'text') out.push(i.parts[0].value);
  }
  return out;
}

/** `filename = data.archive_file.x.output_path` where the archive is built from inline source that is a stub. */
function archiveOf(e: HclExpr, scope: ModuleScope): TfEvidence | undefined {
  let found: TfEvidence | undefined;
  forEachExpr(e, (x) => {
    if (found || x.k !== 'ref' || x.name !== 'data') return;
    const [type, name] = attrPath(x);
    if (type !== 'archive_file' || !name) return;
    const b = scope.decls.data.get(`archive_file.${name}`);
    if (!b) return;
    const sources = [attribute(b.items, 'source_content')?.value, ...blocks(b.items, 'source').map((s) => attribute(s.items, 'content')?.value)];
    for (const s of sources) {
      const code = s ? scope.str(s) : undefined;
      if (!s || code === undefined) continue;
      const k = stubKind(code.replace(/\u0000/g, ''));
      if (k) found = { reason: 'its archive is built from inline stub code', loc: s.loc, weak: k === 'weak' };
    }
  });
  return found;
}
