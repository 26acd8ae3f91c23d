// A unit's facts before extraction: an empty record with the unit's first line, and the nested
// stacks a template declares.

import { nestedPaths } from './units';
import { dirname } from './paths';
import type { ParsedFile } from './parse';
import type { UnitFacts } from './model';
import { get, str, RNode } from './tree';
import type { Loc, UnitKind } from './types';

export function nestedEntries(tree: RNode | undefined): Array<{ id: string; path: string }> {
  const out: Array<{ id: string; path: string }> = [];
  const paths = nestedPaths(tree);
  if (!paths.length) return out;
  const res = get(tree, 'Resources');
  if (res?.k !== 'map') return out;
  for (const e of res.entries) {
    const props = get(e.value, 'Properties');
    const p = str(get(props, 'TemplateURL')) ?? str(get(props, 'Location'));
    if (p && paths.includes(p)) out.push({ id: e.key, path: p });
  }
  return out;
}

/** The unit's first line of content (not blank, not a comment, not `---`), for unit-level findings. */
export function firstLine(file: string, text: string): Loc {
  let start = 0;
  for (let n = 0; n < 50 && start <= text.length; n++) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const line = text.slice(start, end).replace(/\r$/, '');
    const t = line.trim();
    if (t && !t.startsWith('#') && t !== '---') return { file, start, end: start + line.length };
    if (nl === -1) break;
    start = nl + 1;
  }
  const nl = text.indexOf('\n');
  return { file, start: 0, end: nl === -1 ? text.length : nl };
}

export function newFacts(id: string, kind: UnitKind, parsed: ParsedFile, stackName: string): UnitFacts {
  return {
    id,
    kind,
    files: [id],
    stackName,
    dir: dirname(id),
    resources: new Map(),
    functions: new Map(),
    wirings: [],
    refs: [],
    imports: [],
    outputs: [],
    ssmParams: [],
    literals: [],
    nested: [],
    parameters: new Set(),
    conditions: new Set(),
    definitions: new Map(),
    navigation: [],
    issues: [],
    generatedNames: undefined,
    openWorld: false,
    invokedNames: new Set(),
    invokeGrants: [],
    firstLineLoc: firstLine(id, parsed.text),
    sections: {},
    json: parsed.json,
    tree: parsed.tree,
  };
}

