// The language server: owns documents, folders, settings and scheduling, and wires the
// protocol to its parts (files, diagnostics, actions, features). It talks to the editor only
// through the Connection it is given, so tests can drive it over a real protocol stream.

import * as path from 'path';
import { fileURLToPath } from 'url';
import {
  CancellationToken,
  CodeLensRefreshRequest,
  Connection,
  FileEvent,
  InitializeParams,
  InitializeResult,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisResult, BASELINE_FILE, CONFIG_FILE, Query, SeverityOrOff, Workspace } from '../engine';
import { tryHclParser, wanted } from '../node/load';
import { DEFAULT_SETTINGS, DESCRIBE_DOMAIN_COMMAND, DomainGraphRequest, ExtractDomainRequest, GraphChangedNotification, InitializationOptions, PipelinesRequest, ScanLogNotification, ServerSettings, WRITE_BASELINE_COMMAND } from '../protocol/ext';
import { codeActions, extractDomain } from './actions';
import { markKnown, readFolderBaseline, writeBaselines } from './baseline';
import { Folder, KINDS } from './convert';
import { chooseDiagnosticMode, Diagnostics } from './diagnostics';
import { codeLenses, completions, describeDomain, documentSymbols, graph, hover, workspaceSymbols } from './features';
import { DiskSync } from './files';
import { pipelines } from './pipelines';
import { checkSettings } from './settings';
import { ClientCaps, FolderState, locate, NO_CAPS, ServerContext } from './state';
import { Watching } from './watching';

export class DomainsServer implements ServerContext {
  readonly documents = new TextDocuments(TextDocument);
  folders: FolderState[] = [];
  settings: ServerSettings = { ...DEFAULT_SETTINGS };
  caps: ClientCaps = { ...NO_CAPS };
  generation = 0;
  private dirty = false;
  private timer: NodeJS.Timeout | undefined;
  private ready: Promise<void> = Promise.resolve();
  /** Settles when every folder's workspace has its HCL parser (started at initialisation; tree-sitter loads once per process). */
  private hcl: Promise<void> = Promise.resolve();
  private mode = { pull: false, why: '' };
  private readonly files = new DiskSync(this);
  private readonly diagnostics = new Diagnostics(this);
  private readonly watching = new Watching(this, (events) => this.filesChanged(events));
  /** Hooks for tests and the benchmark: called after every analysis. */
  onAnalysed?: (generation: number) => void;

  constructor(readonly conn: Connection) {}

  listen(): void {
    const c = this.conn;
    c.onInitialize((p) => this.initialize(p));
    c.onInitialized(() => {
      this.ready = this.initialized().catch((e) => c.console.error(`initialisation failed: ${(e as Error).stack}`));
    });
    this.documents.onDidOpen((e) => this.documentChanged(e.document));
    this.documents.onDidChangeContent((e) => this.documentChanged(e.document));
    this.documents.onDidClose((e) => this.documentClosed(e.document));
    this.documents.listen(c);
    c.onDidChangeWatchedFiles((p) => this.filesChanged(p.changes));
    c.onDidChangeConfiguration((p) => void this.configurationChanged(p.settings));
    c.languages.diagnostics.on(async (p, token) => {
      await this.ready;
      return this.safe(token, () => this.diagnostics.document(p), { kind: 'full', items: [] });
    });
    c.languages.diagnostics.onWorkspace(async (p, token) => {
      await this.ready;
      return this.safe(token, () => this.diagnostics.workspace(p), { items: [] });
    });
    c.onCodeAction((p, token) => this.safe(token, () => codeActions(this, p), []));
    c.onDefinition((p, token) => this.safe(token, () => this.at(p.textDocument.uri, p.position, (s, rel, off) => s.query!.definition(rel, off).map((l) => s.folder.location(l))), []));
    c.onReferences((p, token) => this.safe(token, () => this.at(p.textDocument.uri, p.position, (s, rel, off) => s.query!.references(rel, off, p.context.includeDeclaration).map((l) => s.folder.location(l))), []));
    c.onHover((p, token) => this.safe(token, () => hover(this, p.textDocument.uri, p.position), null));
    c.onDocumentSymbol((p, token) => this.safe(token, () => documentSymbols(this, p.textDocument.uri), []));
    c.onWorkspaceSymbol((p, token) => this.safe(token, () => workspaceSymbols(this, p.query), []));
    c.onCodeLens((p, token) => this.safe(token, () => codeLenses(this, p.textDocument.uri), []));
    c.onExecuteCommand((p, token) =>
      this.safe(token, () => {
        // A notification, not window/showMessageRequest: it asks nothing of the user.
        if (p.command === DESCRIBE_DOMAIN_COMMAND) void c.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: describeDomain(this, p.arguments ?? []) });
        if (p.command === WRITE_BASELINE_COMMAND) {
          const files = writeBaselines(this, p.arguments?.[0]);
          // Known findings turn into hints (or disappear) at once.
          this.dirty = true;
          this.flush();
          void c.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: files.length ? `Wrote ${files.join(', ')}: the current findings are known; only new ones are reported.` : 'No folder was analysed, so no baseline was written.' });
          return files;
        }
        return null;
      }, null),
    );
    c.onCompletion((p, token) => this.safe(token, () => this.at(p.textDocument.uri, p.position, (s, rel, off) => completions(s, rel, off)), []));
    this.onCustom(DomainGraphRequest.method, (_p, token) => this.safe(token, () => graph(this), { folders: [], generation: this.generation }));
    this.onCustom(PipelinesRequest.method, (_p, token) => this.safe(token, () => pipelines(this), { folders: [], generation: this.generation }));
    this.onCustom(ExtractDomainRequest.method, (p, token) =>
      this.safe(token, () => (typeof p?.domain === 'string' ? extractDomain(this, typeof p.folder === 'string' ? p.folder : '', p.domain) : null), null),
    );
    c.onShutdown(async () => {
      clearTimeout(this.timer);
      await this.watching.close();
    });
    c.listen();
  }

  /**
   * Registers a custom request that accepts absent, null, positional or mistyped parameters: the
   * handler gets a plain object or undefined, and the cancellation token is always the last argument.
   */
  private onCustom<R>(method: string, handler: (p: Record<string, unknown> | undefined, token: CancellationToken) => R): void {
    this.conn.onRequest(method, (...args: unknown[]) => {
      const token = args[args.length - 1] as CancellationToken;
      const first = args.length > 1 ? args[0] : undefined;
      return handler(first !== null && typeof first === 'object' && !Array.isArray(first) ? (first as Record<string, unknown>) : undefined, token);
    });
  }

  // ---- lifecycle ----

  private initialize(p: InitializeParams): InitializeResult {
    const cap = p.capabilities;
    const options = p.initializationOptions as InitializationOptions | undefined;
    // The settings themselves, or (Helix sends its `config` whole) under `serverlessDomains`.
    const nested = options !== null && typeof options === 'object' ? (options as { serverlessDomains?: unknown }).serverlessDomains : undefined;
    this.settings = this.checked(nested !== null && typeof nested === 'object' ? nested : options);
    this.mode = chooseDiagnosticMode(this.settings.diagnosticMode, cap, p.clientInfo?.name);
    const edit = cap.workspace?.workspaceEdit;
    this.caps = {
      pull: this.mode.pull,
      refresh: !!cap.workspace?.diagnostics?.refreshSupport,
      lensRefresh: !!cap.workspace?.codeLens?.refreshSupport,
      documentChanges: !!edit?.documentChanges,
      createFiles: !!edit?.resourceOperations?.includes('create'),
      progress: !!cap.window?.workDoneProgress,
      configuration: !!cap.workspace?.configuration,
      watchRegistration: !!cap.workspace?.didChangeWatchedFiles?.dynamicRegistration,
      vscodeExtension: options !== null && typeof options === 'object' && options.extension === 'vscode',
    };
    const folders = p.workspaceFolders?.length ? p.workspaceFolders : p.rootUri ? [{ uri: p.rootUri, name: path.basename(fileURLToPath(p.rootUri)) }] : [];
    for (const f of folders) {
      const root = fileURLToPath(f.uri);
      const ws = new Workspace({ rootName: path.basename(root), maxFileSize: this.settings.maxFileSize });
      this.folders.push({ folder: new Folder(root, f.uri, ws), name: f.name, byFile: new Map(), skips: new Map() });
    }
    this.hcl = this.loadHcl();
    this.applySettings();
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        diagnosticProvider: this.caps.pull ? { interFileDependencies: true, workspaceDiagnostics: true, identifier: 'serverless-domains' } : undefined,
        codeActionProvider: { codeActionKinds: [KINDS.quickfix, KINDS.extract, KINDS.move] },
        definitionProvider: true,
        referencesProvider: true,
        hoverProvider: true,
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        codeLensProvider: { resolveProvider: false },
        completionProvider: { triggerCharacters: [' ', '.', ':', '{', '['] },
        // The lenses' command for editors other than VS Code (whose extension has its own).
        // (The VS Code extension sends workspace/executeCommand for Write Baseline from its own command.)
        executeCommandProvider: this.caps.vscodeExtension ? undefined : { commands: [DESCRIBE_DOMAIN_COMMAND, WRITE_BASELINE_COMMAND] },
      },
      serverInfo: { name: 'serverless-domains', version: '0.1.0' },
    };
  }

  /** Hands each folder's workspace an HCL parser; when tree-sitter cannot load, Terraform files are skipped with a reason. */
  private async loadHcl(): Promise<void> {
    for (const s of this.folders) {
      const p = await tryHclParser();
      if ('error' in p) {
        this.conn.console.warn(`Terraform files are not analysed: the HCL parser could not load (${p.error}).`);
        return;
      }
      s.folder.ws.setHclParser(p.hcl);
    }
  }

  private async initialized(): Promise<void> {
    this.conn.console.info(`Diagnostics: ${this.caps.pull ? 'pulled by the editor' : 'pushed by the server'} (${this.mode.why}).`);
    // The whole start shows in the window's progress (the watchers on a large estate, the scan, the
    // analysis); the scan and the analysis block, so each message is let out before them.
    const progress = this.caps.progress ? await this.conn.window.createWorkDoneProgress() : undefined;
    const say = async (percentage: number, message: string) => {
      if (!progress) return;
      if (percentage) progress.report(percentage, message);
      else progress.begin('Serverless Domains', 0, message, false);
      await new Promise<void>((r) => setImmediate(r));
    };
    try {
      await say(0, 'Starting');
      await this.hcl;
      await this.watching.start();
      if (this.caps.configuration) await this.configurationChanged(undefined, false);
      await say(10, 'Scanning the workspace');
      let files = 0;
      for (const s of this.folders) readFolderBaseline(this, s);
      for (const s of this.folders) files += this.files.scan(s);
      await say(50, `Analysing ${files} files`);
      this.analyseNow();
    } finally {
      progress?.done();
    }
  }

  // ---- documents and settings ----

  private documentChanged(doc: TextDocument): void {
    const loc = locate(this.folders, doc.uri);
    if (!loc || !wanted(loc.rel)) return;
    this.diagnostics.edit(doc.uri);
    loc.state.folder.ws.setFile(loc.rel, doc.getText());
    if (loc.rel === CONFIG_FILE) this.files.scan(loc.state);
    this.schedule();
  }

  private filesChanged(changes: FileEvent[]): void {
    for (const ch of changes) {
      const loc = locate(this.folders, ch.uri);
      if (loc?.rel === BASELINE_FILE) readFolderBaseline(this, loc.state);
    }
    this.files.changed(changes);
    this.schedule();
  }

  private documentClosed(doc: TextDocument): void {
    const loc = locate(this.folders, doc.uri);
    if (!loc || !wanted(loc.rel)) return;
    this.files.reloadFromDisk(loc.state, loc.rel);
    this.schedule();
  }

  private async configurationChanged(pushed: unknown, analyse = true): Promise<void> {
    let raw: unknown;
    if (this.caps.configuration) raw = await this.conn.workspace.getConfiguration('serverlessDomains');
    else raw = pushed !== null && typeof pushed === 'object' ? (pushed as { serverlessDomains?: unknown }).serverlessDomains : undefined;
    const before = this.settings;
    this.settings = this.checked(raw);
    if (this.settings.diagnosticMode !== before.diagnosticMode) {
      this.conn.console.info(`serverlessDomains.diagnosticMode is read when the server starts (from initializationOptions); diagnostics stay ${this.caps.pull ? 'pulled' : 'pushed'} until a restart.`);
    }
    this.applySettings();
    if (before.baselineKnown !== this.settings.baselineKnown) for (const s of this.folders) s.republish = true;
    if (!analyse) return;
    if (before.maxFileSize !== this.settings.maxFileSize || before.exclude.join() !== this.settings.exclude.join()) for (const s of this.folders) this.files.scan(s);
    this.schedule();
  }

  /** Settings checked against their types; what had to be replaced by a default is logged. */
  private checked(raw: unknown): ServerSettings {
    const { settings, problems } = checkSettings(raw);
    for (const p of problems) this.conn.console.warn(`settings: ${p}`);
    return settings;
  }

  private applySettings(): void {
    for (const s of this.folders) s.folder.ws.setMaxFileSize(this.settings.maxFileSize);
    for (const s of this.folders) s.folder.ws.setOverrides({ rules: this.settings.rules as Record<string, SeverityOrOff>, exclude: this.settings.exclude });
  }

  // ---- analysis ----

  /** Debounced: an edit waits for `debounce` ms of quiet; a request that needs results flushes. */
  private schedule(): void {
    this.dirty = true;
    clearTimeout(this.timer);
    const delay = Math.max(0, Number(this.settings.debounce) || 0);
    this.timer = setTimeout(() => this.flush(), delay);
  }

  /** Analyses now if anything changed. Synchronous, so a result always matches the texts it is published with. */
  flush(): void {
    clearTimeout(this.timer);
    if (this.dirty) this.analyseNow();
  }

  private analyseNow(): void {
    this.dirty = false;
    this.generation++;
    const counts = { error: 0, warning: 0, information: 0, hint: 0 };
    let units = 0;
    let domains = 0;
    for (const s of this.folders) {
      try {
        const result = s.folder.ws.analyze();
        s.result = result;
        s.query = new Query(s.folder.ws, result);
        s.byFile = result.findingsByFile;
        markKnown(s);
        this.logScan(s, result);
        this.logSkips(s, result);
        // Known findings count as the hints they are shown as (or not at all when hidden).
        for (const list of result.findingsByFile.values()) for (const f of list) if (!s.known?.has(f)) counts[f.severity]++;
        else if (this.settings.baselineKnown === 'hint') counts.hint++;
        units += result.units.length;
        domains += result.linked.domainCount;
        this.diagnostics.analysed(s, result);
      } catch (e) {
        this.conn.console.error(`analysis of ${s.folder.root} failed: ${(e as Error).stack}`);
      }
    }
    this.diagnostics.done();
    // Lens titles count functions and units: ask again after every analysis.
    if (this.caps.lensRefresh) void this.conn.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    void this.conn.sendNotification(GraphChangedNotification.type, { generation: this.generation, units, domains, findings: counts });
    this.onAnalysed?.(this.generation);
  }

  /**
   * The output channel's record of a scan: units by kind, skipped files with reasons, time taken. The
   * VS Code extension gets it typed (it writes it to its channel), other clients as a log message.
   */
  private logScan(s: FolderState, result: AnalysisResult): void {
    if (!s.scanned) return;
    const { started, files } = s.scanned;
    s.scanned = undefined;
    const kinds: Record<string, number> = {};
    for (const u of result.units) kinds[u.kind] = (kinds[u.kind] ?? 0) + 1;
    const byKind = Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(', ');
    const ms = Date.now() - started;
    const skipped = result.skipped.map((x) => ({ file: x.file, reason: x.reason }));
    const lines = [
      `Scanned ${s.folder.root} in ${ms} ms: ${files} file${files === 1 ? '' : 's'} read, ${result.units.length} unit${result.units.length === 1 ? '' : 's'}${byKind ? ` (${byKind})` : ''}, ${result.linked.domainCount} domain${result.linked.domainCount === 1 ? '' : 's'}, ${skipped.length} skipped.`,
      ...skipped.map((k) => `  skipped ${k.file}: ${k.reason}`),
    ];
    const text = lines.join('\n');
    if (this.caps.vscodeExtension) void this.conn.sendNotification(ScanLogNotification.type, { folder: s.folder.uri, ms, files, units: kinds, domains: result.linked.domainCount, skipped, text });
    else this.conn.console.info(text);
    s.skips = new Map(skipped.map((x) => [x.file, x.reason]));
  }

  /** Logs each file newly skipped (by the scan, a file event or an edit past the size limit) with its reason. */
  private logSkips(s: FolderState, result: AnalysisResult): void {
    const now = new Map(result.skipped.map((x) => [x.file, x.reason]));
    for (const [file, reason] of now) if (s.skips.get(file) !== reason) this.conn.console.info(`skipped ${file}: ${reason}`);
    s.skips = now;
  }

  /** Flushes pending edits, checks cancellation before and after, and never lets a handler throw. */
  private safe<T>(token: CancellationToken, f: () => T, fallback: T): T {
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    this.flush();
    let r: T;
    try {
      r = f();
    } catch (e) {
      this.conn.console.error(`request failed: ${(e as Error).stack}`);
      return fallback;
    }
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    return r;
  }

  private at<T>(uri: string, pos: { line: number; character: number }, f: (s: FolderState, rel: string, offset: number) => T[]): T[] {
    const loc = locate(this.folders, uri);
    if (!loc || !loc.state.query) return [];
    return f(loc.state, loc.rel, loc.state.folder.index(loc.rel).offset(pos));
  }
}
