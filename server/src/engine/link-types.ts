// What the link pass produces: resolved things, trigger and function nodes, wirings, domains, edges.

import type { FunctionFact, ImportFact, OutputFact, ResourceFact, Target, UnitFacts, WiringFact } from './model';
import type { Loc } from './types';

export interface ResolvedThing {
  /** The template (unit facts) that defines it. */
  facts: UnitFacts;
  /** The deployment unit that owns it (the root of a nested-stack tree). */
  unit: string;
  id: string;
  type: string;
  resource?: ResourceFact;
  fn?: FunctionFact;
  /** Reached through an explicit contract (export, `${cf:}`, SSM, nested output). */
  via?: 'import' | 'cf' | 'ssm' | 'nested';
  output?: OutputFact;
}

export interface TriggerNode {
  key: string;
  unit?: string;
  /** The template that defines it (a nested stack's own file, or the unit's). */
  factsId?: string;
  id: string;
  type: string;
  loc?: Loc;
  external: boolean;
  physicalName?: string;
  /** Created by the framework from an event (its logical ID is generated). */
  implicit?: boolean;
}

export interface FunctionNode {
  key: string;
  unit: string;
  facts: UnitFacts;
  fn: FunctionFact;
}

export interface LinkedWiring {
  facts: UnitFacts;
  wiring: WiringFact;
  trigger: TriggerNode;
  fn: FunctionNode;
  /** The trigger's owner is another unit (a crossing). */
  crossing: boolean;
  /** The edge is part of a domain (not a subscription to another unit's topic or bus). */
  domainForming: boolean;
  /** Position among the unit's wirings, for a stable order. */
  order: number;
}

export interface Domain {
  name: string;
  defaultName: string;
  units: string[];
  triggers: TriggerNode[];
  functions: FunctionNode[];
  resources: Array<{ unit: string; id: string; type: string; loc: Loc; factsId?: string }>;
}

export type EdgeKind = 'trigger' | 'contract' | 'hardcoded' | 'nested';

export interface CrossEdge {
  /** The unit that refers. */
  from: string;
  /** The unit referred to (deploys first). */
  to: string;
  kind: EdgeKind;
  loc: Loc;
  label: string;
  /**
   * The node each end concerns, when there is one: a function's key (`fn:...`) or a thing's key
   * (`tr:<unit>#<template>#<id>`, a trigger or any resource). Absent for unit-level edges.
   */
  fromNode?: string;
  toNode?: string;
}

export interface LinkInput {
  templates: UnitFacts[];
  /** When only these units changed (same list, same order otherwise): their new facts. */
  changed?: UnitFacts[];
  parents: Map<string, string>;
  domainNames: Record<string, string>;
  extraImports: Map<string, ImportFact[]>;
}

/** What the link pass derives from one unit, and the keys it read to do so. */
/** What linking one unit derived, with the index keys it read. */
export interface Products {
  wirings: LinkedWiring[];
  invokes: string[];
  consumes: string[];
  edges: CrossEdge[];
  deps: Set<string>;
}
