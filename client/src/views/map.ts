// The domain map in a webview: the interactive page of server/src/map/page.ts (drawn by
// server/src/map/draw.ts, shared with `graph --format html`) under the webview's nonce CSP.
// The page asks the extension to reveal a node's definition or to expand a folded group, and
// reports its layout (view box, sizes, zoom, selection) after every change: the last report is
// kept here and exposed through the extension's API (`Api.map`) so the extension tests can
// assert on what the user sees and drive the page with the same messages its controls use.
// docs/map.md lists the messages.

import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { unitKindLabel } from './icons';
import { mapDocument } from '../../../server/src/map/document';

/** A folder of more units than this is drawn folded by folder (or pipeline) until a group is expanded. */
const FOLD_ABOVE = 80;

/** The page's `layout` report (see server/src/map/page-script.ts). */
export interface MapLayout {
  command: 'layout';
  folder: number;
  variant: string | null;
  viewBox: { x: number; y: number; w: number; h: number } | null;
  svg: { x: number; y: number; w: number; h: number } | null;
  client: { w: number; h: number } | null;
  zoom: number | null;
  fitted: boolean;
  selected: string | null;
  selectedBox: { x: number; y: number; w: number; h: number } | null;
  /** The nodes the selection keeps undimmed (its neighbourhood), by `data-node` id. */
  kept: string[];
  query: string;
  matches: number;
  nodes: number;
}

type PageMessage = MapLayout | { command: 'reveal'; node?: string; location?: { uri: string; range: vscode.Range } } | { command: 'expand'; group?: string };

export class DomainMap {
  static current: DomainMap | undefined;
  private static readonly layoutChanged = new vscode.EventEmitter<MapLayout>();
  /** Fires on every layout report of the open map. */
  static readonly onDidLayout = DomainMap.layoutChanged.event;
  /** The last layout the page reported. */
  layout: MapLayout | undefined;
  /** Folded groups the user expanded. */
  private readonly expanded = new Set<string>();
  /** What the page shows now: a new analysis with the same graph does not lay it out again. */
  private shown = '';
  private disposed = false;

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly ctx: Ctx,
  ) {
    panel.onDidDispose(() => {
      this.disposed = true;
      if (DomainMap.current === this) DomainMap.current = undefined;
    });
    // Hidden, the page is unloaded (its state kept by setState): it shows nothing until it reports again.
    panel.onDidChangeViewState(() => {
      if (!panel.visible) this.layout = undefined;
    });
    panel.webview.onDidReceiveMessage((m: PageMessage) => {
      if (m.command === 'layout') {
        this.layout = m;
        DomainMap.layoutChanged.fire(m);
      } else if (m.command === 'reveal' && m.location) void vscode.commands.executeCommand('serverlessDomains.reveal', m.location);
      else if (m.command === 'expand' && typeof m.group === 'string') {
        this.expanded.add(m.group);
        void this.update(true);
      }
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

  async update(force = false): Promise<void> {
    const nonce = [...Array(24)].map(() => Math.floor(Math.random() * 36).toString(36)).join('');
    const [graph, pipelines] = await Promise.all([this.ctx.domainGraph(), this.ctx.pipelines()]);
    if (this.disposed) return;
    // Laying out a large estate takes a while: only when what is drawn changed (not the generation).
    const shown = JSON.stringify([graph.folders, pipelines?.folders, [...this.expanded]]);
    if (shown === this.shown && !force) return;
    this.shown = shown;
    this.layout = undefined;
    this.panel.webview.html = mapDocument(graph, pipelines, { host: 'vscode', nonce, cspSource: this.panel.webview.cspSource, unitKindLabel, foldAbove: FOLD_ABOVE, expanded: this.expanded });
  }

  /** Sends the page one of the requests its controls make (search, zoom, pan, fit, activate, folder, clear, report). */
  post(message: { command: string; [key: string]: unknown }): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }
}

/** What the extension's API exposes of the map (for tests and other extensions). */
export const mapApi = {
  get current(): DomainMap | undefined {
    return DomainMap.current;
  },
  onDidLayout: DomainMap.onDidLayout,
};
