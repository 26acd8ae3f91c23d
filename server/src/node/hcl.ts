// The host side of HCL parsing: loads web-tree-sitter and the Terraform grammar of
// @tree-sitter-grammars/tree-sitter-hcl once (asynchronously), and hands the engine a parser.
//
// Run from `out/`, both `.wasm` files are read from node_modules. In the `dist/` bundles,
// esbuild embeds them (`--loader:.wasm=binary`) and defines `__SD_BUNDLED__`, so the bundles
// need no node_modules. web-tree-sitter is loaded with `require` so that esbuild takes its
// CommonJS build (the ESM build locates its wasm through `import.meta.url`).

import * as fs from 'node:fs';
import type * as WebTreeSitter from 'web-tree-sitter';
import type { CstRange, CstTree, HclTreeSitter } from '../engine/terraform/cst';
import { HclParser } from '../engine/terraform/hcl-parser';

declare const __SD_BUNDLED__: boolean | undefined;

const GRAMMAR = '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm';

function embedded(): { runtime: Uint8Array; grammar: Uint8Array } | undefined {
  if (typeof __SD_BUNDLED__ === 'undefined' || !__SD_BUNDLED__) return undefined;
  // esbuild's binary loader turns these into the files' bytes.
  return {
    runtime: require('web-tree-sitter/tree-sitter.wasm') as Uint8Array,
    grammar: require('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm') as Uint8Array,
  };
}

let loading: Promise<HclTreeSitter> | undefined;

/** Tree-sitter with the Terraform grammar, loaded once per process. */
export function loadHclTreeSitter(): Promise<HclTreeSitter> {
  loading ??= load();
  return loading;
}

/** A new HCL parser (each keeps its own trees for incremental parsing) over the shared tree-sitter. */
export async function createHclParser(): Promise<HclParser> {
  return new HclParser(await loadHclTreeSitter());
}

async function load(): Promise<HclTreeSitter> {
  const wts = require('web-tree-sitter') as typeof WebTreeSitter;
  const bytes = embedded();
  await wts.Parser.init(bytes ? { wasmBinary: bytes.runtime } : undefined);
  const language = await wts.Language.load(bytes ? bytes.grammar : fs.readFileSync(require.resolve(GRAMMAR)));
  const parser = new wts.Parser();
  parser.setLanguage(language);
  return {
    parse(text: string, old?: CstTree, ranges?: CstRange[]): CstTree | undefined {
      return parser.parse(text, old as WebTreeSitter.Tree | undefined, ranges ? { includedRanges: ranges } : undefined) ?? undefined;
    },
  };
}
