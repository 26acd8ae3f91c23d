// The extension's entry point: one context, the language client, the views, the commands
// and a status bar item. Every view asks the server for its data.

import * as vscode from 'vscode';
import { registerCommands, Views } from './commands';
import { Ctx } from './ctx';
import { DomainsProvider } from './views/domains';
import { severityBadge, severityText } from './views/counts';
import { DomainMap, mapApi } from './views/map';
import { PipelinesProvider } from './views/pipelines';
import { UnitsProvider } from './views/units';

/**
 * What `activate` returns, for the extension tests (and other extensions): the context (its
 * `scans` are the scan records written to the output channel, `explorer` the grouping and filter),
 * the views' providers (`countsOf(node)` gives the counts a tree node shows).
 */
export interface Api {
  ctx: Ctx;
  views: Views;
  units: UnitsProvider;
  pipelines: PipelinesProvider;
  /** The domain map's page: its last layout report, and the messages its controls send (tests use it). */
  map: typeof mapApi;
}

export async function activate(context: vscode.ExtensionContext): Promise<Api> {
  const ctx = new Ctx(context);
  context.subscriptions.push(ctx);
  const domains = new DomainsProvider(ctx);
  const units = new UnitsProvider(ctx);
  const pipelines = new PipelinesProvider(ctx);
  const domainsView = vscode.window.createTreeView('serverlessDomains.domains', { treeDataProvider: domains, showCollapseAll: true });
  const unitsView = vscode.window.createTreeView('serverlessDomains.units', { treeDataProvider: units, showCollapseAll: true });
  const pipelinesView = vscode.window.createTreeView('serverlessDomains.pipelines', { treeDataProvider: pipelines, showCollapseAll: true });
  domains.view = domainsView;
  const status = vscode.window.createStatusBarItem('serverlessDomains.status', vscode.StatusBarAlignment.Left, 10);
  status.name = 'Serverless Domains';
  status.command = 'serverlessDomains.domains.focus';
  context.subscriptions.push(domainsView, unitsView, pipelinesView, status);
  const views: Views = {
    domains,
    domainsView,
    refresh: () => {
      domains.refresh();
      units.refresh();
      pipelines.refresh();
      if (DomainMap.current) void DomainMap.current.update();
    },
  };
  registerCommands(ctx, views);
  context.subscriptions.push(
    ctx.onDidChangeGraph((p) => {
      const findings = p.findings.error + p.findings.warning + p.findings.information + p.findings.hint;
      status.text = `$(type-hierarchy) ${p.domains} domain${p.domains === 1 ? '' : 's'} · ${findings} finding${findings === 1 ? '' : 's'}`;
      status.tooltip = `Serverless Domains: ${p.units} units, ${p.domains} domains; ${severityText(p.findings) || 'no findings'}. Open the domain explorer.`;
      domainsView.badge = severityBadge(p.findings);
      status.show();
      void vscode.commands.executeCommand('setContext', 'serverlessDomains.noUnits', p.units === 0);
      views.refresh();
    }),
  );
  await ctx.start();
  return { ctx, views, units, pipelines, map: mapApi };
}

export function deactivate(): void {}
