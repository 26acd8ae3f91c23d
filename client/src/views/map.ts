// The domain map: units as boxes with their domains inside, cross-unit edges styled by kind,
// laid out by dagre in the extension host and drawn as SVG in a webview under a strict
// content security policy. Clicking a node reveals its definition. With pipeline files, a toggle
// colours each unit by the pipeline that deploys it (map-pipelines.ts).

import * as dagre from '@dagrejs/dagre';
import * as vscode from 'vscode';
import type { DomainGraphResult, GraphEdge, PipelinesResult } from '../../../server/src/protocol/ext';
import type { Ctx } from '../ctx';
import { unitKindLabel } from './icons';
import { PipelineColours, pipelineColours, pipelineCss, pipelineLegend, unitPipelineMark } from './map-pipelines';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const EDGE_CLASS: Record<GraphEdge['kind'], string> = { trigger: 'e-trigger', contract: 'e-contract', hardcoded: 'e-hardcoded', nested: 'e-nested' };

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function unitLabelWidth(id: string): number {
  return id.length * 7.2 + 24;
}

/** Lays out one folder's graph and returns SVG markup; `grouped`: each unit inside a box of the first pipeline that deploys it. */
export function renderSvg(folder: DomainGraphResult['folders'][number], colours?: PipelineColours, grouped = false): string {
  const g = new dagre.graphlib.Graph({ compound: true, multigraph: true });
  // A cluster's bounds pad its children by about half the separations: its label goes in that band.
  g.setGraph({ rankdir: 'LR', nodesep: 80, ranksep: 110, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  const anchor = new Map<string, string>();
  for (const u of folder.units) g.setNode(`u:${u.id}`, { label: u.id });
  if (grouped && colours) {
    for (const id of colours.index.keys()) g.setNode(`p:${id}`, { label: id });
    for (const u of folder.units) {
      const first = colours.unitPipelines.get(u.id)?.[0];
      if (first) g.setParent(`u:${u.id}`, `p:${first}`);
    }
  }
  folder.domains.forEach((d, i) => {
    const unit = d.units[0];
    const id = `d:${i}`;
    const label = d.name.endsWith(` (${unit})`) ? d.name.slice(0, -(unit.length + 3)) : d.name;
    // Wide enough that the unit's box fits its own label.
    g.setNode(id, { width: Math.max(120, label.length * 7.5 + 34, unitLabelWidth(unit) - 90), height: 36 });
    if (unit && g.hasNode(`u:${unit}`)) {
      g.setParent(id, `u:${unit}`);
      if (!anchor.has(unit)) anchor.set(unit, id);
    }
  });
  for (const u of folder.units) {
    if (anchor.has(u.id)) continue;
    const id = `x:${u.id}`;
    g.setNode(id, { width: Math.max(120, unitLabelWidth(u.id) - 90), height: 24 });
    g.setParent(id, `u:${u.id}`);
    anchor.set(u.id, id);
  }
  const edges = folder.edges.filter((e, i, all) => all.findIndex((x) => x.from === e.from && x.to === e.to && x.kind === e.kind) === i);
  edges.forEach((e, i) => {
    const a = anchor.get(e.from);
    const b = anchor.get(e.to);
    if (a && b && a !== b) g.setEdge(a, b, { weight: e.kind === 'trigger' ? 3 : 1 }, `e${i}`);
  });
  dagre.layout(g);
  const graph = g.graph() as { width?: number; height?: number };
  const parts: string[] = [];
  // The pipelines' boxes first, behind the units they hold.
  if (grouped && colours)
    for (const [id, i] of colours.index) {
      const n = g.node(`p:${id}`) as Box | undefined;
      if (!n || !n.width) continue;
      parts.push(`<g class="pipeline pipe-${i % 6}"><title>${esc(`units deployed by ${id}`)}</title><rect x="${n.x - n.width / 2}" y="${n.y - n.height / 2}" width="${n.width}" height="${n.height}" rx="10"/><text x="${n.x - n.width / 2 + 8}" y="${n.y - n.height / 2 + 14}" class="pipeline-label">${esc(id)}</text></g>`);
    }
  for (const u of folder.units) {
    const n = g.node(`u:${u.id}`) as Box | undefined;
    if (!n) continue;
    const x = n.x - n.width / 2;
    const y = n.y - n.height / 2;
    const loc = esc(JSON.stringify(u.location));
    const pipe = unitPipelineMark(colours, u.id);
    parts.push(
      `<g class="unit${u.inCycle ? ' cycle' : ''}${pipe.cls}" data-loc="${loc}" tabindex="0"><title>${esc(`${u.id} · ${unitKindLabel(u.kind)} · stack ${u.stackName}${pipe.title}`)}</title>` +
        `<rect x="${x}" y="${y}" width="${n.width}" height="${n.height}" rx="6"/>` +
        `<text x="${x + 8}" y="${y + 16}" class="unit-label">${esc(u.id)}</text><text x="${x + 8}" y="${y + 28}" class="unit-kind">${esc(`${unitKindLabel(u.kind)} · ${u.stackName}${u.inCycle ? ' · cycle' : ''}`)}</text></g>`,
    );
    const x2 = g.node(`x:${u.id}`) as Box | undefined;
    if (x2) parts.push(`<text x="${x2.x - x2.width / 2}" y="${x2.y + 4}" class="empty">no domain</text>`);
  }
  edges.forEach((e, i) => {
    const a = anchor.get(e.from);
    const b = anchor.get(e.to);
    if (!a || !b || a === b) return;
    const ed = g.edge({ v: a, w: b, name: `e${i}` }) as { points: Array<{ x: number; y: number }> } | undefined;
    if (!ed) return;
    const d = ed.points.map((p, j) => `${j ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
    parts.push(`<path class="edge ${EDGE_CLASS[e.kind]}${e.inCycle ? ' e-cycle' : ''}" d="${d}" marker-end="url(#arrow)" data-loc="${esc(JSON.stringify(e.location))}"><title>${esc(`${e.kind}${e.inCycle ? ' (cycle)' : ''}: ${e.from} → ${e.to}\n${e.label}`)}</title></path>`);
  });
  folder.domains.forEach((d, i) => {
    const n = g.node(`d:${i}`) as Box | undefined;
    if (!n) return;
    // Inside its unit's box, a name qualified by that unit says it twice.
    const label = d.name.endsWith(` (${d.units[0]})`) ? d.name.slice(0, -(d.units[0].length + 3)) : d.name;
    const first = d.functions[0]?.location ?? d.triggers[0]?.location;
    const cls = ['domain', d.split ? 'split' : '', d.placeholder ? 'placeholder' : ''].filter(Boolean).join(' ');
    parts.push(
      `<g class="${cls}" data-loc="${first ? esc(JSON.stringify(first)) : ''}" tabindex="0"><title>${esc(`${d.name}\n${d.triggers.length} trigger(s), ${d.functions.length} function(s)${d.split ? '\nsplit across units' : ''}${d.placeholder ? '\nplaceholder' : ''}`)}</title>` +
        `<rect x="${n.x - n.width / 2}" y="${n.y - n.height / 2}" width="${n.width}" height="${n.height}" rx="17"/>` +
        `<text x="${n.x}" y="${n.y + 4}" text-anchor="middle">${esc(label)}${d.findings ? ` ⚠${d.findings}` : ''}</text></g>`,
    );
  });
  const w = Math.ceil(graph.width ?? 400) + 40;
  const h = Math.ceil(graph.height ?? 300) + 40;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="-10 -20 ${w} ${h}"><defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrow"/></marker></defs>${parts.join('')}</svg>`;
}

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
          const grouped = colours ? `<div class="layout-grouped">${renderSvg(f, colours, true)}</div>` : '';
          return `<h2>${esc(f.name)}</h2>${pipelineLegend(colours, esc)}<div class="layout-plain">${renderSvg(f, colours)}</div>${grouped}`;
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
