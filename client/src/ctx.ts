// One context for the whole extension: the language client, the output channel, and the
// latest domain graph (always asked of the server, never computed here).

import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { DomainGraphRequest, DomainGraphResult, GraphChangedNotification, GraphChangedParams } from '../../server/src/protocol/ext';
import { readConfig } from './config';

export class Ctx implements vscode.Disposable {
  client: LanguageClient | undefined;
  readonly log: vscode.LogOutputChannel;
  private graph: DomainGraphResult | undefined;
  private pending: Promise<DomainGraphResult> | undefined;
  private readonly changed = new vscode.EventEmitter<GraphChangedParams>();
  /** Fires after every analysis (the server's change notification). */
  readonly onDidChangeGraph = this.changed.event;
  lastChange: GraphChangedParams | undefined;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.log = vscode.window.createOutputChannel('Serverless Domains', { log: true });
    extension.subscriptions.push(this.log, this.changed);
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
      ],
      outputChannel: this.log,
      initializationOptions: readConfig(),
    };
    this.client = new LanguageClient('serverlessDomains', 'Serverless Domains', serverOptions, clientOptions);
    await this.client.start();
    this.extension.subscriptions.push(
      this.client.onNotification(GraphChangedNotification.type, (p) => {
        this.graph = undefined;
        this.lastChange = p;
        this.changed.fire(p);
      }),
    );
  }

  async restart(): Promise<void> {
    await this.client?.stop();
    this.graph = undefined;
    await this.start();
  }

  /** The domain graph, from the server; cached until the next change notification. */
  async domainGraph(): Promise<DomainGraphResult> {
    if (this.graph) return this.graph;
    if (!this.client) return { folders: [], generation: 0 };
    this.pending ??= this.client.sendRequest(DomainGraphRequest.type).then((g) => {
      this.pending = undefined;
      this.graph = g;
      return g;
    });
    return this.pending;
  }

  dispose(): void {
    void this.client?.stop();
  }
}
