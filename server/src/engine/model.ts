// Facts extracted from one unit. They depend only on the unit's own files (and the stack
// name), so they are cached by content; the link pass joins the facts of all units.

import type { RNode } from './tree';
import type { Loc, UnitKind } from './types';
import { triggerTypes } from '../protocol/resource-types';

/** How a piece of text names a resource or a function. An import named from a stack parameter
 * (`!Sub '${ParentStack}-X'`, no default) has the name as written and `suffix` `-X`; with a
 * default `d`, the name `d-X` and `defaultSuffix` `-X`. */
export type Target =
  | { k: 'local'; id: string; attr?: string }
  | { k: 'import'; exportName: string; suffix?: string; defaultSuffix?: string }
  | { k: 'cf'; stack: string; output: string }
  | { k: 'ssm'; path: string }
  | { k: 'arn'; service: string; name: string; text: string }
  | { k: 'name'; name: string; service?: string }
  | { k: 'nested'; child: string; output: string }
  | { k: 'unknown'; text?: string };

export interface ResourceFact {
  id: string;
  type: string;
  loc: Loc;
  /** From the key to the end of the value: what a move cuts. */
  entryLoc: Loc;
  node: RNode | undefined;
  physicalName?: string;
  /** Created by the framework from a function's event (a Serverless `sns: topicName`...). */
  implicit?: boolean;
}

export interface FunctionFact {
  id: string;
  /** The CloudFormation logical ID (Serverless: `HelloLambdaFunction`). */
  logicalId: string;
  loc: Loc;
  entryLoc: Loc;
  node: RNode | undefined;
  physicalName?: string;
  /** A physical name only partly known (`${Environment}-Report`): its known parts, the rest written `*`. */
  namePattern?: string;
  placeholder?: { reason: string; loc: Loc };
  /**
   * Short inline code that does nothing real but does not say it is a placeholder (a demo handler): a
   * placeholder only when another unit or a script ships code under the same name.
   */
  stubCode?: { reason: string; loc: Loc };
  /** Logical IDs and imports the function's own definition uses (environment, policies, events). */
  uses: Target[];
}

export interface WiringFact {
  /** The event declaration, mapping or notification that wires a trigger to a function. */
  loc: Loc;
  /** The value that names the trigger (`${cf:...}`, `!ImportValue ...`, `!GetAtt Q.Arn`), when it is one node. */
  triggerLoc?: Loc;
  event: string;
  triggerType: string;
  trigger: Target;
  fn: Target;
  /** Name to show for an implicit or external trigger. */
  label?: string;
}

export interface RefFact {
  kind: 'Ref' | 'GetAtt' | 'Sub' | 'DependsOn' | 'Condition';
  name: string;
  attr?: string;
  /** The name as written. */
  loc: Loc;
  /** The whole intrinsic (`!GetAtt A.Arn`, `{ "Ref": "A" }`), for fixes that replace it. */
  nodeLoc?: Loc;
  /** The resource (or section) the reference is written in. */
  from?: string;
}

export interface ImportFact {
  target: Target;
  loc: Loc;
  /** The export name as written, when it is a plain string. */
  nameLoc?: Loc;
  /** The text written, for messages. */
  text: string;
  from?: string;
  /** A read with a fallback (`${ssm:/a, 'default'}`): a contract when provided, never missing. */
  optional?: true;
}

export interface OutputFact {
  key: string;
  exportName?: string;
  loc: Loc;
  entryLoc: Loc;
  /** Logical IDs the output's value refers to. */
  refs: string[];
  valueLoc?: Loc;
  exportNameLoc?: Loc;
  /** The export name is `${AWS::StackName}` + this suffix: what a parametric import can match. */
  exportSuffix?: string;
  /** True for outputs the framework adds (Serverless `ServiceEndpoint`...). */
  implicit?: boolean;
}

export interface SsmParamFact {
  path: string;
  resource: string;
  loc: Loc;
  /** What a static value names (a physical name or ARN), when it is not a reference. */
  value?: Target;
}

export interface LiteralFact {
  target: Target & { k: 'arn' | 'name' };
  loc: Loc;
  /** The exact text of the literal in the scalar. */
  text: string;
  /** The whole scalar is the literal (a fix may replace it). */
  whole: boolean;
  from?: string;
  /** The scalar that holds the literal (quotes and tag included), and its value. */
  scalarLoc: Loc;
  scalarValue: string;
  /** The scalar is the template of an `Fn::Sub`. */
  inSub?: boolean;
  /** The literal is the own-name property of the resource it sits in (`DeliveryStreamName`, `Name`): it names that resource. */
  ownName?: true;
  /** Where the literal sits below its section, for a Serverless `custom` variable: `custom.s3Bucket`. */
  path?: string;
}

export interface NestedStackFact {
  id: string;
  path: string;
  loc: Loc;
}

export interface UnitIssue {
  rule: 'broken-reference' | 'unresolved-include';
  loc: Loc;
  subject: string;
  message: string;
  /** For a missing name: where the name is written and the names it could have meant (a did-you-mean fix). */
  nameLoc?: Loc;
  candidates?: string[];
  /** The other places with the same cause (one cause, one finding). */
  related?: Array<{ loc: Loc; message: string }>;
}

export interface UnitFacts {
  id: string;
  kind: UnitKind;
  files: string[];
  stackName: string;
  /** The stack name is a guess (the template's folder name), not a fact from samconfig, the service or the configuration. */
  stackNameGuessed?: boolean;
  /** The samconfig's parameter overrides the facts were extracted with (JSON), to know when they change. */
  overridesKey?: string;
  /** Deployed by scripts under each of these names (`stackName` stays the guess): an import of any of them resolves. */
  possibleStackNames?: string[];
  /** Folder of the unit's main file. */
  dir: string;
  service?: string;
  stage?: string;
  resources: Map<string, ResourceFact>;
  functions: Map<string, FunctionFact>;
  wirings: WiringFact[];
  refs: RefFact[];
  imports: ImportFact[];
  outputs: OutputFact[];
  ssmParams: SsmParamFact[];
  literals: LiteralFact[];
  nested: NestedStackFact[];
  parameters: Set<string>;
  conditions: Set<string>;
  /** Where each parameter and condition is defined. */
  definitions: Map<string, Loc>;
  /** Resolved `${self:}` and `${file()}` uses: where they are written and where they lead. */
  navigation: Array<{ kind: 'self' | 'file' | 'terraform'; loc: Loc; target: Loc; text: string }>;
  issues: UnitIssue[];
  /** Names this unit defines without a visible resource (framework-generated); references to them are not broken. */
  generatedNames: RegExp | undefined;
  /** The unit cannot be checked for broken references (plugins, macros or modules generate resources we cannot see). */
  openWorld: boolean;
  /** A template recognised only by its `Resources` (no format version, no transform): possibly a fragment a build step stitches together. */
  fragment?: boolean;
  /** Function names that something in the unit grants or invokes (state machines, destinations, permissions). */
  invokedNames: Set<string>;
  /** Function-name patterns (`*`: any characters) the unit's IAM statements allow `lambda:InvokeFunction` on; `*` alone: every function. */
  invokeGrants: string[];
  /** Names of functions a CI or script file deploys code into (filled by the link pass). */
  firstLineLoc: Loc;
  /** Where Resources / Outputs sections are, for fixes that add to them. */
  sections: { resources?: Loc; outputs?: Loc; resourcesIndent?: number; outputsIndent?: number };
  json: boolean;
  tree: RNode | undefined;
  /** Files of the unit whose findings another unit reports (a local module several Terraform units call). */
  quietFiles?: string[];
  /** A Terraform module that nothing in the workspace applies or calls: its users apply it. */
  library?: true;
  /** For a nested stack: `<parent facts id>#<logical ID>` of the resource that deploys it. */
  nestedAs?: string;
}

export const PUBSUB_TYPES = triggerTypes('pub-sub');

export function isPubSub(type: string): boolean {
  return PUBSUB_TYPES.has(type);
}

/** A value for people to read: an unresolved part (the engine's internal marker) is shown as `*`. */
export function shown(s: string): string {
  return s.includes('\u0000') ? s.replace(/\u0000/g, '*') : s;
}

export function targetText(t: Target): string {
  return shown(rawTargetText(t));
}

function rawTargetText(t: Target): string {
  switch (t.k) {
    case 'local':
      return t.attr ? `${t.id}.${t.attr}` : t.id;
    case 'import':
      return `Fn::ImportValue ${t.exportName}`;
    case 'cf':
      return `\${cf:${t.stack}.${t.output}}`;
    case 'ssm':
      return `\${ssm:${t.path}}`;
    case 'arn':
      return t.text;
    case 'name':
      return t.name;
    case 'nested':
      return `${t.child}.Outputs.${t.output}`;
    default:
      return t.text ?? '(unknown)';
  }
}
