// Every command, as a table of (ctx) => handler factories, registered in one place.

import * as vscode from 'vscode';
import { graphDot, graphMermaid } from '../../server/src/protocol/graph-text';
import { ExtractDomainRequest, WRITE_BASELINE_COMMAND } from '../../server/src/protocol/ext';
import type { Ctx } from './ctx';
import { checkSummary } from './views/counts';
import type { DomainNode, DomainsProvider, GroupBy } from './views/domains';
import { DomainMap } from './views/map';

export interface Views {
  domains: DomainsProvider;
  domainsView: vscode.TreeView<DomainNode>;
  refresh(): void;
}

type Factory = (ctx: Ctx, views: Views) => (...args: never[]) => unknown;

export const CONFIG_TEMPLATE = `# Serverless Domains configuration. Every key is optional.
# Rules and what they find: the rule reference in the extension's docs.

# Severity per rule: off, hint, information, warning, error.
rules:
  # split-domain: warning
  # orphan-function: off
  monolith-unit:
    severity: information
    threshold: 4            # independent domains before a unit counts as a monolith

# Stack names by unit path, where neither samconfig nor the service says it.
stackNames: {}
#  infra/template.yaml: shop-infra-prod

# The stage used to resolve Serverless services (\${sls:stage}, \${opt:stage}).
# stage: dev

# Names for domains, by their default name (the first trigger's logical ID).
domains: {}
#  OrdersQueue: Order intake

# Couplings that are allowed: no split-domain or hardcoded-reference between these.
allow: []
#  - from: legacy/**
#    to: shared/**

# Which files are analysed (globs on workspace-relative paths).
include: []
exclude: []
`;

async function reveal(location: { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(location.uri));
  const r = location.range;
  const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
  await vscode.window.showTextDocument(doc, { selection: range, preserveFocus: false });
}

async function pickDomain(ctx: Ctx): Promise<{ folder: string; name: string } | undefined> {
  const g = await ctx.domainGraph();
  const items = g.folders.flatMap((f) => f.domains.map((d) => ({ label: d.name, description: d.units.join(', '), folder: f.uri })));
  const pick = await vscode.window.showQuickPick(items, { placeHolder: 'Domain to extract into a new unit' });
  return pick && { folder: pick.folder, name: pick.label };
}

export const COMMANDS: Record<string, Factory> = {
  'serverlessDomains.refresh': (_ctx, views) => () => views.refresh(),
  'serverlessDomains.reveal': () => async (target: Parameters<typeof reveal>[0] | DomainNode) => {
    // From a click (a location) or from the tree's context menu (a node).
    if (target && 'kind' in target) {
      const loc = target.kind === 'member' ? target.member.location : target.kind === 'group' ? target.unit?.location : (target.domain.functions[0] ?? target.domain.triggers[0])?.location;
      if (loc) await reveal(loc);
    } else if (target) await reveal(target);
  },
  'serverlessDomains.revealInExplorer': (ctx, views) => async (folder?: string, domain?: string | null) => {
    let name = typeof domain === 'string' ? domain : undefined;
    if (!name) {
      // From the editor: the domain of the function or trigger under the cursor.
      const ed = vscode.window.activeTextEditor;
      const g = await ctx.domainGraph();
      if (ed) {
        const uri = ed.document.uri.toString();
        const line = ed.selection.active.line;
        for (const f of g.folders) {
          for (const d of f.domains) {
            const members = [...d.triggers, ...d.functions, ...d.resources];
            if (members.some((m) => m.location?.uri === uri && m.location.range.start.line <= line && line <= m.location.range.end.line + 3)) name = d.name;
          }
        }
      }
    }
    void folder;
    await vscode.commands.executeCommand('serverlessDomains.domains.focus');
    const node = name ? await views.domains.domainNode(name) : undefined;
    if (node) await views.domainsView.reveal(node, { select: true, focus: true, expand: true });
    else if (name === undefined) void vscode.window.showInformationMessage('No domain here: put the cursor on a function or a trigger.');
  },
  'serverlessDomains.showDomainMap': (ctx) => () => DomainMap.show(ctx),
  'serverlessDomains.checkWorkspace': (ctx) => async () => {
    const g = await ctx.domainGraph();
    // Counts by rule and severity in a notification; its button opens Problems. Returns the text.
    const units = g.folders.reduce((n, f) => n + f.units.length, 0);
    const text = checkSummary(vscode.languages.getDiagnostics().flatMap(([, ds]) => ds), units);
    ctx.log.info(text);
    void vscode.window.showInformationMessage(text, 'Open Problems').then((b) => b && vscode.commands.executeCommand('workbench.actions.view.problems'));
    return text;
  },
  'serverlessDomains.filterFindings': (ctx, views) => async () => {
    await ctx.setExplorer({ onlyFindings: true });
    views.refresh();
  },
  'serverlessDomains.unfilterFindings': (ctx, views) => async () => {
    await ctx.setExplorer({ onlyFindings: false });
    views.refresh();
  },
  'serverlessDomains.groupBy': (ctx, views) => async (by?: GroupBy) => {
    const choices: Array<vscode.QuickPickItem & { by: GroupBy }> = [
      { by: 'domain', label: 'Domain', description: 'every domain at the top' },
      { by: 'unit', label: 'Unit', description: 'the domains of each deployment unit' },
      { by: 'pipeline', label: 'Pipeline', description: 'the domains each pipeline deploys' },
    ];
    for (const c of choices) if (c.by === ctx.explorer.groupBy) c.label += ' (current)';
    const pick = by && choices.some((c) => c.by === by) ? by : (await vscode.window.showQuickPick(choices, { placeHolder: 'Group the Domains view by' }))?.by;
    if (!pick) return;
    await ctx.setExplorer({ groupBy: pick });
    views.refresh();
  },
  'serverlessDomains.extractDomain': (ctx) => async (node?: DomainNode) => {
    const target = node && node.kind === 'domain' ? { folder: node.folder, name: node.domain.name } : await pickDomain(ctx);
    if (!target || !ctx.client) return;
    const r = await ctx.client.sendRequest(ExtractDomainRequest.type, { folder: target.folder, domain: target.name });
    if (!r) {
      void vscode.window.showWarningMessage(`Domain ${target.name} cannot be extracted safely (see the rule reference for when extraction is refused).`);
      return;
    }
    const edit = await ctx.client.protocol2CodeConverter.asWorkspaceEdit(r.edit);
    if (await vscode.workspace.applyEdit(edit)) void vscode.window.showInformationMessage(r.title);
  },
  'serverlessDomains.createConfig': () => async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) return;
    const uri = vscode.Uri.joinPath(folder.uri, '.serverless-domains.yml');
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      await vscode.workspace.fs.writeFile(uri, Buffer.from(CONFIG_TEMPLATE, 'utf8'));
    }
    await vscode.window.showTextDocument(uri);
  },
  'serverlessDomains.exportGraph': (ctx) => async (format?: 'mermaid' | 'dot') => {
    const fmt = format ?? (await vscode.window.showQuickPick(['mermaid', 'dot'], { placeHolder: 'Export the domain graph as' }));
    if (!fmt) return;
    const g = await ctx.domainGraph();
    const text = g.folders.map((f) => (fmt === 'dot' ? graphDot(f) : graphMermaid(f))).join('\n');
    const doc = await vscode.workspace.openTextDocument({ content: text, language: fmt === 'dot' ? 'dot' : 'mermaid' });
    await vscode.window.showTextDocument(doc);
    return text;
  },
  // The server writes the file (workspace/executeCommand, which other editors call too) and says so.
  'serverlessDomains.writeBaseline': (ctx) => async () => {
    if (!ctx.client) return undefined;
    return ctx.client.sendRequest('workspace/executeCommand', { command: WRITE_BASELINE_COMMAND, arguments: [] });
  },
  'serverlessDomains.restartServer': (ctx, views) => async () => {
    await ctx.restart();
    views.refresh();
  },
  'serverlessDomains.copyLogicalId': () => async (node?: DomainNode) => {
    const id = !node || node.kind === 'group' ? undefined : node.kind === 'domain' ? node.domain.name : node.member.id;
    if (id) await vscode.env.clipboard.writeText(id);
  },
  'serverlessDomains.copyArnPattern': () => async (node?: DomainNode) => {
    if (!node || node.kind !== 'member') return;
    const m = node.member;
    const service = /SQS/.test(m.type) ? 'sqs' : /SNS/.test(m.type) ? 'sns' : /DynamoDB/.test(m.type) ? 'dynamodb' : /S3/.test(m.type) ? 's3' : /Events/.test(m.type) ? 'events' : 'lambda';
    const resource = service === 's3' ? m.id : service === 'dynamodb' ? `table/${m.id}` : service === 'lambda' ? `function:${m.id}` : service === 'events' ? `event-bus/${m.id}` : m.id;
    await vscode.env.clipboard.writeText(service === 's3' ? `arn:aws:s3:::${resource}` : `arn:aws:${service}:*:*:${resource}`);
  },
};

export function registerCommands(ctx: Ctx, views: Views): void {
  for (const [id, factory] of Object.entries(COMMANDS)) {
    ctx.extension.subscriptions.push(vscode.commands.registerCommand(id, factory(ctx, views) as (...args: unknown[]) => unknown));
  }
}
