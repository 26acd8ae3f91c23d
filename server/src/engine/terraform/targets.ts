// What a Terraform expression names, in the engine's kind-neutral terms (`Target`): a resource
// of the unit (`aws_sqs_queue.orders.arn`, through variables, locals and module outputs), an
// explicit contract (a remote state output, an SSM parameter, a data source that looks a
// resource up by name, a CloudFormation export or stack output), or a literal ARN or name.

import { classifyString } from '../intrinsics';
import type { Target } from '../model';
import { RESOURCE_TYPES } from '../../protocol/resource-types';
import type { HclExpr, HclRef } from './hcl-model';
import { attribute, childExprs as childrenOf } from './hcl-model';
import { attrPath, indexKeys, isLambdaModule, known, localSource, ModuleScope } from './scope';

const MAX_DEPTH = 10;

/** Data sources that look a resource up by name, with the attribute that holds the name and the ARN service. */
export const LOOKUPS: Record<string, { nameAttr: string; service: string }> = {};
for (const t of RESOURCE_TYPES) {
  if (t.terraform && t.arnService && t.nameProperty) LOOKUPS[t.terraform] = { nameAttr: t.terraformName ?? 'name', service: t.arnService };
}
LOOKUPS.aws_sfn_state_machine = { nameAttr: 'name', service: 'states' };
delete LOOKUPS.aws_ssm_parameter; // an SSM parameter is a contract of its own kind

/** A `data "terraform_remote_state"` block's state: the backend's key (or path), which is a unit's stack name. */
export function remoteStateKey(scope: ModuleScope, name: string): string | undefined {
  const b = scope.decls.data.get(`terraform_remote_state.${name}`);
  if (!b) return undefined;
  const config = attribute(b.items, 'config')?.value;
  if (config?.k !== 'object') return undefined;
  for (const e of config.entries) {
    if (e.name === 'key' || e.name === 'path') {
      const v = scope.str(e.value);
      return known(v) ? v : undefined;
    }
  }
  return undefined;
}

/** The name a lookup data source is given (`data "aws_sqs_queue" "q" { name = "orders" }`), when the text decides it. */
export function lookupName(scope: ModuleScope, key: string): { type: string; name: string; service: string; expr: HclExpr } | undefined {
  const b = scope.decls.data.get(key);
  const type = key.slice(0, key.indexOf('.'));
  const l = LOOKUPS[type];
  if (!b || !l) return undefined;
  const expr = attribute(b.items, l.nameAttr)?.value;
  const name = scope.str(expr);
  return expr && known(name) ? { type, name, service: l.service, expr } : undefined;
}

/** What an expression names. */
export function targetOf(e: HclExpr | undefined, scope: ModuleScope, depth = 0): Target {
  if (!e || depth > MAX_DEPTH) return { k: 'unknown' };
  switch (e.k) {
    case 'literal':
      return typeof e.value === 'string' ? classifyString(e.value) : { k: 'unknown' };
    case 'template': {
      // `"${aws_sqs_queue.q.arn}"`, or an ARN built on a resource's (`"${aws_api_gateway_rest_api.a.execution_arn}/*"`).
      const first = e.parts[0];
      if (first?.k === 'interp' && first.expr) {
        const t = targetOf(first.expr, scope, depth + 1);
        if (t.k !== 'unknown' || e.parts.length === 1) return t;
      }
      const s = scope.str(e);
      if (s === undefined) return { k: 'unknown' };
      const t = classifyString(s.replace(/\u0000/g, '${x}'));
      return t.k === 'name' && !known(s) ? { k: 'unknown', text: s } : t;
    }
    case 'ref':
      return refTarget(e, scope, depth);
    case 'call':
      if (['try', 'one', 'coalesce', 'element', 'tolist', 'tostring', 'lookup'].includes(e.name) && e.args[0]) return targetOf(e.args[0], scope, depth + 1);
      return { k: 'unknown' };
    case 'conditional': {
      const a = targetOf(e.then, scope, depth + 1);
      return a.k !== 'unknown' ? a : targetOf(e.else, scope, depth + 1);
    }
    case 'tuple':
      return e.items.length === 1 ? targetOf(e.items[0], scope, depth + 1) : { k: 'unknown' };
    default:
      return { k: 'unknown' };
  }
}

function refTarget(e: HclRef, scope: ModuleScope, depth: number): Target {
  const p = attrPath(e);
  switch (e.name) {
    case 'var': {
      const v = p[0] ? scope.variable(p[0]) : undefined;
      return v ? targetOf(v.expr, v.scope, depth + 1) : { k: 'unknown' };
    }
    case 'local':
      return p[0] ? targetOf(scope.local(p[0]), scope, depth + 1) : { k: 'unknown' };
    case 'module': {
      const [m, out] = p;
      const block = m ? scope.decls.modules.get(m) : undefined;
      if (!block) return { k: 'unknown' };
      if (isLambdaModule(block)) return { k: 'local', id: `${scope.prefix}module.${m}`, attr: out };
      const child = scope.children.get(m);
      const o = out ? child?.decls.outputs.get(out) : undefined;
      return child && o ? targetOf(attribute(o.items, 'value')?.value, child, depth + 1) : { k: 'unknown' };
    }
    case 'data':
      return dataTarget(e, scope);
    case 'each':
    case 'count':
    case 'path':
    case 'self':
    case 'terraform':
      return { k: 'unknown' };
    default: {
      const key = `${e.name}.${p[0]}`;
      if (p[0] && scope.decls.resources.has(key)) return { k: 'local', id: scope.prefix + key, attr: p[1] };
      return { k: 'unknown' };
    }
  }
}

function dataTarget(e: HclRef, scope: ModuleScope): Target {
  const keys = indexKeys(e);
  const [type, name] = keys;
  if (!type || !name) return { k: 'unknown' };
  const key = `${type}.${name}`;
  const b = scope.decls.data.get(key);
  if (!b) return { k: 'unknown' };
  if (type === 'terraform_remote_state' && keys[2] === 'outputs' && keys[3]) {
    const stack = remoteStateKey(scope, name);
    return stack ? { k: 'cf', stack, output: keys[3] } : { k: 'unknown' };
  }
  if (type === 'aws_ssm_parameter') {
    const path = scope.str(attribute(b.items, 'name')?.value);
    return known(path) ? { k: 'ssm', path } : { k: 'unknown' };
  }
  if (type === 'aws_cloudformation_export') {
    const exportName = scope.str(attribute(b.items, 'name')?.value);
    return known(exportName) ? { k: 'import', exportName } : { k: 'unknown' };
  }
  if (type === 'aws_cloudformation_stack' && keys[2] === 'outputs' && keys[3]) {
    const stack = scope.str(attribute(b.items, 'name')?.value);
    return known(stack) ? { k: 'cf', stack, output: keys[3] } : { k: 'unknown' };
  }
  const l = lookupName(scope, key);
  return l ? { k: 'name', name: l.name, service: l.service } : { k: 'unknown' };
}

type Address = { id: string; attr?: string; ref: HclRef };

/**
 * What a variable's, local's or module output's expression refers to, read in a scope from a
 * depth: the same for every reference that reaches it (only `ref` differs, and it is the
 * reference followed), each address once. Kept per scope and expression, so a local read by
 * many resources (or locals built from locals) is walked once per depth, not once per
 * reference to it: the walk was exponential in the length of a chain of locals.
 */
const expansions = new WeakMap<ModuleScope, WeakMap<HclExpr, Map<number, Array<{ id: string; attr?: string }>>>>();

function expand(e: HclExpr | undefined, scope: ModuleScope, out: Address[], depth: number, at: HclRef): void {
  if (!e || depth > MAX_DEPTH) return;
  let byExpr = expansions.get(scope);
  if (!byExpr) expansions.set(scope, (byExpr = new WeakMap()));
  let byDepth = byExpr.get(e);
  if (!byDepth) byExpr.set(e, (byDepth = new Map()));
  let found = byDepth.get(depth);
  if (!found) {
    // Each address once: a local read twice by the next one names the same things (without this, a chain of locals that each read the previous one twice would double at every level).
    const seen = new Set<string>();
    found = [];
    for (const a of addressesOf(e, scope, [], depth, at)) {
      const key = `${a.id}\n${a.attr ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push({ id: a.id, attr: a.attr });
    }
    byDepth.set(depth, found);
  }
  for (const a of found) out.push({ id: a.id, attr: a.attr, ref: at });
}

/** The unit addresses (and attributes) an expression refers to: resources, through variables, locals and local modules' outputs. */
export function addressesOf(e: HclExpr | undefined, scope: ModuleScope, out: Address[] = [], depth = 0, via?: HclRef): Address[] {
  if (!e || depth > MAX_DEPTH) return out;
  const stack: HclExpr[] = [e];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.k !== 'ref') {
      pushChildren(x, stack);
      continue;
    }
    const p = attrPath(x);
    const at = via ?? x;
    if (x.name === 'var' && p[0]) {
      const v = scope.variable(p[0]);
      if (v && v.scope !== scope) expand(v.expr, v.scope, out, depth + 1, at);
    } else if (x.name === 'local' && p[0]) expand(scope.local(p[0]), scope, out, depth + 1, at);
    else if (x.name === 'module' && p[0]) {
      const block = scope.decls.modules.get(p[0]);
      if (block && isLambdaModule(block)) out.push({ id: `${scope.prefix}module.${p[0]}`, attr: p[1], ref: at });
      else if (block && localSource(block) && p[1]) {
        const child = scope.children.get(p[0]);
        const o = child?.decls.outputs.get(p[1]);
        if (child && o) expand(attribute(o.items, 'value')?.value, child, out, depth + 1, at);
      }
    } else if (p[0] && scope.decls.resources.has(`${x.name}.${p[0]}`)) out.push({ id: `${scope.prefix}${x.name}.${p[0]}`, attr: p[1], ref: at });
    pushChildren(x, stack);
  }
  return out;
}

function pushChildren(x: HclExpr, stack: HclExpr[]): void {
  // Index keys inside references, and the operands of everything else.
  const kids = childrenOf(x);
  for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
}
