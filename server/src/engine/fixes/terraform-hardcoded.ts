// Fixes for hardcoded-reference where Terraform is on either side: in the same module, the
// resource's attribute (`aws_sqs_queue.orders.arn`); across units, the SSM parameter the owner
// publishes (a `data "aws_ssm_parameter"` in Terraform, `${ssm:}` in Serverless), else, in
// Terraform, a data source that looks the resource up by name. Never a move: Terraform state
// moves are state operations, not text edits.

import type { ResolvedThing } from '../link';
import type { LiteralFact, UnitFacts } from '../model';
import { RESOURCE_TYPES, terraformNameAttr } from '../../protocol/resource-types';
import type { RuleContext } from '../rules/rule';
import type { Fix, TextEdit } from '../types';
import { LOOKUPS } from '../terraform/targets';
import { unitName } from '../rules/describe';
import { dirname } from '../paths';

type Want = 'arn' | 'url' | 'name';

function wantOf(lit: LiteralFact): Want {
  return lit.text.startsWith('arn:') ? 'arn' : lit.text.startsWith('https://sqs.') ? 'url' : 'name';
}

/** `module.a.aws_sqs_queue.q` is `module.a.` and `aws_sqs_queue`. */
function split(address: string): { prefix: string; type: string; name: string } {
  const parts = address.split('.');
  return { prefix: parts.slice(0, -2).join('.') + (parts.length > 2 ? '.' : ''), type: parts[parts.length - 2] ?? '', name: parts[parts.length - 1] ?? '' };
}

/** The module instance an address belongs to: `module.a.` for `module.a.aws_sqs_queue.q` and `module.a.data.T.N`. */
function modulePrefix(address: string): string {
  const data = /^((?:module\.[^.]+\.)*)data\./.exec(address);
  return data ? data[1] : split(address).prefix;
}

/** The attribute of a Terraform resource (or lambda module) that gives what the literal wrote. */
function attributeFor(address: string, want: Want): string | undefined {
  const { type } = split(address);
  if (type === 'module') return want === 'arn' ? 'lambda_function_arn' : want === 'name' ? 'lambda_function_name' : undefined;
  if (want === 'arn') return 'arn';
  if (want === 'url') return type === 'aws_sqs_queue' ? 'url' : undefined;
  return terraformNameAttr(type);
}

/** Replaces the literal: the whole string by the expression, or the literal inside a template by `${expression}`. */
function replace(ctx: RuleContext, lit: LiteralFact, expr: string, terraform: boolean): TextEdit {
  const file = lit.loc.file;
  if (terraform) {
    const src = ctx.text(file).slice(lit.scalarLoc.start, lit.scalarLoc.end);
    if (lit.whole && /^"[^"]*"$/.test(src)) return { file, start: lit.scalarLoc.start, end: lit.scalarLoc.end, newText: expr };
    return { file, start: lit.loc.start, end: lit.loc.end, newText: `\${${expr}}` };
  }
  return { file, start: lit.loc.start, end: lit.loc.end, newText: expr };
}

/** A data block appended to the literal's file, with a name no other data source of its type has there. */
function dataBlock(ctx: RuleContext, facts: UnitFacts, file: string, type: string, base: string, name: string, arg = 'name'): { edit: TextEdit; address: string } {
  const text = ctx.text(file);
  // Every file of the module's folder declares into one namespace.
  const folder = facts.files.filter((f) => dirname(f) === dirname(file)).map((f) => ctx.text(f));
  const slug = (base.replace(/[^A-Za-z0-9_-]/g, '_').replace(/^[^A-Za-z_]+/, '') || 'lookup').slice(0, 40);
  let label = slug;
  for (let i = 2; folder.some((t) => new RegExp(`data\\s+"${type}"\\s+"${label}"`).test(t)); i++) label = `${slug}_${i}`;
  const lead = text.endsWith('\n') || text === '' ? '' : '\n';
  return { edit: { file, start: text.length, end: text.length, newText: `${lead}\ndata "${type}" "${label}" {\n  ${arg} = "${name}"\n}\n` }, address: `data.${type}.${label}` };
}

/**
 * A data source of the literal's module that already reads the thing (`data "aws_ssm_parameter"` of
 * the path, a lookup of the name): its address, so the fix reuses it instead of adding a twin.
 */
function existingData(facts: UnitFacts, lit: LiteralFact, type: string, matches: (t: UnitFacts['imports'][number]['target']) => boolean): string | undefined {
  const prefix = lit.from ? modulePrefix(lit.from) : '';
  for (const i of facts.imports) {
    if (!i.from || dirname(i.loc.file) !== dirname(lit.loc.file) || !i.from.startsWith(prefix)) continue;
    const address = i.from.slice(prefix.length);
    if (address.startsWith(`data.${type}.`) && !address.slice(`data.${type}.`.length).includes('.') && matches(i.target)) return address;
  }
  return undefined;
}

/** The SSM parameter the owner publishes for the thing: a parameter whose value refers to it. */
function publishedParameter(owner: UnitFacts, thing: ResolvedThing, want: Want): string | undefined {
  for (const p of owner.ssmParams) {
    const ref = owner.refs.find((r) => r.from === p.resource && r.name === thing.id);
    if (!ref) continue;
    const attr = (ref.attr ?? '').toLowerCase();
    const ok = want === 'arn' ? attr === 'arn' || (attr === '' && /SNS::Topic/.test(thing.type)) : want === 'url' ? attr === 'url' || attr === 'queueurl' || (attr === '' && /SQS/.test(thing.type)) : attr === '' || /name|id|bucket/.test(attr);
    if (ok) return p.path;
  }
  return undefined;
}

export function terraformHardcodedFixes(ctx: RuleContext, facts: UnitFacts, lit: LiteralFact, thing: ResolvedThing): Fix[] {
  const want = wantOf(lit);
  const owner = thing.facts;
  const importerIsTf = facts.kind === 'terraform';
  if (owner === facts) {
    // The same module instance only: a module's resources are not addresses of its caller.
    if (!importerIsTf || !lit.from || modulePrefix(lit.from) !== split(thing.id).prefix || lit.from === thing.id) return [];
    const attr = attributeFor(thing.id, want);
    if (!attr) return [];
    const { prefix } = split(thing.id);
    const expr = `${thing.id.slice(prefix.length)}.${attr}`;
    return [{ title: `Replace the literal with ${expr}`, preferred: true, edits: [replace(ctx, lit, expr, true)] }];
  }
  if (ctx.linked.unitOf(facts.id) === thing.unit) return [];
  const path = publishedParameter(owner, thing, want);
  if (path) {
    if (importerIsTf) {
      const title = `Read it from the SSM parameter ${path} that ${unitName(owner)} publishes`;
      const known = existingData(facts, lit, 'aws_ssm_parameter', (t) => t.k === 'ssm' && t.path === path);
      if (known) return [{ title, preferred: true, edits: [replace(ctx, lit, `${known}.value`, true)] }];
      const d = dataBlock(ctx, facts, lit.loc.file, 'aws_ssm_parameter', split(thing.id).name || thing.id, path);
      return [{ title, preferred: true, edits: [replace(ctx, lit, `${d.address}.value`, true), d.edit] }];
    }
    if (facts.kind === 'serverless') return [{ title: `Read it from the SSM parameter ${path}: \${ssm:${path}}`, preferred: true, edits: [replace(ctx, lit, `\${ssm:${path}}`, false)] }];
    return [];
  }
  if (!importerIsTf) return [];
  // A lookup by name: the dependency on the owner's resource becomes explicit.
  const tfType = RESOURCE_TYPES.find((t) => t.cfn === (thing.fn ? 'AWS::Lambda::Function' : thing.type))?.terraform;
  const lookup = tfType ? LOOKUPS[tfType] : undefined;
  const name = thing.fn?.physicalName ?? thing.resource?.physicalName;
  if (!tfType || !lookup || !name || name.includes('\u0000') || name.includes('"')) return [];
  const attr = want === 'arn' ? 'arn' : want === 'url' ? (tfType === 'aws_sqs_queue' ? 'url' : undefined) : lookup.nameAttr === 'bucket' ? 'id' : lookup.nameAttr;
  if (!attr) return [];
  const title = `Look it up by name: data "${tfType}" (${name}, which ${unitName(owner)} deploys)`;
  const known = existingData(facts, lit, tfType, (t) => t.k === 'name' && t.name === name && (!t.service || t.service === lookup.service));
  if (known) return [{ title, preferred: true, edits: [replace(ctx, lit, `${known}.${attr}`, true)] }];
  const d = dataBlock(ctx, facts, lit.loc.file, tfType, name, name, lookup.nameAttr);
  return [{ title, preferred: true, edits: [replace(ctx, lit, `${d.address}.${attr}`, true), d.edit] }];
}
