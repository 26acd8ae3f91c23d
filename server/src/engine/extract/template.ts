// Facts from a CloudFormation or SAM template, or from the `resources` part of a Serverless
// service (which is CloudFormation too).

import { findArnsIn, FUNCTION_TYPES, NAME_PROPERTY } from '../aws';
import { classifyString, EvalEnv, evalStr, getAttParts, importTarget, intrinsic, isStatic, stackRelativeSuffix, targetsOf } from '../intrinsics';
import type { FunctionFact, LiteralFact, Target, UnitFacts, WiringFact } from '../model';
import { deref, entries, get, getPath, items, RNode, str, walk } from '../tree';
import type { Loc } from '../types';
import { extractInvokeGrants, wildName } from './grants';
import { detectPlaceholder } from './placeholder';
import { deployTimeReads } from '../serverless/variables';

export interface ExtractCtx {
  text(file: string): string;
  env: EvalEnv;
  facts: UnitFacts;
}

/** A location for `needle` inside the scalar at `loc`, or the scalar's own location. */
export function subLoc(ctx: { text(file: string): string }, loc: Loc, needle: string, last = false): Loc {
  const t = ctx.text(loc.file);
  if (!t) return loc;
  const slice = t.slice(loc.start, loc.end);
  const i = last ? slice.lastIndexOf(needle) : slice.indexOf(needle);
  if (i === -1) return loc;
  return { file: loc.file, start: loc.start + i, end: loc.start + i + needle.length };
}

export function entrySpan(keyLoc: Loc, value: RNode | undefined): Loc {
  const end = value && value.loc.file === keyLoc.file ? Math.max(value.loc.end, keyLoc.end) : keyLoc.end;
  return { file: keyLoc.file, start: keyLoc.start, end };
}

const NEVER_A_REFERENCE = /^(PolicyName|RoleName|ManagedPolicyName|InstanceProfileName|Sid|StatementId)$/;

/** The physical-name property of a resource type: `BucketName`, `DeliveryStreamName` for a DeliveryStream, or `Name`. */
export function isOwnNameProperty(type: string, key: string): boolean {
  return key === NAME_PROPERTY[type] || key === 'Name' || key === type.slice(type.lastIndexOf(':') + 1) + 'Name';
}

const NAMEISH_KEY = /(Name|Arn|ARN|Url|URL|Queue|Topic|Table|Bucket|Stream|Target|Destination|Endpoint)$/;

/** Records references, imports and literals found anywhere below `node`. */
export function scanValue(ctx: ExtractCtx, node: RNode | undefined, from: string | undefined, opts: { env?: boolean } = {}): void {
  const f = ctx.facts;
  // `{Condition: X}` names a condition only as an argument of Fn::And/Or/Not (or in the Conditions section);
  // elsewhere inside Properties it is data (a Bedrock flow connection's `Conditional: {Condition: default}`).
  const conditionArgs = new Set<RNode>();
  walk(node, (n, path) => {
    const fn = intrinsic(n);
    if (fn && fn.fn === 'Condition' && from !== 'Conditions' && !conditionArgs.has(n)) {
      // Not an intrinsic here: scanned as plain data below.
    } else if (fn) {
      const a = deref(fn.arg);
      switch (fn.fn) {
        case 'Ref': {
          const name = str(a);
          if (name && a) f.refs.push({ kind: 'Ref', name, loc: subLoc(ctx, a.loc, name, true), nodeLoc: fn.loc, from });
          return false;
        }
        case 'Fn::GetAtt': {
          const [id, attr] = getAttParts(a);
          if (id && a) {
            const first = a.k === 'seq' ? deref(a.items[0]) : a;
            const loc = first ? subLoc(ctx, first.loc, id, first.tag !== undefined) : a.loc;
            f.refs.push({ kind: 'GetAtt', name: id, attr, loc, nodeLoc: fn.loc, from });
          }
          return false;
        }
        case 'Fn::Sub': {
          const tplNode = a?.k === 'seq' ? deref(a.items[0]) : a;
          const tpl = str(tplNode);
          const local = new Set(a?.k === 'seq' ? entries(a.items[1]).map((e) => e.key) : []);
          if (tpl !== undefined && tplNode) {
            const re = /\$\{([^!}][^}]*)\}/g;
            for (let m = re.exec(tpl); m; m = re.exec(tpl)) {
              const full = m[1].trim();
              const [name, attr] = full.includes('.') ? [full.slice(0, full.indexOf('.')), full.slice(full.indexOf('.') + 1)] : [full, undefined];
              if (local.has(full) || local.has(name) || name.includes(':')) continue;
              f.refs.push({ kind: 'Sub', name, attr, loc: subLoc(ctx, tplNode.loc, '${' + full), from });
            }
            scanString(ctx, tplNode.loc, tpl, from, undefined, true);
          }
          if (a?.k === 'seq') scanValue(ctx, a.items[1], from);
          return false;
        }
        case 'Fn::ImportValue': {
          const target = importTarget(a, ctx.env);
          const name = target.k === 'import' ? target.exportName : undefined;
          // Named from a stack parameter whose default is empty: the template deploys without that stack by
          // default (an optional integration behind a condition), so the import is never missing.
          const param = target.k === 'import' && target.suffix !== undefined ? /^\$\{([A-Za-z0-9]+)\}/.exec(target.exportName)?.[1] : undefined;
          f.imports.push({
            target,
            loc: fn.loc,
            nameLoc: name !== undefined && target.k === 'import' && !target.suffix && a?.k === 'scalar' ? subLoc(ctx, a.loc, name, true) : undefined,
            text: `Fn::ImportValue ${name ?? '(computed)'}`,
            from,
            ...(param !== undefined && ctx.env.params.get(param) === '' ? { optional: true as const } : {}),
          });
          return false;
        }
        case 'Fn::If': {
          const cond = str(items(a)[0]);
          const cn = deref(items(a)[0]);
          if (cond && cn) f.refs.push({ kind: 'Condition', name: cond, loc: subLoc(ctx, cn.loc, cond, true), from });
          for (const b of items(a).slice(1)) scanValue(ctx, b, from, opts);
          return false;
        }
        case 'Condition': {
          const cond = str(a);
          if (cond && a) f.refs.push({ kind: 'Condition', name: cond, loc: subLoc(ctx, a.loc, cond, true), from });
          return false;
        }
        default:
          if (fn.fn === 'Fn::And' || fn.fn === 'Fn::Or' || fn.fn === 'Fn::Not') for (const x of items(fn.arg)) conditionArgs.add(x);
          return true;
      }
    }
    if (n.k === 'scalar' && typeof n.value === 'string') {
      const key = path.length ? path[path.length - 1] : '';
      const inEnv = path.includes('Variables') || path.includes('environment') || opts.env === true;
      // Serverless wants `topicName` beside an imported topic's `arn`: it names, it does not refer.
      // An IAM policy's or role's name, a statement id: names of their own, never of a function, queue or table.
      const nameKey = key !== 'topicName' && !NEVER_A_REFERENCE.test(key) && (NAMEISH_KEY.test(key) || inEnv) ? key : undefined;
      const before = f.literals.length;
      scanString(ctx, n.loc, n.value, from, nameKey);
      const res = from !== undefined && path.length === 1 ? f.resources.get(from) : undefined;
      const own = res !== undefined && isOwnNameProperty(res.type, key);
      const where = from === 'custom' && path.every((p) => !/^\d+$/.test(p)) ? ['custom', ...path].join('.') : undefined;
      for (const l of f.literals.slice(before)) {
        if (own) l.ownName = true;
        if (where) l.path = where;
      }
    }
    return true;
  });
}

/** Cross-unit references and literal ARNs inside one string. */
export function scanString(ctx: ExtractCtx, loc: Loc, s: string, from: string | undefined, nameKey: string | undefined, inSub = false): void {
  const f = ctx.facts;
  if (s.includes('${cf') || s.includes('${ssm')) {
    // Nesting-aware: a read whose name is only partly known is kept, its unknown part marked.
    for (const v of deployTimeReads(s)) {
      const t = classifyString(v.value);
      if (t.k === 'cf' || t.k === 'ssm') f.imports.push({ target: t, loc: subLoc(ctx, loc, v.text.slice(0, Math.min(v.text.length, 40))), text: v.text, from, ...(v.optional ? { optional: true as const } : {}) });
    }
  }
  if (s.includes('{{resolve:ssm')) {
    const re = /\{\{resolve:ssm(?:-secure)?:[^}]*\}\}/g;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      const t = classifyString(m[0]);
      if (t.k === 'ssm') f.imports.push({ target: t, loc: subLoc(ctx, loc, m[0].slice(0, Math.min(m[0].length, 40))), text: m[0], from });
    }
  }
  if (s.includes('arn:') || s.includes('https://sqs.')) {
    for (const a of findArnsIn(s)) {
      const lit: LiteralFact = {
        target: { k: 'arn', service: a.name.service, name: a.name.name, text: a.text },
        loc: subLoc(ctx, loc, a.text),
        text: a.text,
        whole: a.text === s,
        from,
        scalarLoc: loc,
        scalarValue: s,
        inSub,
      };
      f.literals.push(lit);
    }
  } else if (nameKey !== undefined && nameKey === 'EventBusName' && /^[A-Za-z0-9][\w.\-]{2,}$/.test(s) && s !== 'default') {
    // A key that only ever names an event bus: even a one-word name (`Serverlesspresso`) is the bus's name.
    f.literals.push({ target: { k: 'name', name: s, service: 'events' }, loc: subLoc(ctx, loc, s), text: s, whole: true, from, scalarLoc: loc, scalarValue: s });
  } else if (nameKey !== undefined && /^[A-Za-z0-9][\w.\-/]{2,}$/.test(s) && /[-_/]/.test(s)) {
    f.literals.push({ target: { k: 'name', name: s }, loc: subLoc(ctx, loc, s), text: s, whole: true, from, scalarLoc: loc, scalarValue: s });
  }
}

const SERVICE_TYPE: Record<string, string> = {
  sqs: 'AWS::SQS::Queue',
  sns: 'AWS::SNS::Topic',
  dynamodb: 'AWS::DynamoDB::Table',
  kinesis: 'AWS::Kinesis::Stream',
  s3: 'AWS::S3::Bucket',
  events: 'AWS::Events::EventBus',
  logs: 'AWS::Logs::LogGroup',
  kafka: 'AWS::MSK::Cluster',
  mq: 'AWS::AmazonMQ::Broker',
};

export function typeFromTarget(t: Target): string {
  return t.k === 'arn' ? SERVICE_TYPE[t.service] ?? '' : '';
}

const PRINCIPAL_TYPE: Record<string, string> = {
  'sns.amazonaws.com': 'AWS::SNS::Topic',
  's3.amazonaws.com': 'AWS::S3::Bucket',
  'events.amazonaws.com': 'AWS::Events::Rule',
  'apigateway.amazonaws.com': 'AWS::ApiGateway::RestApi',
  'logs.amazonaws.com': 'AWS::Logs::LogGroup',
  'cognito-idp.amazonaws.com': 'AWS::Cognito::UserPool',
  'scheduler.amazonaws.com': 'AWS::Scheduler::Schedule',
  'iot.amazonaws.com': 'AWS::IoT::TopicRule',
  'elasticloadbalancing.amazonaws.com': 'AWS::ElasticLoadBalancingV2::ListenerRule',
};

/** The function targets in a value, also looking inside `Fn::Join` lists (API integration URIs). */
function functionTargets(ctx: ExtractCtx, n: RNode | undefined): Target[] {
  const out = targetsOf(n, ctx.env);
  const fn = intrinsic(n);
  if (fn && fn.fn === 'Fn::Join') {
    for (const part of items(items(fn.arg)[1])) {
      const t = targetsOf(part, ctx.env).filter((x) => x.k === 'local' || x.k === 'import');
      out.push(...t);
    }
  }
  if (fn && fn.fn === 'Fn::Sub') {
    const tpl = str(deref(fn.arg)?.k === 'seq' ? items(fn.arg)[0] : fn.arg) ?? '';
    const m = /functions\/\$\{([A-Za-z0-9]+)(?:\.Arn)?\}/.exec(tpl);
    if (m) out.push({ k: 'local', id: m[1], attr: 'Arn' });
    const arn = /(arn:aws[\w-]*:lambda:[^/]*?:function:[\w-]+)/.exec(tpl);
    if (arn) out.push(classifyString(arn[1].replace(/\$\{[^}]*\}/g, 'x')));
  }
  return out;
}

function firstLocalInSub(ctx: ExtractCtx, n: RNode | undefined): Target[] {
  const fn = intrinsic(n);
  if (fn && fn.fn === 'Fn::Sub') {
    const tpl = str(deref(fn.arg)?.k === 'seq' ? items(fn.arg)[0] : fn.arg) ?? '';
    const re = /\$\{([A-Za-z0-9]+)(?:\.[A-Za-z]+)?\}/g;
    for (let m = re.exec(tpl); m; m = re.exec(tpl)) {
      if (!ctx.env.params.has(m[1])) return [{ k: 'local', id: m[1] }];
    }
  }
  return targetsOf(n, ctx.env);
}

function addWiring(ctx: ExtractCtx, w: Omit<WiringFact, 'triggerType'> & { triggerType?: string }): void {
  ctx.facts.wirings.push({ ...w, triggerType: w.triggerType ?? typeFromTarget(w.trigger) });
}

function implicitResource(ctx: ExtractCtx, id: string, type: string, loc: Loc, physicalName?: string): Target {
  if (!ctx.facts.resources.has(id)) {
    ctx.facts.resources.set(id, { id, type, loc, entryLoc: loc, node: undefined, implicit: true, physicalName });
  }
  return { k: 'local', id };
}

/** Extracts one template (or the Resources/Outputs of a Serverless service). */
export function extractTemplate(ctx: ExtractCtx, root: RNode | undefined, opts: { serverless?: boolean; overrides?: Record<string, string> } = {}): void {
  const overrides = opts.overrides;
  const f = ctx.facts;
  const resources = get(root, 'Resources');
  if (!opts.serverless) {
    const transform = get(root, 'Transform');
    const transforms = (transform?.k === 'seq' ? transform.items : transform ? [transform] : []).map((t) => str(t) ?? '(macro)');
    if (transforms.some((t) => t !== 'AWS::Serverless-2016-10-31' && t !== 'AWS::LanguageExtensions')) f.openWorld = true;
    if (!get(root, 'AWSTemplateFormatVersion') && transforms.length === 0) f.fragment = true;
    // SAM resource types without the SAM transform cannot deploy alone: a fragment merged by a build step.
    if (!transforms.includes('AWS::Serverless-2016-10-31') && entries(resources).some((e) => (str(get(e.value, 'Type')) ?? '').startsWith('AWS::Serverless::'))) f.fragment = true;
    extractInvokeGrants(ctx, resources);
  }
  for (const e of entries(resources)) {
    const t = get(e.value, 'Type');
    if (!t || t.tag || /::MODULE$/.test(str(t) ?? '') || e.key.includes('${') || e.key.startsWith('Fn::ForEach')) f.openWorld = true;
  }
  for (const e of entries(get(root, 'Parameters'))) {
    f.parameters.add(e.key);
    f.definitions.set(e.key, e.keyLoc);
    const type = str(get(e.value, 'Type')) ?? '';
    const def = overrides?.[e.key] ?? str(get(e.value, 'Default'));
    if (type.startsWith('AWS::SSM::Parameter::Value') && def) {
      f.imports.push({ target: { k: 'ssm', path: def }, loc: e.keyLoc, text: `SSM parameter ${def}`, from: e.key });
    }
  }
  for (const e of entries(get(root, 'Conditions'))) {
    f.conditions.add(e.key);
    f.definitions.set(`Condition:${e.key}`, e.keyLoc);
  }
  scanValue(ctx, get(root, 'Conditions'), 'Conditions');

  // Sections, for fixes that add resources or outputs.
  const resEntry = entries(root).find((e) => e.key === 'Resources');
  if (resEntry && resources && resources.k === 'map') f.sections.resources = resources.loc;
  const outEntry = entries(root).find((e) => e.key === 'Outputs');
  if (outEntry) f.sections.outputs = get(root, 'Outputs')?.loc ?? outEntry.keyLoc;

  for (const e of entries(resources)) {
    const id = e.key;
    const node = deref(e.value);
    const type = str(get(node, 'Type')) ?? '';
    const props = get(node, 'Properties');
    const nameProp = NAME_PROPERTY[type];
    const phys = nameProp ? evalStr(get(props, nameProp), ctx.env) : undefined;
    f.resources.set(id, {
      id,
      type,
      loc: e.keyLoc,
      entryLoc: entrySpan(e.keyLoc, e.value),
      node,
      physicalName: isStatic(phys) ? phys : undefined,
    });
    const dependsOn = get(node, 'DependsOn');
    for (const d of dependsOn?.k === 'seq' ? dependsOn.items : dependsOn ? [dependsOn] : []) {
      const name = str(d);
      if (name) f.refs.push({ kind: 'DependsOn', name, loc: subLoc(ctx, d.loc, name, true), from: id });
    }
    const cond = get(node, 'Condition');
    if (cond && str(cond)) f.refs.push({ kind: 'Condition', name: str(cond)!, loc: subLoc(ctx, cond.loc, str(cond)!, true), from: id });
    scanValue(ctx, props, id);

    if (type === 'AWS::SSM::Parameter') {
      const name = evalStr(get(props, 'Name'), ctx.env);
      const value = evalStr(get(props, 'Value'), ctx.env);
      if (isStatic(name)) f.ssmParams.push({ path: name, resource: id, loc: e.keyLoc, value: isStatic(value) ? classifyString(value) : undefined });
    }
    if (type === 'AWS::CloudFormation::Stack' || type === 'AWS::Serverless::Application') {
      const loc = type === 'AWS::CloudFormation::Stack' ? str(get(props, 'TemplateURL')) : str(get(props, 'Location'));
      if (loc && !/^(https?:|s3:)/i.test(loc) && !loc.includes('${')) f.nested.push({ id, path: loc, loc: e.keyLoc });
    }
    if (FUNCTION_TYPES.has(type)) functionFromTemplate(ctx, id, e.keyLoc, entrySpan(e.keyLoc, e.value), node, props, type, root);
    else wiringsFromResource(ctx, id, type, props, e.keyLoc);
  }

  const outputs = get(root, 'Outputs');
  for (const e of entries(outputs)) {
    const exportName = evalStr(getPath(e.value, 'Export', 'Name'), ctx.env);
    const before = f.refs.length;
    scanValue(ctx, e.value, 'Outputs');
    const refs = f.refs.slice(before).map((r) => r.name);
    f.outputs.push({
      key: e.key,
      exportName: isStatic(exportName) ? exportName : undefined,
      loc: e.keyLoc,
      entryLoc: entrySpan(e.keyLoc, e.value),
      refs,
      valueLoc: get(e.value, 'Value')?.loc,
      exportNameLoc: getPath(e.value, 'Export', 'Name')?.loc,
      exportSuffix: stackRelativeSuffix(getPath(e.value, 'Export', 'Name'), ctx.env),
    });
  }
}

function functionFromTemplate(ctx: ExtractCtx, id: string, loc: Loc, entryLoc: Loc, node: RNode | undefined, props: RNode | undefined, type: string, root: RNode | undefined): void {
  const f = ctx.facts;
  const phys = evalStr(get(props, 'FunctionName'), ctx.env);
  const globals = getPath(root, 'Globals', 'Function');
  const before = f.refs.length;
  const beforeImports = f.imports.length;
  const fact: FunctionFact = {
    id,
    logicalId: id,
    loc,
    entryLoc,
    node,
    physicalName: isStatic(phys) ? phys : undefined,
    namePattern: phys && !isStatic(phys) ? wildName(phys) : undefined,
    uses: [],
  };
  const evidence = detectPlaceholder(ctx, type, props, globals);
  if (evidence?.weak) fact.stubCode = { reason: evidence.reason, loc: evidence.loc };
  else if (evidence) fact.placeholder = { reason: evidence.reason, loc: evidence.loc };
  f.functions.set(id, fact);
  // Events are read after the properties' references so `uses` covers environment and policies.
  if (type === 'AWS::Serverless::Function') {
    for (const ev of entries(get(props, 'Events'))) samEvent(ctx, id, ev.key, ev.value, ev.keyLoc);
  }
  fact.uses = [
    ...f.refs.slice(before).filter((r) => r.kind !== 'DependsOn' && r.kind !== 'Condition').map((r): Target => ({ k: 'local', id: r.name, attr: r.attr })),
    ...f.imports.slice(beforeImports).map((i) => i.target),
  ];
  // A function URL is an entry point: the function is invoked over HTTP.
  if (get(props, 'FunctionUrlConfig')) f.invokedNames.add(id);
  const dest = getPath(props, 'EventInvokeConfig', 'DestinationConfig');
  walk(dest, (n) => {
    const t = targetsOf(n, ctx.env);
    for (const x of t) if (x.k === 'local') f.invokedNames.add(x.id);
    return !intrinsic(n);
  });
}

function samEvent(ctx: ExtractCtx, fnId: string, name: string, ev: RNode, loc: Loc): void {
  const type = str(get(ev, 'Type')) ?? '';
  const p = get(ev, 'Properties');
  const TRIGGER_PROP: Record<string, string> = { SQS: 'Queue', SNS: 'Topic', S3: 'Bucket', DynamoDB: 'Stream', Kinesis: 'Stream', MSK: 'Stream', MQ: 'Broker', DocumentDB: 'Cluster' };
  const tnode = TRIGGER_PROP[type] ? get(p, TRIGGER_PROP[type]) : undefined;
  const wire = (triggerType: string, triggers: Target[], label?: string) => {
    for (const t of triggers.length ? triggers : [{ k: 'unknown' } as Target]) {
      addWiring(ctx, { loc, triggerLoc: triggers.length === 1 ? tnode?.loc : undefined, event: `SAM ${type}`, triggerType: triggerType || typeFromTarget(t), trigger: t, fn: { k: 'local', id: fnId }, label });
    }
  };
  switch (type) {
    case 'SQS':
      return wire('AWS::SQS::Queue', targetsOf(get(p, 'Queue'), ctx.env));
    case 'SNS':
      return wire('AWS::SNS::Topic', targetsOf(get(p, 'Topic'), ctx.env));
    case 'S3':
      return wire('AWS::S3::Bucket', targetsOf(get(p, 'Bucket'), ctx.env));
    case 'DynamoDB':
      return wire('AWS::DynamoDB::Table', targetsOf(get(p, 'Stream'), ctx.env));
    case 'Kinesis':
      return wire('AWS::Kinesis::Stream', targetsOf(get(p, 'Stream'), ctx.env));
    case 'Api': {
      const api = get(p, 'RestApiId');
      return wire('AWS::Serverless::Api', api ? targetsOf(api, ctx.env) : [implicitResource(ctx, 'ServerlessRestApi', 'AWS::Serverless::Api', loc)]);
    }
    case 'HttpApi': {
      const api = get(p, 'ApiId');
      return wire('AWS::Serverless::HttpApi', api ? targetsOf(api, ctx.env) : [implicitResource(ctx, 'ServerlessHttpApi', 'AWS::Serverless::HttpApi', loc)]);
    }
    case 'Schedule':
    case 'ScheduleV2':
      return wire(type === 'Schedule' ? 'AWS::Events::Rule' : 'AWS::Scheduler::Schedule', [implicitResource(ctx, fnId + name, type === 'Schedule' ? 'AWS::Events::Rule' : 'AWS::Scheduler::Schedule', loc)]);
    case 'EventBridgeRule':
    case 'CloudWatchEvent': {
      const bus = get(p, 'EventBusName');
      return wire('AWS::Events::EventBus', bus ? targetsOf(bus, ctx.env) : [{ k: 'name', name: 'default', service: 'events' }], bus ? undefined : 'default event bus');
    }
    case 'CloudWatchLogs':
      return wire('AWS::Logs::LogGroup', targetsOf(get(p, 'LogGroupName'), ctx.env));
    case 'Cognito':
      return wire('AWS::Cognito::UserPool', targetsOf(get(p, 'UserPool'), ctx.env));
    case 'IoTRule':
      return wire('AWS::IoT::TopicRule', [implicitResource(ctx, fnId + name, 'AWS::IoT::TopicRule', loc)]);
    case 'MSK':
      return wire('AWS::MSK::Cluster', targetsOf(get(p, 'Stream'), ctx.env));
    case 'MQ':
      return wire('AWS::AmazonMQ::Broker', targetsOf(get(p, 'Broker'), ctx.env));
    case 'DocumentDB':
      return wire('AWS::DocDB::DBCluster', targetsOf(get(p, 'Cluster'), ctx.env));
    case 'SelfManagedKafka':
      return wire('SelfManagedKafka', [{ k: 'unknown', text: 'self-managed Kafka' }], 'self-managed Kafka');
    case 'AlexaSkill':
      return wire('AlexaSkill', [{ k: 'unknown', text: 'Alexa skill' }], 'Alexa skill');
    default:
      if (type) wire(type, [{ k: 'unknown', text: type }], type);
  }
}

function wiringsFromResource(ctx: ExtractCtx, id: string, type: string, props: RNode | undefined, loc: Loc): void {
  const f = ctx.facts;
  const fnTargets = (n: RNode | undefined) => functionTargets(ctx, n);
  const wireAll = (event: string, triggers: Target[], fns: Target[], triggerType?: string, label?: string) => {
    for (const t of triggers) for (const fn of fns) addWiring(ctx, { loc, event, trigger: t, fn, triggerType: triggerType || typeFromTarget(t), label });
  };
  switch (type) {
    case 'AWS::Lambda::EventSourceMapping':
      return wireAll(type, targetsOf(get(props, 'EventSourceArn'), ctx.env), fnTargets(get(props, 'FunctionName')));
    case 'AWS::SNS::Subscription':
      if ((str(get(props, 'Protocol')) ?? '').toLowerCase() === 'lambda') wireAll(type, targetsOf(get(props, 'TopicArn'), ctx.env), fnTargets(get(props, 'Endpoint')), 'AWS::SNS::Topic');
      return;
    case 'AWS::SNS::Topic':
      for (const s of items(get(props, 'Subscription'))) {
        if ((str(get(s, 'Protocol')) ?? '').toLowerCase() === 'lambda') wireAll(type, [{ k: 'local', id }], fnTargets(get(s, 'Endpoint')), type);
      }
      return;
    case 'AWS::Events::Rule': {
      const schedule = get(props, 'ScheduleExpression');
      const bus = get(props, 'EventBusName');
      const trig: Target[] = schedule ? [{ k: 'local', id }] : bus ? targetsOf(bus, ctx.env) : [{ k: 'name', name: 'default', service: 'events' }];
      for (const t of items(get(props, 'Targets'))) {
        wireAll(type, trig, fnTargets(get(t, 'Arn')), schedule ? 'AWS::Events::Rule' : 'AWS::Events::EventBus', !schedule && !bus ? 'default event bus' : undefined);
      }
      return;
    }
    case 'AWS::Scheduler::Schedule':
      return wireAll(type, [{ k: 'local', id }], fnTargets(getPath(props, 'Target', 'Arn')), type);
    case 'AWS::S3::Bucket':
      for (const c of items(getPath(props, 'NotificationConfiguration', 'LambdaConfigurations'))) wireAll(type, [{ k: 'local', id }], fnTargets(get(c, 'Function')), type);
      return;
    case 'AWS::ApiGateway::Method': {
      const uri = getPath(props, 'Integration', 'Uri');
      if (uri) wireAll(type, targetsOf(get(props, 'RestApiId'), ctx.env), fnTargets(uri), 'AWS::ApiGateway::RestApi');
      return;
    }
    case 'AWS::ApiGatewayV2::Integration':
      return wireAll(type, targetsOf(get(props, 'ApiId'), ctx.env), fnTargets(get(props, 'IntegrationUri')), 'AWS::ApiGatewayV2::Api');
    case 'AWS::ApiGateway::Authorizer':
    case 'AWS::ApiGatewayV2::Authorizer':
      for (const t of fnTargets(get(props, 'AuthorizerUri'))) if (t.k === 'local') f.invokedNames.add(t.id);
      return;
    case 'AWS::AppSync::DataSource':
      // A Lambda data source: the GraphQL API's resolvers invoke the function.
      return wireAll(type, targetsOf(get(props, 'ApiId'), ctx.env), fnTargets(getPath(props, 'LambdaConfig', 'LambdaFunctionArn')), 'AWS::AppSync::GraphQLApi');
    case 'AWS::Logs::SubscriptionFilter':
      return wireAll(type, targetsOf(get(props, 'LogGroupName'), ctx.env), fnTargets(get(props, 'DestinationArn')), 'AWS::Logs::LogGroup');
    case 'AWS::Cognito::UserPool':
      for (const e of entries(get(props, 'LambdaConfig'))) wireAll(type, [{ k: 'local', id }], fnTargets(e.value), type);
      return;
    case 'AWS::Lambda::Permission': {
      const src = get(props, 'SourceArn');
      const fns = fnTargets(get(props, 'FunctionName'));
      if (!src) {
        for (const t of fns) if (t.k === 'local') f.invokedNames.add(t.id);
        return;
      }
      const principal = str(get(props, 'Principal')) ?? '';
      const tt = PRINCIPAL_TYPE[principal] ?? '';
      return wireAll(type, firstLocalInSub(ctx, src), fns, tt);
    }
    case 'AWS::Lambda::EventInvokeConfig':
      walk(get(props, 'DestinationConfig'), (n) => {
        for (const x of targetsOf(n, ctx.env)) if (x.k === 'local') f.invokedNames.add(x.id);
        return !intrinsic(n);
      });
      return;
    default:
      return;
  }
}

export { evalStr };
