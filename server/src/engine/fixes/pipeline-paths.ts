// The fix for pipeline-paths: add the unit's folder (`orders/**`) to the GitHub workflow's
// `on.push.paths`, as one more item of the list as it is written (block or flow).

import type { UnitFacts } from '../model';
import { dirname } from '../paths';
import type { PipelineView } from '../pipeline/link';
import type { RuleContext } from '../rules/rule';
import { eol, lineIndexFor } from '../text';
import { deref, getPath, items } from '../tree';
import type { Fix } from '../types';

export function pathsFix(ctx: RuleContext, view: PipelineView, facts: UnitFacts, where: string): Fix[] {
  if (view.kind !== 'github' || where !== 'pipeline') return [];
  const root = view.pipeline.root;
  const dir = facts.kind === 'terraform' ? facts.dir : dirname(facts.files[0]);
  const rel = root ? (dir === root ? '' : dir.startsWith(root + '/') ? dir.slice(root.length + 1) : undefined) : dir;
  if (rel === undefined) return [];
  const glob = rel ? `${rel}/**` : facts.files[0].slice(root ? root.length + 1 : 0);
  const text = ctx.text(view.file);
  const tree = ctx.parsed(view.file)?.tree;
  const paths = deref(getPath(tree, 'on', 'push', 'paths'));
  if (!paths || paths.k !== 'seq' || paths.loc.file !== view.file) return [];
  // A path ignored by paths-ignore would stay ignored: no fix then.
  if (deref(getPath(tree, 'on', 'push', 'paths-ignore'))) return [];
  const title = `Add ${glob} to the paths that start ${view.file}`;
  const quoted = `'${glob}'`;
  const raw = text.slice(paths.loc.start, paths.loc.end);
  if (raw.startsWith('[')) {
    const close = paths.loc.start + raw.lastIndexOf(']');
    return [{ title, preferred: true, edits: [{ file: view.file, start: close, end: close, newText: items(paths).length ? `, ${quoted}` : quoted }] }];
  }
  const list = items(paths);
  const last = deref(list[list.length - 1]);
  if (!last) return [];
  const idx = lineIndexFor(text);
  const line = idx.position(last.loc.end > last.loc.start ? last.loc.end - 1 : last.loc.start).line;
  const first = idx.position(last.loc.start).line;
  const dash = /^(\s*)-\s/.exec(text.slice(idx.lineStart(first), last.loc.start));
  if (!dash) return [];
  const nl = eol(text);
  const at = line + 1 < idx.lineCount ? idx.lineStart(line + 1) : text.length;
  return [{ title, preferred: true, edits: [{ file: view.file, start: at, end: at, newText: `${at === text.length && !text.endsWith('\n') ? nl : ''}${dash[1]}- ${quoted}${nl}` }] }];
}
