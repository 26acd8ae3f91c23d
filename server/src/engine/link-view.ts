// What rules (and the fixes and refactors they offer) may read of the link pass: a read-only
// view in which every read records the dependency key it depends on, so a rule's cached
// findings are recomputed exactly when something it read changes. The link's own tables and
// lists are not part of it: a new rule cannot read state the incremental cache does not know
// about. `Linked` implements it; rules see only this interface.

import type { Domain, FunctionNode, LinkedWiring, ResolvedThing, CrossEdge } from './link-types';
import type { NearestMap } from './link-index';
import type { ImportFact, OutputFact, Target, UnitFacts } from './model';
import type { Loc } from './types';

export interface LinkView {
  /** The deployment unit (its main file) a facts id belongs to: itself, or the root of its nested stacks. */
  unitOf(id: string): string;
  /** A unit's facts by id (`facts:ID`). */
  factsOf(id: string): UnitFacts | undefined;
  /** Whether a facts id is a nested stack of another (`list:units`). */
  isNested(id: string): boolean;
  /** Every unit's facts, nested stacks included (`list:units`; read each one's facts through `factsOf` to depend on it). */
  units(): readonly UnitFacts[];
  /** Every linked wiring of the workspace (`list:wirings`). */
  allWirings(): readonly LinkedWiring[];
  /** Every domain (`list:wirings`). */
  allDomains(): readonly Domain[];

  importsOf(facts: UnitFacts): ImportFact[];
  resolve(facts: UnitFacts, t: Target): ResolvedThing | undefined;
  physLookup(key: string, from: string): ResolvedThing | undefined;
  ownerOfImport(t: Target, from: string): string | undefined;
  mayProvide(t: Target & { k: 'import' }, from: string): boolean;
  nestedChild(facts: UnitFacts, logicalId: string): UnitFacts | undefined;
  hasContracts(): boolean;
  consumers(key: string): number;
  readonly stacks: NearestMap<UnitFacts>;
  readonly exports: NearestMap<{ facts: UnitFacts; output: OutputFact }>;
  readonly ssm: NearestMap<{ facts: UnitFacts; resource: string; loc: Loc; value?: Target }>;

  functionNodesOf(facts: UnitFacts): FunctionNode[];
  functionNode(thing: ResolvedThing | undefined): FunctionNode | undefined;
  fnByName(name: string): FunctionNode[];
  isInvoked(fnKey: string): boolean;
  usesOf(f: FunctionNode): Set<string>;
  /** A unit's linked wirings and cross-unit edges (`links:ID`). */
  wiringsOf(facts: UnitFacts): LinkedWiring[];
  /** Every wiring that invokes a function, whichever unit declares it (`fnwirings:KEY`). */
  wiringsOfFunction(fnKey: string): readonly LinkedWiring[];
  edgesOf(facts: UnitFacts): CrossEdge[];
  domainOfNode(key: string): Domain | undefined;
  domainsOfUnit(unit: string): Domain[];
  cycleOf(unit: string): string[] | undefined;
}
