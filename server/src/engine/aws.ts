// What the engine knows of AWS resource types: which property holds the physical name, how
// an ARN or a URL names a resource, and which intrinsic returns what. The per-type tables are
// columns of the one registry, `resource-types.ts`.

import { column, triggerTypes } from '../protocol/resource-types';

/** Property holding the physical name, by resource type. */
export const NAME_PROPERTY: Record<string, string> = column('nameProperty');

/** The ARN service a resource type lives under, for matching literal ARNs. */
export const ARN_SERVICE: Record<string, string> = column('arnService');

/** Types that invoke functions: the triggers of the spec. */
export const TRIGGER_TYPES = triggerTypes('point-to-point', 'pub-sub');

export const FUNCTION_TYPES = new Set(['AWS::Lambda::Function', 'AWS::Serverless::Function']);

export interface ArnName {
  service: string;
  name: string;
  /** The region, when it is written literally (`eu-west-1`, not `${AWS::Region}`). */
  region?: string;
}

/** An AWS region name: `us-east-1`, `us-gov-west-1`. */
export function isRegion(s: string): boolean {
  return /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/.test(s);
}

const VAR = /\$\{[^}]*\}|#\{[^}]*\}|\u0000/;

/**
 * The resource an ARN names, if its resource part is static. Region and account may be
 * variables (`${AWS::Region}`, `${aws:accountId}`, `#{AWS::AccountId}`).
 */
export function parseArn(text0: string): ArnName | undefined {
  // Variables in the region or account (`${aws:region}`, `#{AWS::AccountId}`) may contain colons.
  const text = text0.replace(/\$\{[^}]*\}|#\{[^}]*\}/g, '\u0000');
  const m = /^arn:aws[\w-]*:([a-z0-9-]+):([^:]*):([^:]*):(.+)$/.exec(text);
  if (!m) return undefined;
  const service = m[1];
  let res = m[4];
  let name: string | undefined;
  switch (service) {
    case 'sqs':
    case 'sns':
      name = res.split(':')[0];
      break;
    case 's3':
      name = res.split('/')[0];
      break;
    case 'dynamodb': {
      const mm = /^table\/([^/]+)/.exec(res);
      name = mm?.[1];
      break;
    }
    case 'kinesis': {
      const mm = /^stream\/([^/]+)/.exec(res);
      name = mm?.[1];
      break;
    }
    case 'lambda': {
      const mm = /^function:([^:]+)/.exec(res);
      name = mm?.[1];
      break;
    }
    case 'events': {
      const mm = /^event-bus\/(.+)$/.exec(res);
      name = mm?.[1];
      break;
    }
    case 'states': {
      const mm = /^stateMachine:([^:]+)/.exec(res);
      name = mm?.[1];
      break;
    }
    case 'logs': {
      const mm = /^log-group:([^:]+)/.exec(res);
      name = mm?.[1];
      break;
    }
    case 'ssm': {
      const mm = /^parameter(\/.+)$/.exec(res);
      name = mm?.[1];
      break;
    }
    default:
      res = '';
  }
  if (!name || name === '*' || VAR.test(name) || name.includes('*')) return undefined;
  return isRegion(m[2]) ? { service, name, region: m[2] } : { service, name };
}

/** `https://sqs.<region>.amazonaws.com/<account>/<name>` */
export function parseQueueUrl(text: string): ArnName | undefined {
  const m = /^https:\/\/sqs\.[^/]+\.amazonaws\.com(?:\.cn)?\/[^/]+\/([^/?#]+)$/.exec(text);
  if (!m || VAR.test(m[1])) return undefined;
  return { service: 'sqs', name: m[1] };
}

/** Literal ARNs and queue URLs inside a longer string. */
export function findArnsIn(text: string): Array<{ index: number; text: string; name: ArnName }> {
  const out: Array<{ index: number; text: string; name: ArnName }> = [];
  const re = /arn:aws[\w-]*:[a-z0-9-]+:(?:\$\{[^}]*\}|#\{[^}]*\}|[^\s"',])*|https:\/\/sqs\.[^\s"',]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let t = m[0].replace(/[)\]}]+$/, '');
    // A trailing `/*` or `:*` grants on sub-resources; the named resource is still the one before it.
    const name = parseArn(t.replace(/[:/]\*$/, '')) ?? parseQueueUrl(t);
    if (name) {
      if (t.endsWith('/*') || t.endsWith(':*')) t = t.slice(0, -2);
      out.push({ index: m.index, text: t, name });
    }
  }
  return out;
}

/** How to get a resource's ARN, URL or name from its logical ID, in the short form. */
export function intrinsicFor(type: string, want: 'arn' | 'url' | 'name', id: string): { short: string; long: unknown; sub: string } | undefined {
  const ref = { short: `!Ref ${id}`, long: { Ref: id }, sub: `\${${id}}` };
  const att = (a: string) => ({ short: `!GetAtt ${id}.${a}`, long: { 'Fn::GetAtt': [id, a] }, sub: `\${${id}.${a}}` });
  switch (type) {
    case 'AWS::SQS::Queue':
      return want === 'arn' ? att('Arn') : want === 'url' ? ref : att('QueueName');
    case 'AWS::SNS::Topic':
      return want === 'arn' ? ref : att('TopicName');
    case 'AWS::StepFunctions::StateMachine':
    case 'AWS::Serverless::StateMachine':
      return want === 'arn' ? ref : att('Name');
    case 'AWS::DynamoDB::Table':
    case 'AWS::Serverless::SimpleTable':
    case 'AWS::S3::Bucket':
    case 'AWS::Kinesis::Stream':
    case 'AWS::Lambda::Function':
    case 'AWS::Serverless::Function':
    case 'AWS::Events::EventBus':
    case 'AWS::Logs::LogGroup':
      return want === 'arn' ? att('Arn') : want === 'name' ? ref : undefined;
    case 'AWS::SSM::Parameter':
      return want === 'name' ? ref : undefined;
    default:
      return undefined;
  }
}

export const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition', 'AWS::Region', 'AWS::StackId',
  'AWS::StackName', 'AWS::URLSuffix',
]);

/** Common attributes by type, for completion and for checking `GetAtt` targets. */
export const GETATT_ATTRIBUTES: Record<string, string[]> = {
  'AWS::SQS::Queue': ['Arn', 'QueueName', 'QueueUrl'],
  'AWS::SNS::Topic': ['TopicArn', 'TopicName'],
  'AWS::DynamoDB::Table': ['Arn', 'StreamArn'],
  'AWS::S3::Bucket': ['Arn', 'DomainName', 'RegionalDomainName', 'WebsiteURL'],
  'AWS::Kinesis::Stream': ['Arn'],
  'AWS::Lambda::Function': ['Arn'],
  'AWS::Serverless::Function': ['Arn'],
  'AWS::Events::EventBus': ['Arn', 'Name'],
  'AWS::IAM::Role': ['Arn', 'RoleId'],
  'AWS::Logs::LogGroup': ['Arn'],
  'AWS::StepFunctions::StateMachine': ['Arn', 'Name'],
};
