// Strict JSON read by `jsonc-parser` (Microsoft's, the parser of VS Code's JSON support) into the
// engine's tree: several times faster than the YAML parser on the same text, and the tree is the
// same one the YAML parser's route gives (compared on every JSON file of the corpus in
// test/engine/parse-json.test.ts). Any text it does not read as strict JSON without an error goes
// the YAML route, which gives today's error messages and its lenient readings.

import { parseTree, type Node as JsonNode, type ParseError as JsonParseError } from 'jsonc-parser';
import type { RNode } from './tree';

const STRICT = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

/** The tree of a strict JSON text, or undefined when the text is not that. */
export function parseStrictJson(file: string, text: string): RNode | undefined {
  const errors: JsonParseError[] = [];
  const root = parseTree(text, errors, STRICT);
  if (errors.length || !root) return undefined;
  return convert(file, root);
}

function convert(file: string, n: JsonNode): RNode {
  const loc = { file, start: n.offset, end: n.offset + n.length };
  switch (n.type) {
    case 'object':
      return {
        k: 'map',
        loc,
        entries: (n.children ?? []).map((p) => {
          const [k, v] = p.children!;
          return { key: String(k.value), keyLoc: { file, start: k.offset, end: k.offset + k.length }, value: convert(file, v) };
        }),
      };
    case 'array':
      return { k: 'seq', loc, items: (n.children ?? []).map((c) => convert(file, c)) };
    case 'string':
      return { k: 'scalar', value: n.value as string, loc };
    default:
      return { k: 'scalar', value: n.value as number | boolean | null, loc, plain: true };
  }
}
