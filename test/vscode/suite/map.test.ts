// The domain map in a real VS Code, on a generated estate of 200 units and on copies of real
// estates (the workspace of test/vscode/estates.ts): it fits the panel when opened, search
// centres a node, zoom and pan change the view, activating a node reveals its definition.
// Every assertion reads the page's own layout report (Api.map); every wait has a deadline.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { untilAsync } from './wait';

const EXT_ID = 'serverless-domains.serverless-domains';

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
interface Layout {
  folder: number;
  viewBox: Box | null;
  svg: Box | null;
  client: { w: number; h: number } | null;
  zoom: number | null;
  fitted: boolean;
  selected: string | null;
  selectedBox: Box | null;
  kept: string[];
  query: string;
  matches: number;
  nodes: number;
}
type Loc = { uri: string; range: unknown };
interface Folder {
  uri: string;
  name: string;
  units: Array<{ id: string; location: Loc }>;
  domains: Array<{ name: string; units: string[]; split: boolean; functions: Array<{ unit: string | null; id: string; location?: Loc }>; triggers: Array<{ unit: string | null; id: string; location?: Loc }> }>;
}
interface MapHandle {
  panel: vscode.WebviewPanel;
  layout: Layout | undefined;
  post(m: Record<string, unknown>): Thenable<boolean>;
}
interface Api {
  ctx: { lastChange?: unknown; domainGraph(): Promise<{ folders: Folder[] }> };
  map: { current: MapHandle | undefined; onDidLayout: vscode.Event<Layout> };
}

let api: Api;

/** Resolves with the map's layout once `check` holds for it, on each report, up to a deadline. */
function layoutWhere(what: string, check: (l: Layout) => boolean, ms = 30_000): Promise<Layout> {
  return new Promise((resolve, reject) => {
    const now = api.map.current?.layout;
    if (now && check(now)) return resolve(now);
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for the map: ${what}; last layout ${JSON.stringify(api.map.current?.layout)}`));
    }, ms);
    const sub = api.map.onDidLayout((l) => {
      if (!check(l)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(l);
    });
  });
}

/** Waits for a condition, asked again every 250 ms, up to a deadline. */

/** The graph's folder of that workspace folder name, and its index in the map's folder list. */
async function folderNamed(name: string): Promise<{ folder: Folder; index: number } | undefined> {
  const g = await api.ctx.domainGraph();
  const index = g.folders.findIndex((f) => f.name === name);
  return index === -1 ? undefined : { folder: g.folders[index], index };
}

/** Opens the map on one folder and waits for the page to show it fitted. */
async function openMap(index: number): Promise<Layout> {
  await vscode.commands.executeCommand('serverlessDomains.showDomainMap');
  await layoutWhere('the page to load', (l) => !!l);
  await api.map.current!.post({ command: 'folder', folder: index });
  await api.map.current!.post({ command: 'clear' });
  await api.map.current!.post({ command: 'fit' });
  return layoutWhere(`folder ${index} fitted`, (l) => l.folder === index && l.fitted && !!l.viewBox && !l.selected && l.nodes > 0);
}

const tol = (l: Layout) => l.viewBox!.w / 200;

function assertFits(l: Layout): void {
  const vb = l.viewBox!;
  const svg = l.svg!;
  const c = l.client!;
  assert.ok(c.w > 200 && c.h > 200, `a real panel: ${JSON.stringify(c)}`);
  // The whole drawing is in view...
  assert.ok(vb.x <= svg.x + tol(l) && vb.y <= svg.y + tol(l) && vb.x + vb.w >= svg.x + svg.w - tol(l) && vb.y + vb.h >= svg.y + svg.h - tol(l), `drawing ${JSON.stringify(svg)} inside view ${JSON.stringify(vb)}`);
  // ...and uses the panel: it fills its width or its height (less the padding), unless it is small enough to be shown at the largest fit scale.
  const filled = Math.max((svg.w * l.zoom!) / c.w, (svg.h * l.zoom!) / c.h);
  assert.ok(filled > 0.9 || l.zoom! >= 1.24, `fills ${(filled * 100).toFixed(0)}% of the panel at zoom ${l.zoom}`);
  assert.ok(Math.abs(vb.w / vb.h - c.w / c.h) < 0.01, 'the view has the panel\'s aspect');
}

/** A node's definition: what activating it should open. */
function locationOf(folder: Folder, node: string): Loc | undefined {
  if (node.startsWith('u:')) return folder.units.find((u) => `u:${u.id}` === node)?.location;
  // `d:<domain>@<unit>`: the domain's part in that unit opens its first function there (else its trigger there).
  const at = node.indexOf('@');
  const [name, unit] = [node.slice(2, at), node.slice(at + 1)];
  const d = folder.domains.find((x) => x.name === name);
  return d && (d.functions.find((f) => f.unit === unit)?.location ?? d.triggers.find((t) => t.unit === unit)?.location ?? d.functions[0]?.location ?? d.triggers[0]?.location);
}

/** The folded groups of a large folder (as server/src/map/fold.ts groups them): the folder one level under the ones all units share, with two units or more. */
function groupsOf(folder: Folder): string[] {
  const dirs = folder.units.map((u) => u.id.split('/').slice(0, -1));
  let depth = 0;
  while (dirs.every((d) => d.length > depth && d[depth] === dirs[0][depth])) depth++;
  const count = new Map<string, number>();
  for (const d of dirs) {
    const key = d.length > depth ? d.slice(0, depth + 1).join('/') + '/' : '(root)';
    count.set(key, (count.get(key) ?? 0) + 1);
  }
  return [...count].filter(([, n]) => n > 1).map(([k]) => k);
}

async function searchCentres(query: string): Promise<Layout> {
  await api.map.current!.post({ command: 'search', query });
  const l = await layoutWhere(`a match for "${query}"`, (x) => x.query === query && !!x.selected && !!x.selectedBox);
  const vb = l.viewBox!;
  const b = l.selectedBox!;
  assert.ok(l.matches >= 1);
  assert.ok(Math.abs(b.x + b.w / 2 - (vb.x + vb.w / 2)) < tol(l) && Math.abs(b.y + b.h / 2 - (vb.y + vb.h / 2)) < tol(l), `node ${JSON.stringify(b)} centred in ${JSON.stringify(vb)}`);
  return l;
}

async function activateReveals(folder: Folder, node: string): Promise<void> {
  const loc = locationOf(folder, node);
  assert.ok(loc, `a location for ${node}`);
  // Start from another file, so the reveal must change the active editor.
  const other = folder.units.map((u) => u.location.uri).find((u) => u !== loc.uri)!;
  // In the other column: the map's tab must stay visible to hear the request.
  const column = api.map.current!.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
  await vscode.window.showTextDocument(vscode.Uri.parse(other), { preview: false, viewColumn: column });
  await api.map.current!.post({ command: 'activate', node });
  await untilAsync(`the editor on ${loc.uri}`, () => vscode.window.activeTextEditor?.document.uri.toString() === loc.uri, 30_000);
}

/** Opens the map alone on one folder, fitted, and has the runner take a picture of the window. */
async function screenshot(index: number, name: string): Promise<void> {
  const shot = process.env.SD_SCREENSHOT;
  if (!shot) return;
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('workbench.action.closePanel');
  await vscode.commands.executeCommand('workbench.action.closeSidebar');
  const l = await openMap(index);
  assertFits(l);
  const file = path.join(path.dirname(shot), `map-${name}.png`);
  console.log(`SD_SCREENSHOT ${file}`);
  await untilAsync('the screenshot file', () => fs.existsSync(file), 30_000);
}

describe('The domain map', () => {
  before(async () => {
    const ext = vscode.extensions.getExtension<Api>(EXT_ID);
    assert.ok(ext, 'the extension is installed');
    api = await ext.activate();
    await untilAsync('the generated estate analysed', async () => (await folderNamed('generated-200'))?.folder.units.length === 200);
  });

  describe('on a generated estate of 200 units', () => {
    let folder: Folder;
    let index: number;
    before(async () => ({ folder, index } = (await folderNamed('generated-200'))!));

    it('fits the panel when opened', async () => {
      assertFits(await openMap(index));
    });

    it('is folded by folder; activating a group draws its units', async () => {
      let l = await openMap(index);
      const groups = groupsOf(folder);
      assert.ok(groups.length > 0 && l.nodes < folder.units.length, `folded into ${groups.join(', ')}: ${l.nodes} nodes`);
      for (const key of groups) {
        const before = l.nodes;
        await api.map.current!.post({ command: 'activate', node: `g:${key}` });
        l = await layoutWhere(`group ${key} expanded`, (x) => x.folder === index && x.fitted && x.nodes > before);
      }
      assert.ok(l.nodes >= folder.units.length, `all ${folder.units.length} units drawn: ${l.nodes} nodes`);
      assertFits(l);
    });

    it('search centres the node it finds; Enter moves to the next match', async () => {
      const fn = folder.domains.flatMap((d) => d.functions)[0].id.toLowerCase();
      const first = await searchCentres(fn);
      if (first.matches > 1) {
        await api.map.current!.post({ command: 'next' });
        const next = await layoutWhere('the next match', (l) => l.selected !== first.selected);
        assert.ok(next.selectedBox);
      }
    });

    it('zoom and pan change the view', async () => {
      const before = await openMap(index);
      await api.map.current!.post({ command: 'zoom', factor: 2 });
      const zoomed = await layoutWhere('zoomed in', (l) => l.zoom! > before.zoom! * 1.5);
      assert.ok(Math.abs(zoomed.zoom! / before.zoom! - 2) < 0.01, `zoom ${before.zoom} -> ${zoomed.zoom}`);
      await api.map.current!.post({ command: 'pan', dx: 120, dy: -60 });
      const panned = await layoutWhere('panned', (l) => l.viewBox!.x !== zoomed.viewBox!.x);
      assert.ok(Math.abs(panned.viewBox!.x - (zoomed.viewBox!.x - 120 / zoomed.zoom!)) < 1e-3);
      assert.ok(Math.abs(panned.viewBox!.y - (zoomed.viewBox!.y + 60 / zoomed.zoom!)) < 1e-3);
      assert.strictEqual(panned.zoom, zoomed.zoom);
      await api.map.current!.post({ command: 'fit' });
      assertFits(await layoutWhere('fitted again', (l) => l.fitted));
    });

    it('keeps the view and the selection while the panel is hidden', async () => {
      await openMap(index);
      const found = await searchCentres(folder.domains.flatMap((d) => d.functions)[1].id.toLowerCase());
      await api.map.current!.post({ command: 'zoom', factor: 1.5 });
      const shown = await layoutWhere('zoomed', (l) => l.zoom! > found.zoom! * 1.4);
      const panel = api.map.current!.panel;
      // Another editor in the map's column hides it; revealing the map shows the page again.
      await vscode.window.showTextDocument(vscode.Uri.parse(folder.units[0].location.uri), { viewColumn: panel.viewColumn, preview: false });
      await untilAsync('the map hidden', () => !panel.visible, 30_000);
      panel.reveal();
      const back = await layoutWhere('the map shown again', (l) => !!l.viewBox, 30_000);
      assert.strictEqual(back.selected, shown.selected);
      assert.strictEqual(back.query, shown.query);
      assert.ok(Math.abs(back.zoom! - shown.zoom!) < 1e-6, `zoom ${shown.zoom} -> ${back.zoom}`);
      assert.ok(Math.abs(back.viewBox!.x + back.viewBox!.w / 2 - (shown.viewBox!.x + shown.viewBox!.w / 2)) < 1e-3);
    });

    it('activating a node reveals its definition', async () => {
      const l = await searchCentres(folder.domains.flatMap((d) => d.functions)[0].id.toLowerCase());
      await activateReveals(folder, l.selected!);
    });
  });

  for (const [name, repo] of [
    ['ecommerce', 'aws-samples__aws-serverless-ecommerce-platform'],
    ['onemac', 'Enterprise-CMCS__macpro-onemac'],
  ]) {
    describe(`on a copy of a real estate (${repo})`, () => {
      let folder: Folder;
      let index: number;
      before(async function () {
        if (!vscode.workspace.workspaceFolders?.some((f) => f.name === name)) {
          console.log(`  skipped: the corpus (${repo}) is not next to the project, so there is no copy to open`);
          this.skip();
        }
        ({ folder, index } = await untilAsync(`the ${name} estate analysed`, () => folderNamed(name)));
      });

      it('fits the panel when opened', async () => {
        assertFits(await openMap(index));
      });

      it('search centres a unit; activating it reveals its file', async () => {
        const unit = folder.units[Math.floor(folder.units.length / 2)].id.toLowerCase();
        const l = await searchCentres(unit);
        await activateReveals(folder, l.selected!);
      });

      it('selecting a split domain keeps its part in each unit and their unit boxes, and dims the rest', async function () {
        const d = folder.domains.find((x) => x.split && x.units.length > 1);
        if (!d) return this.skip();
        const opened = await openMap(index);
        const node = `d:${d.name}@${d.units[0]}`;
        await api.map.current!.post({ command: 'select', node });
        const l = await layoutWhere(`${node} selected`, (x) => x.selected === node && x.kept.length > 0);
        for (const u of d.units) {
          assert.ok(l.kept.includes(`d:${d.name}@${u}`), `the part in ${u} is kept: ${l.kept.join(', ')}`);
          assert.ok(l.kept.includes(`u:${u}`), `the unit ${u} is kept`);
        }
        assert.ok(l.kept.length < opened.nodes, 'the rest is dimmed');
        await api.map.current!.post({ command: 'clear' });
      });

      it('takes a screenshot of the map', async () => {
        await screenshot(index, name);
      });
    });
  }
});
