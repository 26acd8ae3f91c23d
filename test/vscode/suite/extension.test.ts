// The extension in a real VS Code: activation, diagnostics (Terraform too), a quick fix across two files,
// definition, the trees, every command, the domain map, and a screenshot for the README.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { untilAsync } from './wait';

const EXT_ID = 'serverless-domains.serverless-domains';

interface Api {
  ctx: { lastChange?: { units: number }; onDidChangeGraph: vscode.Event<unknown>; domainGraph(): Promise<{ folders: Array<{ domains: Array<{ name: string }> }> }> };
  views: { domains: { getChildren(n?: unknown): Promise<unknown[]>; getTreeItem(n: unknown): vscode.TreeItem }; domainsView: vscode.TreeView<unknown>; refresh(): void };
  units: { getChildren(n?: unknown): Promise<unknown[]>; getTreeItem(n: unknown): vscode.TreeItem };
  pipelines: { getChildren(n?: unknown): Promise<unknown[]>; getTreeItem(n: unknown): vscode.TreeItem };
}

function root(): vscode.Uri {
  return vscode.workspace.workspaceFolders![0].uri;
}

function uri(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(root(), rel);
}

function codes(rel: string): string[] {
  return vscode.languages
    .getDiagnostics(uri(rel))
    .filter((d) => d.source === 'serverless-domains')
    .map((d) => String(typeof d.code === 'object' ? d.code.value : d.code))
    .sort();
}

/** Waits until `check` holds, re-checking on every diagnostics change, up to a deadline. */
function until<T>(what: string, check: () => T | undefined | false, ms = 60_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const first = check();
    if (first) return resolve(first);
    const timer = setTimeout(() => {
      sub.dispose();
      poll && clearInterval(poll);
      reject(new Error(`timed out waiting for ${what}`));
    }, ms);
    const test = () => {
      const r = check();
      if (r) {
        clearTimeout(timer);
        sub.dispose();
        clearInterval(poll);
        resolve(r);
      }
    };
    const sub = vscode.languages.onDidChangeDiagnostics(test);
    // Trees and files change without a diagnostics event: look again now and then, with the deadline above.
    const poll = setInterval(test, 250);
  });
}

/** `until` for an asynchronous check: asked again every 250 ms (one at a time) until the deadline. */

let api: Api;

describe('Serverless Domains in VS Code', () => {
  before(async () => {
    const ext = vscode.extensions.getExtension<Api>(EXT_ID);
    assert.ok(ext, 'the extension is installed');
    api = await ext.activate();
    assert.ok(ext.isActive);
  });

  it('shows the expected diagnostics in the expected files, with rule codes', async () => {
    await until('split-domain on app/serverless.yml', () => codes('app/serverless.yml').includes('split-domain'));
    assert.deepStrictEqual(codes('app/serverless.yml'), ['hardcoded-reference', 'split-domain']);
    const d = vscode.languages.getDiagnostics(uri('app/serverless.yml')).find((x) => String((x.code as { value: string }).value ?? x.code) === 'split-domain')!;
    assert.strictEqual(d.range.start.line, 10);
  });

  it('a Terraform file gets its diagnostic, and its did-you-mean fix removes it', async () => {
    await until('broken-reference on billing/main.tf', () => codes('billing/main.tf').includes('broken-reference'));
    const d = vscode.languages.getDiagnostics(uri('billing/main.tf')).find((x) => String((x.code as { value: string }).value ?? x.code) === 'broken-reference')!;
    assert.strictEqual(d.range.start.line, 12);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri('billing/main.tf')));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri('billing/main.tf'), d.range);
    const fix = actions.find((a) => a.title === 'Change to aws_sqs_queue.invoices');
    assert.ok(fix?.edit, actions.map((a) => a.title).join('\n'));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await vscode.workspace.saveAll();
    await until('broken-reference to go', () => !codes('billing/main.tf').includes('broken-reference'));
  });

  it('goes to a definition in another file', async () => {
    const locs = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', uri('app/serverless.yml'), new vscode.Position(10, 20));
    const first = locs[0] as vscode.Location & vscode.LocationLink;
    const target = first.uri ?? first.targetUri;
    assert.strictEqual(target.toString(), uri('infra/template.yaml').toString());
  });

  it('the Domains and Deployment Units trees show the server\'s graph', async () => {
    const domains = await api.views.domains.getChildren();
    const names = domains.map((n) => (api.views.domains.getTreeItem(n) as vscode.TreeItem).label).sort();
    assert.deepStrictEqual(names, ['OrdersQueue', 'ReportEventsRuleSchedule1']);
    const orders = domains.find((n) => (api.views.domains.getTreeItem(n) as vscode.TreeItem).label === 'OrdersQueue')!;
    const members = (await api.views.domains.getChildren(orders)).map((n) => (api.views.domains.getTreeItem(n) as vscode.TreeItem).label);
    assert.deepStrictEqual(members, ['OrdersQueue', 'processOrder']);
    const item = api.views.domains.getTreeItem(orders) as vscode.TreeItem;
    assert.match(String(item.description), /\bsplit\b/);
    const unitNodes = await api.units.getChildren();
    const units = unitNodes.map((n) => api.units.getTreeItem(n).label);
    // Units by their short name (the folder of a conventional file name); the path is in the tooltip.
    assert.deepStrictEqual(units, ['Deploy order', 'app', 'infra', 'billing']);
    assert.match(String(api.units.getTreeItem(unitNodes[1]).tooltip), /^app\/serverless\.yml\n/);
    // Findings are counted by severity in the unit's description (compact) and the view's badge.
    assert.match(String(api.units.getTreeItem(unitNodes[1]).description), /⚠ 2\b/);
    assert.ok((api.views.domainsView.badge?.value ?? 0) >= 2);
    assert.match(String(api.views.domainsView.badge?.tooltip), /\d+ warnings?/);
  });

  it('the Pipelines view shows the workflow, its jobs in order and the units each deploys; a lens and a hover say the same', async () => {
    const label = (n: unknown) => {
      const l = api.pipelines.getTreeItem(n).label;
      return typeof l === 'string' ? l : (l?.label ?? '');
    };
    const pipelines = await untilAsync('the Pipelines view', async () => {
      const ps = await api.pipelines.getChildren();
      return ps.length ? ps : undefined;
    });
    // By file name; the path is in the tooltip.
    assert.deepStrictEqual(pipelines.map(label), ['release.yml']);
    const children = await api.pipelines.getChildren(pipelines[0]);
    const jobs = children.filter((n) => (n as { kind: string }).kind === 'job');
    assert.deepStrictEqual(jobs.map(label), ['1. app', '2. billing']);
    const units = await api.pipelines.getChildren(jobs[0]);
    assert.ok(units.map(label).includes('app'), units.map(label).join(', '));
    // The lens command needs the document loaded (a model), as an editor would have it.
    await vscode.workspace.openTextDocument(uri('app/serverless.yml'));
    const lenses = await untilAsync('the pipeline lens', async () => {
      const ls = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri('app/serverless.yml')).then(undefined, (e: Error) => {
        throw new Error(`code lenses: ${e.message}`);
      });
      return ls?.some((l) => /release\.yml/.test(l.command?.title ?? '')) ? ls : undefined;
    });
    assert.ok(lenses.some((l) => l.range.start.line === 0 && /deployed by \.github\/workflows\/release\.yml \(job app\)/.test(l.command?.title ?? '')));
    const wf = await vscode.workspace.openTextDocument(uri('.github/workflows/release.yml'));
    const at = wf.positionAt(wf.getText().indexOf('serverless deploy') + 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', wf.uri, at).then(undefined, (e: Error) => {
      throw new Error(`hover: ${e.message}`);
    });
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /app\/serverless\.yml/);
    // The pipeline starts open in this small estate (the editor screenshot below shows it, with the lens).
    await untilAsync('the open pipeline', async () => (api.pipelines.getTreeItem(pipelines[0]).collapsibleState === vscode.TreeItemCollapsibleState.Expanded ? true : undefined));
  });

  it('takes a screenshot of the explorer, a diagnostic and the Problems panel', async () => {
    const shot = process.env.SD_SCREENSHOT;
    if (!shot) return;
    const doc = await vscode.workspace.openTextDocument(uri('app/serverless.yml'));
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('workbench.action.closeEditorsInOtherGroups');
    await vscode.commands.executeCommand('serverlessDomains.domains.focus');
    // Open the split domain in the tree.
    await vscode.commands.executeCommand('serverlessDomains.revealInExplorer', root().toString(), 'OrdersQueue');
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(10, 8, 10, 8), preserveFocus: false });
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    // The runner takes the picture when it reads this line, then writes the file.
    console.log(`SD_SCREENSHOT ${shot}`);
    await until('the screenshot file', () => fs.existsSync(shot), 30_000);
  });

  it('every command runs', async () => {
    const domains = await api.views.domains.getChildren();
    const node = domains[0];
    const member = (await api.views.domains.getChildren(node))[0];
    await vscode.commands.executeCommand('serverlessDomains.refresh');
    await vscode.commands.executeCommand('serverlessDomains.revealInExplorer', root().toString(), 'OrdersQueue');
    await vscode.commands.executeCommand('serverlessDomains.showDomainMap');
    const text = (await vscode.commands.executeCommand<string>('serverlessDomains.exportGraph', 'mermaid'))!;
    assert.match(text, /^flowchart LR/);
    await vscode.commands.executeCommand('serverlessDomains.checkWorkspace');
    await vscode.commands.executeCommand('serverlessDomains.copyLogicalId', member);
    assert.strictEqual(await vscode.env.clipboard.readText(), 'OrdersQueue');
    await vscode.commands.executeCommand('serverlessDomains.copyArnPattern', member);
    assert.strictEqual(await vscode.env.clipboard.readText(), 'arn:aws:sqs:*:*:OrdersQueue');
    await vscode.commands.executeCommand('serverlessDomains.reveal', { uri: uri('infra/template.yaml').toString(), range: { start: { line: 3, character: 2 }, end: { line: 3, character: 13 } } });
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), uri('infra/template.yaml').toString());
    await vscode.commands.executeCommand('serverlessDomains.createConfig');
    await until('the configuration file', () => fs.existsSync(path.join(root().fsPath, '.serverless-domains.yml')));
    const units = api.ctx.lastChange?.units;
    await vscode.commands.executeCommand('serverlessDomains.restartServer');
    await until('the restarted server to analyse', () => api.ctx.lastChange?.units === units && api.ctx.lastChange);
    const ids = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('serverlessDomains.'));
    for (const c of ['refresh', 'revealInExplorer', 'showDomainMap', 'checkWorkspace', 'extractDomain', 'createConfig', 'exportGraph', 'restartServer']) assert.ok(ids.includes(`serverlessDomains.${c}`), c);
  });

  it('the domain map opens with a drawing of the units and domains', async () => {
    await vscode.commands.executeCommand('serverlessDomains.showDomainMap');
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'Domain Map');
    assert.ok(tab, 'the Domain Map tab is open');
  });

  it('a quick fix from the code action provider, applied, removes its diagnostic in both files', async () => {
    await until('split-domain again', () => codes('app/serverless.yml').includes('split-domain'));
    const d = vscode.languages.getDiagnostics(uri('app/serverless.yml')).find((x) => String((x.code as { value: string }).value ?? x.code) === 'split-domain')!;
    // The code action command works on an open document (a text model).
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri('app/serverless.yml')));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri('app/serverless.yml'), d.range);
    const move = actions.find((a) => a.title.startsWith('Move OrdersQueue into app/serverless.yml'));
    assert.ok(move?.edit, actions.map((a) => a.title).join('\n'));
    assert.ok(move.edit.entries().some(([u]) => u.toString() === uri('infra/template.yaml').toString()), 'the fix edits the other file too');
    assert.ok(await vscode.workspace.applyEdit(move.edit));
    await vscode.workspace.saveAll();
    await until('split-domain to go', () => !codes('app/serverless.yml').includes('split-domain'));
    assert.ok(!codes('infra/template.yaml').includes('split-domain'));
  });

  it('extracts a domain into a new unit from the tree', async () => {
    const domains = await api.views.domains.getChildren();
    const report = domains.find((n) => String((api.views.domains.getTreeItem(n) as vscode.TreeItem).label).startsWith('Report'))!;
    await vscode.commands.executeCommand('serverlessDomains.extractDomain', report);
    await vscode.workspace.saveAll();
    await until('the new unit', async () => fs.existsSync(path.join(root().fsPath, 'app', 'report-events-rule-schedule1', 'serverless.yml')));
  });

});
