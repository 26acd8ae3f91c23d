// A test client that starts the bundled language server as a child process and speaks LSP
// to it over stdio. It answers the server's own requests and lets tests wait on what the
// server sends, with a deadline (never a fixed sleep).

import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeAction,
  createProtocolConnection,
  Diagnostic,
  InitializeResult,
  ProtocolConnection,
  PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ScanLogParams } from '../../server/src/protocol/ext';

export const SERVER = path.resolve(__dirname, '../../../dist/server.js');

export interface ClientOptions {
  pull?: boolean;
  settings?: Record<string, unknown>;
  /** Another client's initialize request (capabilities, clientInfo), instead of the VS Code-like default. */
  identity?: { capabilities: Record<string, unknown>; clientInfo?: { name: string; version?: string } };
  initializationOptions?: Record<string, unknown>;
  /**
   * Apply workspace edits as Neovim does: a file not open is loaded into a buffer (didOpen) and
   * edited there; `saveAll` writes the buffers. Otherwise files not open are written directly.
   */
  editInBuffers?: boolean;
}

/** A client's initialize request captured in test/lsp/clients/ (see each file's `_source`). */
export function clientIdentity(name: string): { capabilities: Record<string, unknown>; clientInfo?: { name: string; version?: string } } {
  return JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../test/lsp/clients', `${name}.json`), 'utf8'));
}

export class TestClient {
  readonly conn: ProtocolConnection;
  readonly child: ChildProcess;
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** The document version of the last diagnostics published for each URI. */
  readonly versions = new Map<string, number | undefined>();
  readonly open = new Map<string, TextDocument>();
  graphChanges = 0;
  /** workspace/codeLens/refresh requests received. */
  lensRefreshes = 0;
  /** The messages of window/logMessage (the output channel). */
  readonly logs: string[] = [];
  readonly progress: Array<{ kind: string; title?: string; message?: string }> = [];
  /** The serverlessDomains/scanLog notifications (sent to the VS Code extension only). */
  readonly scanLogs: ScanLogParams[] = [];
  /** The messages of window/showMessage. */
  readonly messages: string[] = [];
  /** The glob patterns of the file watchers the server registered for changes (client/registerCapability; not those for creation or deletion only). */
  readonly watchedGlobs: string[] = [];
  stderr = '';
  private waiters: Array<() => void> = [];
  settings: Record<string, unknown>;

  constructor(
    readonly root: string,
    readonly opts: ClientOptions = {},
  ) {
    // Tests run with no debounce unless they say otherwise; `null` asks for the server's default.
    this.settings = { debounce: 0, ...(opts.settings ?? {}) };
    for (const [k, v] of Object.entries(this.settings)) if (v === null) delete this.settings[k];
    this.child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (d) => (this.stderr += d));
    this.conn = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.versions.set(p.uri, p.version);
      this.wake();
    });
    this.conn.onNotification('serverlessDomains/graphChanged', () => {
      this.graphChanges++;
      this.wake();
    });
    this.conn.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      this.wake();
    });
    this.conn.onNotification('serverlessDomains/scanLog', (p: ScanLogParams) => {
      this.scanLogs.push(p);
      this.wake();
    });
    this.conn.onNotification('window/showMessage', (p: { message: string }) => {
      this.messages.push(p.message);
      this.wake();
    });
    this.conn.onNotification('$/progress', (p: { value: { kind: string; title?: string; message?: string } }) => {
      this.progress.push(p.value);
      this.wake();
    });
    this.conn.onRequest('client/registerCapability', (p: { registrations: Array<{ registerOptions?: { watchers?: Array<{ globPattern: unknown; kind?: number }> } }> }) => {
      // WatchKind: Create 1, Change 2, Delete 4 (all when absent).
      for (const r of p.registrations) for (const w of r.registerOptions?.watchers ?? []) if (typeof w.globPattern === 'string' && (w.kind ?? 7) & 2) this.watchedGlobs.push(w.globPattern);
      return null;
    });
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('workspace/diagnostic/refresh', () => {
      this.wake();
      return null;
    });
    this.conn.onRequest('workspace/codeLens/refresh', () => {
      this.lensRefreshes++;
      this.wake();
      return null;
    });
    this.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings));
    this.conn.listen();
  }

  uri(rel: string): string {
    return pathToFileURL(path.join(this.root, rel)).href;
  }

  async start(): Promise<InitializeResult> {
    const diagnosticCaps = this.opts.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {};
    const result = await this.conn.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(this.root).href,
      workspaceFolders: [{ uri: pathToFileURL(this.root).href, name: path.basename(this.root) }],
      clientInfo: this.opts.identity?.clientInfo,
      initializationOptions: this.opts.initializationOptions,
      capabilities: this.opts.identity?.capabilities ?? {
        workspace: {
          configuration: true,
          didChangeWatchedFiles: { dynamicRegistration: true },
          workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
          diagnostics: { refreshSupport: !!this.opts.pull },
        },
        window: { workDoneProgress: true },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true }, ...diagnosticCaps },
      },
    });
    const analysed = this.nextGraphChange();
    await this.conn.sendNotification('initialized', {});
    await analysed;
    return result;
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves when `check` holds, re-checking after every message from the server; fails at the deadline. */
  waitFor<T>(what: string, check: () => T | undefined | false, ms = 20000): Promise<T> {
    return new Promise((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}\n${this.stderr}`)), ms);
      const test = () => {
        let r: T | undefined | false;
        try {
          r = check();
        } catch (e) {
          clearTimeout(deadline);
          reject(e);
          return;
        }
        if (r) {
          clearTimeout(deadline);
          resolve(r);
        } else this.waiters.push(test);
      };
      test();
    });
  }

  nextGraphChange(): Promise<number> {
    const n = this.graphChanges;
    return this.waitFor('an analysis', () => (this.graphChanges > n ? this.graphChanges : undefined));
  }

  codes(rel: string): string[] {
    return (this.diagnostics.get(this.uri(rel)) ?? []).map((d) => String(d.code)).sort();
  }

  /** Opens a file as the editor does; with `mayBeMissing`, a file not on disk opens empty (a new buffer). */
  async openFile(rel: string, mayBeMissing = false): Promise<void> {
    const file = path.join(this.root, rel);
    const text = mayBeMissing && !fs.existsSync(file) ? '' : fs.readFileSync(file, 'utf8');
    // A `.tf` file gets the language id of HashiCorp's extension.
    const languageId = rel.endsWith('.tf') ? 'terraform' : 'yaml';
    const doc = TextDocument.create(this.uri(rel), languageId, 1, text);
    this.open.set(rel, doc);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: doc.uri, languageId, version: 1, text } });
  }

  /** The refactors the server offers at a position (`textDocument/codeAction` with `only: ['refactor']`). */
  refactorsAt(rel: string, line: number, character: number): Promise<CodeAction[]> {
    return this.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: this.uri(rel) },
      range: { start: { line, character }, end: { line, character } },
      context: { diagnostics: [], only: ['refactor'] },
    });
  }

  /** Sends an incremental change to an open document. */
  async edit(rel: string, edits: TextEdit[]): Promise<void> {
    const doc = this.open.get(rel)!;
    const text = TextDocument.applyEdits(doc, edits);
    const next = TextDocument.create(doc.uri, doc.languageId, doc.version + 1, text);
    this.open.set(rel, next);
    await this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: doc.uri, version: next.version },
      contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })),
    });
  }

  async replaceAll(rel: string, text: string): Promise<void> {
    const doc = this.open.get(rel)!;
    await this.edit(rel, [TextEdit.replace({ start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) }, text)]);
  }

  /** Whether the client registers file watchers for the server (else it never sends didChangeWatchedFiles). */
  get watchesFiles(): boolean {
    const caps = this.opts.identity?.capabilities as { workspace?: { didChangeWatchedFiles?: { dynamicRegistration?: boolean } } } | undefined;
    return caps ? !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration : true;
  }

  rel(uri: string): string {
    return path.relative(this.root, new URL(uri).pathname).split(path.sep).join('/');
  }

  /**
   * Applies a workspace edit the way an editor does: open documents change in place, others on
   * disk (or, with `editInBuffers`, in a buffer opened for them). A CreateFile is read as Neovim
   * reads it: the file (and its folder) is created unless `ignoreIfExists` is set without
   * `overwrite`. A versioned edit of a document at another version is refused, as Neovim does.
   */
  async apply(edit: WorkspaceEdit): Promise<void> {
    const changes: Array<{ uri: string; type: number }> = [];
    const ops: Array<{ create: { uri: string; options?: { overwrite?: boolean; ignoreIfExists?: boolean } } } | { uri: string; version: number | null; edits: TextEdit[] }> = [];
    for (const dc of edit.documentChanges ?? []) {
      if ('kind' in dc) {
        if (dc.kind !== 'create') throw new Error(`unexpected resource operation ${dc.kind}`);
        ops.push({ create: dc });
      } else {
        const tde = dc as TextDocumentEdit;
        ops.push({ uri: tde.textDocument.uri, version: tde.textDocument.version, edits: tde.edits as TextEdit[] });
      }
    }
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) ops.push({ uri, version: null, edits });
    for (const op of ops) {
      if ('create' in op) {
        const file = new URL(op.create.uri).pathname;
        const o = op.create.options ?? {};
        if (!o.ignoreIfExists || o.overwrite) {
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fs.writeFileSync(file, '');
          changes.push({ uri: op.create.uri, type: 1 });
        }
        continue;
      }
      const rel = this.rel(op.uri);
      if (!this.open.has(rel) && this.opts.editInBuffers) await this.openFile(rel, true);
      const doc = this.open.get(rel);
      if (doc) {
        if (op.version !== null && op.version !== doc.version) throw new Error(`${rel}: the edit is for version ${op.version}, the buffer is at ${doc.version}`);
        await this.edit(rel, op.edits);
      } else {
        const file = path.join(this.root, rel);
        const before = TextDocument.create(op.uri, 'yaml', 0, fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
        fs.writeFileSync(file, TextDocument.applyEdits(before, op.edits));
        changes.push({ uri: op.uri, type: 2 });
      }
    }
    if (changes.length && this.watchesFiles) await this.conn.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  /** Writes every open document to disk (`:wall`): fails, as an editor does, where the folder does not exist. */
  async saveAll(): Promise<void> {
    for (const [rel, doc] of this.open) {
      const file = path.join(this.root, rel);
      if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === doc.getText()) continue;
      fs.writeFileSync(file, doc.getText());
      await this.conn.sendNotification('textDocument/didSave', { textDocument: { uri: doc.uri } });
    }
  }

  async stop(): Promise<void> {
    try {
      await this.conn.sendRequest('shutdown');
      await this.conn.sendNotification('exit');
    } catch {
      // already gone
    }
    this.conn.dispose();
    this.child.kill();
  }
}
