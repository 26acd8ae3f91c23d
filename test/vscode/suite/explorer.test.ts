// The explorer in a real VS Code: the trees count findings by severity exactly as the
// diagnostics do (information and hints apart), label units by short names, filter to what has
// findings, group domains by unit and by pipeline; the output channel logs the scan; Check
// Workspace summarises by rule. It leaves the grouping and the filter as it found them.

import * as assert from 'assert';
import * as vscode from 'vscode';
import { untilAsync as until } from './wait';

const EXT_ID = 'serverless-domains.serverless-domains';

type Counts = { error: number; warning: number; information: number; hint: number };
interface Tree {
  getChildren(n?: unknown): Promise<unknown[]>;
  getTreeItem(n: unknown): vscode.TreeItem;
  countsOf(n: unknown): Counts | undefined;
}
interface Api {
  ctx: { scans: string[]; explorer: { groupBy: string; onlyFindings: boolean }; extension: vscode.ExtensionContext; domainGraph(): Promise<{ folders: Array<{ units: Array<{ id: string; files: string[] }> }> }> };
  views: { domains: Tree & { domainNode(name: string): Promise<unknown> }; domainsView: vscode.TreeView<unknown> };
  units: Tree;
}

const SEVERITY: Record<number, keyof Counts> = { 0: 'error', 1: 'warning', 2: 'information', 3: 'hint' };

function uri(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, rel);
}

/** What VS Code's diagnostics say for a set of files, by severity. */
function diagnosticCounts(files: string[]): Counts {
  const c: Counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of files) for (const d of vscode.languages.getDiagnostics(uri(f))) if (d.source === 'serverless-domains') c[SEVERITY[d.severity]]++;
  return c;
}


const label = (t: Tree, n: unknown) => {
  const l = t.getTreeItem(n).label;
  return typeof l === 'string' ? l : (l?.label ?? '');
};
const kind = (n: unknown) => (n as { kind: string }).kind;
const sum = (c: Counts | undefined) => (c ? c.error + c.warning + c.information + c.hint : 0);

let api: Api;

describe('The explorer', () => {
  before(async () => {
    api = await vscode.extensions.getExtension<Api>(EXT_ID)!.activate();
    await until('the split-domain diagnostic', () => vscode.languages.getDiagnostics(uri('app/serverless.yml')).some((d) => d.source === 'serverless-domains'));
  });

  after(async () => {
    await vscode.commands.executeCommand('serverlessDomains.unfilterFindings');
    await vscode.commands.executeCommand('serverlessDomains.groupBy', 'domain');
  });

  it("the units' counts match the diagnostics by severity, information and hints apart from warnings", async () => {
    const g = await api.ctx.domainGraph();
    const files = new Map(g.folders.flatMap((f) => f.units.map((u) => [u.id, u.files] as const)));
    // Diagnostics arrive file by file: compare once they have all come.
    await until('the trees to match the diagnostics', async () => {
      const nodes = (await api.units.getChildren()).filter((n) => kind(n) === 'unit');
      return nodes.length === files.size && nodes.every((n) => JSON.stringify(api.units.countsOf(n)) === JSON.stringify(diagnosticCounts(files.get((n as { unit: { id: string } }).unit.id)!)));
    });
    for (const n of (await api.units.getChildren()).filter((x) => kind(x) === 'unit')) {
      const c = api.units.countsOf(n)!;
      const item = api.units.getTreeItem(n);
      const d = String(item.description ?? '');
      // Short label, full path in the tooltip.
      assert.ok(!label(api.units, n).includes('/'), label(api.units, n));
      assert.ok(String(item.tooltip).startsWith((n as { unit: { id: string } }).unit.id), String(item.tooltip));
      assert.strictEqual(/⚠ (\d+)/.exec(d)?.[1] ?? '0', String(c.warning), d);
      assert.strictEqual(/✖ (\d+)/.exec(d)?.[1] ?? '0', String(c.error), d);
      if (c.information) assert.match(d, new RegExp(`\\b${c.information} info\\b`));
      if (c.hint) assert.match(d, new RegExp(`\\b${c.hint} hints?\\b`));
    }
    // The badge counts errors and warnings only, all of them.
    const all = vscode.languages.getDiagnostics().flatMap(([, ds]) => ds).filter((d) => d.source === 'serverless-domains');
    const needsAction = all.filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning).length;
    await until('the badge', () => (api.views.domainsView.badge?.value ?? 0) === needsAction || undefined, 20_000);
  });

  it('the filter shows only what has findings, and turns off again', async () => {
    await vscode.commands.executeCommand('serverlessDomains.filterFindings');
    assert.strictEqual(api.ctx.explorer.onlyFindings, true);
    assert.strictEqual(api.ctx.extension.workspaceState.get('serverlessDomains.onlyFindings'), true);
    const domains = await api.views.domains.getChildren();
    assert.ok(domains.map((n) => label(api.views.domains, n)).includes('OrdersQueue'));
    for (const d of domains) {
      const members = await api.views.domains.getChildren(d);
      assert.ok(sum(api.views.domains.countsOf(d)) > 0 || members.length > 0, label(api.views.domains, d));
      for (const m of members) assert.ok(sum(api.views.domains.countsOf(m)) > 0, `${label(api.views.domains, m)} has findings`);
    }
    const units = await api.units.getChildren();
    assert.ok(units.length > 0 && units.every((n) => kind(n) === 'unit' && sum(api.units.countsOf(n)) > 0), units.map((n) => label(api.units, n)).join(', '));
    await vscode.commands.executeCommand('serverlessDomains.unfilterFindings');
    assert.deepStrictEqual((await api.views.domains.getChildren()).map((n) => label(api.views.domains, n)).sort(), ['OrdersQueue', 'ReportEventsRuleSchedule1']);
    assert.strictEqual(kind((await api.units.getChildren())[0]), 'order');
  });

  it('groups domains by unit and by pipeline, remembers the choice, and still reveals a domain', async () => {
    await vscode.commands.executeCommand('serverlessDomains.groupBy', 'unit');
    assert.strictEqual(api.ctx.extension.workspaceState.get('serverlessDomains.groupBy'), 'unit');
    const groups = await api.views.domains.getChildren();
    assert.ok(groups.every((n) => kind(n) === 'group'));
    const byUnit = new Map<string, string[]>();
    for (const gr of groups) byUnit.set(label(api.views.domains, gr), (await api.views.domains.getChildren(gr)).map((n) => label(api.views.domains, n)).sort());
    assert.deepStrictEqual(byUnit.get('app'), ['OrdersQueue', 'ReportEventsRuleSchedule1']);
    // The split domain is under both of its units, every node with an id of its own.
    assert.deepStrictEqual(byUnit.get('infra'), ['OrdersQueue']);
    const ids: string[] = [];
    const walk = async (n?: unknown): Promise<void> => {
      for (const c of await api.views.domains.getChildren(n)) {
        ids.push(String(api.views.domains.getTreeItem(c).id));
        await walk(c);
      }
    };
    await walk();
    assert.strictEqual(new Set(ids).size, ids.length, ids.join('\n'));
    await vscode.commands.executeCommand('serverlessDomains.revealInExplorer', vscode.workspace.workspaceFolders![0].uri.toString(), 'OrdersQueue');
    assert.ok(await api.views.domains.domainNode('OrdersQueue'));

    await vscode.commands.executeCommand('serverlessDomains.groupBy', 'pipeline');
    const pipelines = await api.views.domains.getChildren();
    const labels = pipelines.map((n) => label(api.views.domains, n));
    assert.ok(labels.includes('release.yml'), labels.join(', '));
    const seen = new Set<string>();
    for (const p of pipelines) for (const d of await api.views.domains.getChildren(p)) seen.add(label(api.views.domains, d));
    assert.deepStrictEqual([...seen].sort(), ['OrdersQueue', 'ReportEventsRuleSchedule1'], 'every domain is under a pipeline or under "Deployed by no pipeline"');

    await vscode.commands.executeCommand('serverlessDomains.groupBy', 'domain');
    assert.ok((await api.views.domains.getChildren()).every((n) => kind(n) === 'domain'));
  });

  it('the output channel got a line for the scan: units by kind, skipped files, time', async () => {
    const line = await until('a scan line', () => api.ctx.scans.find((l) => /^Scanned /.test(l)));
    assert.match(line, /^Scanned .+ in \d+ ms: \d+ files? read, 3 units \((?=.*1 serverless)(?=.*1 cloudformation)(?=.*1 terraform).*\), 2 domains, \d+ skipped\./);
  });

  it('Check Workspace sums the findings up by rule and severity', async () => {
    const text = await vscode.commands.executeCommand<string>('serverlessDomains.checkWorkspace');
    assert.match(text, /^Serverless Domains: 3 units, \d+ findings? \(.*\)\. /);
    assert.match(text, /split-domain: 1 warning/);
    assert.match(text, /broken-reference: 1 error/);
  });
});
