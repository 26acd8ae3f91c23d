// hardcoded-reference: a literal ARN, queue URL or physical name identifies a resource of the workspace.

import { seamOf } from '../kinds';
import { resourceWord, unitName, whereDefined } from './describe';
import { nameBuiltHere } from '../serverless/written';
import { isRegion, NAME_PROPERTY, parseArn } from '../aws';
import { getPath, RNode } from '../tree';
import type { UnitFacts } from '../model';
import type { RawFinding, Rule, RuleContext } from './rule';

const NAME_IS_IDENTIFIER = /SQS::Queue|SNS::Topic|DynamoDB|SimpleTable|S3::Bucket|Kinesis::Stream|Lambda::Function|Serverless::Function|Events::EventBus|Events::Rule|Scheduler::Schedule|StateMachine|Logs::LogGroup|SSM::Parameter|SecretsManager::Secret/;

export const hardcodedReference: Rule = {
  id: 'hardcoded-reference',
  defaultSeverity: 'warning',
  description: 'A literal ARN, queue URL or physical name identifies a resource of the workspace; use Ref/GetAtt in the same unit, an explicit contract across units.',
  check(ctx: RuleContext, facts: UnitFacts): RawFinding[] {
    const out: RawFinding[] = [];
    const linked = ctx.linked;
    {
      const unit = linked.unitOf(facts.id);
      const regions = regionsByName(facts);
      // A unit whose own definition is incomplete (a resources include that is missing) may define the name itself.
      const incomplete = facts.issues.some((i) => i.rule === 'unresolved-include');
      for (const lit of facts.literals) {
        const thing = linked.resolve(facts, lit.target);
        if (!thing || thing.type === '') continue;
        // A bare name counts only where names are identifiers (not an API's or a user pool's display name), and a region is never one.
        if (lit.target.k === 'name' && (!NAME_IS_IDENTIFIER.test(thing.fn ? 'AWS::Lambda::Function' : thing.type) || isRegion(lit.text))) continue;
        if (thing.facts === facts && (thing.id === lit.from || thing.fn?.logicalId === lit.from)) continue;
        // A resource's own name is not a reference to a twin that defines the same name (a copy, an alternative definition).
        if (ownName(facts, lit.from, thing)) continue;
        // The own-name property of the resource it sits in (a Firehose stream's DeliveryStreamName) names that
        // resource, even when another resource (a function) has the same name.
        if (lit.ownName) continue;
        // The literal must be written here, or built here from variables (`orders-${self:custom.stage}`),
        // not only reached through a variable that carries a name written elsewhere.
        const written = ctx.text(lit.loc.file).slice(lit.loc.start, lit.loc.end);
        const verbatim = written.includes(lit.text);
        if (!verbatim && !nameBuiltHere(written, lit.scalarValue, lit.target.name)) continue;
        const literal = verbatim ? `The literal ${lit.text}` : `The name ${written.trim()} (${lit.text} once resolved)`;
        const same = thing.unit === unit;
        // In its own unit, a name built from variables (`custom.table: ${self:service}-${sls:stage}`)
        // is where the resource's own name is defined, not a reference to it.
        if (same && !verbatim) continue;
        // `custom.s3Bucket: my-bucket` that the bucket's own `BucketName: ${self:custom.s3Bucket}` reads: the
        // definition of its name, not a reference to it.
        if (same && definesOwnName(ctx, lit.path, thing)) continue;
        if (!same && ctx.allowed({ unit }, { unit: thing.unit })) continue;
        if (!same && incomplete) continue;
        // An SSM parameter's path is itself the contract units share (`{{resolve:ssm:}}`, `${ssm:}`, a grant on it).
        if (!same && thing.type === 'AWS::SSM::Parameter') continue;
        // The unit addresses this resource in several regions: a cross-region reference, which no export can carry.
        if (!same && lit.target.k === 'arn' && (regions.get(`${lit.target.service}:${lit.target.name}`)?.size ?? 0) > 1) continue;
        const what = `${resourceWord(thing.type)} ${thing.id}`;
        const defLoc = thing.resource?.loc ?? thing.fn?.loc;
        const local = facts.kind === 'terraform' ? `by its address (${moduleRelative(lit.from, thing.id)})` : 'with Ref/GetAtt';
        const message = same
          ? `${literal} names ${what} of this unit; refer to it ${local} so the name can change safely.`
          : `${literal} names ${what}, which ${unitName(thing.facts)} deploys; use an explicit contract (${contractWords(facts.kind, thing.facts.kind)}) instead of a hard-coded reference.`;
        out.push({
          loc: lit.loc,
          subject: thing.id,
          message,
          related: defLoc ? [{ loc: defLoc, message: whereDefined(`${thing.id} is defined here`, unitName(thing.facts), defLoc.file) }] : undefined,
          // A name built from variables keeps them: no fix rewrites it (it would freeze the stage).
          fixes: verbatim ? () => seamOf(facts.kind).hardcodedFixes(ctx, facts, lit, thing) : undefined,
        });
      }
    }
    return out;
  },
};

/** The explicit contracts that can carry a reference from a unit of one kind to one of another. */
function contractWords(from: string, to: string): string {
  if (from === 'terraform') return 'an SSM parameter the owner publishes, a data source that looks it up by name, or a remote state output';
  if (to === 'terraform') return 'an SSM parameter the Terraform unit publishes';
  return 'an exported output and an import';
}

/** A Terraform address as written inside the module of `from`: `module.a.aws_sqs_queue.q` is `aws_sqs_queue.q` inside module a. */
function moduleRelative(from: string | undefined, id: string): string {
  const prefix = from ? /^(?:module\.[^.]+\.)*/.exec(from)![0] : '';
  return prefix && id.startsWith(prefix) ? id.slice(prefix.length) : id;
}

/** The thing's own name property, in its unit, is the Serverless variable the literal is the value of. */
function definesOwnName(ctx: RuleContext, path: string | undefined, thing: { type: string; resource?: { node?: RNode } }): boolean {
  const nameProp = NAME_PROPERTY[thing.type];
  const node = path && nameProp ? getPath(thing.resource?.node, 'Properties', nameProp) : undefined;
  if (!node) return false;
  const written = ctx.text(node.loc.file).slice(node.loc.start, node.loc.end);
  return new RegExp('\\$\\{self:' + path!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '\\s*[,}]').test(written);
}

/** The literal is written in a resource (or function) of the same type and physical name as the thing it names: its own name, which a twin repeats. */
function ownName(facts: UnitFacts, from: string | undefined, thing: { type: string; resource?: { physicalName?: string }; fn?: { physicalName?: string } }): boolean {
  if (!from) return false;
  const name = thing.fn?.physicalName ?? thing.resource?.physicalName;
  if (!name) return false;
  const fn = facts.functions.get(from) ?? [...facts.functions.values()].find((f) => f.logicalId === from);
  if (thing.fn) return fn?.physicalName === name;
  const r = facts.resources.get(from);
  return !!r && r.type === thing.type && r.physicalName === name;
}

/** The literal regions in which each ARN (service and name) of the unit is written. */
function regionsByName(facts: UnitFacts): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const lit of facts.literals) {
    const arn = lit.target.k === 'arn' ? parseArn(lit.text) : undefined;
    if (!arn?.region) continue;
    const key = `${arn.service}:${arn.name}`;
    let set = out.get(key);
    if (!set) out.set(key, (set = new Set()));
    set.add(arn.region);
  }
  return out;
}
