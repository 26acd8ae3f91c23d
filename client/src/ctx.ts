// One context for the whole extension: the language client, the output channel (which logs
// each scan), the explorer's choices (grouping, filter), and the latest domain graph (always
// asked of the server, never computed here).

import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { DomainGraphRequest, DomainGraphResult, GraphChangedNotification, GraphChangedParams, PipelinesRequest, PipelinesResult, ScanLogNotification } from '../../server/src/protocol/ext';
import { readConfig } from './config';

export class Ctx implements vscode.Disposable {
  client: LanguageClient | undefined;
  readonly log: vscode.LogOutputChannel;
  private graph: DomainGraphResult | undefined;
  private pending: Promise<DomainGraphResult> | undefined;
  private pipelineList: PipelinesResult | undefined;
  private pendingPipelines: Promise<PipelinesResult> | undefined;
  private starting: Promise<void> | undefined;
  private readonly changed = new vscode.EventEmitter<GraphChangedParams>();
  /** Fires after every analysis (the server's change notification). */
  readonly onDidChangeGraph = this.changed.event;
  lastChange: GraphChangedParams | undefined;
  /** The scans logged to the output channel, latest last (the extension's API exposes them to tests). */
  readonly scans: string[] = [];
  /** How the Domains view groups its domains, and whether the trees show only what has findings. */
  readonly explorer: { groupBy: 'domain' | 'unit' | 'pipeline'; onlyFindings: boolean };

  constructor(readonly extension: vscode.ExtensionContext) {
    this.log = vscode.window.createOutputChannel('Serverless Domains', { log: true });
    extension.subscriptions.push(this.log, this.changed);
    const state = extension.workspaceState;
    this.explorer = { groupBy: state.get('serverlessDomains.groupBy', 'domain'), onlyFindings: state.get('serverlessDomains.onlyFindings', false) };
    void this.setExplorer({});
  }

  /** Changes the explorer's choices, keeps them in the workspace state, and sets the context keys the view menus read. */
  async setExplorer(change: Partial<Ctx['explorer']>): Promise<void> {
    Object.assign(this.explorer, change);
    await this.extension.workspaceState.update('serverlessDomains.groupBy', this.explorer.groupBy);
    await this.extension.workspaceState.update('serverlessDomains.onlyFindings', this.explorer.onlyFindings);
    await vscode.commands.executeCommand('setContext', 'serverlessDomains.groupBy', this.explorer.groupBy);
    await vscode.commands.executeCommand('setContext', 'serverlessDomains.onlyFindings', this.explorer.onlyFindings);
  }

  async start(): Promise<void> {
    const module = this.extension.asAbsolutePath(path.join('dist', 'server.js'));
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'yaml' },
        { scheme: 'file', language: 'json' },
        { scheme: 'file', pattern: '**/*.template' },
        // Terraform by name, not language: the language id `terraform` comes from HashiCorp's extension, if installed.
        { scheme: 'file', pattern: '**/*.tf' },
        // What pipelines run on the way to a deploy (workflows, buildspecs and package.json are YAML and JSON above).
        { scheme: 'file', language: 'shellscript' },
        { scheme: 'file', language: 'makefile' },
        { scheme: 'file', pattern: '**/*.{sh,bash,zsh,ps1,mk}' },
        { scheme: 'file', pattern: '**/Makefile' },
      ],
      outputChannel: this.log,
      // `extension` tells the server that lenses may carry this extension's commands.
      initializationOptions: { ...readConfig(), extension: 'vscode' },
    };
    const client = new LanguageClient('serverlessDomains', 'Serverless Domains', serverOptions, clientOptions);
    this.client = client;
    this.graph = undefined;
    // Before start: the first scan may be logged before start() settles.
    this.extension.subscriptions.push(
      client.onNotification(ScanLogNotification.type, (p) => {
        if (this.client !== client) return;
        this.scans.push(p.text);
        this.log.info(p.text);
      }),
    );
    this.starting = client.start();
    await this.starting;
    this.extension.subscriptions.push(
      client.onNotification(GraphChangedNotification.type, (p) => {
        if (this.client !== client) return;
        this.graph = undefined;
        this.pipelineList = undefined;
        this.lastChange = p;
        this.changed.fire(p);
      }),
    );
  }

  async restart(): Promise<void> {
    const old = this.client;
    this.client = undefined;
    this.graph = undefined;
    this.pending = undefined;
    this.pipelineList = undefined;
    this.pendingPipelines = undefined;
    await old?.stop();
    await this.start();
  }

  /** The domain graph, from the server; cached until the next change notification. */
  async domainGraph(): Promise<DomainGraphResult> {
    if (this.graph) return this.graph;
    await this.starting;
    const client = this.client;
    if (!client?.isRunning()) return { folders: [], generation: 0 };
    // One request at a time; a failure is not remembered, the next call asks again.
    this.pending ??= client.sendRequest(DomainGraphRequest.type).then(
      (g) => {
        this.pending = undefined;
        if (this.client === client) this.graph = g;
        return g;
      },
      (e) => {
        this.pending = undefined;
        this.log.warn(`domain graph request failed: ${(e as Error).message}`);
        return { folders: [], generation: 0 };
      },
    );
    return this.pending;
  }

  /** The pipelines of every folder, from the server; cached until the next change notification. */
  async pipelines(): Promise<PipelinesResult> {
    if (this.pipelineList) return this.pipelineList;
    await this.starting;
    const client = this.client;
    if (!client?.isRunning()) return { folders: [], generation: 0 };
    this.pendingPipelines ??= client.sendRequest(PipelinesRequest.type).then(
      (r) => {
        this.pendingPipelines = undefined;
        if (this.client === client) this.pipelineList = r;
        return r;
      },
      (e) => {
        this.pendingPipelines = undefined;
        this.log.warn(`pipelines request failed: ${(e as Error).message}`);
        return { folders: [], generation: 0 };
      },
    );
    return this.pendingPipelines;
  }

  dispose(): void {
    void this.client?.stop();
  }
}
