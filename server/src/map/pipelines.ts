// The domain map's pipeline grouping and colouring: each unit sits in a box of the first pipeline
// that deploys it and takes its colour (its tooltip lists them all), units no pipeline deploys stay
// dashed outside any box, and a legend names the colours. Off by default; a checkbox in the map
// turns it on (kept in the webview's state).
// Pure: no `vscode`.

import type { PipelinesResult } from '../protocol/ext';

/** The theme's chart colours (with fallbacks), in turn. */
const COLOURS = ['--vscode-charts-blue, #337ab7', '--vscode-charts-green, #5cb85c', '--vscode-charts-purple, #8e44ad', '--vscode-charts-orange, #f0ad4e', '--vscode-charts-yellow, #e5c07b', '--vscode-charts-red, #d9534f'];

export interface PipelineColours {
  /** Units by id: the pipelines that deploy them, in the order the server lists pipelines. */
  unitPipelines: Map<string, string[]>;
  /** The colour index of each pipeline that deploys a unit. */
  index: Map<string, number>;
}

/** The pipelines deploying each unit of one folder; undefined when no pipeline deploys any. */
export function pipelineColours(pipelines: PipelinesResult | undefined, folderUri: string): PipelineColours | undefined {
  const folder = pipelines?.folders.find((f) => f.uri === folderUri);
  if (!folder) return undefined;
  const unitPipelines = new Map<string, string[]>();
  const index = new Map<string, number>();
  for (const p of folder.pipelines) {
    const units = new Set(p.jobs.flatMap((j) => j.deploys.map((d) => d.unit)));
    if (!units.size) continue;
    index.set(p.id, index.size);
    for (const u of units) unitPipelines.set(u, [...(unitPipelines.get(u) ?? []), p.id]);
  }
  return index.size ? { unitPipelines, index } : undefined;
}

/** The class a unit's box gets (`pipe-N`, or `pipe-none`) and the line its tooltip adds. */
export function unitPipelineMark(c: PipelineColours | undefined, unit: string): { cls: string; title: string } {
  if (!c) return { cls: '', title: '' };
  const ps = c.unitPipelines.get(unit) ?? [];
  if (!ps.length) return { cls: ' pipe-none', title: '\ndeployed by no pipeline file' };
  return { cls: ` pipe-${c.index.get(ps[0])! % COLOURS.length}`, title: `\ndeployed by ${ps.join(', ')}` };
}

/** The legend of one folder: a swatch per pipeline. */
export function pipelineLegend(c: PipelineColours | undefined, esc: (s: string) => string): string {
  if (!c) return '';
  const items = [...c.index].map(([id, i]) => `<span><i class="sw pipe-${i % COLOURS.length}"></i>${esc(id)}</span>`);
  return `<div class="legend pipelines">${items.join('')}<span><i class="sw pipe-none"></i>no pipeline</span></div>`;
}

/** The rules that colour units while the body has the `by-pipeline` class. */
export function pipelineCss(): string {
  const rules = COLOURS.map((c, i) => `.by-pipeline .unit.pipe-${i} rect { stroke: var(${c}); stroke-width: 3; } .legend .sw.pipe-${i} { border-color: var(${c}); }`);
  return [
    ...rules,
    '.by-pipeline .unit.pipe-none rect { stroke-dasharray: 4 3; }',
    '.legend .sw { display: inline-block; width: 14px; height: 10px; border: 3px solid; margin-right: 4px; vertical-align: middle; } .legend .sw.pipe-none { border-style: dashed; border-width: 1px; }',
    '.legend.pipelines { display: none; } .by-pipeline .legend.pipelines { display: block; margin-bottom: 4px; }',
    '.layout-grouped { display: none; } .by-pipeline .layout-grouped { display: block; } .by-pipeline .layout-plain { display: none; }',
    ...COLOURS.map((c, i) => `.sd-map .pipeline.pipe-${i} > rect { stroke: var(${c}); }`),
  ].join('\n');
}
