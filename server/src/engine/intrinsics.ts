// CloudFormation intrinsic functions in both forms (`!Ref X` and `{ Ref: X }`), their static
// evaluation, and how a value names a resource (a Target).

import { parseArn, parseQueueUrl, PSEUDO_PARAMETERS } from './aws';
import type { Target } from './model';
import { tagToIntrinsic } from './parse';
import { deref, entries, get, items, RNode, str } from './tree';
import type { Loc } from './types';

export const UNKNOWN = '\u0000';

export interface Intrinsic {
  fn: string;
  arg: RNode;
  loc: Loc;
}

export function intrinsic(n0: RNode | undefined): Intrinsic | undefined {
  const n = deref(n0);
  if (!n) return undefined;
  if (n.tag) {
    const fn = tagToIntrinsic(n.tag);
    if (!fn) return undefined;
    const arg = { ...n, tag: undefined } as RNode;
    return { fn, arg, loc: n.loc };
  }
  if (n.k === 'map' && n.entries.length === 1) {
    const e = n.entries[0];
    if (e.key === 'Ref' || e.key === 'Condition' || e.key.startsWith('Fn::')) return { fn: e.key, arg: e.value, loc: n.loc };
  }
  return undefined;
}

export interface EvalEnv {
  stackName: string;
  /** Template parameters and their defaults (undefined: no default). */
  params: Map<string, string | undefined>;
  mappings: RNode | undefined;
  /** Parameters of an `AWS::SSM::Parameter::Value<...>` type, with the path of their default. */
  ssmParams?: Map<string, string>;
}

/** Evaluates a value to a string where it can; unknown parts become UNKNOWN. */
export function evalStr(n0: RNode | undefined, env: EvalEnv, depth = 0): string | undefined {
  const n = deref(n0);
  if (!n || depth > 20) return undefined;
  const fn = intrinsic(n);
  if (!fn) return n.k === 'scalar' ? str(n) : undefined;
  const a = deref(fn.arg);
  switch (fn.fn) {
    case 'Ref': {
      const name = str(a);
      if (name === undefined) return undefined;
      return refValue(name, env);
    }
    case 'Fn::Sub': {
      let tpl: string | undefined;
      let vars: RNode | undefined;
      if (a?.k === 'seq') {
        tpl = str(a.items[0]);
        vars = a.items[1];
      } else tpl = str(a);
      if (tpl === undefined) return undefined;
      return tpl.replace(/\$\{(!?)([^}]*)\}/g, (_m, bang: string, name: string) => {
        if (bang) return '${' + name + '}';
        const v = vars ? get(vars, name) : undefined;
        if (v) return evalStr(v, env, depth + 1) ?? UNKNOWN;
        if (name.includes('.')) return UNKNOWN;
        return refValue(name, env) ?? UNKNOWN;
      });
    }
    case 'Fn::Join': {
      const parts = items(a);
      const delim = str(parts[0]) ?? '';
      const list = deref(parts[1]);
      if (!list || list.k !== 'seq') return list ? UNKNOWN : undefined;
      return list.items.map((x) => evalStr(x, env, depth + 1) ?? UNKNOWN).join(delim);
    }
    case 'Fn::FindInMap': {
      const [m, k1, k2] = items(a).map((x) => evalStr(x, env, depth + 1));
      if (!m || !k1 || !k2) return UNKNOWN;
      const v = get(get(get(env.mappings, m), k1), k2);
      return v ? evalStr(v, env, depth + 1) : UNKNOWN;
    }
    case 'Fn::If': {
      const branches = items(a);
      return evalStr(branches[1], env, depth + 1);
    }
    case 'Fn::Select': {
      const [i, list] = items(a);
      const idx = Number(str(i));
      const l = deref(list);
      if (l?.k === 'seq' && Number.isInteger(idx)) return evalStr(l.items[idx], env, depth + 1);
      return UNKNOWN;
    }
    default:
      return UNKNOWN;
  }
}

function refValue(name: string, env: EvalEnv): string | undefined {
  if (name === 'AWS::StackName') return env.stackName;
  if (name === 'AWS::Partition') return 'aws';
  if (name === 'AWS::URLSuffix') return 'amazonaws.com';
  if (PSEUDO_PARAMETERS.has(name)) return UNKNOWN;
  if (env.params.has(name)) return env.params.get(name) ?? UNKNOWN;
  return UNKNOWN;
}

export function isStatic(s: string | undefined): s is string {
  return s !== undefined && !s.includes(UNKNOWN) && !s.includes('${') && !s.includes('#{');
}

/** What a value names, for every branch of an `Fn::If`. */
export function targetsOf(n0: RNode | undefined, env: EvalEnv, depth = 0): Target[] {
  const n = deref(n0);
  if (!n || depth > 10) return [];
  const fn = intrinsic(n);
  if (fn) {
    const a = deref(fn.arg);
    switch (fn.fn) {
      case 'Ref': {
        const name = str(a);
        if (!name) return [];
        if (PSEUDO_PARAMETERS.has(name)) return [{ k: 'unknown', text: name }];
        const ssmPath = env.ssmParams?.get(name);
        if (ssmPath) return [{ k: 'ssm', path: ssmPath }];
        if (env.params.has(name)) {
          const v = env.params.get(name);
          return v !== undefined ? [classifyString(v)] : [{ k: 'unknown', text: name }];
        }
        return [{ k: 'local', id: name }];
      }
      case 'Fn::GetAtt': {
        const [id, attr] = getAttParts(a);
        if (!id) return [];
        if (attr?.startsWith('Outputs.')) return [{ k: 'nested', child: id, output: attr.slice(8) }];
        return [{ k: 'local', id, attr }];
      }
      case 'Fn::ImportValue':
        return [importTarget(a, env)];
      case 'Fn::If': {
        const b = items(a);
        return [...targetsOf(b[1], env, depth + 1), ...targetsOf(b[2], env, depth + 1)];
      }
      case 'Fn::Sub': {
        const tpl = a?.k === 'seq' ? str(a.items[0]) : str(a);
        const whole = tpl && /^\$\{([A-Za-z0-9]+)(?:\.([A-Za-z0-9.]+))?\}$/.exec(tpl);
        if (whole && !env.params.has(whole[1]) && !PSEUDO_PARAMETERS.has(whole[1])) return [{ k: 'local', id: whole[1], attr: whole[2] }];
        // An ARN built around a resource's attribute names that resource.
        const inner = tpl && /\$\{([A-Za-z0-9]+)\.(Arn|StreamArn|TopicArn)\}/.exec(tpl);
        if (inner && !env.params.has(inner[1])) return [{ k: 'local', id: inner[1], attr: inner[2] }];
        const v = evalStr(n, env);
        return v !== undefined ? [classifyString(v)] : [];
      }
      default: {
        const v = evalStr(n, env);
        return v !== undefined ? [classifyString(v)] : [{ k: 'unknown' }];
      }
    }
  }
  const s = str(n);
  return s !== undefined ? [classifyString(s)] : [];
}

/** The stack parameter and the static rest of an export name built as `${Param}-X` (Sub or Join). */
function stackParamName(n0: RNode | undefined, env: EvalEnv): { param: string; suffix: string; written: string } | undefined {
  const fn = intrinsic(n0);
  if (!fn) return undefined;
  const a = deref(fn.arg);
  const isParam = (p: string) => env.params.has(p);
  if (fn.fn === 'Fn::Sub' && a?.k === 'scalar') {
    const m = /^\$\{([A-Za-z0-9]+)\}([^$]+)$/.exec(str(a) ?? '');
    if (m && isParam(m[1])) return { param: m[1], suffix: m[2], written: m[0] };
  }
  if (fn.fn === 'Fn::Join') {
    const [d, list] = items(a);
    const parts = items(list);
    const first = intrinsic(parts[0]);
    const p = first?.fn === 'Ref' ? str(first.arg) : undefined;
    const rest = parts.slice(1).map(str);
    if (p && isParam(p) && rest.length && rest.every((x) => x !== undefined && !x.includes('${'))) {
      const suffix = (str(d) ?? '') + rest.join(str(d) ?? '');
      return { param: p, suffix, written: '${' + p + '}' + suffix };
    }
  }
  return undefined;
}

/** What `Fn::ImportValue` names: a static export name, or an export named from a stack parameter (matched by its suffix). */
export function importTarget(a: RNode | undefined, env: EvalEnv): Target {
  const p = stackParamName(a, env);
  if (p && !env.params.get(p.param)) return { k: 'import', exportName: p.written, suffix: p.suffix };
  const name = evalStr(a, env);
  if (!isStatic(name)) return { k: 'unknown', text: 'Fn::ImportValue' };
  // With a default, the name it gives; a template exporting `${AWS::StackName}-X` may provide it under another.
  return p ? { k: 'import', exportName: name, defaultSuffix: p.suffix } : { k: 'import', exportName: name };
}

/** The suffix of an export name written `${AWS::StackName}-X`. */
export function stackRelativeSuffix(n0: RNode | undefined, env: EvalEnv): string | undefined {
  const fn = intrinsic(n0);
  if (!fn) return undefined;
  const a = deref(fn.arg);
  if (fn.fn === 'Fn::Sub' && a?.k === 'scalar') {
    const m = /^\$\{AWS::StackName\}([^$]+)$/.exec(str(a) ?? '');
    return m?.[1];
  }
  if (fn.fn === 'Fn::Join') {
    const [d, list] = items(a);
    const parts = items(list);
    const first = intrinsic(parts[0]);
    const rest = parts.slice(1).map(str);
    if (first?.fn === 'Ref' && str(first.arg) === 'AWS::StackName' && rest.length && rest.every((x) => x !== undefined && !x.includes('${'))) return (str(d) ?? '') + rest.join(str(d) ?? '');
  }
  void env;
  return undefined;
}

export function getAttParts(a: RNode | undefined): [string | undefined, string | undefined] {
  const d = deref(a);
  if (!d) return [undefined, undefined];
  if (d.k === 'seq') return [str(d.items[0]), str(d.items[1])];
  const s = str(d);
  if (!s) return [undefined, undefined];
  const i = s.indexOf('.');
  return i === -1 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

/** Classifies a plain string value. */
export function classifyString(s: string): Target {
  const cf = /^\$\{cf(?:\([^)]*\))?:([^.}]+)\.([^,}\s]+)\s*(?:,[^}]*)?\}$/.exec(s);
  if (cf) return { k: 'cf', stack: cf[1], output: cf[2] };
  const ssm = /^\$\{ssm(?:\([^)]*\))?:([^,}~]+)(?:~[^,}]*)?\s*(?:,[^}]*)?\}$/.exec(s);
  if (ssm) return { k: 'ssm', path: ssm[1].trim() };
  const dyn = /^\{\{resolve:ssm(?:-secure)?:([^:}]+)(?::\d+)?\}\}$/.exec(s);
  if (dyn) return { k: 'ssm', path: dyn[1] };
  if (s.startsWith('arn:')) {
    const a = parseArn(s);
    return a ? { k: 'arn', service: a.service, name: a.name, text: s } : { k: 'unknown', text: s };
  }
  if (s.startsWith('https://sqs.')) {
    const a = parseQueueUrl(s);
    return a ? { k: 'arn', service: 'sqs', name: a.name, text: s } : { k: 'unknown', text: s };
  }
  if (!isStatic(s) || s === '') return { k: 'unknown', text: s.replace(/\u0000/g, '*') };
  return { k: 'name', name: s };
}

/** Parameters whose value is read from SSM, with the parameter path of their default. */
export function ssmParameters(params: RNode | undefined, overrides?: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of entries(params)) {
    const type = str(get(e.value, 'Type')) ?? '';
    const def = overrides?.[e.key] ?? str(get(e.value, 'Default'));
    if (type.startsWith('AWS::SSM::Parameter::Value') && def) out.set(e.key, def);
  }
  return out;
}

/** Entries of the template's `Parameters` with their values: the samconfig's override, else the default. */
export function parameterDefaults(params: RNode | undefined, overrides?: Record<string, string>): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const e of entries(params)) out.set(e.key, overrides?.[e.key] ?? str(get(e.value, 'Default')));
  return out;
}
