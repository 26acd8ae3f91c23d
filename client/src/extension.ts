// The VS Code extension's entry point. The language client, views and commands arrive with
// their own issue; until then the extension only says where the checker is.

import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const channel = vscode.window.createOutputChannel('Serverless Domains', { log: true });
  context.subscriptions.push(channel);
  channel.info('Serverless Domains: the analysis is available from the command line (serverless-domains check).');
}

export function deactivate(): void {}
