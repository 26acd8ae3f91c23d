// Which folders of `.tf` files are Terraform units, and what each contains.
//
// A folder that another folder calls as a local module (`source = "./x"`, `"../x"`) belongs to
// each caller, like a nested stack: its objects are `module.NAME.*` there and its variables take
// the caller's values. Every other folder is a unit: a root module (a backend, `cloud` or
// `provider` block), or a library module that nothing in the workspace calls, analysed with its
// variables' defaults. The stack name is the backend's state key (or local path, or cloud
// workspace), else the folder path, which is a guess.

import { basename, joinPath, normalizePath } from '../paths';
import type { HclBlock, HclExpr, HclFile } from './hcl-model';
import { attribute, blocks, stringValue } from './hcl-model';
import { declsOf, localSource, ModuleDecls, ModuleScope } from './scope';

const MAX_MODULE_DEPTH = 8;
const META_ARGUMENTS = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

export interface TfUnitPlan {
  id: string;
  dir: string;
  /** The unit's folder and every local module folder it calls, its own first. */
  dirs: string[];
  files: string[];
  /** Files of local modules that an earlier unit (by id) also calls: that unit reports what is found in them (one cause, one finding). */
  quiet: string[];
  /** No backend or provider, no script of the workspace applies it, and nothing calls it: a module for others to apply. */
  library: boolean;
}

/** What decides the units: the root markers and local module calls of one file. */
export function structureKey(f: HclFile): string {
  const parts: string[] = [];
  for (const b of blocks(f.items)) {
    if (b.type === 'provider') parts.push('p');
    else if (b.type === 'terraform') {
      const backend = blocks(b.items, 'backend')[0] ?? blocks(b.items, 'cloud')[0];
      if (backend) parts.push(`b:${stackOf(backend) ?? ''}`);
    } else if (b.type === 'module') parts.push(`m:${b.labels[0]?.value}:${localSource(b) ?? stringValue(attribute(b.items, 'source')?.value) ?? ''}`);
  }
  return parts.join('|');
}

/** The folders called as local modules, from one folder's files. */
function calls(dir: string, files: HclFile[]): string[] {
  const out: string[] = [];
  for (const f of files) {
    for (const b of blocks(f.items, 'module')) {
      const s = localSource(b);
      const target = s ? normalizePath(joinPath(dir, s)) : undefined;
      if (target !== undefined) out.push(target);
    }
  }
  return out;
}

/** The units of a workspace's `.tf` files (grouped by folder). */
export function planUnits(folders: Map<string, HclFile[]>, applied: ReadonlySet<string> = new Set()): TfUnitPlan[] {
  const called = new Set<string>();
  const callsOf = new Map<string, string[]>();
  for (const [dir, files] of folders) {
    const c = calls(dir, files).filter((t) => t !== dir && folders.has(t));
    callsOf.set(dir, c);
    for (const t of c) called.add(t);
  }
  const out: TfUnitPlan[] = [];
  for (const dir of [...folders.keys()].sort()) {
    if (called.has(dir)) continue;
    // Every folder the unit reaches through local module calls.
    const dirs: string[] = [];
    const seen = new Set<string>();
    const stack: Array<{ d: string; depth: number }> = [{ d: dir, depth: 0 }];
    while (stack.length) {
      const { d, depth } = stack.pop()!;
      if (seen.has(d) || depth > MAX_MODULE_DEPTH) continue;
      seen.add(d);
      dirs.push(d);
      for (const c of [...(callsOf.get(d) ?? [])].reverse()) stack.push({ d: c, depth: depth + 1 });
    }
    const files = dirs.flatMap((d) => (folders.get(d) ?? []).map((f) => f.file).sort());
    const own = folders.get(dir)!;
    out.push({ id: mainFile(dir, own), dir, dirs, files, quiet: [], library: !applied.has(dir) && !own.some((f) => isRoot(f)) });
  }
  // A module folder several units call reports through the first of them.
  const first = new Map<string, string>();
  for (const u of [...out].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    for (const d of u.dirs.slice(1)) {
      if (!first.has(d)) first.set(d, u.id);
      else u.quiet.push(...(folders.get(d) ?? []).map((f) => f.file));
    }
  }
  return out;
}

function isRoot(f: HclFile): boolean {
  return blocks(f.items).some((b) => b.type === 'provider' || (b.type === 'terraform' && (blocks(b.items, 'backend').length > 0 || blocks(b.items, 'cloud').length > 0)));
}

function mainFile(dir: string, files: HclFile[]): string {
  const names = files.map((f) => f.file).sort();
  const main = names.find((n) => basename(n) === 'main.tf');
  if (main) return main;
  const withBackend = files.find((f) => blocks(f.items, 'terraform').some((t) => blocks(t.items, 'backend').length || blocks(t.items, 'cloud').length));
  return withBackend?.file ?? names[0] ?? joinPath(dir, 'main.tf');
}

/** The state a backend block names: an `s3` (or other) backend's `key`, a `local` one's `path`, a `cloud` workspace's name. */
export function stackOf(backend: HclBlock): string | undefined {
  const v = (e: HclExpr | undefined) => stringValue(e);
  if (backend.type === 'cloud') {
    const ws = blocks(backend.items, 'workspaces')[0];
    return ws ? v(attribute(ws.items, 'name')?.value) : undefined;
  }
  return v(attribute(backend.items, 'key')?.value) ?? v(attribute(backend.items, 'path')?.value);
}

/** The module instances of a unit: the root folder's scope, and each local module call's, with the caller's values. */
export function instantiate(plan: TfUnitPlan, filesOf: (dir: string) => HclFile[]): { root: ModuleScope; scopes: ModuleScope[] } {
  const decls = new Map<string, ModuleDecls>();
  const declsFor = (d: string) => {
    let x = decls.get(d);
    if (!x) decls.set(d, (x = declsOf(d, filesOf(d))));
    return x;
  };
  const rootDecls = declsFor(plan.dir);
  // A folder a pipeline applies is a root module, backend or not.
  if (!plan.library) rootDecls.root = true;
  const root = new ModuleScope(rootDecls, '', new Map());
  const scopes = [root];
  const stack: Array<{ s: ModuleScope; path: string[] }> = [{ s: root, path: [plan.dir] }];
  while (stack.length) {
    const { s, path } = stack.pop()!;
    if (path.length > MAX_MODULE_DEPTH) continue;
    for (const [name, b] of s.decls.modules) {
      const src = localSource(b);
      const target = src ? normalizePath(joinPath(s.decls.dir, src)) : undefined;
      if (target === undefined || !plan.dirs.includes(target) || path.includes(target)) continue;
      const inputs = new Map<string, { expr: HclExpr; scope: ModuleScope }>();
      for (const i of b.items) if (i.k === 'attribute' && !META_ARGUMENTS.has(i.name)) inputs.set(i.name, { expr: i.value, scope: s });
      const child = new ModuleScope(declsFor(target), `${s.prefix}module.${name}.`, inputs, s);
      s.children.set(name, child);
      scopes.push(child);
      stack.push({ s: child, path: [...path, target] });
    }
  }
  return { root, scopes };
}

/** The unit's stack name, and whether it is a guess (no backend names the state). */
export function unitStackName(root: ModuleScope, rootName: string): { stackName: string; guessed: boolean } {
  const s = root.decls.backend ? stackOf(root.decls.backend) : undefined;
  if (s) return { stackName: s, guessed: false };
  return { stackName: root.decls.dir || rootName, guessed: true };
}
