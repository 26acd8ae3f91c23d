// A Terraform unit's facts, in the kind-neutral model every rule reads: resources addressed
// `TYPE.NAME` (`module.NAME.TYPE.NAME` inside local modules) with their CloudFormation types,
// functions (`aws_lambda_function` and the lambda registry module), wirings, references inside
// the unit, explicit contracts (remote state, SSM, lookups by name, CloudFormation exports and
// stack outputs), outputs, SSM parameters, literals, placeholders, and the broken references.

import type { FunctionFact, UnitFacts } from '../model';
import { cfnTypeOfTerraform, terraformNameAttr } from '../../protocol/resource-types';
import type { Loc } from '../types';
import { newFacts } from '../unit-facts';
import type { HclBlock, HclExpr } from './hcl-model';
import { attribute, blocks, forEachExpr, stringValue } from './hcl-model';
import { headLoc, nameLoc } from './locs';
import { terraformNavigation } from './navigate';
import { placeholderOf } from './placeholder';
import { brokenReferences } from './refcheck';
import { isLambdaModule, known, ModuleScope, namePattern } from './scope';
import { scanLiterals } from './literals';
import { addressesOf, lookupName, targetOf } from './targets';
import { externalTriggerType, lambdaModuleWirings, resourceWirings, TfWiring } from './triggers';

export interface TfUnitInput {
  /** The unit's main file (its id). */
  id: string;
  dir: string;
  /** Every file of the unit: the root folder's, then its local modules'. */
  files: string[];
  root: ModuleScope;
  /** Every module instance, the root first. */
  scopes: ModuleScope[];
  stackName: string;
  stackNameGuessed: boolean;
  text(file: string): string;
  /** A folder of the unit has files the analysis cannot read (`.tf.json`): its names cannot be proven missing. */
  open?: boolean;
  quiet?: string[];
  library?: boolean;
}

export function terraformFacts(u: TfUnitInput): UnitFacts {
  const f = newFacts(u.id, 'terraform', { file: u.id, text: u.text(u.id), tree: undefined, errors: [], json: false }, u.stackName);
  f.files = u.files;
  f.dir = u.dir;
  if (u.stackNameGuessed) f.stackNameGuessed = true;
  f.openWorld = !!u.open;
  if (u.quiet?.length) f.quietFiles = u.quiet;
  if (u.library) f.library = true;
  const wirings: Array<TfWiring & { scope: ModuleScope }> = [];
  for (const s of u.scopes) {
    extractScope(f, s, u, wirings);
  }
  // Triggers that are resources of the unit take their type from the resource.
  for (const w of wirings) {
    let type = w.triggerType;
    if (w.trigger.k === 'local') {
      const r = f.resources.get(w.trigger.id);
      if (r && (!type || r.type.startsWith('AWS::'))) type = r.type;
    }
    // A trigger the text does not decide is named as written (`var.queue_arn`).
    const written = w.triggerLoc ? u.text(w.triggerLoc.file).slice(w.triggerLoc.start, w.triggerLoc.end).replace(/\s+/g, ' ').trim() : '';
    const label = w.label ?? (w.trigger.k === 'unknown' && written ? (written.length > 60 ? written.slice(0, 57) + '...' : written) : undefined);
    f.wirings.push({ loc: w.loc, triggerLoc: w.triggerLoc, event: w.event, triggerType: type ?? externalTriggerType(w.trigger), trigger: w.trigger, fn: w.fn, label });
  }
  for (const o of u.root.decls.outputs.values()) {
    const value = attribute(o.items, 'value')?.value;
    f.outputs.push({ key: o.labels[0].value, loc: nameLoc(o), entryLoc: o.loc, refs: addressesOf(value, u.root).map((a) => a.id), valueLoc: value?.loc });
  }
  // References to resources this instance does not create (`count` statically 0) lead nowhere the link could follow.
  f.refs = f.refs.filter((r) => f.resources.has(r.name));
  for (const fn of f.functions.values()) fn.uses = fn.uses.filter((t) => t.k !== 'local' || f.resources.has(t.id));
  for (const o of f.outputs) o.refs = o.refs.filter((r) => f.resources.has(r));
  if (!u.open) brokenReferences(f, u.scopes);
  terraformNavigation(f, u.scopes);
  return f;
}

function extractScope(f: UnitFacts, s: ModuleScope, u: TfUnitInput, wirings: Array<TfWiring & { scope: ModuleScope }>): void {
  const d = s.decls;
  for (const [key, b] of d.resources) {
    const tfType = key.slice(0, key.indexOf('.'));
    const addr = s.prefix + key;
    // `count = var.create ? 1 : 0` with the variable false here: this instance does not have it.
    if (!s.created(b)) continue;
    const nameAttr = terraformNameAttr(tfType);
    const name = nameAttr ? s.str(attribute(b.items, nameAttr)?.value) : undefined;
    f.definitions.set(addr, nameLoc(b));
    const used = refsFrom(f, s, b, addr);
    if (tfType === 'aws_lambda_function') addFunction(f, s, b, addr, name, used, true);
    else f.resources.set(addr, { id: addr, type: cfnTypeOfTerraform(tfType), loc: headLoc(b), entryLoc: b.loc, node: undefined, ...(known(name) ? { physicalName: name } : {}) });
    for (const w of resourceWirings(tfType, b, addr, s)) wirings.push({ ...w, scope: s });
    if (tfType === 'aws_ssm_parameter') {
      const path = s.str(attribute(b.items, 'name')?.value);
      const value = attribute(b.items, 'value')?.value ?? attribute(b.items, 'insecure_value')?.value;
      const vt = targetOf(value, s);
      if (known(path)) f.ssmParams.push({ path, resource: addr, loc: headLoc(b), ...(vt.k === 'arn' || vt.k === 'name' ? { value: vt } : {}) });
    }
    // A resource's own `name` is never a reference, whatever its type.
    scanLiterals(f, b, addr, nameAttr ?? 'name', u.text);
  }
  for (const [key, b] of d.modules) {
    if (!isLambdaModule(b) || !s.created(b)) continue;
    const addr = `${s.prefix}module.${key}`;
    if (stringValue(attribute(b.items, 'create_function')?.value) === 'false' || literalFalse(attribute(b.items, 'create_function')?.value) || literalFalse(attribute(b.items, 'create')?.value)) continue;
    const name = s.str(attribute(b.items, 'function_name')?.value);
    f.definitions.set(addr, nameLoc(b));
    addFunction(f, s, b, addr, name, refsFrom(f, s, b, addr), false);
    for (const w of lambdaModuleWirings(b, addr, s)) wirings.push({ ...w, scope: s });
    scanLiterals(f, b, addr, 'function_name', u.text);
  }
  // Other modules' arguments refer to the unit's resources too (a queue ARN passed to a registry module).
  // A literal ARN passed to one names something that exists; a bare name may be what the module creates.
  for (const [key, b] of d.modules) {
    if (isLambdaModule(b)) continue;
    refsFrom(f, s, b, `${s.prefix}module.${key}`);
    scanLiterals(f, b, `${s.prefix}module.${key}`, undefined, u.text, true);
  }
  for (const [key, b] of d.data) imports(f, s, key, b);
  // IAM statements written as policy documents name what they grant on.
  for (const [key, b] of d.data) if (key.startsWith('aws_iam_policy_document.')) scanLiterals(f, b, `${s.prefix}data.${key}`, undefined, u.text);
  for (const [key, a] of d.locals) f.definitions.set(`${s.prefix}local.${key}`, a.nameLoc);
  for (const [key, b] of d.variables) f.definitions.set(`${s.prefix}var.${key}`, nameLoc(b));
  for (const [key, b] of d.outputs) f.definitions.set(`${s.prefix}output.${key}`, nameLoc(b));
  for (const [key, b] of d.modules) f.definitions.set(`${s.prefix}module.${key}`, nameLoc(b));
  for (const [key, b] of d.data) f.definitions.set(`${s.prefix}data.${key}`, nameLoc(b));
  for (const l of d.locals.values()) scanLiterals(f, { k: 'block', type: 'locals', typeLoc: l.nameLoc, labels: [], items: [l], loc: l.loc }, undefined, undefined, u.text, true);
  for (const v of d.variables.values()) scanLiterals(f, v, undefined, undefined, u.text, true);
}

function literalFalse(e: HclExpr | undefined): boolean {
  return e?.k === 'literal' && e.value === false;
}

/** A block's whole body as one expression, for walks over every reference in it. */
function bodyExpr(b: HclBlock): HclExpr {
  const items: HclExpr[] = [];
  const stack: HclBlock[] = [b];
  while (stack.length) {
    const x = stack.pop()!;
    for (const i of x.items) {
      if (i.k === 'attribute') items.push(i.value);
      else if (i.type !== 'lifecycle') stack.push(i);
    }
  }
  return { k: 'tuple', items, loc: b.loc };
}

/** References from a block to resources of the unit: what the link follows (permissions, state machines, policies, SSM values). */
function refsFrom(f: UnitFacts, s: ModuleScope, b: HclBlock, from: string): Array<{ id: string; attr?: string }> {
  const out: Array<{ id: string; attr?: string }> = [];
  for (const a of addressesOf(bodyExpr(b), s)) {
    if (a.id === from) continue;
    f.refs.push({ kind: a.attr ? 'GetAtt' : 'Ref', name: a.id, attr: a.attr, loc: a.ref.loc, from });
    out.push(a);
  }
  return out;
}

/**
 * A function (an `aws_lambda_function`, or a lambda registry module call): its name or name pattern,
 * placeholder evidence (a stub archive is weak evidence, which the module's inputs cannot give), what
 * its definition uses, and its resource entry.
 */
function addFunction(f: UnitFacts, s: ModuleScope, b: HclBlock, addr: string, name: string | undefined, used: Array<{ id: string; attr?: string }>, weakEvidence: boolean): void {
  const fn: FunctionFact = { id: addr, logicalId: addr, loc: headLoc(b), entryLoc: b.loc, node: undefined, uses: used.map((a) => ({ k: 'local', id: a.id, attr: a.attr })) };
  if (known(name)) fn.physicalName = name;
  else fn.namePattern = namePattern(name);
  const p = placeholderOf(b, s);
  if (p?.weak && weakEvidence) fn.stubCode = { reason: p.reason, loc: p.loc };
  else if (p && !p.weak) fn.placeholder = { reason: p.reason, loc: p.loc };
  f.functions.set(addr, fn);
  f.resources.set(addr, { id: addr, type: 'AWS::Lambda::Function', loc: headLoc(b), entryLoc: b.loc, node: undefined, ...(known(name) ? { physicalName: name } : {}) });
}

/** Explicit contracts a data source declares: SSM parameters, lookups by name, remote state and CloudFormation reads. */
function imports(f: UnitFacts, s: ModuleScope, key: string, b: HclBlock): void {
  const type = key.slice(0, key.indexOf('.'));
  const at = (n: string) => attribute(b.items, n)?.value;
  const from = `${s.prefix}data.${key}`;
  if (type === 'aws_ssm_parameter') {
    const path = s.str(at('name'));
    if (known(path)) f.imports.push({ target: { k: 'ssm', path }, loc: at('name')!.loc, text: `data.${key} (SSM parameter ${path})`, from });
    return;
  }
  if (type === 'aws_cloudformation_export') {
    const name = s.str(at('name'));
    if (known(name)) f.imports.push({ target: { k: 'import', exportName: name }, loc: at('name')!.loc, text: `data.${key} (export ${name})`, from });
    return;
  }
  if (type === 'terraform_remote_state' || type === 'aws_cloudformation_stack') {
    remoteReads(f, s, key, type);
    return;
  }
  const l = lookupName(s, key);
  if (l) f.imports.push({ target: { k: 'name', name: l.name, service: l.service }, loc: l.expr.loc, text: `data.${key} (${l.name})`, from, optional: true });
}

/** Each `data.terraform_remote_state.X.outputs.Y` (and CloudFormation stack output) read in the module. */
function remoteReads(f: UnitFacts, s: ModuleScope, key: string, type: string): void {
  const name = key.slice(key.indexOf('.') + 1);
  const seen = new Set<string>();
  for (const file of s.decls.files) {
    walkRefs(file.items, (ref) => {
      if (ref.name !== 'data' || ref.parts[0]?.k !== 'attr' || ref.parts[0].name !== type || ref.parts[1]?.k !== 'attr' || ref.parts[1].name !== name) return;
      const t = targetOf(ref, s);
      if (t.k !== 'cf') return;
      const last = ref.parts[3];
      // The output's name as written: `.name`, or the string inside `["name"]` (a did-you-mean fix replaces it).
      const indexKey = last?.k === 'index' ? last.key : undefined;
      const keyText = indexKey?.k === 'template' && indexKey.parts.length === 1 && indexKey.parts[0].k === 'text' ? indexKey.parts[0] : undefined;
      const nameAt: Loc | undefined = last?.k === 'attr' ? { file: last.loc.file, start: last.loc.end - last.name.length, end: last.loc.end } : indexKey?.k === 'literal' ? indexKey.valueLoc : keyText?.loc;
      const at = `${ref.loc.start}`;
      if (seen.has(at)) return;
      seen.add(at);
      f.imports.push({ target: t, loc: ref.loc, nameLoc: nameAt, text: `data.${type}.${name}.outputs.${t.output}`, from: `${s.prefix}data.${key}` });
    });
  }
}

/** Every reference in a body, blocks and attributes. */
export function walkRefs(items: HclBlock['items'], visit: (r: Extract<HclExpr, { k: 'ref' }>) => void): void {
  const stack: HclBlock['items'][] = [items];
  while (stack.length) {
    for (const i of stack.pop()!) {
      if (i.k === 'block') stack.push(i.items);
      else forEachExpr(i.value, (e) => e.k === 'ref' && visit(e));
    }
  }
}
