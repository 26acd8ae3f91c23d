// The domain map's drawing: one folder's units (boxes holding their domains) and cross-unit
// edges laid out by dagre and written as SVG; grouped, each unit also sits in a box of the first
// pipeline that deploys it. Pure: no `vscode`, so it is tested on its own.

import * as dagre from '@dagrejs/dagre';
import type { DomainGraphResult, GraphEdge } from '../protocol/ext';
import { PipelineColours, unitPipelineMark } from './pipelines';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const EDGE_CLASS: Record<GraphEdge['kind'], string> = { trigger: 'e-trigger', contract: 'e-contract', hardcoded: 'e-hardcoded', nested: 'e-nested' };

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The lower-case words a search matches (the contract's `data-search`). */
function searchWords(words: string[]): string {
  return [...new Set(words.filter(Boolean).map((w) => w.toLowerCase().replace(/\s+/g, '-')))].join(' ');
}

function unitLabelWidth(id: string): number {
  return id.length * 7.2 + 24;
}

/** Lays out one folder's graph and returns SVG markup; `grouped`: each unit inside a box of the first pipeline that deploys it. */
export function renderSvg(folder: DomainGraphResult['folders'][number], colours?: PipelineColours, grouped = false, unitKindLabel: (kind: string) => string = (k) => k): string {
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
      `<g class="unit${u.inCycle ? ' cycle' : ''}${pipe.cls}" data-node="${esc(`u:${u.id}`)}" data-kind="unit" data-unit="${esc(u.id)}" data-search="${esc(searchWords([u.id, u.stackName, u.kind]))}" data-loc="${loc}" tabindex="0"><title>${esc(`${u.id} · ${unitKindLabel(u.kind)} · stack ${u.stackName}${pipe.title}`)}</title>` +
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
    parts.push(`<path class="edge ${EDGE_CLASS[e.kind]}${e.inCycle ? ' e-cycle' : ''}" data-from="${esc(`u:${e.from}`)}" data-to="${esc(`u:${e.to}`)}" d="${d}" marker-end="url(#arrow)" data-loc="${esc(JSON.stringify(e.location))}"><title>${esc(`${e.kind}${e.inCycle ? ' (cycle)' : ''}: ${e.from} → ${e.to}\n${e.label}`)}</title></path>`);
  });
  folder.domains.forEach((d, i) => {
    const n = g.node(`d:${i}`) as Box | undefined;
    if (!n) return;
    // Inside its unit's box, a name qualified by that unit says it twice.
    const label = d.name.endsWith(` (${d.units[0]})`) ? d.name.slice(0, -(d.units[0].length + 3)) : d.name;
    const first = d.functions[0]?.location ?? d.triggers[0]?.location;
    const cls = ['domain', d.split ? 'split' : '', d.placeholder ? 'placeholder' : ''].filter(Boolean).join(' ');
    parts.push(
      `<g class="${cls}" data-node="d:${i}" data-kind="domain" data-domain="${esc(d.name)}" data-unit="${esc(d.units[0] ?? '')}" data-search="${esc(searchWords([d.name, ...d.units, ...d.triggers.flatMap((t) => [t.id, t.type]), ...d.functions.map((f) => f.id)]))}" data-loc="${first ? esc(JSON.stringify(first)) : ''}" tabindex="0"><title>${esc(`${d.name}\n${d.triggers.length} trigger(s), ${d.functions.length} function(s)${d.split ? '\nsplit across units' : ''}${d.placeholder ? '\nplaceholder' : ''}`)}</title>` +
        `<rect x="${n.x - n.width / 2}" y="${n.y - n.height / 2}" width="${n.width}" height="${n.height}" rx="17"/>` +
        `<text x="${n.x}" y="${n.y + 4}" text-anchor="middle">${esc(label)}${d.findings ? ` ⚠${d.findings}` : ''}</text></g>`,
    );
  });
  const w = Math.ceil(graph.width ?? 400) + 40;
  const h = Math.ceil(graph.height ?? 300) + 40;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="sd-map" width="${w}" height="${h}" viewBox="-10 -20 ${w} ${h}"><defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrow"/></marker></defs><g class="sd-viewport">${parts.join('')}</g></svg>`;
}
