// A Terraform module as the analysis sees it: the declarations of one folder's `.tf` files, and
// one instance of it (the root module, or a local module called from a caller with the caller's
// values), in which expressions are evaluated statically.
//
// Evaluation gives strings (a physical name, a path, an ARN) where the text decides them:
// literals, templates, variables (the caller's value, else the default), locals, the names of
// other resources, and `format`/`join`/`lower`/`upper`/`trimspace`/`tostring` of known values.
// A part that only the deployment decides is the engine's unknown marker (`shown` writes `*`).
// Every walk is bounded: references are followed at most MAX_DEPTH deep.

import type { HclAttribute, HclBlock, HclExpr, HclFile, HclRef } from './hcl-model';
import { attribute, blocks, stringValue } from './hcl-model';
import { terraformNameAttr } from '../../protocol/resource-types';

export const UNKNOWN = '\u0000';
const MAX_DEPTH = 12;

/** The declarations of one module folder. */
export interface ModuleDecls {
  dir: string;
  files: HclFile[];
  variables: Map<string, HclBlock>;
  locals: Map<string, HclAttribute>;
  /** `TYPE.NAME` of resources. */
  resources: Map<string, HclBlock>;
  /** `TYPE.NAME` of data sources. */
  data: Map<string, HclBlock>;
  modules: Map<string, HclBlock>;
  outputs: Map<string, HclBlock>;
  /** A `terraform { backend ... }` or `cloud` block, or a `provider` block: the folder is a root module. */
  root: boolean;
  backend?: HclBlock;
}

export function declsOf(dir: string, files: HclFile[]): ModuleDecls {
  const d: ModuleDecls = { dir, files, variables: new Map(), locals: new Map(), resources: new Map(), data: new Map(), modules: new Map(), outputs: new Map(), root: false };
  for (const f of files) {
    for (const b of blocks(f.items)) {
      const [a, c] = b.labels.map((l) => l.value);
      switch (b.type) {
        case 'variable':
          if (a !== undefined && !d.variables.has(a)) d.variables.set(a, b);
          break;
        case 'locals':
          for (const i of b.items) if (i.k === 'attribute' && !d.locals.has(i.name)) d.locals.set(i.name, i);
          break;
        case 'resource':
          if (a !== undefined && c !== undefined && !d.resources.has(`${a}.${c}`)) d.resources.set(`${a}.${c}`, b);
          break;
        case 'data':
          if (a !== undefined && c !== undefined && !d.data.has(`${a}.${c}`)) d.data.set(`${a}.${c}`, b);
          break;
        case 'module':
          if (a !== undefined && !d.modules.has(a)) d.modules.set(a, b);
          break;
        case 'output':
          if (a !== undefined && !d.outputs.has(a)) d.outputs.set(a, b);
          break;
        case 'provider':
          d.root = true;
          break;
        case 'terraform': {
          const backend = blocks(b.items, 'backend')[0] ?? blocks(b.items, 'cloud')[0];
          if (backend) {
            d.root = true;
            d.backend ??= backend;
          }
          break;
        }
      }
    }
  }
  return d;
}

/** A module call's source that names a folder of the workspace (`./x`, `../x`). */
export function localSource(b: HclBlock): string | undefined {
  const s = stringValue(attribute(b.items, 'source')?.value);
  return s !== undefined && /^\.\.?\//.test(s) ? s : undefined;
}

/**
 * The registry module that makes functions (`terraform-aws-modules/lambda/aws`, also through a git or
 * registry host). Its submodules (`//modules/alias`, `deploy`, `docker-build`) make no function.
 */
export function isLambdaModule(b: HclBlock): boolean {
  const s = stringValue(attribute(b.items, 'source')?.value) ?? '';
  if (/\/\/modules\//.test(s)) return false;
  return /(^|\/)terraform-aws-modules\/lambda\/aws(\/\/.*)?$/.test(s) || /terraform-aws-modules\/terraform-aws-lambda(\.git)?([/?].*)?$/.test(s);
}

/** One instance of a module: where its declarations come from and what its caller passes. */
export class ModuleScope {
  readonly children = new Map<string, ModuleScope>();
  private readonly localMemo = new Map<string, string | undefined>();
  private readonly localBusy = new Set<string>();

  constructor(
    readonly decls: ModuleDecls,
    /** `''` for the root, `module.a.` (and `module.a.module.b.`) inside. */
    readonly prefix: string,
    readonly inputs: Map<string, { expr: HclExpr; scope: ModuleScope }>,
    readonly parent?: ModuleScope,
  ) {}

  /** The static string value of an expression, unknown parts marked, or undefined when nothing of it is known. */
  str(e: HclExpr | undefined, depth = 0): string | undefined {
    if (!e || depth > MAX_DEPTH) return undefined;
    switch (e.k) {
      case 'literal':
        return e.value === null ? undefined : String(e.value);
      case 'template': {
        let out = '';
        for (const p of e.parts) {
          if (p.k === 'text') out += p.value;
          else if (p.k === 'interp') out += this.str(p.expr, depth + 1) ?? UNKNOWN;
          else out += UNKNOWN;
        }
        return out;
      }
      case 'ref':
        return this.refStr(e, depth);
      case 'call':
        return this.callStr(e.name, e.args, depth);
      default:
        return undefined;
    }
  }

  /** The static truth of a condition (`var.create`, `!var.x`, `var.env == "prod"`, `a && b`), or undefined when the deployment decides it. */
  bool(e: HclExpr | undefined, depth = 0): boolean | undefined {
    if (!e || depth > MAX_DEPTH) return undefined;
    switch (e.k) {
      case 'literal':
        return typeof e.value === 'boolean' ? e.value : undefined;
      case 'ref': {
        const p = attrPath(e);
        if (e.name === 'var' && p.length === 1) {
          const v = this.variable(p[0]);
          return v ? v.scope.bool(v.expr, depth + 1) : undefined;
        }
        if (e.name === 'local' && p.length === 1) return this.bool(this.local(p[0]), depth + 1);
        return undefined;
      }
      case 'op': {
        const [a, b] = e.operands;
        if (e.op === '!' && e.operands.length === 1) {
          const x = this.bool(a, depth + 1);
          return x === undefined ? undefined : !x;
        }
        if (e.op === '&&' || e.op === '||') {
          const x = this.bool(a, depth + 1);
          const y = this.bool(b, depth + 1);
          if (e.op === '&&') return x === false || y === false ? false : x && y ? true : undefined;
          return x === true || y === true ? true : x === false && y === false ? false : undefined;
        }
        if (e.op === '==' || e.op === '!=') {
          const x = this.str(a, depth + 1);
          const y = this.str(b, depth + 1);
          if (!known(x) || !known(y)) return undefined;
          return e.op === '==' ? x === y : x !== y;
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /**
   * Whether a resource or module block is created at all: false only when its `count` is statically 0.
   * In a library module (no caller, no backend or provider) the defaults are only defaults: whoever
   * applies it sets the flags, so everything it can create is there.
   */
  created(b: HclBlock): boolean {
    if (!this.parent && !this.decls.root) return true;
    const count = attribute(b.items, 'count')?.value;
    return !count || this.num(count) !== 0;
  }

  /** The static number an expression gives (`var.create ? 1 : 0`, through locals and variables), or undefined. */
  num(e: HclExpr | undefined, depth = 0): number | undefined {
    if (!e || depth > MAX_DEPTH) return undefined;
    if (e.k === 'literal') return typeof e.value === 'number' ? e.value : undefined;
    if (e.k === 'conditional') {
      const c = this.bool(e.cond, depth + 1);
      return c === undefined ? undefined : this.num(c ? e.then : e.else, depth + 1);
    }
    if (e.k === 'ref' && e.parts.length === 1 && e.parts[0].k === 'attr') {
      if (e.name === 'local') return this.num(this.local(e.parts[0].name), depth + 1);
      if (e.name === 'var') {
        const v = this.variable(e.parts[0].name);
        return v ? v.scope.num(v.expr, depth + 1) : undefined;
      }
    }
    return undefined;
  }

  /** The expression a variable stands for in this instance (the caller's value, else the default) and the scope to read it in. */
  variable(name: string): { expr: HclExpr; scope: ModuleScope } | undefined {
    const given = this.inputs.get(name);
    if (given) return given;
    const def = attribute(this.decls.variables.get(name)?.items ?? [], 'default');
    return def ? { expr: def.value, scope: this } : undefined;
  }

  local(name: string): HclExpr | undefined {
    return this.decls.locals.get(name)?.value;
  }

  private refStr(e: HclRef, depth: number): string | undefined {
    const p = attrPath(e);
    if (e.name === 'var' && p[0]) {
      const v = this.variable(p[0]);
      return v && p.length === 1 ? v.scope.str(v.expr, depth + 1) : undefined;
    }
    if (e.name === 'local' && p[0] && p.length === 1) {
      if (this.localMemo.has(p[0])) return this.localMemo.get(p[0]);
      if (this.localBusy.has(p[0])) return undefined;
      this.localBusy.add(p[0]);
      const v = this.str(this.local(p[0]), depth + 1);
      this.localBusy.delete(p[0]);
      this.localMemo.set(p[0], v);
      return v;
    }
    if (e.name === 'module' && p.length === 2) {
      const child = this.children.get(p[0]);
      const out = child?.decls.outputs.get(p[1]);
      return child && out ? child.str(attribute(out.items, 'value')?.value, depth + 1) : undefined;
    }
    // Another resource's name: `aws_sqs_queue.orders.name`, a bucket's `id`.
    if (p.length === 2 && e.name.includes('_')) {
      const r = this.decls.resources.get(`${e.name}.${p[0]}`);
      const nameAttr = terraformNameAttr(e.name);
      if (r && nameAttr && (p[1] === nameAttr || (p[1] === 'id' && ID_IS_NAME.has(e.name)))) return this.str(attribute(r.items, nameAttr)?.value, depth + 1);
    }
    return undefined;
  }

  private callStr(name: string, args: HclExpr[], depth: number): string | undefined {
    const s = (i: number) => this.str(args[i], depth + 1);
    switch (name) {
      case 'lower':
        return s(0)?.toLowerCase();
      case 'upper':
        return s(0)?.toUpperCase();
      case 'trimspace':
        return s(0)?.trim();
      case 'tostring':
        return s(0);
      case 'join': {
        const sep = s(0);
        const list = args[1];
        if (sep === undefined || list?.k !== 'tuple') return undefined;
        return list.items.map((x) => this.str(x, depth + 1) ?? UNKNOWN).join(sep);
      }
      case 'format': {
        const fmt = s(0);
        if (fmt === undefined) return undefined;
        let i = 1;
        return fmt.replace(/%(%|[-+ #0-9.]*[sdvqft])/g, (m, spec: string) => (spec === '%' ? '%' : (this.str(args[i++], depth + 1) ?? UNKNOWN)));
      }
      default:
        return undefined;
    }
  }
}

/** Types whose `id` attribute is their name. */
const ID_IS_NAME = new Set(['aws_s3_bucket', 'aws_dynamodb_table', 'aws_cloudwatch_log_group', 'aws_kinesis_stream', 'aws_ssm_parameter', 'aws_cloudwatch_event_rule', 'aws_cloudwatch_event_bus']);

/** The attribute names after a reference's first name, index and splat steps left out: `aws_sqs_queue.q[0].arn` is `q`, `arn`. */
export function attrPath(e: HclRef): string[] {
  const out: string[] = [];
  for (const p of e.parts) if (p.k === 'attr') out.push(p.name);
  return out;
}

/** The string of an index step with a literal key (`outputs["x"]`). */
export function indexKeys(e: HclRef): string[] {
  const out: string[] = [];
  for (const p of e.parts) {
    if (p.k === 'attr') out.push(p.name);
    else if (p.k === 'index') {
      const s = stringValue(p.key);
      if (s !== undefined) out.push(s);
    }
  }
  return out;
}

export function known(s: string | undefined): s is string {
  return s !== undefined && s !== '' && !s.includes(UNKNOWN);
}

/** A name only partly known, its unknown parts written `*` (for matching grants), when enough of it is known. */
export function namePattern(s: string | undefined): string | undefined {
  return s !== undefined && s.replace(/\u0000/g, '').length >= 3 ? s.replace(/\u0000+/g, '*') : undefined;
}
