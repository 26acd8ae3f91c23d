// Linking one unit: its wirings (each trigger resolved to the resource or external thing it
// names, each function to its node), the functions it invokes otherwise (state machines,
// destinations, permissions, grants, literal ARNs), what it consumes (exports, outputs,
// contracts) and its cross-unit edges, with the dependency keys the computation read.

import { ARN_SERVICE, FUNCTION_TYPES, TRIGGER_TYPES } from './aws';
import { ANY_FUNCTION, patternsMeet, wildName } from './extract/grants';
import { assemblyOf } from './fragments';
import type { Linked } from './link';
import { nearest } from './link-index';
import type { CrossEdge, FunctionNode, LinkedWiring, Products, ResolvedThing, TriggerNode } from './link-types';
import { isPubSub, targetText } from './model';
import type { Target, UnitFacts } from './model';

/** Links one unit: its wirings, the functions it invokes, what it consumes, its edges. */
export function linkUnit(L: Linked, facts: UnitFacts): Products {
  L.tracker.begin();
  const unit = L.unitOf(facts.id);
  const wirings: LinkedWiring[] = [];
  const edges: CrossEdge[] = [];
  const invokes: string[] = [];
  const consumes: string[] = [];
  facts.wirings.forEach((w, i) => {
    const fnThing = L.resolve(facts, w.fn) ?? resolveFunctionByName(L, w.fn, facts.id);
    const fn = L.functionNode(fnThing);
    if (!fn) return;
    // A bare name is looked up only among resources of the trigger's own service.
    let wt = w.trigger;
    if (wt.k === 'name' && !wt.service) wt = ARN_SERVICE[w.triggerType] ? { ...wt, service: ARN_SERVICE[w.triggerType] } : { k: 'unknown', text: wt.name };
    const trig = L.resolve(facts, wt);
    let trigger: TriggerNode;
    if (trig && !trig.fn) {
      trigger = {
        key: `tr:${trig.unit}#${trig.facts.id}#${trig.id}`,
        unit: trig.unit,
        factsId: trig.facts.id,
        id: trig.id,
        type: TRIGGER_TYPES.has(trig.type) || !w.triggerType ? trig.type : w.triggerType,
        loc: trig.resource?.loc ?? trig.output?.loc,
        external: false,
        physicalName: trig.resource?.physicalName,
        implicit: trig.resource?.implicit,
      };
    } else {
      const label = w.label ?? targetText(w.trigger);
      trigger = { key: `tr:ext:${w.triggerType}:${label}`, id: label, type: w.triggerType, external: true };
    }
    const crossing = !trigger.external && trigger.unit !== fn.unit;
    const domainForming = !(isPubSub(trigger.type) && trigger.unit !== fn.unit);
    wirings.push({ facts, wiring: w, trigger, fn, crossing, domainForming, order: i });
    invokes.push(fn.key);
    // A subscription to another unit's topic or bus is a contract, not a crossing trigger.
    if (crossing && trigger.unit && !isPubSub(trigger.type)) edges.push({ from: fn.unit, to: trigger.unit, kind: 'trigger', loc: w.loc, label: `${trigger.id} invokes ${fn.fn.id}`, fromNode: fn.key, toNode: trigger.key });
  });
  invokesOf(L, facts, unit, invokes);
  const parent = L.parentOf.get(facts.id);
  if (parent) edges.push({ from: L.unitOf(parent), to: unit, kind: 'nested', loc: facts.firstLineLoc, label: 'nested stack' });
  for (const imp of L.importsOf(facts)) {
    const owner = L.ownerOfImport(imp.target, facts.id);
    if (owner && owner !== unit) edges.push({ from: unit, to: owner, kind: 'contract', loc: imp.loc, label: imp.text });
    if (imp.target.k === 'import') {
      consumes.push('export:' + imp.target.exportName);
      const suffix = imp.target.suffix ?? (imp.target.defaultSuffix !== undefined && !L.exports.has(imp.target.exportName) ? imp.target.defaultSuffix : undefined);
      if (suffix !== undefined) {
        consumes.push('exportsuffix:' + suffix);
        const e = L.exportFor(imp.target, facts.id);
        if (e?.output.exportName) consumes.push('export:' + e.output.exportName);
      }
    }
    if (imp.target.k === 'cf') consumes.push(`read:${imp.target.stack}\u0000${imp.target.output}`);
    if (imp.target.k === 'import' || imp.target.k === 'cf' || (imp.target.k === 'ssm' && owner)) consumes.push('contract');
  }
  for (const l of facts.literals) {
    const t = L.resolve(facts, l.target);
    if (t && t.unit !== unit) edges.push({ from: unit, to: t.unit, kind: 'hardcoded', loc: l.loc, label: l.text, fromNode: l.from ? thingKey(L, L.local(facts, l.from)) : undefined, toNode: thingKey(L, t) });
  }
  for (const r of facts.refs) if (r.kind === 'GetAtt' && r.attr?.startsWith('Outputs.')) {
    const child = L.nestedChild(facts, r.name);
    if (child) consumes.push(`read:${child.stackName}\u0000${r.attr.slice(8)}`);
  }
  return { wirings, invokes, consumes, edges, deps: L.tracker.end() };
}

/** The node key of a resolved thing: its function's, or `tr:<unit>#<template>#<id>` (as a trigger's). */
function thingKey(L: Linked, t: ResolvedThing | undefined): string | undefined {
  if (!t) return undefined;
  return L.functionNode(t)?.key ?? `tr:${t.unit}#${t.facts.id}#${t.id}`;
}

function resolveFunctionByName(L: Linked, t: Target, from: string): ResolvedThing | undefined {
  if (t.k !== 'name' && t.k !== 'arn') return undefined;
  const n = nearest(L.fnByName(t.name), (x) => x.facts.id, from);
  return n ? { facts: n.facts, unit: n.unit, id: n.fn.id, type: 'AWS::Lambda::Function', fn: n.fn } : undefined;
}

/** Functions something other than a trigger invokes: state machines, destinations, permissions, custom resources, grants. */
function invokesOf(L: Linked, facts: UnitFacts, unit: string, out: string[]): void {
  const ignoredFrom = new Set(['AWS::Logs::LogGroup', 'AWS::Lambda::Version', 'AWS::Lambda::Alias', 'AWS::Lambda::EventInvokeConfig']);
  for (const name of facts.invokedNames) {
    const n = L.functionNode(L.local(facts, name));
    if (n) out.push(n.key);
  }
  // An alias or version stands for its function: a permission, mapping or destination on it invokes the function.
  const aliasTargets = new Map<string, string[]>();
  for (const r of facts.refs) {
    const t = r.from ? facts.resources.get(r.from)?.type : undefined;
    if (r.kind === 'DependsOn' || (t !== 'AWS::Lambda::Alias' && t !== 'AWS::Lambda::Version')) continue;
    const list = aliasTargets.get(r.from!) ?? [];
    list.push(r.name);
    aliasTargets.set(r.from!, list);
  }
  const aliasOf = (id: string): string[] => aliasTargets.get(id) ?? [];
  let assembly: UnitFacts[] | undefined;
  for (const r of facts.refs) {
    // An output that publishes a function's name or ARN hands it to whoever reads the output (a parent
    // stack, a console step, another account): the analysis cannot know that nothing invokes it.
    if (!r.from || r.from === 'Conditions') continue;
    const fromRes = facts.resources.get(r.from);
    if (fromRes && ignoredFrom.has(fromRes.type)) continue;
    for (const name of aliasOf(r.name)) {
      const a = L.functionNode(L.local(facts, name));
      if (a) out.push(a.key);
    }
    // SAM's `!Ref Fn.Alias` / `!Ref Fn.Version` (AutoPublishAlias) stand for Fn.
    const n = L.functionNode(L.local(facts, r.name)) ?? L.functionNode(L.local(facts, r.name.replace(/\.(?:Alias|Version)$/, ''))) ?? assembledFunction(L, facts, r.name, () => (assembly ??= assemblyOf(L, facts).filter((t) => facts.fragment || t.fragment)));
    if (!n || n.fn.id === r.from || n.fn.logicalId === r.from) continue;
    if (facts.functions.has(r.from) && facts.kind === 'serverless' && r.kind !== 'GetAtt') continue;
    out.push(n.key);
  }
  for (const imp of L.importsOf(facts)) {
    const n = L.functionNode(L.resolve(facts, imp.target));
    if (n && n.unit !== unit) out.push(n.key);
  }
  for (const l of facts.literals) {
    if (l.target.k !== 'arn' || l.target.service !== 'lambda') continue;
    const n = L.functionNode(L.resolve(facts, l.target));
    if (n && !(n.facts === facts && (n.fn.id === l.from || n.fn.logicalId === l.from))) out.push(n.key);
  }
  grantedOf(L, facts, out);
}

/**
 * Functions an IAM statement of the unit allows invoking through a wildcard: a grant on every function
 * covers the unit's own, a name pattern any function of the workspace whose name it can match (for the
 * unit's own functions, a partly known name, or the name CloudFormation gives an unnamed function:
 * `<stack>-<logical ID>-<suffix>`).
 */
function grantedOf(L: Linked, facts: UnitFacts, out: string[]): void {
  if (!facts.invokeGrants.length) return;
  const own = L.functionNodesOf(facts);
  if (facts.invokeGrants.includes(ANY_FUNCTION)) for (const n of own) out.push(n.key);
  const patterns = facts.invokeGrants.filter((g) => g !== ANY_FUNCTION);
  if (!patterns.length) return;
  L.tracker.touch('list:fnnames');
  const stack = facts.stackNameGuessed ? '*' : wildName(facts.stackName);
  for (const n of L.functions.values()) {
    // A name's unknown parts are compared with a grant of the same unit only (the same parameters fill both).
    const name = n.fn.physicalName ?? (n.facts === facts ? n.fn.namePattern ?? `${stack}-${n.fn.logicalId}-*` : undefined);
    if (name && patterns.some((g) => patternsMeet(g, name))) out.push(n.key);
  }
}

/** A function a name refers to in a sibling fragment assembled with `facts` by a build step (one of the two is a fragment). */
function assembledFunction(L: Linked, facts: UnitFacts, name: string, assembly: () => UnitFacts[]): FunctionNode | undefined {
  if (facts.resources.has(name) || facts.parameters.has(name) || facts.kind === 'serverless' || name.startsWith('AWS::')) return undefined;
  for (const t of assembly()) {
    const n = L.functionNode(L.local(t, name));
    if (n) return n;
  }
  return undefined;
}
