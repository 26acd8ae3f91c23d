// Facts from a Serverless Framework service, after its variables are resolved.

import { classifyString, EvalEnv, isStatic, targetsOf } from '../intrinsics';
import type { FunctionFact, Target, UnitFacts } from '../model';
import { deref, entries, get, getPath, items, plainStr, REntry, RNode, str } from '../tree';
import type { Loc } from '../types';
import { functionsInvokedByCommands, namesInvokedByAwsCli, namesServiceFunction } from '../serverless/hooks';
import { extractInvokeGrants, wildName } from './grants';
import { namesPlaceholder } from './placeholder';
import { entrySpan, ExtractCtx, extractTemplate, scanValue, typeFromTarget } from './template';

/** `hello-world` becomes `HelloDashworld`... as the framework names its resources. */
export function normalizeFunctionName(name: string): string {
  const n = name.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return n.charAt(0).toUpperCase() + n.slice(1);
}

function alnum(name: string): string {
  const n = name.replace(/[^0-9A-Za-z]/g, '');
  return n.charAt(0).toUpperCase() + n.slice(1);
}

/** Logical IDs the framework generates; references to them are not broken. */
export const SERVERLESS_GENERATED =
  /LambdaFunction|LambdaVersion|LogGroup|LambdaPermission|EventSourceMapping|^ApiGateway|^HttpApi|^WebsocketsApi|^IamRoleLambdaExecution$|^ServerlessDeploymentBucket|^SNSTopic|^S3Bucket|EventsRule|EventBridge|^CognitoUserPool|IotTopicRule|IotProvisioningTemplate|^Alb|LambdaLayer|Sqs|Kinesis|Dynamodb|CloudWatch|ProvisionedConcurrency|LambdaFunctionUrl|^ServiceEndpoint/;

export function extractServerless(ctx: ExtractCtx, root: RNode, rootLoc: Loc): void {
  const f = ctx.facts;
  const plugins = get(root, 'plugins');
  if (items(plugins).length || entries(plugins).length) f.openWorld = true;
  f.generatedNames = SERVERLESS_GENERATED;

  // resources: a map, or a list of maps pulled in with ${file()}.
  const res = get(root, 'resources');
  const parts = res?.k === 'seq' ? res.items.map(deref) : [res];
  for (const part of parts) if (part) extractTemplate(ctx, part, { serverless: true });

  scanValue(ctx, get(root, 'provider'), 'provider');
  scanValue(ctx, get(root, 'custom'), 'custom');
  // A deploy hook that runs `serverless invoke --function X` invokes X.
  for (const name of functionsInvokedByCommands(get(root, 'custom'))) f.invokedNames.add(name);
  scanValue(ctx, get(root, 'stepFunctions'), 'stepFunctions');

  const fnsNode = get(root, 'functions');
  const fnEntries: REntry[] = fnsNode?.k === 'seq' ? fnsNode.items.flatMap((it) => entries(it)) : entries(fnsNode);
  const provider = get(root, 'provider');
  let hasHttp = false;
  let hasHttpApi = false;
  let hasWebsocket = false;
  for (const e of fnEntries) {
    const id = e.key;
    const fn = deref(e.value);
    const logicalId = normalizeFunctionName(id) + 'LambdaFunction';
    const name = str(get(fn, 'name'));
    const before = f.refs.length;
    const beforeImports = f.imports.length;
    scanValue(ctx, get(fn, 'environment'), id, { env: true });
    for (const e2 of entries(fn)) if (e2.key !== 'environment' && e2.key !== 'events') scanValue(ctx, e2.value, id);
    const fact: FunctionFact = {
      id,
      logicalId,
      loc: e.keyLoc,
      entryLoc: entrySpan(e.keyLoc, e.value),
      node: fn,
      physicalName: name && isStatic(name) ? name : f.service ? `${f.service}-${f.stage}-${id}` : undefined,
      namePattern: name && !isStatic(name) ? wildName(name) : undefined,
      uses: [],
    };
    const artifact = get(getPath(fn, 'package'), 'artifact');
    const art = str(artifact);
    if (artifact && art && namesPlaceholder(art)) {
      fact.placeholder = { reason: `its package.artifact is "${art}"`, loc: artifact.loc };
    }
    f.functions.set(id, fact);
    for (const d of ['onSuccess', 'onFailure']) {
      const t = str(getPath(fn, 'destinations', d));
      if (t && !t.startsWith('arn:')) f.invokedNames.add(t);
    }
    if (get(fn, 'url')) f.invokedNames.add(id);
    const evNode = deref(get(fn, 'events'));
    const evs = items(evNode);
    // Events given by a variable the analysis cannot resolve, or an event that is not a `kind: ...` map
    // (the Event Gateway plugin's `- user.registered`): what invokes the function is unknown, never nothing.
    if (evNode && evNode.k !== 'seq' && !(evNode.k === 'scalar' && (evNode.value === null || evNode.value === ''))) f.invokedNames.add(id);
    evs.forEach((ev, i) => {
      scanValue(ctx, ev, id);
      if (!entries(deref(ev))[0]) f.invokedNames.add(id);
      if (serverlessEvent(ctx, id, ev, i, provider)) hasHttp = true;
      const kind = entries(ev)[0]?.key;
      if (kind === 'httpApi') hasHttpApi = true;
      if (kind === 'websocket') hasWebsocket = true;
    });
    fact.uses = [
      ...f.refs.slice(before).filter((r) => r.kind !== 'DependsOn' && r.kind !== 'Condition').map((r): Target => ({ k: 'local', id: r.name, attr: r.attr })),
      ...f.imports.slice(beforeImports).map((i) => i.target),
    ];
  }

  for (const name of appSyncLambdas(root, ctx.env)) f.invokedNames.add(name);
  // A plugin's own top-level section (serverless-pipes' `pipes:` enrichment...) that names a function of the
  // service: the plugin generates what invokes it.
  if (f.openWorld) for (const name of namedByPluginSections(root, f.functions)) f.invokedNames.add(name);
  // HTTP API Lambda authorizers (`provider.httpApi.authorizers.X.functionName`) invoke their function.
  for (const a of entries(getPath(root, 'provider', 'httpApi', 'authorizers'))) {
    const name = str(get(a.value, 'functionName'));
    if (name) f.invokedNames.add(name);
  }
  extractInvokeGrants(ctx, root);
  // A deploy hook that runs `aws lambda invoke --function-name <service>-<stage>-X` invokes X.
  for (const name of namesInvokedByAwsCli(get(root, 'custom'))) {
    for (const fn of f.functions.values()) if (namesServiceFunction(name, fn.id, fn.physicalName, f.service)) f.invokedNames.add(fn.id);
  }

  // Outputs the framework adds to every stack.
  const implicit = (key: string) => f.outputs.push({ key, loc: rootLoc, entryLoc: rootLoc, refs: [], implicit: true });
  implicit('ServerlessDeploymentBucketName');
  if (hasHttp) implicit('ServiceEndpoint');
  if (hasHttpApi) {
    implicit('HttpApiId');
    implicit('HttpApiUrl');
  }
  if (hasWebsocket) implicit('ServiceEndpointWebsocket');
  for (const fn of f.functions.values()) implicit(fn.logicalId + 'QualifiedArn');
  for (const l of entries(get(root, 'layers'))) {
    implicit(normalizeFunctionName(l.key) + 'LambdaLayerQualifiedArn');
    implicit(normalizeFunctionName(l.key) + 'LambdaLayerHash');
    implicit(normalizeFunctionName(l.key) + 'LambdaLayerS3Key');
  }
}

/** The framework's own top-level keys; any other top-level section belongs to a plugin. */
const FRAMEWORK_KEYS = new Set(['service', 'frameworkVersion', 'org', 'app', 'provider', 'functions', 'resources', 'plugins', 'custom', 'package', 'layers', 'params', 'stages', 'useDotenv', 'variablesResolutionMode', 'configValidationMode', 'deprecationNotificationMode', 'disabledDeprecations', 'build', 'outputs', 'console', 'dashboard', 'license', 'stateMachines', 'stepFunctions', 'appSync']);

/** Function keys written as a value in a plugin's top-level section (scalars only, a bounded walk). */
function namedByPluginSections(root: RNode, functions: Map<string, FunctionFact>): string[] {
  const out = new Set<string>();
  const stack: RNode[] = entries(root).filter((e) => !FRAMEWORK_KEYS.has(e.key) && !e.merged).map((e) => e.value);
  let budget = 10_000;
  while (stack.length && budget-- > 0) {
    const n = deref(stack.pop());
    if (!n) continue;
    if (n.k === 'scalar') {
      const s = str(n);
      if (s && functions.has(s)) out.add(s);
    } else if (n.k === 'map') for (const e of n.entries) stack.push(e.value);
    else if (n.k === 'seq') for (const x of n.items) stack.push(x);
  }
  return [...out];
}

/**
 * Functions the serverless-appsync-plugin wires as data sources, resolvers or authorizers (`appSync:`, or
 * `custom.appSync` in version 1): `functionName: x` or `lambdaFunctionArn: !GetAtt XLambdaFunction.Arn`.
 */
function appSyncLambdas(root: RNode, env: EvalEnv): string[] {
  const out: string[] = [];
  const seen = new Set<RNode>();
  const stack = [get(root, 'appSync'), getPath(root, 'custom', 'appSync')];
  while (stack.length) {
    const n = deref(stack.pop());
    if (!n || seen.has(n)) continue;
    seen.add(n);
    if (n.k === 'seq') stack.push(...n.items);
    if (n.k !== 'map' || n.tag) continue;
    for (const e of entries(n)) {
      if (e.key === 'functionName') {
        const name = str(e.value);
        if (name) out.push(name);
      } else if (e.key === 'lambdaFunctionArn' || e.key === 'functionArn') {
        for (const t of targetsOf(e.value, env)) if (t.k === 'local') out.push(t.id);
      } else stack.push(e.value);
    }
  }
  return out;
}

/** One entry of `functions.X.events`. Returns whether it is an HTTP event. */
function serverlessEvent(ctx: ExtractCtx, fnId: string, ev: RNode, index: number, provider: RNode | undefined): boolean {
  const f = ctx.facts;
  const e = entries(ev)[0];
  if (!e) return false;
  const kind = e.key;
  const v = deref(e.value);
  const loc = e.keyLoc.file === v?.loc.file ? { file: e.keyLoc.file, start: e.keyLoc.start, end: v.loc.end } : e.keyLoc;
  const fnT: Target = { k: 'local', id: fnId };
  const env: EvalEnv = ctx.env;
  const d = deref(v);
  const arnNode = d && d.k === 'map' && !d.tag && !isIntrinsicMap(d) ? get(d, 'arn') : d;
  const triggerLoc = kind === 'sqs' || kind === 'stream' ? arnNode?.loc : undefined;
  const wire = (triggerType: string, trigger: Target, label?: string) =>
    f.wirings.push({ loc, triggerLoc, event: kind, triggerType: triggerType || typeFromTarget(trigger), trigger, fn: fnT, label });
  const implicit = (id: string, type: string, physicalName?: string): Target => {
    if (!f.resources.has(id)) f.resources.set(id, { id, type, loc: e.keyLoc, entryLoc: e.keyLoc, node: undefined, implicit: true, physicalName });
    return { k: 'local', id };
  };
  const arnOf = (n: RNode | undefined): Target[] => {
    const d = deref(n);
    if (d && d.k === 'map' && !d.tag && !isIntrinsicMap(d)) return targetsOf(get(d, 'arn'), env);
    return targetsOf(d, env);
  };
  const fnPrefix = normalizeFunctionName(fnId);
  switch (kind) {
    case 'sqs':
      for (const t of arnOf(v)) wire('AWS::SQS::Queue', t);
      return false;
    case 'stream': {
      const type = str(get(v, 'type'));
      for (const t of arnOf(v)) wire(type === 'kinesis' ? 'AWS::Kinesis::Stream' : type === 'dynamodb' ? 'AWS::DynamoDB::Table' : typeFromTarget(t) || 'AWS::DynamoDB::Table', t);
      return false;
    }
    case 'sns': {
      const s = plainStr(v);
      if (s !== undefined) {
        if (s.startsWith('arn:') || s.startsWith('${')) wire('AWS::SNS::Topic', classifyString(s));
        else wire('AWS::SNS::Topic', implicit('SNSTopic' + alnum(s), 'AWS::SNS::Topic', s));
        return false;
      }
      const arn = get(v, 'arn');
      if (arn) for (const t of targetsOf(arn, env)) wire('AWS::SNS::Topic', t);
      else {
        const tn = plainStr(get(v, 'topicName'));
        if (tn) wire('AWS::SNS::Topic', implicit('SNSTopic' + alnum(tn), 'AWS::SNS::Topic', tn));
      }
      return false;
    }
    case 's3': {
      const bucketNode = v?.k === 'scalar' ? v : get(v, 'bucket');
      const bucket = plainStr(bucketNode);
      const existing = get(v, 'existing') !== undefined && str(get(v, 'existing')) === 'true';
      if (!bucket) {
        for (const t of targetsOf(bucketNode, env)) wire('AWS::S3::Bucket', t);
        return false;
      }
      if (existing || bucket.startsWith('${')) {
        const t: Target = bucket.startsWith('${') ? classifyString(bucket) : { k: 'name', name: bucket, service: 's3' };
        wire('AWS::S3::Bucket', t);
        if (t.k === 'name' && bucketNode) f.literals.push({ target: { k: 'name', name: bucket, service: 's3' }, loc: bucketNode.loc, text: bucket, whole: true, from: fnId, scalarLoc: bucketNode.loc, scalarValue: bucket });
      } else wire('AWS::S3::Bucket', implicit('S3Bucket' + alnum(bucket), 'AWS::S3::Bucket', bucket));
      return false;
    }
    case 'http': {
      const restApiId = getPath(provider, 'apiGateway', 'restApiId');
      const t = restApiId ? targetsOf(restApiId, env) : [implicit('ApiGatewayRestApi', 'AWS::ApiGateway::RestApi')];
      for (const x of t) wire('AWS::ApiGateway::RestApi', x, restApiId ? 'shared REST API' : undefined);
      const auth = get(v, 'authorizer');
      const an = str(auth) ?? str(get(auth, 'name'));
      if (an && !an.startsWith('arn:') && an !== 'aws_iam') f.invokedNames.add(an);
      return true;
    }
    case 'httpApi': {
      const id = getPath(provider, 'httpApi', 'id');
      const t = id ? targetsOf(id, env) : [implicit('HttpApi', 'AWS::ApiGatewayV2::Api')];
      for (const x of t) wire('AWS::ApiGatewayV2::Api', x, id ? 'shared HTTP API' : undefined);
      return true;
    }
    case 'websocket': {
      const id = get(provider, 'websocketApiId');
      const t = id ? targetsOf(id, env) : [implicit('WebsocketsApi', 'AWS::ApiGatewayV2::Api')];
      for (const x of t) wire('AWS::ApiGatewayV2::Api', x);
      // A `$connect` route's authorizer: a function of the service by name (`authorizer: auth` or `{ name: auth }`).
      const auth = get(v, 'authorizer');
      const an = str(auth) ?? str(get(auth, 'name'));
      if (an && !an.startsWith('arn:') && !get(auth, 'arn')) f.invokedNames.add(an);
      return false;
    }
    case 'schedule':
      wire('AWS::Events::Rule', implicit(`${fnPrefix}EventsRuleSchedule${index + 1}`, 'AWS::Events::Rule'));
      return false;
    case 'eventBridge': {
      if (get(v, 'schedule')) {
        wire('AWS::Events::Rule', implicit(`${fnPrefix}EventBridgeRule${index + 1}`, 'AWS::Events::Rule'));
        return false;
      }
      const bus = get(v, 'eventBus');
      const s = plainStr(bus);
      if (!bus) wire('AWS::Events::EventBus', { k: 'name', name: 'default', service: 'events' }, 'default event bus');
      else if (s !== undefined && !s.startsWith('arn:') && !s.startsWith('${')) {
        wire('AWS::Events::EventBus', s === 'default' ? { k: 'name', name: 'default', service: 'events' } : implicit('EventBridgeEventBus' + alnum(s), 'AWS::Events::EventBus', s), s === 'default' ? 'default event bus' : undefined);
      } else for (const t of targetsOf(bus, env)) wire('AWS::Events::EventBus', t);
      return false;
    }
    case 'cloudwatchEvent':
      wire('AWS::Events::EventBus', { k: 'name', name: 'default', service: 'events' }, 'default event bus');
      return false;
    case 'cloudwatchLog': {
      const lgNode = v?.k === 'scalar' ? v : get(v, 'logGroup');
      const lg = plainStr(lgNode);
      if (!lg && lgNode) for (const t of targetsOf(lgNode, env)) wire('AWS::Logs::LogGroup', t);
      if (lg) wire('AWS::Logs::LogGroup', lg.startsWith('${') ? classifyString(lg) : { k: 'name', name: lg, service: 'logs' });
      return false;
    }
    case 'cognitoUserPool': {
      const pool = plainStr(get(v, 'pool'));
      if (!pool) return false;
      const existing = str(get(v, 'existing')) === 'true';
      wire('AWS::Cognito::UserPool', existing ? { k: 'name', name: pool, service: 'cognito-idp' } : implicit('CognitoUserPool' + alnum(pool), 'AWS::Cognito::UserPool', pool));
      return false;
    }
    case 'alb':
      for (const t of targetsOf(get(v, 'listenerArn'), env)) wire('AWS::ElasticLoadBalancingV2::Listener', t);
      return false;
    case 'iot':
      wire('AWS::IoT::TopicRule', implicit(`${fnPrefix}IotTopicRule${index + 1}`, 'AWS::IoT::TopicRule'));
      return false;
    case 'msk':
      for (const t of targetsOf(get(v, 'arn'), env)) wire('AWS::MSK::Cluster', t);
      return false;
    case 'activemq':
    case 'rabbitmq':
      for (const t of targetsOf(get(v, 'arn'), env)) wire('AWS::AmazonMQ::Broker', t);
      return false;
    case 'kafka':
      wire('SelfManagedKafka', { k: 'unknown', text: 'self-managed Kafka' }, 'self-managed Kafka');
      return false;
    default:
      wire(kind, { k: 'unknown', text: kind }, kind);
      return false;
  }
}

function isIntrinsicMap(n: RNode): boolean {
  const es = entries(n);
  return es.length === 1 && (es[0].key === 'Ref' || es[0].key.startsWith('Fn::'));
}
