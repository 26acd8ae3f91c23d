// The domain map's drawing: one folder's units (boxes holding a part for each domain they
// deploy), folded groups, pipelines and the edges between the exact nodes they concern, laid out
// to use the space (layout.ts) and written as SVG under the contract the page script relies on
// (docs/map.md): `data-node`, `data-kind`, `data-search`, `data-loc`, `data-from`/`data-to`, and
// one `sd-viewport` group. Pure: no `vscode`, no DOM; the extension and the command line share it.

import type { PipelinesResult } from '../protocol/ext';
import { domainsByUnit, type Folder, type PartBox, shortNames, unitBox, type UnitBox } from './boxes';
import { codeDeployEdges, curve, type MapEdge, mapEdges, type Rect, spread } from './edges';
import { fold, type Group, groupKeys } from './fold';
import { GAP, type LayoutBox, layoutBoxes } from './layout';
import { legend } from './legend';
import { type PipelineColours, pipelineColours, unitPipelineMark } from './pipelines';
import { EDGE_STYLES, mapCss } from './style';
import { esc, textWidth } from './svg-text';

export { esc } from './svg-text';

export interface DrawOptions {
  /** The pipelines: they colour the units and draw code-only deploys. */
  pipelines?: PipelinesResult;
  /** Instead of `pipelines`, the colours only (no code-only deploys). */
  colours?: PipelineColours;
  /** `pipeline`: each unit in a box of the first pipeline that deploys it; folding goes by pipeline. */
  groupBy?: 'folder' | 'pipeline';
  /** Width / height the packing aims at; about 16:10 by default. */
  aspect?: number;
  /** Fold by group when the folder has more units than this; never by default. */
  foldAbove?: number;
  /** Group keys to draw unfolded. */
  expanded?: Iterable<string>;
  unitKindLabel?: (kind: string) => string;
  /** Embed the CSS (`mapCss()`) and a background: for a standalone SVG. A page under a content security policy includes `mapCss()` itself. */
  standalone?: boolean;
  /** Draw the legend above the map (default true). */
  legend?: boolean;
  /** The nonce of the embedded `<style>`, for a page that embeds the SVG with its style. */
  nonce?: string;
}

export interface DrawnMap {
  svg: string;
  width: number;
  height: number;
}

const MARGIN = 16;
const LABEL_H = 20;
const loc = (l: unknown) => (l ? esc(JSON.stringify(l)) : '');
const words = (xs: Array<string | undefined>) => esc([...new Set(xs.filter(Boolean).map((s) => s!.toLowerCase()))].join(' '));

/** Draws one folder's map. */
export function drawMap(folder: Folder, options: DrawOptions = {}): DrawnMap {
  const aspect = options.aspect ?? 1.6;
  const kindLabel = options.unitKindLabel ?? ((k: string) => k);
  const colours = options.colours ?? pipelineColours(options.pipelines, folder.uri);
  const byPipeline = options.groupBy === 'pipeline' && !!colours;
  // Folding.
  const folding = options.foldAbove !== undefined && folder.units.length > options.foldAbove;
  const { groups, of } = folding ? fold(folder, groupKeys(folder, byPipeline ? 'pipeline' : 'folder', colours), new Set(options.expanded ?? [])) : { groups: [] as Group[], of: new Map<string, Group>() };
  const domains = domainsByUnit(folder);
  const shorts = shortNames(folder.units.map((u) => u.id));
  const units: UnitBox[] = folder.units.filter((u) => !of.has(u.id)).map((u) => unitBox(u, domains.get(u.id) ?? [], kindLabel, shorts.get(u.id)));
  const unitById = new Map(units.map((b) => [b.unit.id, b]));
  const groupBoxes = groups.map((g) => ({ g, ...groupSize(g) }));
  // Nodes an edge may end at, and the box each belongs to.
  const partOf = new Map<string, { part: PartBox; box: UnitBox }>();
  for (const b of units) for (const p of b.parts) partOf.set(p.id, { part: p, box: b });
  const nodeOf = (unit: string, domain?: string): string | undefined => {
    const g = of.get(unit);
    if (g) return g.id;
    const b = unitById.get(unit);
    if (!b) return undefined;
    const p = domain ? b.parts.find((x) => x.domain.name === domain) : undefined;
    return p?.id ?? b.id;
  };
  // Pipelines drawn as boxes (grouped) or as chips (code-only deploys).
  const pipelineIds = new Set<string>();
  const pipelineNode = (id: string) => {
    pipelineIds.add(id);
    return `p:${id}`;
  };
  const edges: MapEdge[] = [...mapEdges(folder, nodeOf), ...codeDeployEdges(folder, options.pipelines, nodeOf, pipelineNode)];
  const boxOf = (node: string) => partOf.get(node)?.box.id ?? node;
  const chips = byPipeline ? [] : [...pipelineIds].map((id) => ({ id: `p:${id}`, pid: id, w: textWidth(chipLabel(id), 7.2) + 20, h: 24 }));
  // Layout.
  const boxes: LayoutBox[] = [...units, ...groupBoxes.map((g) => ({ id: g.g.id, w: g.w, h: g.h })), ...chips];
  const boxById = new Map(boxes.map((b) => [b.id, b]));
  const links = edges.map((e) => [boxOf(e.from), boxOf(e.to)] as [string, string]);
  const placed = byPipeline && !folding ? layoutByPipeline(boxes, links, units, colours!, aspect) : { ...layoutBoxes(boxes, links, aspect), frames: [] as Frame[] };
  // Canvas: the legend above the picture, both inside margins, padded to stay between 1:2.5 and 2.5:1.
  const lg = options.legend === false ? { svg: '', w: 0, h: -14 } : legend(MARGIN, MARGIN, Math.max(placed.w, 600));
  const top = MARGIN + lg.h + 14;
  let width = Math.ceil(Math.max(placed.w, lg.w) + MARGIN * 2);
  let height = Math.ceil(top + placed.h + MARGIN);
  if (width / height > 2.5) height = Math.ceil(width / 2.5);
  if (height / width > 2.5) width = Math.ceil(height / 2.5);
  const at = (id: string) => {
    const p = placed.at.get(id)!;
    return { x: MARGIN + p.x, y: top + p.y };
  };
  const rectOf = (node: string): Rect | undefined => {
    const part = partOf.get(node);
    if (part) {
      const b = at(part.box.id);
      return { x: b.x + part.part.x, y: b.y + part.part.y, w: part.part.w, h: part.part.h };
    }
    if (node.startsWith('p:') && byPipeline) {
      const f = placed.frames.find((x) => x.id === node);
      return f && { x: MARGIN + f.x, y: top + f.y, w: f.w, h: f.h };
    }
    const box = boxById.get(node);
    return box && placed.at.has(node) ? { ...at(node), w: box.w, h: box.h } : undefined;
  };
  const out: string[] = [];
  if (options.standalone) out.push(`<rect class="sd-bg" x="0" y="0" width="${width}" height="${height}"/>`);
  out.push(lg.svg);
  for (const f of placed.frames) out.push(pipelineFrame(f, MARGIN, top, folder, options.pipelines, colours!));
  for (const b of units) out.push(drawUnit(b, at(b.id), colours, kindLabel));
  for (const g of groupBoxes) out.push(drawGroup(g.g, at(g.g.id), g.w, g.h, folder));
  for (const c of chips) out.push(drawChip(c.pid, at(c.id), c.w, c.h, folder, options.pipelines));
  const rects = new Map<string, Rect | undefined>();
  const r = (n: string) => (rects.has(n) ? rects.get(n) : (rects.set(n, rectOf(n)), rects.get(n)));
  const ends = spread(edges, r);
  for (const e of edges) {
    const a = r(e.from);
    const b = r(e.to);
    if (!a || !b) continue;
    const [fa, fb] = ends.get(e) ?? [0.5, 0.5];
    const more = e.labels.length > 1 ? `\n… ${e.labels.length} in all` : '';
    out.push(`<path class="edge e-${e.kind}" data-kind="${e.kind}" data-from="${esc(e.from)}" data-to="${esc(e.to)}" d="${curve(a, b, fa, fb)}" marker-end="url(#sd-arrow-${e.kind})" data-loc="${loc(e.location)}"><title>${esc(e.labels.slice(0, 8).join('\n') + more + (e.kind === 'cycle' ? `\n(${e.base} in a deploy cycle)` : ''))}</title></path>`);
  }
  const style = options.standalone || options.nonce ? `<style${options.nonce ? ` nonce="${esc(options.nonce)}"` : ''}>${mapCss()}</style>` : '';
  const markers = EDGE_STYLES.map((s) => `<marker id="sd-arrow-${s.kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="m-${s.kind}"/></marker>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" class="sd-map" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${style}<defs>${markers}</defs><g class="sd-viewport">${out.join('')}</g></svg>`;
  return { svg, width, height };
}

function groupSize(g: Group): { w: number; h: number } {
  const line2 = `${g.units.length} units · ${g.domains} domains`;
  // A group's area grows with its units, within limits, so that the big ones look big.
  const scale = Math.min(2.2, 1 + Math.log10(g.units.length) / 2);
  return { w: Math.ceil(Math.max(textWidth(g.key, 8), textWidth(line2, 6.9)) + 24) * Math.min(scale, 1.4), h: Math.ceil(48 * scale) };
}

function drawUnit(b: UnitBox, p: { x: number; y: number }, colours: PipelineColours | undefined, kindLabel: (k: string) => string): string {
  const u = b.unit;
  const pipe = unitPipelineMark(colours, u.id);
  const kind = `${kindLabel(u.kind)} · ${u.stackName}${u.inCycle ? ' · cycle' : ''}${b.parts.length ? '' : ' · no domain'}`;
  const search = words([u.id, u.stackName, u.kind, ...b.parts.map((x) => x.domain.name)]);
  const head =
    `<g class="unit${u.inCycle ? ' cycle' : ''}${pipe.cls}" data-node="${esc(b.id)}" data-kind="unit" data-unit="${esc(u.id)}" data-search="${search}" data-loc="${loc(u.location)}" tabindex="0">` +
    `<title>${esc(`${u.id} · ${kindLabel(u.kind)} · stack ${u.stackName}${u.findings ? ` · ${u.findings} finding(s)` : ''}${pipe.title}`)}</title>` +
    `<rect x="${p.x}" y="${p.y}" width="${b.w}" height="${b.h}" rx="6"/>` +
    `<text x="${p.x + 10}" y="${p.y + 16}" class="unit-label">${esc(b.short)}</text><text x="${p.x + 10}" y="${p.y + 30}" class="unit-kind">${esc(kind)}</text></g>`;
  return head + b.parts.map((part) => drawPart(part, p)).join('');
}

function drawPart(part: PartBox, p: { x: number; y: number }): string {
  const d = part.domain;
  const fnsHere = d.functions.filter((f) => f.unit === part.unit);
  const first = fnsHere[0]?.location ?? d.triggers.find((t) => t.unit === part.unit)?.location ?? d.functions[0]?.location ?? d.triggers[0]?.location;
  const cls = ['domain', d.split ? 'split' : '', d.placeholder ? 'placeholder' : ''].filter(Boolean).join(' ');
  const search = words([d.name, part.unit, ...d.triggers.flatMap((t) => [t.id, t.type]), ...d.functions.map((f) => f.id)]);
  const trig = d.triggers.map((t) => `${t.id} (${t.type}${t.unit && t.unit !== part.unit ? `, in ${t.unit}` : t.external ? ', outside the workspace' : ''})`);
  const title = `${d.name}\ntriggers: ${trig.join(', ') || 'none'}\n${fnsHere.length} of ${d.functions.length} function(s) in this unit${d.split ? '\nsplit across units: ' + d.units.join(', ') : ''}${d.placeholder ? '\nplaceholder' : ''}${d.findings ? `\n${d.findings} finding(s)` : ''}`;
  const x = p.x + part.x;
  const y = p.y + part.y;
  return (
    `<g class="${cls}" data-node="${esc(part.id)}" data-kind="domain" data-domain="${esc(d.name)}" data-search="${search}" data-loc="${loc(first)}" tabindex="0"><title>${esc(title)}</title>` +
    `<rect x="${x}" y="${y}" width="${part.w}" height="${part.h}" rx="12"/><text x="${x + 10}" y="${y + 16}">${esc(part.label)}</text></g>`
  );
}

function drawGroup(g: Group, p: { x: number; y: number }, w: number, h: number, folder: Folder): string {
  const ids = new Set(g.units.map((u) => u.id));
  const names = folder.domains.filter((d) => d.units.some((u) => ids.has(u))).map((d) => d.name);
  const search = words([g.key, ...g.units.map((u) => u.id), ...names]);
  return (
    `<g class="group" data-node="${esc(g.id)}" data-kind="group" data-group="${esc(g.key)}" data-search="${search}" data-loc="" tabindex="0"><title>${esc(`${g.key}: ${g.units.length} units, ${g.domains} domains (folded; expand to see them)`)}</title>` +
    `<rect x="${p.x}" y="${p.y}" width="${w}" height="${h}" rx="8"/><text x="${p.x + 12}" y="${p.y + 20}" class="group-label">${esc(g.key)}</text><text x="${p.x + 12}" y="${p.y + 36}" class="muted">${esc(`${g.units.length} units · ${g.domains} domains`)}</text></g>`
  );
}

function drawChip(id: string, p: { x: number; y: number }, w: number, h: number, folder: Folder, pipelines?: PipelinesResult): string {
  const item = pipelines?.folders.find((f) => f.uri === folder.uri)?.pipelines.find((x) => x.id === id);
  return `<g class="pipeline-chip" data-node="${esc(`p:${id}`)}" data-kind="pipeline" data-search="${words([id, item?.name])}" data-loc="${loc(item?.location)}" tabindex="0"><title>${esc(`pipeline ${id}`)}</title><rect x="${p.x}" y="${p.y}" width="${w}" height="${h}" rx="12"/><text x="${p.x + 10}" y="${p.y + 16}">${esc(chipLabel(id))}</text></g>`;
}

/** A pipeline's file name (and `#name`), without its folders. */
function chipLabel(id: string): string {
  return id.slice(id.lastIndexOf('/', id.indexOf('#') === -1 ? id.length : id.indexOf('#')) + 1);
}

interface Frame {
  id: string;
  pid: string;
  index: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

function pipelineFrame(f: Frame, dx: number, dy: number, folder: Folder, pipelines: PipelinesResult | undefined, colours: PipelineColours): string {
  const item = pipelines?.folders.find((x) => x.uri === folder.uri)?.pipelines.find((x) => x.id === f.pid);
  const n = colours.index.get(f.pid) ?? f.index;
  return `<g class="pipeline pipe-${n % 6}" data-node="${esc(f.id)}" data-kind="pipeline" data-search="${words([f.pid, item?.name])}" data-loc="${loc(item?.location)}"><title>${esc(`units deployed by ${f.pid}`)}</title><rect x="${dx + f.x}" y="${dy + f.y}" width="${f.w}" height="${f.h}" rx="10"/><text x="${dx + f.x + 8}" y="${dy + f.y + 14}" class="pipeline-label">${esc(f.pid)}</text></g>`;
}

/** Grouped by pipeline: each pipeline's units laid out inside its frame, the frames and the other units packed. */
function layoutByPipeline(boxes: LayoutBox[], links: Array<[string, string]>, units: UnitBox[], colours: PipelineColours, aspect: number) {
  const first = new Map<string, string>();
  for (const b of units) {
    const p = colours.unitPipelines.get(b.unit.id)?.[0];
    if (p) first.set(b.id, `p:${p}`);
  }
  const frameOf = (id: string) => first.get(id) ?? id;
  const inner = new Map<string, { at: Map<string, { x: number; y: number }>; w: number; h: number }>();
  for (const [pid] of colours.index) {
    const id = `p:${pid}`;
    const members = boxes.filter((b) => first.get(b.id) === id);
    if (!members.length) continue;
    const ids = new Set(members.map((m) => m.id));
    inner.set(id, layoutBoxes(members, links.filter(([a, b]) => ids.has(a) && ids.has(b)), aspect));
  }
  const top: LayoutBox[] = [...[...inner].map(([id, l]) => ({ id, w: l.w + GAP, h: l.h + GAP / 2 + LABEL_H })), ...boxes.filter((b) => !first.has(b.id))];
  const outer = layoutBoxes(top, links.map(([a, b]) => [frameOf(a), frameOf(b)] as [string, string]), aspect);
  const at = new Map<string, { x: number; y: number }>();
  const frames: Frame[] = [];
  for (const b of top) {
    const p = outer.at.get(b.id)!;
    const l = inner.get(b.id);
    if (!l) {
      at.set(b.id, p);
      continue;
    }
    frames.push({ id: b.id, pid: b.id.slice(2), index: frames.length, x: p.x, y: p.y, w: b.w, h: b.h });
    for (const [id, q] of l.at) at.set(id, { x: p.x + GAP / 2 + q.x, y: p.y + LABEL_H + q.y });
  }
  return { at, w: outer.w, h: outer.h, frames };
}
