// The editor's questions answered from the engine's Query: hover, symbols, lenses, completion,
// and the domain graph the extension's views draw.

import { CodeLens, CompletionItem, CompletionItemKind, DocumentSymbol, Hover, MarkupKind, SymbolInformation, SymbolKind } from 'vscode-languageserver/node';
import { Loc, SymbolInfo } from '../engine';
import { DESCRIBE_DOMAIN_COMMAND, DomainGraphResult } from '../protocol/ext';
import { FolderState, locate, ServerContext } from './state';

type Pos = { line: number; character: number };

export function hover(ctx: ServerContext, uri: string, pos: Pos): Hover | null {
  const loc = locate(ctx.folders, uri);
  if (!loc?.state.query) return null;
  const h = loc.state.query.hover(loc.rel, loc.state.folder.index(loc.rel).offset(pos));
  if (!h) return null;
  return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: loc.state.folder.range(h.loc) };
}

export function documentSymbols(ctx: ServerContext, uri: string): DocumentSymbol[] {
  const loc = locate(ctx.folders, uri);
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

export function workspaceSymbols(ctx: ServerContext, query: string): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const s of ctx.folders) {
    if (!s.query) continue;
    for (const x of s.query.workspaceSymbols(query)) out.push({ name: x.name, kind: SYMBOL_KIND[x.kind], location: s.folder.location(x.selection), containerName: x.container });
  }
  return out;
}

/**
 * Lenses over triggers and functions. Their command reveals the domain in the VS Code
 * extension's explorer, a command only that extension knows; other clients get the server's
 * own command, which tells the domain in a message (see `describeDomain`). A pipeline's lens
 * (on a unit's first line) opens the deploy command it names first.
 */
export function codeLenses(ctx: ServerContext, uri: string): CodeLens[] {
  const loc = locate(ctx.folders, uri);
  if (!loc?.state.query) return [];
  const s = loc.state;
  return s.query!.codeLenses(loc.rel).map((l) => ({
    range: s.folder.range(l.loc),
    command: !ctx.caps.vscodeExtension
      ? { title: l.title, command: DESCRIBE_DOMAIN_COMMAND, arguments: [s.folder.uri, l.domain ?? null, l.title] }
      : l.target
        ? { title: l.title, command: 'serverlessDomains.reveal', arguments: [s.folder.location(l.target)] }
        : { title: l.title, command: 'serverlessDomains.revealInExplorer', arguments: [s.folder.uri, l.domain ?? null] },
  }));
}

/** The text the lens command of other clients shows: the domain's triggers, functions and units. */
export function describeDomain(ctx: ServerContext, args: unknown[]): string {
  const [folderUri, domain, title] = args;
  const s = ctx.folders.find((x) => x.folder.uri === folderUri) ?? ctx.folders[0];
  const d = typeof domain === 'string' ? s?.query?.graph().domains.find((x) => x.name === domain) : undefined;
  if (!d) return typeof title === 'string' ? title : 'Serverless Domains';
  const member = (m: { id: string; unit: string | null }) => (m.unit ? `${m.id} (${m.unit})` : m.id);
  const parts = [`Domain ${d.name}`];
  if (d.triggers.length) parts.push(`triggered by ${d.triggers.map(member).join(', ')}`);
  if (d.functions.length) parts.push(`functions ${d.functions.map(member).join(', ')}`);
  parts.push(`${d.units.length} unit${d.units.length === 1 ? '' : 's'}${d.split ? ', split across units' : ''}`);
  return parts.join('; ') + '.';
}

export function completions(s: FolderState, rel: string, offset: number): CompletionItem[] {
  return s.query!.completions(rel, offset).map((c) => ({
    label: c.label,
    kind: COMPLETION_KIND[c.kind],
    detail: c.detail,
    textEdit: { range: s.folder.range(c.replace), newText: c.label },
  }));
}

export function graph(ctx: ServerContext): DomainGraphResult {
  const folders = [];
  for (const s of ctx.folders) {
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
  return { folders, generation: ctx.generation };
}

const SYMBOL_KIND: Record<SymbolInfo['kind'], SymbolKind> = {
  section: SymbolKind.Namespace,
  function: SymbolKind.Function,
  resource: SymbolKind.Object,
  output: SymbolKind.Property,
  parameter: SymbolKind.Variable,
  module: SymbolKind.Module,
  variable: SymbolKind.Variable,
  data: SymbolKind.Struct,
  attribute: SymbolKind.Field,
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
