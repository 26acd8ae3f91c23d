// Invoke grants: IAM statements (and SAM's `LambdaInvokePolicy`) that allow `lambda:InvokeFunction` on
// a function-name pattern. A grant on `*` or on a wildcard ARN means some code may invoke the functions
// it matches: the analysis cannot know that nothing does.

import { evalStr, UNKNOWN } from '../intrinsics';
import { deref, entries, get, items, RNode, str } from '../tree';
import type { ExtractCtx } from './template';

/** Every function: a grant on `*`, or on an ARN whose function name is only wildcards. */
export const ANY_FUNCTION = '*';

/** Whether a glob over IAM actions (`lambda:*`, `lambda:Invoke*`, `*`) covers `lambda:InvokeFunction`. */
function allowsInvoke(action: string): boolean {
  const re = new RegExp('^' + action.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$', 'i');
  return re.test('lambda:InvokeFunction');
}

/**
 * The function-name pattern a statement's resource stands for (`*`: any characters), or undefined when
 * it is not a Lambda function ARN, or names its function only through a value the analysis cannot know
 * (a `Ref`/`GetAtt` of a function is a reference the linker follows already).
 */
export function functionPattern(value: string): string | undefined {
  if (value === '*') return ANY_FUNCTION;
  const v = value.replace(/\$\{[^}]*\}/g, UNKNOWN);
  const m = /^arn:[^:]*:lambda:[^:]*:[^:]*:(.*)$/.exec(v);
  if (!m) return undefined;
  const rest = m[1];
  if (rest === '*') return ANY_FUNCTION;
  const fm = /^function:([^:]+)(?::.*)?$/.exec(rest);
  if (!fm) return undefined;
  return namePattern(fm[1]);
}

/** A name with unknown parts (`${...}`, unresolved values) written `*`. */
export function wildName(name: string): string {
  return name.replace(/\$\{[^}]*\}/g, '*').replace(new RegExp(UNKNOWN, 'g'), '*').replace(/\*+/g, '*');
}

/** A function name as a pattern; undefined when it is all unknown (no literal character, no `*`). */
function namePattern(name: string): string | undefined {
  if (!name.replace(new RegExp(UNKNOWN, 'g'), '')) return undefined;
  const p = name.replace(new RegExp(UNKNOWN + '+', 'g'), '*').replace(/\*+/g, '*');
  return /^\*+$/.test(p) ? ANY_FUNCTION : p;
}

/** Records in `ctx.facts.invokeGrants` the function-name patterns the unit's IAM statements allow invoking. */
export function extractInvokeGrants(ctx: ExtractCtx, root: RNode | undefined): void {
  const out = new Set<string>();
  const strings = (n: RNode | undefined): string[] => {
    const d = deref(n);
    const list = d?.k === 'seq' && !d.tag ? d.items : d ? [d] : [];
    return list.map((x) => evalStr(x, ctx.env)).filter((s): s is string => s !== undefined);
  };
  // An explicit stack: documents may be deep, the walk must not recurse with them.
  const stack: RNode[] = root ? [root] : [];
  const seen = new Set<RNode>();
  while (stack.length) {
    const n = deref(stack.pop());
    if (!n || seen.has(n)) continue;
    seen.add(n);
    if (n.k === 'map') {
      const effect = str(get(n, 'Effect'));
      if (effect && /^allow$/i.test(effect) && strings(get(n, 'Action')).some(allowsInvoke)) {
        for (const r of strings(get(n, 'Resource'))) {
          const p = functionPattern(r);
          if (p) out.add(p);
        }
      }
      // SAM's policy template names the function it allows invoking.
      const sam = get(n, 'LambdaInvokePolicy');
      if (sam) {
        const name = evalStr(get(sam, 'FunctionName'), ctx.env);
        const p = name !== undefined ? namePattern(name.replace(/\$\{[^}]*\}/g, UNKNOWN)) : undefined;
        if (p) out.add(p);
      }
      for (const e of entries(n)) if (!e.merged) stack.push(e.value);
    } else if (n.k === 'seq') for (const x of items(n)) stack.push(x);
  }
  for (const p of out) ctx.facts.invokeGrants.push(p);
}

/**
 * Whether two name patterns (`*`: any characters, `?`: one) can match one same name: a grant's pattern
 * and a function's physical name whose unknown parts are written `*`.
 */
export function patternsMeet(a: string, b: string): boolean {
  const n = a.length;
  const m = b.length;
  // Row i holds, for each j, whether a[i..] and b[j..] can match one same string; filled from the end.
  let below = new Array<boolean>(m + 1).fill(false);
  for (let i = n; i >= 0; i--) {
    const row = new Array<boolean>(m + 1).fill(false);
    for (let j = m; j >= 0; j--) {
      if (i === n && j === m) row[j] = true;
      else if ((i < n && a[i] === '*') || (j < m && b[j] === '*')) row[j] = (i < n && below[j]) || (j < m && row[j + 1]);
      else if (i < n && j < m) row[j] = (a[i] === b[j] || a[i] === '?' || b[j] === '?') && below[j + 1];
    }
    below = row;
  }
  return below[0];
}
