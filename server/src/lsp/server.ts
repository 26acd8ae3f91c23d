// The language server: owns documents, folders, settings, scheduling and diagnostics, and
// answers the editor's questions through the engine's Query. It talks to the editor only
// through the Connection it is given, so tests can drive it over a real protocol stream.

import * as path from 'path';
import { fileURLToPath } from 'url';
import {
  CancellationToken,
  CodeAction,
  CodeActionParams,
  CodeLens,
  CompletionItem,
  CompletionItemKind,
  Connection,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticParams,
  DocumentDiagnosticReport,
  DocumentSymbol,
  FileChangeType,
  FileEvent,
  Hover,
  InitializeParams,
  InitializeResult,
  LSPErrorCodes,
  MarkupKind,
  ResponseError,
  SymbolInformation,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
  WatchKind,
  WorkspaceDiagnosticParams,
  WorkspaceDiagnosticReport,
  WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisResult, CONFIG_FILE, Finding, isSourceFile, Loc, Query, SeverityOrOff, SymbolInfo, Workspace } from '../engine';
import { configFilter, prunedFolder, readEntry, scanFolder, ScanEntry, wanted } from '../node/load';
import {
  DEFAULT_SETTINGS,
  DomainGraphRequest,
  DomainGraphResult,
  ExtractDomainRequest,
  GraphChangedNotification,
  ServerSettings,
} from '../protocol/ext';
import { Folder, KINDS, toCodeAction, toDiagnostic, toWorkspaceEdit } from './convert';
import { checkSettings } from './settings';

interface FolderState {
  folder: Folder;
  name: string;
  result?: AnalysisResult;
  query?: Query;
  byFile: ReadonlyMap<string, Finding[]>;
  /** A scan not yet logged: when it started and how many files it read. */
  scanned?: { started: number; files: number };
  /** Skipped files already logged, with their reasons. */
  skips: Map<string, string>;
}

interface ClientCaps {
  pull: boolean;
  refresh: boolean;
  documentChanges: boolean;
  progress: boolean;
  configuration: boolean;
  watchRegistration: boolean;
}

export class DomainsServer {
  readonly documents = new TextDocuments(TextDocument);
  private folders: FolderState[] = [];
  private settings: ServerSettings = { ...DEFAULT_SETTINGS };
  private caps: ClientCaps = { pull: false, refresh: false, documentChanges: false, progress: false, configuration: false, watchRegistration: false };
  private generation = 0;
  private dirty = false;
  private timer: NodeJS.Timeout | undefined;
  private pullResults = new Map<string, string>();
  /** Open documents edited since the last analysis: they get diagnostics (with their new version) even when unchanged. */
  private edited = new Set<string>();
  private ready: Promise<void> = Promise.resolve();
  /** Hooks for tests and the benchmark: called after every analysis. */
  onAnalysed?: (generation: number) => void;

  constructor(private readonly conn: Connection) {}

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
    c.onDidChangeWatchedFiles((p) => this.watchedFiles(p.changes));
    c.onDidChangeConfiguration((p) => void this.configurationChanged(p.settings));
    c.languages.diagnostics.on((p, token) => this.documentDiagnostics(p, token));
    c.languages.diagnostics.onWorkspace((p, token) => this.workspaceDiagnostics(p, token));
    c.onCodeAction((p, token) => this.safe(token, () => this.codeActions(p), []));
    c.onDefinition((p, token) => this.safe(token, () => this.at(p.textDocument.uri, p.position, (s, rel, off) => s.query!.definition(rel, off).map((l) => s.folder.location(l))), []));
    c.onReferences((p, token) => this.safe(token, () => this.at(p.textDocument.uri, p.position, (s, rel, off) => s.query!.references(rel, off, p.context.includeDeclaration).map((l) => s.folder.location(l))), []));
    c.onHover((p, token) => this.safe(token, () => this.hover(p.textDocument.uri, p.position), null));
    c.onDocumentSymbol((p, token) => this.safe(token, () => this.documentSymbols(p.textDocument.uri), []));
    c.onWorkspaceSymbol((p, token) => this.safe(token, () => this.workspaceSymbols(p.query), []));
    c.onCodeLens((p, token) => this.safe(token, () => this.codeLenses(p.textDocument.uri), []));
    c.onCompletion((p, token) => this.safe(token, () => this.at(p.textDocument.uri, p.position, (s, rel, off) => this.completions(s, rel, off)), []));
    this.onCustom(DomainGraphRequest.method, (_p, token) => this.safe(token, () => this.graph(), { folders: [], generation: this.generation }));
    this.onCustom(ExtractDomainRequest.method, (p, token) =>
      this.safe(token, () => (typeof p?.domain === 'string' ? this.extractDomain(typeof p.folder === 'string' ? p.folder : '', p.domain) : null), null),
    );
    c.onShutdown(() => clearTimeout(this.timer));
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
    this.caps = {
      pull: !!cap.textDocument?.diagnostic,
      refresh: !!cap.workspace?.diagnostics?.refreshSupport,
      documentChanges: !!cap.workspace?.workspaceEdit?.documentChanges && !!cap.workspace.workspaceEdit.resourceOperations?.includes('create'),
      progress: !!cap.window?.workDoneProgress,
      configuration: !!cap.workspace?.configuration,
      watchRegistration: !!cap.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    };
    this.settings = this.checked(p.initializationOptions);
    const folders = p.workspaceFolders?.length ? p.workspaceFolders : p.rootUri ? [{ uri: p.rootUri, name: path.basename(fileURLToPath(p.rootUri)) }] : [];
    for (const f of folders) {
      const root = fileURLToPath(f.uri);
      const ws = new Workspace({ rootName: path.basename(root), maxFileSize: this.settings.maxFileSize });
      this.folders.push({ folder: new Folder(root, f.uri, ws), name: f.name, byFile: new Map(), skips: new Map() });
    }
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
      },
      serverInfo: { name: 'serverless-domains', version: '0.1.0' },
    };
  }

  private async initialized(): Promise<void> {
    if (this.caps.watchRegistration) {
      await this.conn.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: '**/*.{yml,yaml,json,template,toml,sh,bash,mk}' },
          // Source code, read only where it invokes a function through an SDK (orphan-function).
          { globPattern: '**/*.{ts,mts,cts,js,mjs,cjs,py}' },
          { globPattern: '**/{Makefile,Jenkinsfile}' },
          // Folders created, deleted or renamed: their files get no events of their own.
          { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete },
        ],
      });
    }
    if (this.caps.configuration) await this.configurationChanged(undefined, false);
    const progress = this.caps.progress ? await this.conn.window.createWorkDoneProgress() : undefined;
    progress?.begin('Serverless Domains', 0, 'Scanning the workspace', false);
    let files = 0;
    for (const s of this.folders) files += this.scan(s);
    progress?.report(50, `Analysing ${files} files`);
    this.analyseNow();
    progress?.done();
  }

  /**
   * Reads a folder from disk into its workspace (or, with `under`, one subfolder of it, for folder
   * events); open documents keep their editor text.
   */
  private scan(s: FolderState, under = ''): number {
    const { root, ws } = s.folder;
    const started = Date.now();
    const found = scanFolder(root, configFilter(root), this.settings.maxFileSize, under);
    for (const p of [...ws.paths(), ...ws.skippedPaths()]) if (within(p, under) && !found.has(p) && !this.openDocument(s, p)) ws.deleteFile(p);
    let n = 0;
    for (const [rel, e] of found) {
      if (this.openDocument(s, rel)) continue;
      if (this.apply(s, rel, e)) n++;
    }
    for (const d of this.documents.all()) {
      const loc = this.locate(d.uri);
      if (loc && loc.state === s && within(loc.rel, under)) ws.setFile(loc.rel, d.getText());
    }
    this.dirty = true;
    s.scanned = { started, files: n };
    return n;
  }

  /** The output channel's record of a scan: units by kind, skipped files with reasons, time taken. */
  private logScan(s: FolderState, result: AnalysisResult): void {
    if (!s.scanned) return;
    const { started, files } = s.scanned;
    s.scanned = undefined;
    const kinds = new Map<string, number>();
    for (const u of result.units) kinds.set(u.kind, (kinds.get(u.kind) ?? 0) + 1);
    const byKind = [...kinds].map(([k, n]) => `${n} ${k}`).join(', ');
    const lines = [
      `Scanned ${s.folder.root} in ${Date.now() - started} ms: ${files} file${files === 1 ? '' : 's'} read, ${result.units.length} unit${result.units.length === 1 ? '' : 's'}${byKind ? ` (${byKind})` : ''}, ${result.linked.domainCount} domain${result.linked.domainCount === 1 ? '' : 's'}, ${result.skipped.length} skipped.`,
      ...result.skipped.map((k) => `  skipped ${k.file}: ${k.reason}`),
    ];
    this.conn.console.info(lines.join('\n'));
    s.skips = new Map(result.skipped.map((x) => [x.file, x.reason]));
  }

  /** Puts a file read from disk into the workspace, or marks it skipped (the reason is logged after the analysis). */
  private apply(s: FolderState, rel: string, e: ScanEntry): boolean {
    if ('skip' in e) {
      // Source code is read only for its SDK invokes: one that cannot be read is no problem to report.
      if (isSourceFile(rel)) s.folder.ws.deleteFile(rel);
      else s.folder.ws.markSkipped(rel, e.skip);
      return false;
    }
    s.folder.ws.setFile(rel, e.text);
    return true;
  }

  /** A path (a file or a folder) no longer on disk: it and everything under it leave the workspace. */
  private removed(s: FolderState, rel: string): void {
    const ws = s.folder.ws;
    for (const p of [...ws.paths(), ...ws.skippedPaths()]) if (within(p, rel) && !this.openDocument(s, p)) ws.deleteFile(p);
  }

  private openDocument(s: FolderState, rel: string): TextDocument | undefined {
    return this.documents.get(s.folder.uriOf(rel));
  }

  private locate(uri: string): { state: FolderState; rel: string } | undefined {
    let file: string;
    try {
      file = fileURLToPath(uri);
    } catch {
      return undefined;
    }
    let best: FolderState | undefined;
    for (const s of this.folders) {
      const rel = path.relative(s.folder.root, file);
      if (!rel.startsWith('..') && !path.isAbsolute(rel) && (!best || s.folder.root.length > best.folder.root.length)) best = s;
    }
    if (!best) return undefined;
    return { state: best, rel: path.relative(best.folder.root, file).split(path.sep).join('/') };
  }

  // ---- documents, files, settings ----

  private documentChanged(doc: TextDocument): void {
    const loc = this.locate(doc.uri);
    if (!loc || !wanted(loc.rel)) return;
    this.edited.add(doc.uri);
    loc.state.folder.ws.setFile(loc.rel, doc.getText());
    if (loc.rel === CONFIG_FILE) this.scan(loc.state);
    this.schedule();
  }

  private documentClosed(doc: TextDocument): void {
    const loc = this.locate(doc.uri);
    if (!loc || !wanted(loc.rel)) return;
    this.reloadFromDisk(loc.state, loc.rel);
    this.schedule();
  }

  /**
   * Reads one path again, exactly as the initial scan would: a file, a folder (scanned again), or a
   * path that is gone. Links, FIFOs and other unreadable paths are skipped with their reason logged.
   */
  private reloadFromDisk(s: FolderState, rel: string): void {
    const e = readEntry(s.folder.root, rel, this.settings.maxFileSize);
    if ('gone' in e) this.removed(s, rel);
    else if ('folder' in e) {
      if (prunedFolder(rel) || !configFilter(s.folder.root)(rel + '/x')) this.removed(s, rel);
      else this.scan(s, rel);
    } else if (wanted(rel) && (rel === CONFIG_FILE || configFilter(s.folder.root)(rel))) this.apply(s, rel, e);
    else if (s.folder.ws.hasFile(rel)) s.folder.ws.deleteFile(rel);
  }

  private watchedFiles(changes: FileEvent[]): void {
    const rescan = new Set<FolderState>();
    for (const ch of changes) {
      const loc = this.locate(ch.uri);
      if (!loc || !loc.rel || loc.rel === '.') {
        // The workspace folder itself was created, deleted or renamed: read it all again.
        if (loc) rescan.add(loc.state);
        continue;
      }
      if (loc.rel === CONFIG_FILE) {
        rescan.add(loc.state);
        continue;
      }
      if (this.documents.get(ch.uri) || prunedFolder(loc.rel)) continue; // the editor's text wins; node_modules never counts
      // A folder event names no wanted file; it may hold some (a rename is a delete and a create).
      if (ch.type === FileChangeType.Deleted) this.removed(loc.state, loc.rel);
      else this.reloadFromDisk(loc.state, loc.rel);
    }
    for (const s of rescan) this.scan(s);
    this.schedule();
  }

  private async configurationChanged(pushed: unknown, analyse = true): Promise<void> {
    let raw: unknown;
    if (this.caps.configuration) raw = await this.conn.workspace.getConfiguration('serverlessDomains');
    else raw = pushed !== null && typeof pushed === 'object' ? (pushed as { serverlessDomains?: unknown }).serverlessDomains : undefined;
    const before = this.settings;
    this.settings = this.checked(raw);
    this.applySettings();
    if (!analyse) return;
    if (before.maxFileSize !== this.settings.maxFileSize || before.exclude.join() !== this.settings.exclude.join()) for (const s of this.folders) this.scan(s);
    this.dirty = true;
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
        this.logScan(s, result);
        this.logSkips(s, result);
        for (const list of result.findingsByFile.values()) for (const f of list) counts[f.severity]++;
        units += result.units.length;
        domains += result.linked.domainCount;
        if (!this.caps.pull) {
          const files = new Set(result.changedFiles);
          for (const uri of this.edited) {
            const loc = this.locate(uri);
            if (loc?.state === s) files.add(loc.rel);
          }
          this.publish(s, files);
        }
      } catch (e) {
        this.conn.console.error(`analysis of ${s.folder.root} failed: ${(e as Error).stack}`);
      }
    }
    this.edited.clear();
    if (this.caps.pull && this.caps.refresh) void this.conn.languages.diagnostics.refresh();
    void this.conn.sendNotification(GraphChangedNotification.type, { generation: this.generation, units, domains, findings: counts });
    this.onAnalysed?.(this.generation);
  }

  /** Logs each file newly skipped (by the scan, a file event or an edit past the size limit) with its reason. */
  private logSkips(s: FolderState, result: AnalysisResult): void {
    const now = new Map(result.skipped.map((x) => [x.file, x.reason]));
    for (const [file, reason] of now) if (s.skips.get(file) !== reason) this.conn.console.info(`skipped ${file}: ${reason}`);
    s.skips = now;
  }

  private diagnosticsOf(s: FolderState, rel: string) {
    return (s.byFile.get(rel) ?? []).map((f) => toDiagnostic(s.folder, f));
  }

  /** Push mode: send the files whose findings changed (an empty list clears a file). */
  private publish(s: FolderState, files: Iterable<string>): void {
    for (const rel of files) {
      const uri = s.folder.uriOf(rel);
      void this.conn.sendDiagnostics({ uri, diagnostics: this.diagnosticsOf(s, rel), version: this.documents.get(uri)?.version });
    }
  }

  private async documentDiagnostics(p: DocumentDiagnosticParams, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    await this.ready;
    return this.safe(token, () => {
      const loc = this.locate(p.textDocument.uri);
      if (!loc) return { kind: 'full', items: [] };
      const items = this.diagnosticsOf(loc.state, loc.rel);
      const resultId = `${hash(JSON.stringify(items))}`;
      if (p.previousResultId === resultId) return { kind: 'unchanged', resultId };
      return { kind: 'full', resultId, items };
    }, { kind: 'full', items: [] });
  }

  private async workspaceDiagnostics(p: WorkspaceDiagnosticParams, token: CancellationToken): Promise<WorkspaceDiagnosticReport> {
    await this.ready;
    return this.safe(token, () => {
      const previous = new Map(p.previousResultIds.map((r) => [r.uri, r.value]));
      const items: WorkspaceDocumentDiagnosticReport[] = [];
      const current = new Map<string, string>();
      for (const s of this.folders) {
        for (const rel of s.byFile.keys()) {
          const uri = s.folder.uriOf(rel);
          const diagnostics = this.diagnosticsOf(s, rel);
          const resultId = `${hash(JSON.stringify(diagnostics))}`;
          current.set(uri, resultId);
          const version = this.documents.get(uri)?.version ?? null;
          if (previous.get(uri) === resultId) items.push({ uri, version, kind: 'unchanged', resultId });
          else items.push({ uri, version, kind: 'full', resultId, items: diagnostics });
        }
      }
      // Files that had findings and have none now get an empty report.
      for (const uri of new Set([...previous.keys(), ...this.pullResults.keys()])) {
        if (!current.has(uri)) items.push({ uri, version: this.documents.get(uri)?.version ?? null, kind: 'full', resultId: 'empty', items: [] });
      }
      this.pullResults = current;
      return { items };
    }, { items: [] });
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
    const loc = this.locate(uri);
    if (!loc || !loc.state.query) return [];
    return f(loc.state, loc.rel, loc.state.folder.index(loc.rel).offset(pos));
  }

  // ---- features ----

  private editOptions(s: FolderState) {
    return {
      documentChanges: this.caps.documentChanges,
      versionOf: (rel: string) => this.documents.get(s.folder.uriOf(rel))?.version ?? null,
    };
  }

  private codeActions(p: CodeActionParams): CodeAction[] {
    const loc = this.locate(p.textDocument.uri);
    if (!loc || !loc.state.result) return [];
    const s = loc.state;
    const idx = s.folder.index(loc.rel);
    const start = idx.offset(p.range.start);
    const end = idx.offset(p.range.end);
    const only = p.context.only;
    const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
    const out: CodeAction[] = [];
    if (wants(KINDS.quickfix)) {
      for (const f of s.byFile.get(loc.rel) ?? []) {
        if (f.loc.start > end || f.loc.end < start) continue;
        const diag = toDiagnostic(s.folder, f);
        const matching = p.context.diagnostics.filter((d) => d.code === f.rule && d.range.start.line === diag.range.start.line && d.range.start.character === diag.range.start.character);
        for (const fix of f.fixes) out.push(toCodeAction(s.folder, fix, KINDS.quickfix, this.editOptions(s), matching.length ? matching : [diag]));
      }
    }
    for (const r of s.folder.ws.refactorsAt(s.result!, loc.rel, start)) {
      const kind = r.kind === 'extract' ? KINDS.extract : KINDS.move;
      if (wants(kind)) out.push(toCodeAction(s.folder, r, kind, this.editOptions(s)));
    }
    return out;
  }

  private hover(uri: string, pos: { line: number; character: number }): Hover | null {
    const loc = this.locate(uri);
    if (!loc?.state.query) return null;
    const h = loc.state.query.hover(loc.rel, loc.state.folder.index(loc.rel).offset(pos));
    if (!h) return null;
    return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: loc.state.folder.range(h.loc) };
  }

  private documentSymbols(uri: string): DocumentSymbol[] {
    const loc = this.locate(uri);
    if (!loc?.state.query) return [];
    const folder = loc.state.folder;
    const conv = (x: SymbolInfo): DocumentSymbol => ({
      name: x.name,
      detail: x.detail,
      kind: SYMBOL_KIND[x.kind],
      range: folder.range(x.range),
      selectionRange: folder.range(x.selection),
      children: x.children?.map(conv),
    });
    return loc.state.query.documentSymbols(loc.rel).map(conv);
  }

  private workspaceSymbols(query: string): SymbolInformation[] {
    const out: SymbolInformation[] = [];
    for (const s of this.folders) {
      if (!s.query) continue;
      for (const x of s.query.workspaceSymbols(query)) out.push({ name: x.name, kind: SYMBOL_KIND[x.kind], location: s.folder.location(x.selection), containerName: x.container });
    }
    return out;
  }

  private codeLenses(uri: string): CodeLens[] {
    const loc = this.locate(uri);
    if (!loc?.state.query) return [];
    const s = loc.state;
    return s.query!.codeLenses(loc.rel).map((l) => ({
      range: s.folder.range(l.loc),
      command: { title: l.title, command: 'serverlessDomains.revealInExplorer', arguments: [s.folder.uri, l.domain ?? null] },
    }));
  }

  private completions(s: FolderState, rel: string, offset: number): CompletionItem[] {
    return s.query!.completions(rel, offset).map((c) => ({
      label: c.label,
      kind: COMPLETION_KIND[c.kind],
      detail: c.detail,
      textEdit: { range: s.folder.range(c.replace), newText: c.label },
    }));
  }

  graph(): DomainGraphResult {
    const folders = [];
    for (const s of this.folders) {
      if (!s.query) continue;
      const g = s.query.graph();
      const L = (l: Loc | undefined) => (l ? s.folder.location(l) : undefined);
      folders.push({
        uri: s.folder.uri,
        name: s.name,
        units: g.units.map((u) => ({ ...u, location: s.folder.location(u.loc), loc: undefined })).map(({ loc: _l, ...u }) => u),
        domains: g.domains.map((d) => ({
          ...d,
          triggers: d.triggers.map(({ loc, ...t }) => ({ ...t, location: L(loc) })),
          functions: d.functions.map(({ loc, ...f }) => ({ ...f, location: L(loc) })),
          resources: d.resources.map(({ loc, ...r }) => ({ ...r, location: L(loc) })),
        })),
        edges: g.edges.map(({ loc, ...e }) => ({ ...e, kind: e.kind as 'trigger' | 'contract' | 'hardcoded' | 'nested', location: s.folder.location(loc) })),
        deployOrder: g.deployOrder,
        cycles: g.cycles,
      });
    }
    return { folders, generation: this.generation };
  }

  private extractDomain(folderUri: string, domain: string) {
    const s = this.folders.find((x) => x.folder.uri === folderUri) ?? this.folders[0];
    if (!s?.result) return null;
    const fix = s.folder.ws.extractDomain(s.result, domain);
    return fix ? { title: fix.title, edit: toWorkspaceEdit(s.folder, fix, this.editOptions(s)) } : null;
  }
}

const SYMBOL_KIND: Record<SymbolInfo['kind'], SymbolKind> = {
  section: SymbolKind.Namespace,
  function: SymbolKind.Function,
  resource: SymbolKind.Object,
  output: SymbolKind.Property,
  parameter: SymbolKind.Variable,
};

const COMPLETION_KIND: Record<string, CompletionItemKind> = {
  resource: CompletionItemKind.Reference,
  function: CompletionItemKind.Function,
  parameter: CompletionItemKind.Variable,
  attribute: CompletionItemKind.Property,
  export: CompletionItemKind.Value,
  path: CompletionItemKind.Field,
  stack: CompletionItemKind.Module,
  output: CompletionItemKind.Property,
};

/** Whether a workspace path is a folder's path or lies under it ('' holds everything). */
function within(p: string, folder: string): boolean {
  return !folder || p === folder || p.startsWith(folder + '/');
}

/** FNV-1a, for result IDs. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
