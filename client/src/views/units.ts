// The Deployment Units view: each unit (by its short name; the path in the tooltip) with its
// domains, what it imports from and exports to, and a deploy order derived from the references,
// cycles marked; with the filter on, only the units with findings. Server data only.

import * as vscode from 'vscode';
import type { GraphUnit, SeverityCounts } from '../../../server/src/protocol/ext';
import type { Ctx } from '../ctx';
import { severityShort, severityText, total } from './counts';
import { unitIcon, unitKindLabel } from './icons';
import { shortNames } from './labels';

export type UnitNode =
  | { kind: 'order'; folder: string; order: string[]; cycles: string[][] }
  | { kind: 'step'; folder: string; index: number; unit: string; inCycle: boolean }
  | { kind: 'unit'; folder: string; unit: GraphUnit }
  | { kind: 'group'; folder: string; unit: GraphUnit; label: string; items: string[]; icon: string }
  | { kind: 'leaf'; folder: string; label: string; icon: string; target?: GraphUnit };

export class UnitsProvider implements vscode.TreeDataProvider<UnitNode> {
  private readonly emitter = new vscode.EventEmitter<UnitNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private units = new Map<string, GraphUnit>();
  private names = new Map<string, string>();

  constructor(private readonly ctx: Ctx) {}

  refresh(): void {
    this.emitter.fire(undefined);
  }

  async getChildren(node?: UnitNode): Promise<UnitNode[]> {
    if (!node) {
      const g = await this.ctx.domainGraph();
      this.units = new Map(g.folders.flatMap((f) => f.units.map((u) => [u.id, u] as const)));
      this.names = shortNames([...this.units.keys()]);
      const only = this.ctx.explorer.onlyFindings;
      return g.folders.flatMap((f): UnitNode[] => [
        ...(only ? [] : [{ kind: 'order', folder: f.uri, order: f.deployOrder, cycles: f.cycles } as UnitNode]),
        ...f.units.filter((u) => !only || total(u.severities) > 0).map((unit): UnitNode => ({ kind: 'unit', folder: f.uri, unit })),
      ]);
    }
    switch (node.kind) {
      case 'order': {
        const inCycle = new Set(node.cycles.flat());
        return node.order.map((unit, index): UnitNode => ({ kind: 'step', folder: node.folder, index, unit, inCycle: inCycle.has(unit) }));
      }
      case 'unit': {
        const u = node.unit;
        return [
          { kind: 'group', folder: node.folder, unit: u, label: 'Domains', items: u.domains, icon: 'type-hierarchy-sub' },
          { kind: 'group', folder: node.folder, unit: u, label: 'Imports from', items: u.importsFrom, icon: 'arrow-left' },
          { kind: 'group', folder: node.folder, unit: u, label: 'Exported to', items: u.exportsTo, icon: 'arrow-right' },
        ];
      }
      case 'group':
        return node.items.map((label): UnitNode => ({ kind: 'leaf', folder: node.folder, label, icon: node.label === 'Domains' ? 'type-hierarchy-sub' : 'package', target: this.units.get(label) }));
      default:
        return [];
    }
  }

  /** A unit's findings as the tree counts them (the server's, by the unit's files). */
  countsOf(node: UnitNode): SeverityCounts | undefined {
    return node.kind === 'unit' ? node.unit.severities : undefined;
  }

  private short(id: string): string {
    return this.names.get(id) ?? id;
  }

  getTreeItem(node: UnitNode): vscode.TreeItem {
    switch (node.kind) {
      case 'order': {
        const item = new vscode.TreeItem('Deploy order', vscode.TreeItemCollapsibleState.Collapsed);
        item.description = node.cycles.length ? `${node.cycles.length} cycle${node.cycles.length === 1 ? '' : 's'}: no order deploys from scratch` : `${node.order.length} units`;
        item.iconPath = new vscode.ThemeIcon(node.cycles.length ? 'error' : 'list-ordered', node.cycles.length ? new vscode.ThemeColor('errorForeground') : undefined);
        item.contextValue = 'deployOrder';
        return item;
      }
      case 'step': {
        const item = new vscode.TreeItem(`${node.index + 1}. ${this.short(node.unit)}`, vscode.TreeItemCollapsibleState.None);
        item.tooltip = node.unit;
        if (node.inCycle) {
          item.description = 'in a cycle';
          item.iconPath = new vscode.ThemeIcon('sync', new vscode.ThemeColor('errorForeground'));
        }
        const u = this.units.get(node.unit);
        if (u) item.command = { command: 'serverlessDomains.reveal', title: 'Reveal', arguments: [u.location] };
        return item;
      }
      case 'unit': {
        const u = node.unit;
        const item = new vscode.TreeItem(this.short(u.id), vscode.TreeItemCollapsibleState.Collapsed);
        item.description = [unitKindLabel(u.kind), u.inCycle ? 'in a cycle' : '', severityShort(u.severities)].filter(Boolean).join(' · ');
        item.iconPath = unitIcon(u.kind, u.inCycle);
        item.tooltip = [u.id, `${unitKindLabel(u.kind)}, stack ${u.stackName}`, u.inCycle ? 'in a deploy cycle' : '', `files: ${u.files.join(', ')}`, severityText(u.severities)].filter(Boolean).join('\n');
        item.contextValue = 'unit';
        item.resourceUri = vscode.Uri.parse(u.location.uri);
        item.command = { command: 'serverlessDomains.reveal', title: 'Reveal', arguments: [u.location] };
        return item;
      }
      case 'group': {
        const item = new vscode.TreeItem(node.label, node.items.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.description = String(node.items.length);
        item.iconPath = new vscode.ThemeIcon(node.icon);
        return item;
      }
      default: {
        const item = new vscode.TreeItem(node.target ? this.short(node.label) : node.label, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon(node.icon);
        if (node.target) item.tooltip = node.label;
        if (node.target) item.command = { command: 'serverlessDomains.reveal', title: 'Reveal', arguments: [node.target.location] };
        return item;
      }
    }
  }
}
