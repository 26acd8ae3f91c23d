// Helpers of the HCL tests: location checks over a model, and seeded random edits.

import * as assert from 'node:assert/strict';
import { forEachExpr } from '../../server/src/engine/terraform/hcl-model';
import type { HclExpr, HclFile, HclItem } from '../../server/src/engine/terraform/hcl-model';
import type { Loc } from '../../server/src/engine/types';
import { mulberry32 } from '../bench/generate';

/** Every loc in a model, without recursion. */
export function allLocs(m: HclFile): Loc[] {
  const out: Loc[] = [];
  const items: HclItem[] = [...m.items];
  while (items.length) {
    const i = items.pop()!;
    out.push(i.loc);
    if (i.k === 'block') {
      out.push(i.typeLoc, ...i.labels.flatMap((l) => [l.loc, l.valueLoc]));
      items.push(...i.items);
    } else {
      out.push(i.nameLoc);
      forEachExpr(i.value, (e: HclExpr) => {
        out.push(e.loc);
        if (e.k === 'ref') out.push(e.nameLoc, ...e.parts.map((p) => p.loc));
      });
    }
  }
  return out;
}

export function checkLocs(text: string, m: HclFile) {
  for (const l of allLocs(m)) assert.ok(l.start >= 0 && l.start <= l.end && l.end <= text.length, `${l.start}-${l.end} outside the text`);
  for (const e of m.errors) {
    assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length, 'error outside the text');
    assert.ok(!/[\r\n]/.test(text.slice(e.start, e.end)), 'error over more than one line');
  }
}

/** A small deterministic random number generator (mulberry32). */
export const prng = mulberry32;

const SNIPPETS = ['{', '}', '"', '${', 'var.x', ' = ', '\n', '[', ']', 'resource "a" "b" {\n', '# c\n', 'é', '😀', '\r\n', '.', ','];

/** A random edit: delete a span, insert a snippet or a span copied from elsewhere, or type one character. */
export function randomEdit(text: string, random: () => number): string {
  const pos = Math.floor(random() * (text.length + 1));
  const r = random();
  if (r < 0.3 && text.length > 0) {
    const len = Math.floor(random() * 12);
    return text.slice(0, pos) + text.slice(pos + len);
  }
  if (r < 0.6) return text.slice(0, pos) + SNIPPETS[Math.floor(random() * SNIPPETS.length)] + text.slice(pos);
  if (r < 0.8) {
    const from = Math.floor(random() * text.length);
    return text.slice(0, pos) + text.slice(from, from + Math.floor(random() * 40)) + text.slice(pos);
  }
  return text.slice(0, pos) + 'abcdefghij'[Math.floor(random() * 10)] + text.slice(pos);
}
