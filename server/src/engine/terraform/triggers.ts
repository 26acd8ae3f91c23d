// The Terraform wirings that make a piece of infrastructure invoke a function: event source
// mappings, SNS subscriptions, EventBridge targets, schedules, bucket notifications, API
// integrations, log subscription filters, Cognito triggers, permissions with a source ARN, IoT
// rules, pipes, and the lambda module's `event_source_mapping` and `allowed_triggers`.
// A trigger that is a resource of the unit gets its type later, from the resource.

import type { Target } from '../model';
import type { Loc } from '../types';
import { typeFromTarget } from '../extract/template';
import type { HclBlock, HclExpr, HclObject } from './hcl-model';
import { attribute, blocks, stringValue } from './hcl-model';
import { headLoc } from './locs';
import { ModuleScope } from './scope';
import { targetOf } from './targets';

export interface TfWiring {
  loc: Loc;
  triggerLoc?: Loc;
  event: string;
  trigger: Target;
  fn: Target;
  /** Set when the wiring decides it; otherwise the trigger resource's type, else the ARN's service. */
  triggerType?: string;
  label?: string;
}

const PRINCIPAL_TYPE: Record<string, string> = {
  sns: 'AWS::SNS::Topic',
  s3: 'AWS::S3::Bucket',
  events: 'AWS::Events::Rule',
  apigateway: 'AWS::ApiGateway::RestApi',
  logs: 'AWS::Logs::LogGroup',
  'cognito-idp': 'AWS::Cognito::UserPool',
  scheduler: 'AWS::Scheduler::Schedule',
  iot: 'AWS::IoT::TopicRule',
  sqs: 'AWS::SQS::Queue',
};

function principalType(p: string | undefined): string | undefined {
  if (!p) return undefined;
  return PRINCIPAL_TYPE[p.replace(/\.amazonaws\.com(\.cn)?$/, '')];
}

/** The wirings one resource block declares. */
export function resourceWirings(tfType: string, b: HclBlock, addr: string, scope: ModuleScope): TfWiring[] {
  const out: TfWiring[] = [];
  const at = (name: string) => attribute(b.items, name)?.value;
  const head = headLoc(b);
  const self: Target = { k: 'local', id: addr };
  const wire = (w: Omit<TfWiring, 'loc' | 'event'> & { loc?: Loc }) => out.push({ loc: w.loc ?? head, event: tfType, ...w });
  switch (tfType) {
    case 'aws_lambda_event_source_mapping': {
      const src = at('event_source_arn');
      if (src) wire({ trigger: targetOf(src, scope), triggerLoc: src.loc, fn: targetOf(at('function_name'), scope) });
      break;
    }
    case 'aws_sns_topic_subscription':
      if (stringValue(at('protocol')) === 'lambda') wire({ trigger: targetOf(at('topic_arn'), scope), triggerLoc: at('topic_arn')?.loc, fn: targetOf(at('endpoint'), scope), triggerType: 'AWS::SNS::Topic' });
      break;
    case 'aws_cloudwatch_event_target': {
      const rule = targetOf(at('rule'), scope);
      const ruleBlock = rule.k === 'local' ? scope.decls.resources.get(rule.id.slice(scope.prefix.length)) : undefined;
      const fn = targetOf(at('arn'), scope);
      if (ruleBlock && attribute(ruleBlock.items, 'schedule_expression')) {
        wire({ trigger: { k: 'local', id: (rule as { id: string }).id }, triggerLoc: at('rule')?.loc, fn, triggerType: 'AWS::Events::Rule' });
        break;
      }
      const busExpr = at('event_bus_name') ?? (ruleBlock ? attribute(ruleBlock.items, 'event_bus_name')?.value : undefined);
      const bus = busExpr ? targetOf(busExpr, scope) : undefined;
      if (bus && bus.k !== 'unknown') wire({ trigger: bus, triggerLoc: busExpr?.loc, fn, triggerType: 'AWS::Events::EventBus' });
      else if (!busExpr || stringValue(busExpr) === 'default') wire({ trigger: { k: 'name', name: 'default', service: 'events' }, fn, triggerType: 'AWS::Events::EventBus', label: 'default event bus' });
      break;
    }
    case 'aws_scheduler_schedule':
      for (const t of blocks(b.items, 'target')) wire({ trigger: self, fn: targetOf(attribute(t.items, 'arn')?.value, scope), triggerType: 'AWS::Scheduler::Schedule', loc: t.loc });
      break;
    case 'aws_s3_bucket_notification': {
      const bucket = targetOf(at('bucket'), scope);
      for (const l of blocks(b.items, 'lambda_function')) wire({ trigger: bucket, triggerLoc: at('bucket')?.loc, fn: targetOf(attribute(l.items, 'lambda_function_arn')?.value, scope), triggerType: 'AWS::S3::Bucket', loc: l.loc });
      break;
    }
    case 'aws_api_gateway_integration':
      wire({ trigger: targetOf(at('rest_api_id'), scope), triggerLoc: at('rest_api_id')?.loc, fn: targetOf(at('uri'), scope), triggerType: 'AWS::ApiGateway::RestApi' });
      break;
    case 'aws_apigatewayv2_integration':
      wire({ trigger: targetOf(at('api_id'), scope), triggerLoc: at('api_id')?.loc, fn: targetOf(at('integration_uri'), scope), triggerType: 'AWS::ApiGatewayV2::Api' });
      break;
    case 'aws_cloudwatch_log_subscription_filter':
      wire({ trigger: targetOf(at('log_group_name'), scope), triggerLoc: at('log_group_name')?.loc, fn: targetOf(at('destination_arn'), scope), triggerType: 'AWS::Logs::LogGroup' });
      break;
    case 'aws_cognito_user_pool':
      for (const c of blocks(b.items, 'lambda_config')) {
        for (const i of c.items) {
          const v = i.k === 'attribute' ? i.value : attribute(i.items, 'lambda_arn')?.value;
          if (v && i.k === 'attribute' && i.name === 'kms_key_id') continue;
          if (v) wire({ trigger: self, fn: targetOf(v, scope), triggerType: 'AWS::Cognito::UserPool', loc: i.loc });
        }
      }
      break;
    case 'aws_lambda_permission': {
      const src = at('source_arn');
      if (src) wire({ trigger: targetOf(src, scope), triggerLoc: src.loc, fn: targetOf(at('function_name'), scope), triggerType: principalType(stringValue(at('principal'))) });
      break;
    }
    case 'aws_iot_topic_rule':
      for (const l of blocks(b.items, 'lambda')) wire({ trigger: self, fn: targetOf(attribute(l.items, 'function_arn')?.value, scope), triggerType: 'AWS::IoT::TopicRule', loc: l.loc });
      break;
    case 'aws_pipes_pipe':
      if (at('source')) wire({ trigger: targetOf(at('source'), scope), triggerLoc: at('source')?.loc, fn: targetOf(at('target'), scope) });
      break;
  }
  return out;
}

/** The wirings of a `terraform-aws-modules/lambda/aws` module call: its event source mappings and allowed triggers. */
export function lambdaModuleWirings(b: HclBlock, fnId: string, scope: ModuleScope): TfWiring[] {
  const out: TfWiring[] = [];
  const fn: Target = { k: 'local', id: fnId };
  for (const entry of objectEntries(attribute(b.items, 'event_source_mapping')?.value)) {
    const src = field(entry.value, 'event_source_arn');
    if (src) out.push({ loc: entry.loc, event: 'event_source_mapping', trigger: targetOf(src, scope), triggerLoc: src.loc, fn });
  }
  for (const entry of objectEntries(attribute(b.items, 'allowed_triggers')?.value)) {
    const src = field(entry.value, 'source_arn');
    if (!src) continue;
    const service = stringValue(field(entry.value, 'service')) ?? stringValue(field(entry.value, 'principal'));
    out.push({ loc: entry.loc, event: 'allowed_triggers', trigger: targetOf(src, scope), triggerLoc: src.loc, fn, triggerType: principalType(service) });
  }
  return out;
}

function objectEntries(e: HclExpr | undefined): HclObject['entries'] {
  return e?.k === 'object' ? e.entries : [];
}

function field(e: HclExpr, name: string): HclExpr | undefined {
  return e.k === 'object' ? e.entries.find((x) => x.name === name)?.value : undefined;
}

/** The type of a trigger that is not a resource of the unit. */
export function externalTriggerType(t: Target): string {
  return typeFromTarget(t) || (t.k === 'name' && t.service === 'events' ? 'AWS::Events::EventBus' : '');
}
