// The Domains view: each domain with its triggers, functions and supporting resources, listed
// flat or grouped by unit or by pipeline (the choice is kept in the workspace state), optionally
// only those with findings. It reads the server's domain graph and pipelines only; member counts
// come from VS Code's diagnostics.

import * as vscode from 'vscode';
import type { DomainGraphResult, GraphDomain, GraphMember, GraphUnit, SeverityCounts } from '../../../server/src/protocol/ext';
import type { Ctx } from '../ctx';
import { countDiagnostics, severityShort, severityText, total } from './counts';
import { domainIcon, iconFor, PATTERNS, PLACEHOLDER_ICON, unitIcon, unitKindLabel } from './icons';
import { shortNames } from './labels';

export type GroupBy = 'domain' | 'unit' | 'pipeline';

type Member = GraphMember & { external?: boolean; placeholder?: boolean; pubsub?: boolean };

export type DomainNode =
  | { kind: 'group'; folder: string; by: 'unit' | 'pipeline'; key: string; label: string; unit?: GraphUnit; domains: GraphDomain[] }
  | { kind: 'domain'; folder: string; domain: GraphDomain; parent?: DomainNode }
  | { kind: 'member'; folder: string; domain: GraphDomain; role: 'trigger' | 'function' | 'resource'; member: Member; parent: DomainNode };

/** The diagnostics that start inside a member's definition (or just under it), by severity. */
export function findingsAt(loc: GraphMember['location']): SeverityCounts {
  if (!loc) return countDiagnostics([]);
  const diags = vscode.languages.getDiagnostics(vscode.Uri.parse(loc.uri));
  return countDiagnostics(diags, (d) => d.range.start.line >= loc.range.start.line && d.range.start.line <= loc.range.end.line + 2);
}

// The key of the group of domains no pipeline deploys (a pipeline's id is a path: never this).
const NO_PIPELINE = ':none';

export class DomainsProvider implements vscode.TreeDataProvider<DomainNode> {
  private readonly emitter = new vscode.EventEmitter<DomainNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private roots: DomainNode[] = [];
  /** Short unit names and each domain's pattern, per folder (set when the roots are listed). */
  private names = new Map<string, string>();
  private patterns = new Map<string, string>();
  /** The view, to say why it is empty when the filter hides everything. */
  view: vscode.TreeView<DomainNode> | undefined;

  constructor(private readonly ctx: Ctx) {}

  refresh(): void {
    this.emitter.fire(undefined);
  }

  /** The findings of a node as the tree counts them: the server's for domains and units, VS Code's diagnostics for members. */
  countsOf(node: DomainNode): SeverityCounts {
    if (node.kind === 'member') return findingsAt(node.member.location);
    if (node.kind === 'domain') return node.domain.severities;
    if (node.unit) return node.unit.severities;
    const c = countDiagnostics([]);
    for (const d of node.domains) for (const k of Object.keys(c) as Array<keyof SeverityCounts>) c[k] += d.severities[k];
    return c;
  }

  private shown(d: GraphDomain): boolean {
    if (!this.ctx.explorer.onlyFindings) return true;
    return total(d.severities) > 0 || [...d.triggers, ...d.functions, ...d.resources].some((m) => total(findingsAt(m.location)) > 0);
  }

  async getChildren(node?: DomainNode): Promise<DomainNode[]> {
    if (!node) {
      this.roots = await this.rootNodes(await this.ctx.domainGraph());
      if (this.view) this.view.message = !this.roots.length && this.ctx.explorer.onlyFindings ? 'No domain has findings (the filter hides the others).' : undefined;
      return this.roots;
    }
    if (node.kind === 'member') return [];
    if (node.kind === 'group') return node.domains.filter((d) => this.shown(d)).map((domain): DomainNode => ({ kind: 'domain', folder: node.folder, domain, parent: node }));
    const d = node.domain;
    const members = [
      ...d.triggers.map((member): DomainNode => ({ kind: 'member', folder: node.folder, domain: d, role: 'trigger', member, parent: node })),
      ...d.functions.map((member): DomainNode => ({ kind: 'member', folder: node.folder, domain: d, role: 'function', member, parent: node })),
      ...d.resources.map((member): DomainNode => ({ kind: 'member', folder: node.folder, domain: d, role: 'resource', member, parent: node })),
    ];
    return this.ctx.explorer.onlyFindings ? members.filter((m) => total(this.countsOf(m)) > 0) : members;
  }

  private async rootNodes(g: DomainGraphResult): Promise<DomainNode[]> {
    const by = this.ctx.explorer.groupBy;
    const pipelines = await this.ctx.pipelines();
    this.names = shortNames(g.folders.flatMap((f) => f.units.map((u) => u.id)));
    this.patterns = new Map(pipelines.folders.flatMap((f) => f.pipelines.flatMap((p) => p.domains.map((d) => [`${f.uri}#${d.name}`, d.pattern] as const))));
    const out: DomainNode[] = [];
    for (const f of g.folders) {
      if (by === 'domain') {
        out.push(...f.domains.filter((d) => this.shown(d)).map((domain): DomainNode => ({ kind: 'domain', folder: f.uri, domain })));
        continue;
      }
      const groups: DomainNode[] = [];
      if (by === 'unit') {
        for (const u of f.units) groups.push({ kind: 'group', folder: f.uri, by, key: u.id, label: this.short(u.id), unit: u, domains: f.domains.filter((d) => d.units.includes(u.id)) });
      } else {
        const ps = pipelines.folders.find((x) => x.uri === f.uri)?.pipelines ?? [];
        const deployed = new Set<string>();
        const short = shortNames(ps.map((p) => p.id));
        for (const p of ps) {
          if (!p.domains.length) continue;
          const names = new Set(p.domains.map((d) => d.name));
          for (const n of names) deployed.add(n);
          groups.push({ kind: 'group', folder: f.uri, by, key: p.id, label: short.get(p.id) ?? p.id, domains: f.domains.filter((d) => names.has(d.name)) });
        }
        const rest = f.domains.filter((d) => !deployed.has(d.name));
        if (rest.length) groups.push({ kind: 'group', folder: f.uri, by, key: NO_PIPELINE, label: 'Deployed by no pipeline', domains: rest });
      }
      out.push(...groups.filter((n) => n.kind === 'group' && n.domains.some((d) => this.shown(d))));
    }
    return out;
  }

  private short(unit: string | null): string {
    return unit ? (this.names.get(unit) ?? unit) : '';
  }

  getParent(node: DomainNode): DomainNode | undefined {
    return node.kind === 'group' ? undefined : node.parent;
  }

  /** The first tree node of a domain, by name (for "Reveal in Domain Explorer"). */
  async domainNode(name: string): Promise<DomainNode | undefined> {
    const roots = await this.getChildren();
    for (const r of roots) {
      if (r.kind === 'domain' && r.domain.name === name) return r;
      if (r.kind === 'group' && r.domains.some((d) => d.name === name)) return (await this.getChildren(r)).find((n) => n.kind === 'domain' && n.domain.name === name);
    }
    return undefined;
  }

  getTreeItem(node: DomainNode): vscode.TreeItem {
    if (node.kind === 'group') return this.groupItem(node);
    // A domain may sit under several groups: ids carry the group's key.
    let top: DomainNode | undefined = node;
    while (top?.kind !== 'group' && top?.parent) top = top.parent;
    const scope = top?.kind === 'group' ? `${top.by}:${top.key}#` : '';
    if (node.kind === 'domain') {
      const d = node.domain;
      const pattern = this.patterns.get(`${node.folder}#${d.name}`);
      const item = new vscode.TreeItem(d.name, vscode.TreeItemCollapsibleState.Collapsed);
      const marks = [d.split ? 'split' : '', d.placeholder ? 'placeholder' : ''].filter(Boolean);
      // Under its unit's group, a domain names only its other units.
      const others = top?.kind === 'group' && top.by === 'unit' ? d.units.filter((u) => u !== top.key) : d.units;
      const units = others.map((u) => this.short(u)).join(', ');
      item.description = [others === d.units ? units : units && `also ${units}`, ...marks, severityShort(d.severities)].filter(Boolean).join(' · ');
      item.iconPath = domainIcon(d, pattern);
      item.tooltip = new vscode.MarkdownString(
        [
          `**${d.name}**`,
          `units: ${d.units.map((u) => `\`${u}\``).join(', ')}`,
          `${d.triggers.length} trigger(s), ${d.functions.length} function(s), ${d.resources.length} supporting resource(s)`,
          d.split ? 'split across units: a point-to-point trigger of another unit invokes one of its functions' : '',
          d.placeholder ? 'a function of it is a placeholder (its code is deployed apart)' : '',
          pattern ? `deployment pattern: ${PATTERNS[pattern]?.words ?? pattern}` : '',
          severityText(d.severities) ? `findings: ${severityText(d.severities)}` : '',
        ]
          .filter(Boolean)
          .join('  \n'),
      );
      item.contextValue = 'domain';
      item.id = `${node.folder}#${scope}domain#${d.name}`;
      return item;
    }
    const m = node.member;
    const item = new vscode.TreeItem(m.id, vscode.TreeItemCollapsibleState.None);
    const findings = findingsAt(m.location);
    const color = findings.error ? 'problemsErrorIcon.foreground' : m.placeholder || findings.warning ? 'problemsWarningIcon.foreground' : undefined;
    item.description = [m.external ? 'outside the workspace' : this.short(m.unit), m.placeholder ? 'placeholder' : '', severityShort(findings)].filter(Boolean).join(' · ');
    item.iconPath = m.placeholder ? new vscode.ThemeIcon(PLACEHOLDER_ICON, new vscode.ThemeColor('problemsWarningIcon.foreground')) : iconFor(node.role === 'function' ? 'AWS::Lambda::Function' : m.type, color);
    item.tooltip = [`${m.id} · ${node.role}${m.type ? ` (${m.type})` : ''}`, m.unit ? `unit ${m.unit}` : m.external ? 'outside the workspace' : '', severityText(findings)].filter(Boolean).join('\n');
    item.contextValue = node.role;
    item.id = `${node.folder}#${scope}${node.domain.name}#${node.role}#${m.unit}#${m.id}`;
    if (m.location) item.command = { command: 'serverlessDomains.reveal', title: 'Reveal', arguments: [m.location] };
    return item;
  }

  private groupItem(node: Extract<DomainNode, { kind: 'group' }>): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
    const counts = this.countsOf(node);
    const n = node.domains.length;
    if (node.unit) {
      const u = node.unit;
      item.description = [unitKindLabel(u.kind), severityShort(counts)].filter(Boolean).join(' · ');
      item.iconPath = unitIcon(u.kind, u.inCycle);
      item.tooltip = `${u.id}\n${unitKindLabel(u.kind)}, stack ${u.stackName}\n${n} domain${n === 1 ? '' : 's'}${severityText(counts) ? `\n${severityText(counts)}` : ''}`;
      item.resourceUri = vscode.Uri.parse(u.location.uri);
    } else {
      item.description = [`${n} domain${n === 1 ? '' : 's'}`, severityShort(counts)].filter(Boolean).join(' · ');
      item.iconPath = new vscode.ThemeIcon(node.key === NO_PIPELINE ? 'circle-slash' : 'rocket');
      item.tooltip = node.key === NO_PIPELINE ? 'Domains whose units no pipeline of the workspace deploys' : `${node.key}: deploys ${n} domain${n === 1 ? '' : 's'}`;
    }
    item.contextValue = `${node.by}Group`;
    item.id = `${node.folder}#group#${node.by}#${node.key}`;
    return item;
  }
}
