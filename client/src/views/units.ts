// The Deployment Units view: each unit with its domains, what it imports from and exports
// to, and a deploy order derived from the references, cycles marked. Server data only.

import * as vscode from 'vscode';
import type { GraphUnit } from '../../../server/src/protocol/ext';
import type { Ctx } from '../ctx';
import { severityText } from './counts';
import { unitIcon, unitKindLabel } from './icons';

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

  constructor(private readonly ctx: Ctx) {}

  refresh(): void {
    this.emitter.fire(undefined);
  }

  async getChildren(node?: UnitNode): Promise<UnitNode[]> {
    if (!node) {
      const g = await this.ctx.domainGraph();
      this.units = new Map(g.folders.flatMap((f) => f.units.map((u) => [u.id, u] as const)));
      return g.folders.flatMap((f): UnitNode[] => [
        { kind: 'order', folder: f.uri, order: f.deployOrder, cycles: f.cycles },
        ...f.units.map((unit): UnitNode => ({ kind: 'unit', folder: f.uri, unit })),
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
        const item = new vscode.TreeItem(`${node.index + 1}. ${node.unit}`, vscode.TreeItemCollapsibleState.None);
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
        const item = new vscode.TreeItem(u.id, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = [unitKindLabel(u.kind), u.stackName, u.inCycle ? 'in a deploy cycle' : '', severityText(u.severities)].filter(Boolean).join(' · ');
        item.iconPath = unitIcon(u.kind, u.inCycle);
        item.tooltip = `${u.id}\nstack ${u.stackName}\nfiles: ${u.files.join(', ')}`;
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
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon(node.icon);
        if (node.target) item.command = { command: 'serverlessDomains.reveal', title: 'Reveal', arguments: [node.target.location] };
        return item;
      }
    }
  }
}
