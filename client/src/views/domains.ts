// The Domains view: each domain with its triggers, functions and supporting resources. It
// reads the server's domain graph only; finding counts come from VS Code's diagnostics.

import * as vscode from 'vscode';
import type { GraphDomain, GraphMember } from '../../../server/src/protocol/ext';
import type { Ctx } from '../ctx';
import type { SeverityCounts } from '../../../server/src/protocol/ext';
import { severityText } from './counts';
import { iconFor } from './icons';

export type DomainNode =
  | { kind: 'domain'; folder: string; domain: GraphDomain }
  | { kind: 'member'; folder: string; domain: GraphDomain; role: 'trigger' | 'function' | 'resource'; member: GraphMember & { external?: boolean; placeholder?: boolean; pubsub?: boolean } };

const SEVERITY: Record<vscode.DiagnosticSeverity, keyof SeverityCounts> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'information',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

/** The diagnostics that start inside a member's definition, by severity. */
export function findingsAt(loc: GraphMember['location']): SeverityCounts {
  const c: SeverityCounts = { error: 0, warning: 0, information: 0, hint: 0 };
  if (!loc) return c;
  const diags = vscode.languages.getDiagnostics(vscode.Uri.parse(loc.uri));
  for (const d of diags) if (d.source === 'serverless-domains' && d.range.start.line >= loc.range.start.line && d.range.start.line <= loc.range.end.line + 2) c[SEVERITY[d.severity]]++;
  return c;
}

export class DomainsProvider implements vscode.TreeDataProvider<DomainNode> {
  private readonly emitter = new vscode.EventEmitter<DomainNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private roots: DomainNode[] = [];

  constructor(private readonly ctx: Ctx) {}

  refresh(): void {
    this.emitter.fire(undefined);
  }

  async getChildren(node?: DomainNode): Promise<DomainNode[]> {
    if (!node) {
      const g = await this.ctx.domainGraph();
      this.roots = g.folders.flatMap((f) => f.domains.map((domain): DomainNode => ({ kind: 'domain', folder: f.uri, domain })));
      return this.roots;
    }
    if (node.kind === 'member') return [];
    const d = node.domain;
    return [
      ...d.triggers.map((member): DomainNode => ({ kind: 'member', folder: node.folder, domain: d, role: 'trigger', member })),
      ...d.functions.map((member): DomainNode => ({ kind: 'member', folder: node.folder, domain: d, role: 'function', member })),
      ...d.resources.map((member): DomainNode => ({ kind: 'member', folder: node.folder, domain: d, role: 'resource', member })),
    ];
  }

  getParent(node: DomainNode): DomainNode | undefined {
    if (node.kind === 'domain') return undefined;
    return this.roots.find((r) => r.kind === 'domain' && r.domain.name === node.domain.name && r.folder === node.folder);
  }

  /** The tree node of a domain, by name (for "Reveal in Domain Explorer"). */
  async domainNode(name: string): Promise<DomainNode | undefined> {
    if (!this.roots.length) await this.getChildren();
    return this.roots.find((r) => r.kind === 'domain' && r.domain.name === name);
  }

  getTreeItem(node: DomainNode): vscode.TreeItem {
    if (node.kind === 'domain') {
      const d = node.domain;
      const item = new vscode.TreeItem(d.name, vscode.TreeItemCollapsibleState.Collapsed);
      const marks = [d.split ? 'split across units' : '', d.placeholder ? 'placeholder' : ''].filter(Boolean);
      item.description = [d.units.join(', '), ...marks, severityText(d.severities)].filter(Boolean).join(' · ');
      item.iconPath = new vscode.ThemeIcon(d.split ? 'warning' : 'type-hierarchy-sub', d.split ? new vscode.ThemeColor('problemsWarningIcon.foreground') : undefined);
      item.tooltip = new vscode.MarkdownString(
        [`**${d.name}**`, `units: ${d.units.map((u) => `\`${u}\``).join(', ')}`, `${d.triggers.length} trigger(s), ${d.functions.length} function(s), ${d.resources.length} supporting resource(s)`, ...marks.map((m) => `⚠ ${m}`)].join('  \n'),
      );
      item.contextValue = 'domain';
      item.id = `${node.folder}#domain#${d.name}`;
      return item;
    }
    const m = node.member;
    const item = new vscode.TreeItem(m.id, vscode.TreeItemCollapsibleState.None);
    const findings = findingsAt(m.location);
    const color = findings.error ? 'problemsErrorIcon.foreground' : m.placeholder || findings.warning ? 'problemsWarningIcon.foreground' : undefined;
    item.description = [node.role, m.external ? 'outside the workspace' : m.unit ?? '', m.placeholder ? 'placeholder' : '', severityText(findings)].filter(Boolean).join(' · ');
    item.iconPath = iconFor(node.role === 'function' ? 'AWS::Lambda::Function' : m.type, color);
    item.tooltip = `${m.id} · ${m.type || node.role}${m.unit ? ` · ${m.unit}` : ''}`;
    item.contextValue = node.role;
    item.id = `${node.folder}#${node.domain.name}#${node.role}#${m.unit}#${m.id}`;
    if (m.location) item.command = { command: 'serverlessDomains.reveal', title: 'Reveal', arguments: [m.location] };
    return item;
  }
}
