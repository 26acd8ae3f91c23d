// The interactive map page: the drawn SVGs of each workspace folder (plain, and grouped by
// pipeline when pipelines are known), a toolbar (search, zoom, fit, folder, pipeline toggle),
// the legend, and the page script. One function serves the webview (host 'vscode': the page
// talks to the extension through acquireVsCodeApi, under the webview's nonce CSP) and the
// standalone page of `graph --format html` (host 'none': no messages, no network).
// docs/map.md describes the interaction and the messages.

import { mapMath } from './view';
import { PAGE_SCRIPT } from './page-script';

export interface MapPageFolder {
  name: string;
  /** The drawing, and the one grouped by pipeline when there are pipelines. */
  plain: string;
  grouped?: string;
  /** HTML shown above the drawing for this folder only (the pipelines' colours). */
  legend?: string;
  /** Shown instead of a drawing (e.g. "No deployment units."). */
  note?: string;
}

export interface MapPageInput {
  host: 'vscode' | 'none';
  title: string;
  folders: MapPageFolder[];
  /** HTML of the edge and node legend. */
  legend: string;
  /** The drawing's CSS (node and edge styles). */
  drawingCss: string;
  /** A fresh random nonce for the script and style elements. */
  nonce: string;
  /** The webview's `cspSource` (host 'vscode'); the standalone page allows no source at all. */
  cspSource?: string;
  /** Shown when there is no folder to draw. */
  empty?: string;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A short, stable key of a drawing: a saved view box only applies to the same drawing. */
function drawingKey(folder: number, variant: string, svg: string): string {
  let h = 0;
  for (let i = 0; i < svg.length; i += 7) h = (h * 31 + svg.charCodeAt(i)) | 0;
  return `${folder}:${variant}:${svg.length}:${(h >>> 0).toString(36)}`;
}

export const PAGE_CSS = `
html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; color: var(--vscode-editor-foreground, CanvasText); background: var(--vscode-editor-background, Canvas); font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: 12px; color-scheme: light dark; }
#sd-bar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; padding: 6px 8px; border-bottom: 1px solid var(--vscode-panel-border, #8884); }
#sd-bar input[type=search] { min-width: 16em; flex: 0 1 24em; color: var(--vscode-input-foreground, inherit); background: var(--vscode-input-background, Field); border: 1px solid var(--vscode-input-border, #8888); padding: 3px 6px; }
#sd-bar button, #sd-bar select { color: var(--vscode-button-secondaryForeground, inherit); background: var(--vscode-button-secondaryBackground, ButtonFace); border: 1px solid var(--vscode-button-border, #8886); padding: 2px 8px; min-width: 2.2em; cursor: pointer; }
#sd-bar :focus-visible, #sd-stage:focus-visible { outline: 2px solid var(--vscode-focusBorder, #0078d4); outline-offset: 1px; }
#sd-count { color: var(--vscode-descriptionForeground, GrayText); min-width: 5em; }
#sd-tip { color: var(--vscode-descriptionForeground, GrayText); }
.sd-legends { padding: 2px 8px; }
.legend span { margin-right: 16px; white-space: nowrap; }
#sd-stage { flex: 1; min-height: 0; position: relative; overflow: hidden; cursor: grab; touch-action: none; user-select: none; }
#sd-stage.sd-dragging { cursor: grabbing; }
.sd-drawing { position: absolute; inset: 0; }
.sd-drawing[hidden], .sd-folder-legend[hidden] { display: none; }
.sd-drawing > svg { width: 100%; height: 100%; display: block; }
.sd-note { padding: 8px; }
[data-node]:focus { outline: none; }
.sd-map [data-node]:focus-visible > rect, .sd-map [data-node].sd-selected > rect { stroke: var(--vscode-focusBorder, #0078d4); stroke-width: 3; }
.sd-focus [data-node]:not(.sd-keep):not(.sd-anc), .sd-focus path.edge[data-from]:not(.sd-keep), .sd-focus text.empty { opacity: 0.18; }
.sd-focus path.edge.sd-keep { stroke-width: 3.5; }
`;

/** The whole page: toolbar, legends, one drawing per folder and variant, the script. */
export function mapPage(input: MapPageInput): string {
  const { nonce } = input;
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src ${input.cspSource ?? "'none'"};`;
  const drawings: string[] = [];
  const legends: string[] = [];
  let grouped = false;
  input.folders.forEach((f, i) => {
    if (f.legend) legends.push(`<div class="sd-folder-legend" data-folder="${i}">${f.legend}</div>`);
    if (f.note !== undefined) {
      drawings.push(`<div class="sd-drawing" data-folder="${i}" data-variant="plain" data-key="${i}:note"><p class="sd-note">${esc(f.note)}</p><svg viewBox="0 0 1 1"></svg></div>`);
      return;
    }
    drawings.push(`<div class="sd-drawing" data-folder="${i}" data-variant="plain" data-key="${drawingKey(i, 'plain', f.plain)}">${f.plain}</div>`);
    if (f.grouped) {
      grouped = true;
      drawings.push(`<div class="sd-drawing" data-folder="${i}" data-variant="grouped" data-key="${drawingKey(i, 'grouped', f.grouped)}" hidden>${f.grouped}</div>`);
    }
  });
  const folderSelect =
    input.folders.length > 1 ? `<select id="sd-folder" aria-label="Workspace folder">${input.folders.map((f, i) => `<option value="${i}">${esc(f.name)}</option>`).join('')}</select>` : '';
  const toggle = grouped ? '<label><input type="checkbox" id="sd-by-pipeline"> Group and colour units by the pipeline that deploys them</label>' : '';
  const stage = drawings.length ? drawings.join('') : `<p class="sd-note">${esc(input.empty ?? 'No deployment units in this workspace.')}</p>`;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(input.title)}</title>
<style nonce="${nonce}">${input.drawingCss}
${PAGE_CSS}</style></head><body>
<div id="sd-bar" role="toolbar" aria-label="Map controls">
<input id="sd-search" type="search" placeholder="Find a unit, domain, trigger or function" aria-label="Find a unit, domain, trigger or function (Enter: next match)" title="Find (/); Enter: next match, Shift+Enter: previous; Escape: clear">
<span id="sd-count" aria-live="polite"></span>
<button id="sd-zoom-out" type="button" title="Zoom out (-)" aria-label="Zoom out">&#8722;</button>
<button id="sd-zoom-in" type="button" title="Zoom in (+)" aria-label="Zoom in">+</button>
<button id="sd-fit" type="button" title="Fit to the view (0)">Fit</button>
${folderSelect}${toggle}<span id="sd-tip" role="status"></span>
</div>
<div class="sd-legends">${input.legend}${legends.join('')}</div>
<div id="sd-stage" tabindex="0" aria-label="Domain map: drag or arrow keys to pan, wheel or + and - to zoom, 0 to fit, Tab to the nodes, Enter to open one">${stage}</div>
<script nonce="${nonce}">
var HOST = ${JSON.stringify(input.host)};
var M = (${mapMath.toString()})();
${PAGE_SCRIPT}
</script></body></html>`;
}
