// The fix for pipeline-paths: add the unit's folder (`orders/**`) to the GitHub workflow's
// `on.push.paths`, as one more item of the list as it is written (block or flow).

import type { UnitFacts } from '../model';
import { dirname } from '../paths';
import type { PipelineView } from '../pipeline/link';
import type { RuleContext } from '../rules/rule';
import { deref, getPath } from '../tree';
import type { Fix } from '../types';
import { addListItem } from './yaml-list';

export function pathsFix(ctx: RuleContext, view: PipelineView, facts: UnitFacts, where: string): Fix[] {
  if (view.kind !== 'github' || where !== 'pipeline') return [];
  const root = view.pipeline.root;
  const dir = facts.kind === 'terraform' ? facts.dir : dirname(facts.files[0]);
  const rel = root ? (dir === root ? '' : dir.startsWith(root + '/') ? dir.slice(root.length + 1) : undefined) : dir;
  if (rel === undefined) return [];
  const glob = rel ? `${rel}/**` : facts.files[0].slice(root ? root.length + 1 : 0);
  const tree = ctx.parsed(view.file)?.tree;
  const paths = deref(getPath(tree, 'on', 'push', 'paths'));
  if (!paths || paths.k !== 'seq' || paths.loc.file !== view.file) return [];
  // A path ignored by paths-ignore would stay ignored: no fix then.
  if (deref(getPath(tree, 'on', 'push', 'paths-ignore'))) return [];
  return addListItem(ctx, view.file, ['on', 'push'], 'paths', `'${glob}'`, `Add ${glob} to the paths that start ${view.file}`);
}
