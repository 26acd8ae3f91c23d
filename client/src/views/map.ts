// The domain map: units as boxes with their domains inside, cross-unit edges styled by kind,
// laid out by dagre in the extension host and drawn as SVG in a webview under a strict
// content security policy (the drawing: server/src/map/draw.ts, shared with the command line). Clicking a node reveals its definition. With
// pipeline files, a toggle groups and colours the units by the pipeline that deploys them.

import * as vscode from 'vscode';
import type { DomainGraphResult, PipelinesResult } from '../../../server/src/protocol/ext';
import type { Ctx } from '../ctx';
import { unitKindLabel } from './icons';
import { pipelineColours, pipelineCss, pipelineLegend } from '../../../server/src/map/pipelines';
import { esc, renderSvg } from '../../../server/src/map/draw';

export function mapHtml(webview: vscode.Webview, graph: DomainGraphResult, pipelines?: PipelinesResult): string {
  const nonce = [...Array(24)].map(() => Math.floor(Math.random() * 36).toString(36)).join('');
  let withPipelines = false;
  const body = graph.folders.length
    ? graph.folders
        .map((f) => {
          const colours = pipelineColours(pipelines, f.uri);
          if (colours) withPipelines = true;
          if (!f.units.length) return `<h2>${esc(f.name)}</h2><p>No deployment units.</p>`;
          // With pipelines, a second layout groups the units by pipeline; the toggle shows it instead.
          const grouped = colours ? `<div class="layout-grouped">${renderSvg(f, colours, true, unitKindLabel)}</div>` : '';
          return `<h2>${esc(f.name)}</h2>${pipelineLegend(colours, esc)}<div class="layout-plain">${renderSvg(f, colours, false, unitKindLabel)}</div>${grouped}`;
        })
        .join('')
    : '<p>No deployment units in this workspace.</p>';
  const toggle = withPipelines ? '<label class="toggle"><input type="checkbox" id="byPipeline"> Group and colour units by the pipeline that deploys them</label>' : '';
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src ${webview.cspSource};">
<title>Domain Map</title>
<style nonce="${nonce}">
body { color: var(--vscode-editor-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: 12px; }
h2 { font-size: 13px; font-weight: 600; margin: 8px 0; }
.legend span { margin-right: 16px; } .legend i { display: inline-block; width: 22px; height: 0; border-top: 2px solid; vertical-align: middle; margin-right: 4px; }
.legend .l-trigger { border-color: var(--vscode-charts-red, #d9534f); } .legend .l-contract { border-color: var(--vscode-charts-blue, #337ab7); }
.legend .l-hardcoded { border-top-style: dashed; border-color: var(--vscode-charts-orange, #f0ad4e); } .legend .l-nested { border-top-style: dotted; border-color: var(--vscode-descriptionForeground, #777); }
.unit rect { fill: var(--vscode-sideBar-background, transparent); stroke: var(--vscode-panel-border, #888); }
.unit.cycle rect { stroke: var(--vscode-charts-red, #d9534f); stroke-width: 2; }
.unit-label { fill: var(--vscode-editor-foreground); font-weight: 600; } .unit-kind, .empty { fill: var(--vscode-descriptionForeground); font-size: 11px; }
.domain rect { fill: var(--vscode-button-secondaryBackground, #444); stroke: var(--vscode-focusBorder, #0078d4); }
.domain text { fill: var(--vscode-button-secondaryForeground, #fff); }
.domain.split rect { stroke: var(--vscode-charts-orange, #f0ad4e); stroke-width: 2; stroke-dasharray: 5 3; }
.domain.placeholder rect { stroke: var(--vscode-charts-yellow, #e5c07b); }
.edge { fill: none; stroke-width: 1.5; } .arrow { fill: var(--vscode-editor-foreground); }
.e-trigger { stroke: var(--vscode-charts-red, #d9534f); stroke-width: 2.5; }
.e-contract { stroke: var(--vscode-charts-blue, #337ab7); }
.e-hardcoded { stroke: var(--vscode-charts-orange, #f0ad4e); stroke-dasharray: 6 4; }
.e-nested { stroke: var(--vscode-descriptionForeground, #777); stroke-dasharray: 2 3; }
.e-cycle { stroke: var(--vscode-charts-red, #d9534f); stroke-width: 3; }
[data-loc]:not([data-loc=""]) { cursor: pointer; } g:focus rect, g:hover rect { stroke-width: 3; }
.toggle { display: block; margin: 6px 0; }
${pipelineCss()}
</style></head><body>
<div class="legend"><span><i class="l-trigger"></i>trigger crossing units</span><span><i class="l-contract"></i>explicit contract</span><span><i class="l-hardcoded"></i>hard-coded reference</span><span><i class="l-nested"></i>nested stack</span><span>red box: deploy cycle · dashed domain: split</span></div>
${toggle}
${body}
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
const byPipeline = document.getElementById('byPipeline');
if (byPipeline) {
  const apply = () => document.body.classList.toggle('by-pipeline', byPipeline.checked);
  byPipeline.checked = !!(vscode.getState() || {}).byPipeline;
  apply();
  byPipeline.addEventListener('change', () => {
    apply();
    vscode.setState({ ...(vscode.getState() || {}), byPipeline: byPipeline.checked });
  });
}
document.addEventListener('click', (e) => {
  const el = e.target.closest('[data-loc]');
  if (el && el.dataset.loc) vscode.postMessage({ command: 'reveal', location: JSON.parse(el.dataset.loc) });
});
document.addEventListener('keydown', (e) => {
  if (e.key !== 'Enter') return;
  const el = document.activeElement && document.activeElement.closest('[data-loc]');
  if (el && el.dataset.loc) vscode.postMessage({ command: 'reveal', location: JSON.parse(el.dataset.loc) });
});
</script></body></html>`;
}

export class DomainMap {
  static current: DomainMap | undefined;
  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly ctx: Ctx,
  ) {
    panel.onDidDispose(() => (DomainMap.current = undefined));
    panel.webview.onDidReceiveMessage((m: { command: string; location?: { uri: string; range: vscode.Range } }) => {
      if (m.command === 'reveal' && m.location) void vscode.commands.executeCommand('serverlessDomains.reveal', m.location);
    });
  }

  static async show(ctx: Ctx): Promise<DomainMap> {
    if (DomainMap.current) DomainMap.current.panel.reveal();
    else {
      const panel = vscode.window.createWebviewPanel('serverlessDomains.map', 'Domain Map', vscode.ViewColumn.Beside, { enableScripts: true, localResourceRoots: [] });
      DomainMap.current = new DomainMap(panel, ctx);
    }
    await DomainMap.current.update();
    return DomainMap.current;
  }

  async update(): Promise<void> {
    this.panel.webview.html = mapHtml(this.panel.webview, await this.ctx.domainGraph(), await this.ctx.pipelines());
  }
}
