// The language server's entry point: over stdio (`--stdio`) or Node IPC (`--node-ipc`),
// as the client starts it.

import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { DomainsServer } from './server';

const connection = createConnection(ProposedFeatures.all);
new DomainsServer(connection).listen();
