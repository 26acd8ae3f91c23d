// The Pipelines view: each pipeline (kind, file), the domains it deploys with their deployment
// pattern, its jobs in the order they run, and under each job the units it deploys, the functions
// whose code it ships and the deploy commands the files do not tie to a unit; pipelines with no
// deploy command at all are grouped last. Server data only.

import * as vscode from 'vscode';
import type { PipelineItem, PipelineJobItem } from '../../../server/src/protocol/ext';
import type { Ctx } from '../ctx';
import { PATTERNS } from './icons';
import { shortNames } from './labels';

type Deploy = PipelineJobItem['deploys'][number];
type CodeDeploy = PipelineJobItem['codeDeploys'][number];
type Unmatched = PipelineJobItem['unmatched'][number];

export type PipelineNode =
  | { kind: 'quiet'; folder: string; pipelines: PipelineItem[] }
  | { kind: 'pipeline'; folder: string; pipeline: PipelineItem }
  | { kind: 'domains'; folder: string; pipeline: PipelineItem }
  | { kind: 'domain'; folder: string; pipeline: PipelineItem; domain: PipelineItem['domains'][number] }
  | { kind: 'job'; folder: string; pipeline: PipelineItem; job: PipelineJobItem; index: number }
  | { kind: 'deploy'; folder: string; pipeline: PipelineItem; job: PipelineJobItem; deploy: Deploy }
  | { kind: 'code'; folder: string; pipeline: PipelineItem; job: PipelineJobItem; code: CodeDeploy }
  | { kind: 'unmatched'; folder: string; pipeline: PipelineItem; job: PipelineJobItem; unmatched: Unmatched };

const PATTERN_WORDS: Record<string, string> = Object.fromEntries(Object.entries(PATTERNS).map(([k, v]) => [k, v.words]));

const KIND_ICONS: Record<string, string> = { github: 'github', gitlab: 'git-merge', codebuild: 'server-process', codepipeline: 'server-process' };

const deploysAnything = (p: PipelineItem) => p.jobs.some((j) => j.deploys.length || j.codeDeploys.length || j.unmatched.length);

const reveal = (location: unknown): vscode.Command => ({ command: 'serverlessDomains.reveal', title: 'Reveal', arguments: [location] });

// Leaves carry no id: a matrix may repeat a command, and VS Code numbers them under their job.
export class PipelinesProvider implements vscode.TreeDataProvider<PipelineNode> {
  private readonly emitter = new vscode.EventEmitter<PipelineNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(private readonly ctx: Ctx) {}

  /** Whether pipeline nodes start expanded (set when the roots are listed). */
  private open = false;
  /** Short unit names, as the other views show them. */
  private names = new Map<string, string>();
  private pipelineNames = new Map<string, string>();

  refresh(): void {
    this.emitter.fire(undefined);
  }

  async getChildren(node?: PipelineNode): Promise<PipelineNode[]> {
    if (!node) {
      // Pipelines that run no deploy command (tests, linters) go last, in one group.
      const r = await this.ctx.pipelines();
      const g = await this.ctx.domainGraph();
      this.names = shortNames(g.folders.flatMap((f) => f.units.map((u) => u.id)));
      // Pipelines by file name (`release.yml`), with more of the path only where two share one.
      this.pipelineNames = shortNames(r.folders.flatMap((f) => f.pipelines.map((p) => p.id)));
      // A small estate (three deploying pipelines or fewer) shows them open; a large one stays compact.
      this.open = r.folders.flatMap((f) => f.pipelines.filter(deploysAnything)).length <= 3;
      return r.folders.flatMap((f): PipelineNode[] => {
        const quiet = f.pipelines.filter((p) => !deploysAnything(p));
        return [
          ...f.pipelines.filter(deploysAnything).map((pipeline): PipelineNode => ({ kind: 'pipeline', folder: f.uri, pipeline })),
          ...(quiet.length ? [{ kind: 'quiet', folder: f.uri, pipelines: quiet } as PipelineNode] : []),
        ];
      });
    }
    if (node.kind === 'quiet') return node.pipelines.map((pipeline): PipelineNode => ({ kind: 'pipeline', folder: node.folder, pipeline }));
    const { folder, pipeline } = node;
    switch (node.kind) {
      case 'pipeline':
        return [
          ...(pipeline.domains.length ? [{ kind: 'domains', folder, pipeline } as PipelineNode] : []),
          ...pipeline.jobs.map((job, index): PipelineNode => ({ kind: 'job', folder, pipeline, job, index })),
        ];
      case 'domains':
        return pipeline.domains.map((domain): PipelineNode => ({ kind: 'domain', folder, pipeline, domain }));
      case 'job': {
        const job = node.job;
        return [
          ...job.deploys.map((deploy): PipelineNode => ({ kind: 'deploy', folder, pipeline, job, deploy })),
          ...job.codeDeploys.map((code): PipelineNode => ({ kind: 'code', folder, pipeline, job, code })),
          ...job.unmatched.map((unmatched): PipelineNode => ({ kind: 'unmatched', folder, pipeline, job, unmatched })),
        ];
      }
      default:
        return [];
    }
  }

  getTreeItem(node: PipelineNode): vscode.TreeItem {
    if (node.kind === 'quiet') {
      const item = new vscode.TreeItem('Pipelines with no deploy command', vscode.TreeItemCollapsibleState.Collapsed);
      item.description = String(node.pipelines.length);
      item.tooltip = 'Pipeline files in which no deploy command was found (tests, linters, releases of packages)';
      item.iconPath = new vscode.ThemeIcon('circle-slash');
      item.id = `${node.folder}#quiet`;
      return item;
    }
    const base = `${node.folder}#${node.pipeline.id}`;
    switch (node.kind) {
      case 'pipeline': {
        const p = node.pipeline;
        const item = new vscode.TreeItem(this.pipelineNames.get(p.id) ?? p.id, this.open && deploysAnything(p) ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        const units = new Set(p.jobs.flatMap((j) => j.deploys.map((d) => d.unit)));
        item.description = [p.kind, units.size ? `${units.size} unit${units.size === 1 ? '' : 's'}` : 'deploys no unit', p.after.length ? `after ${p.after.join(', ')}` : ''].filter(Boolean).join(' · ');
        const paths = p.paths ? [...p.paths.include, ...p.paths.exclude.map((x) => `!${x}`)] : [];
        item.tooltip = new vscode.MarkdownString(
          [`**${p.name}** (${p.kind})`, `\`${p.id}\``, paths.length ? `runs on changes to ${paths.map((x) => `\`${x}\``).join(', ')}` : 'runs on every change', ...p.after.map((a) => `runs after \`${a}\``)].join('  \n'),
        );
        item.iconPath = new vscode.ThemeIcon(KIND_ICONS[p.kind] ?? 'rocket');
        item.resourceUri = vscode.Uri.parse(p.location.uri);
        item.contextValue = 'pipeline';
        item.id = base;
        item.command = reveal(p.location);
        return item;
      }
      case 'domains': {
        const item = new vscode.TreeItem('Domains', vscode.TreeItemCollapsibleState.Collapsed);
        const counts = new Map<string, number>();
        for (const d of node.pipeline.domains) counts.set(d.pattern, (counts.get(d.pattern) ?? 0) + 1);
        item.description = [...counts].map(([p, n]) => `${n} ${PATTERN_WORDS[p] ?? p}`).join(', ');
        item.iconPath = new vscode.ThemeIcon('type-hierarchy-sub');
        item.contextValue = 'pipelineDomains';
        item.id = `${base}#domains`;
        return item;
      }
      case 'domain': {
        const d = node.domain;
        const item = new vscode.TreeItem(d.name, vscode.TreeItemCollapsibleState.None);
        item.description = PATTERN_WORDS[d.pattern] ?? d.pattern;
        item.tooltip = [`${d.name}: ${PATTERN_WORDS[d.pattern] ?? d.pattern}`, d.why].filter(Boolean).join('\n');
        item.iconPath = new vscode.ThemeIcon(PATTERNS[d.pattern]?.icon ?? 'type-hierarchy-sub');
        item.contextValue = 'pipelineDomain';
        item.id = `${base}#domain#${d.name}`;
        item.command = { command: 'serverlessDomains.revealInExplorer', title: 'Reveal in Domain Explorer', arguments: [node.folder, d.name] };
        return item;
      }
      case 'job': {
        const j = node.job;
        const n = j.deploys.length + j.codeDeploys.length + j.unmatched.length;
        const item = new vscode.TreeItem(`${node.index + 1}. ${j.name && j.name !== j.id ? `${j.id} (${j.name})` : j.id}`, n ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        item.description = [j.stage ? `stage ${j.stage}` : '', j.needs.length ? `needs ${j.needs.join(', ')}` : '', n ? '' : 'no deploy'].filter(Boolean).join(' · ');
        item.tooltip = j.after.length ? `runs after ${j.after.join(', ')}` : 'no job of the pipeline runs before it';
        item.iconPath = new vscode.ThemeIcon('list-ordered');
        item.contextValue = 'pipelineJob';
        item.id = `${base}#job#${j.id}`;
        item.command = reveal(j.location);
        return item;
      }
      case 'deploy': {
        const d = node.deploy;
        const item = new vscode.TreeItem(this.names.get(d.unit) ?? d.unit, vscode.TreeItemCollapsibleState.None);
        item.description = [d.stackName ? `stack ${d.stackName}` : '', d.through.length ? `via ${d.through.join(' → ')}` : ''].filter(Boolean).join(' · ');
        item.tooltip = `${d.unit}\n${d.command}\n(${vscode.Uri.parse(d.location.uri).path.split('/').pop()}:${d.location.range.start.line + 1})`;
        item.iconPath = new vscode.ThemeIcon('package');
        item.contextValue = 'pipelineDeploy';
        item.command = reveal(d.unitLocation ?? d.location);
        return item;
      }
      case 'code': {
        const c = node.code;
        const item = new vscode.TreeItem(c.fn && c.unit ? `${c.fn} → ${c.unit}` : c.function, vscode.TreeItemCollapsibleState.None);
        item.description = c.unit ? 'code only' : 'code only · no unit of the workspace defines it';
        item.tooltip = c.command;
        item.iconPath = new vscode.ThemeIcon('symbol-method');
        item.contextValue = 'pipelineCodeDeploy';
        item.command = reveal(c.functionLocation ?? c.location);
        return item;
      }
      case 'unmatched': {
        const u = node.unmatched;
        const item = new vscode.TreeItem(u.command, vscode.TreeItemCollapsibleState.None);
        item.description = u.reason;
        item.tooltip = `${u.command}\nnot matched: ${u.reason}`;
        item.iconPath = new vscode.ThemeIcon('question');
        item.contextValue = 'pipelineUnmatched';
        item.command = reveal(u.location);
        return item;
      }
    }
  }
}
