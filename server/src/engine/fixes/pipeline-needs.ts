// Fixes for pipeline-order, where the text can be changed safely: a GitHub job that deploys a
// consumer gets `needs:` on the job that deploys its provider (when nothing orders them yet), and
// a provider's step that runs after the consumer's in the same job moves before it (when both
// steps are plain `run:` steps of the workflow file itself).

import type { LinkedDeploy, PipelineView } from '../pipeline/link';
import type { Order } from '../pipeline/order';
import { flatSteps } from '../pipeline/order';
import type { RuleContext } from '../rules/rule';
import { lineIndexFor, eol } from '../text';
import { deref, getPath, items } from '../tree';
import type { Fix } from '../types';
import { entryBlock, reindent } from './edits';
import { addListItem } from './yaml-list';

export function needsFix(ctx: RuleContext, view: PipelineView, c: LinkedDeploy, p: LinkedDeploy, o: Order): Fix[] {
  if (c.pos.compose && c.deploy === p.deploy) return composeDependsOn(ctx, c, p);
  if (view.kind === 'compose') return o === 'any' && c.job !== p.job ? addListItem(ctx, view.file, ['services', c.job], 'dependsOn', p.job, `Deploy service ${c.job} after ${p.job} (dependsOn: ${p.job})`) : [];
  if (view.kind !== 'github' || c.deploy.matrix || p.deploy.matrix) return [];
  if (c.pos.node !== p.pos.node) return o === 'any' ? addNeeds(ctx, view, c.job, p.job) : [];
  return o === 'before' ? moveStep(ctx, view, c, p) : [];
}

/** `needs: [provider]` on the consumer's job: a new key, or one more item of the list it has. */
function addNeeds(ctx: RuleContext, view: PipelineView, job: string, needed: string): Fix[] {
  if (job.includes('/') || needed.includes('/')) return [];
  return addListItem(ctx, view.file, ['jobs', job], 'needs', needed, `Run job ${job} after job ${needed} (needs: ${needed})`);
}

/** `dependsOn: provider` on the consumer's service of a serverless-compose.yml. */
export function composeDependsOn(ctx: RuleContext, c: LinkedDeploy, p: LinkedDeploy): Fix[] {
  const compose = c.pos.compose;
  const file = compose?.file;
  const consumer = compose?.services?.get(c.unit);
  const provider = compose?.services?.get(p.unit);
  if (!file || !consumer || !provider) return [];
  return addListItem(ctx, file, ['services', consumer], 'dependsOn', provider, `Deploy service ${consumer} after ${provider} (dependsOn: ${provider})`);
}

/** Moves the provider's step (the whole sequence item) above the consumer's, in the same job of the workflow file. */
function moveStep(ctx: RuleContext, view: PipelineView, c: LinkedDeploy, p: LinkedDeploy): Fix[] {
  if (c.deploy.through || p.deploy.through || c.job.includes('/')) return [];
  const text = ctx.text(view.file);
  const tree = ctx.parsed(view.file)?.tree;
  const steps = items(getPath(tree, 'jobs', c.job, 'steps')).map((s) => deref(s));
  const job = view.pipeline.jobs.find((j) => j.id === c.job);
  if (!job || flatSteps(job.steps).length !== steps.length) return [];
  const cs = steps[c.pos.step];
  const ps = steps[p.pos.step];
  if (!cs || !ps || cs.k !== 'map' || ps.k !== 'map' || c.pos.step >= p.pos.step) return [];
  // Only steps written in this file with their deploy inside them.
  if (p.loc.file !== view.file || p.loc.start < ps.loc.start || p.loc.end > ps.loc.end) return [];
  const itemStart = (n: { loc: { start: number } }) => {
    const idx = lineIndexFor(text);
    const ls = idx.lineStart(idx.position(n.loc.start).line);
    return /^\s*-\s+$/.test(text.slice(ls, n.loc.start)) ? { lineStart: ls, dashCol: text.slice(ls, n.loc.start).indexOf('-') } : undefined;
  };
  const ci = itemStart(cs);
  const pi = itemStart(ps);
  if (!ci || !pi || ci.dashCol !== pi.dashCol) return [];
  const block = entryBlock(text, pi.lineStart + pi.dashCol, ps.loc.end);
  const moved = reindent(block.text, block.indent, ci.dashCol);
  return [
    {
      title: `Move the deploy of ${p.unit} before the deploy of ${c.unit}`,
      preferred: true,
      edits: [
        { file: view.file, start: ci.lineStart, end: ci.lineStart, newText: moved.endsWith('\n') ? moved : moved + eol(text) },
        { file: view.file, start: block.start, end: block.end, newText: '' },
      ],
    },
  ];
}
