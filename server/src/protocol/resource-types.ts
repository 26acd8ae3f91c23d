// The one registry of AWS resource types the analysis knows (in protocol/ because the client's
// icons read it too): for each, its CloudFormation type,
// the Terraform type that maps to it, the property that holds its physical name, the ARN service it
// lives under, whether it invokes functions (point-to-point or pub/sub), the attribute an event
// source reads when a move makes the reference local, the word messages use, and the icon the
// client draws. Rules, fixes, messages and the client read these tables; a new unit kind maps its
// types onto these entries and every rule works on it unchanged.

export type TriggerKind = 'point-to-point' | 'pub-sub';

export interface ResourceType {
  cfn: string;
  terraform?: string;
  /** The Terraform attribute that holds the physical name, when it is not `name`. */
  terraformName?: string;
  nameProperty?: string;
  arnService?: string;
  trigger?: TriggerKind;
  /** An API whose routes invoke functions: one coupling per API and unit, however many routes. */
  api?: true;
  /** The attribute an event source reads (`!GetAtt Q.Arn`), for the types a move supports. */
  movableAttr?: string;
  /** The word for it in messages ("queue", "table stream"). */
  word?: string;
  /** The codicon the client draws for it. */
  icon?: string;
}

export const RESOURCE_TYPES: readonly ResourceType[] = [
  { cfn: 'AWS::SQS::Queue', terraform: 'aws_sqs_queue', nameProperty: 'QueueName', arnService: 'sqs', trigger: 'point-to-point', movableAttr: 'Arn', word: 'queue', icon: 'inbox' },
  { cfn: 'AWS::SNS::Topic', terraform: 'aws_sns_topic', nameProperty: 'TopicName', arnService: 'sns', trigger: 'pub-sub', word: 'topic', icon: 'broadcast' },
  { cfn: 'AWS::DynamoDB::Table', terraform: 'aws_dynamodb_table', nameProperty: 'TableName', arnService: 'dynamodb', trigger: 'point-to-point', movableAttr: 'StreamArn', word: 'table stream', icon: 'database' },
  { cfn: 'AWS::DynamoDB::GlobalTable', nameProperty: 'TableName', arnService: 'dynamodb', trigger: 'point-to-point', icon: 'database' },
  { cfn: 'AWS::Serverless::SimpleTable', nameProperty: 'TableName', arnService: 'dynamodb', trigger: 'point-to-point', word: 'table stream', icon: 'database' },
  { cfn: 'AWS::S3::Bucket', terraform: 'aws_s3_bucket', terraformName: 'bucket', nameProperty: 'BucketName', arnService: 's3', trigger: 'point-to-point', word: 'bucket', icon: 'archive' },
  { cfn: 'AWS::Kinesis::Stream', terraform: 'aws_kinesis_stream', nameProperty: 'Name', arnService: 'kinesis', trigger: 'point-to-point', movableAttr: 'Arn', word: 'stream', icon: 'pulse' },
  { cfn: 'AWS::Lambda::Function', terraform: 'aws_lambda_function', terraformName: 'function_name', nameProperty: 'FunctionName', arnService: 'lambda', word: 'function', icon: 'symbol-function' },
  { cfn: 'AWS::Serverless::Function', nameProperty: 'FunctionName', arnService: 'lambda', word: 'function', icon: 'symbol-function' },
  { cfn: 'AWS::Events::EventBus', terraform: 'aws_cloudwatch_event_bus', nameProperty: 'Name', arnService: 'events', trigger: 'pub-sub', word: 'event bus', icon: 'radio-tower' },
  { cfn: 'AWS::Events::Rule', terraform: 'aws_cloudwatch_event_rule', nameProperty: 'Name', trigger: 'point-to-point', word: 'rule', icon: 'watch' },
  { cfn: 'AWS::Scheduler::Schedule', terraform: 'aws_scheduler_schedule', nameProperty: 'Name', trigger: 'point-to-point', word: 'schedule', icon: 'watch' },
  { cfn: 'AWS::StepFunctions::StateMachine', terraform: 'aws_sfn_state_machine', nameProperty: 'StateMachineName', arnService: 'states', icon: 'git-merge' },
  { cfn: 'AWS::Serverless::StateMachine', nameProperty: 'Name', arnService: 'states', icon: 'git-merge' },
  { cfn: 'AWS::Logs::LogGroup', terraform: 'aws_cloudwatch_log_group', nameProperty: 'LogGroupName', arnService: 'logs', trigger: 'point-to-point', word: 'log group', icon: 'output' },
  { cfn: 'AWS::SSM::Parameter', terraform: 'aws_ssm_parameter', nameProperty: 'Name', arnService: 'ssm' },
  { cfn: 'AWS::SecretsManager::Secret', terraform: 'aws_secretsmanager_secret', nameProperty: 'Name', arnService: 'secretsmanager' },
  { cfn: 'AWS::Cognito::UserPool', terraform: 'aws_cognito_user_pool', nameProperty: 'UserPoolName', trigger: 'point-to-point', word: 'user pool', icon: 'account' },
  { cfn: 'AWS::ApiGateway::RestApi', api: true, terraform: 'aws_api_gateway_rest_api', nameProperty: 'Name', trigger: 'point-to-point', word: 'REST API', icon: 'globe' },
  { cfn: 'AWS::ApiGatewayV2::Api', api: true, terraform: 'aws_apigatewayv2_api', nameProperty: 'Name', trigger: 'point-to-point', word: 'HTTP API', icon: 'globe' },
  { cfn: 'AWS::Serverless::Api', api: true, nameProperty: 'Name', trigger: 'point-to-point', word: 'REST API', icon: 'globe' },
  { cfn: 'AWS::Serverless::HttpApi', api: true, nameProperty: 'Name', trigger: 'point-to-point', word: 'HTTP API', icon: 'globe' },
  { cfn: 'AWS::AppSync::GraphQLApi', api: true, terraform: 'aws_appsync_graphql_api', trigger: 'point-to-point', word: 'GraphQL API', icon: 'globe' },
  { cfn: 'AWS::Serverless::GraphQLApi', api: true, trigger: 'point-to-point', word: 'GraphQL API', icon: 'globe' },
  { cfn: 'AWS::MSK::Cluster', terraform: 'aws_msk_cluster', terraformName: 'cluster_name', nameProperty: 'ClusterName', trigger: 'point-to-point', word: 'Kafka cluster', icon: 'pulse' },
  { cfn: 'AWS::AmazonMQ::Broker', terraform: 'aws_mq_broker', terraformName: 'broker_name', nameProperty: 'BrokerName', trigger: 'point-to-point', word: 'broker', icon: 'pulse' },
  { cfn: 'AWS::DocDB::DBCluster', terraform: 'aws_docdb_cluster', terraformName: 'cluster_identifier', trigger: 'point-to-point', icon: 'pulse' },
  { cfn: 'AWS::IoT::TopicRule', terraform: 'aws_iot_topic_rule', trigger: 'point-to-point', word: 'IoT rule', icon: 'circuit-board' },
  { cfn: 'AWS::ElasticLoadBalancingV2::ListenerRule', trigger: 'point-to-point' },
  { cfn: 'AWS::ElasticLoadBalancingV2::Listener', trigger: 'point-to-point' },
  { cfn: 'AWS::IAM::Role', terraform: 'aws_iam_role', icon: 'key' },
  { cfn: 'AWS::IAM::Policy', terraform: 'aws_iam_policy', icon: 'key' },
  { cfn: 'AWS::Lambda::EventSourceMapping', terraform: 'aws_lambda_event_source_mapping' },
  { cfn: 'AWS::Lambda::Permission', terraform: 'aws_lambda_permission' },
  { cfn: 'AWS::Lambda::Alias', terraform: 'aws_lambda_alias' },
  { cfn: 'AWS::Lambda::Url', terraform: 'aws_lambda_function_url' },
  { cfn: 'AWS::SNS::Subscription', terraform: 'aws_sns_topic_subscription' },
  { cfn: 'AWS::Events::Target', terraform: 'aws_cloudwatch_event_target' },
  { cfn: 'AWS::Logs::SubscriptionFilter', terraform: 'aws_cloudwatch_log_subscription_filter' },
  { cfn: 'AWS::Pipes::Pipe', terraform: 'aws_pipes_pipe' },
];

const BY_CFN = new Map(RESOURCE_TYPES.map((t) => [t.cfn, t]));

/** The registry's entry for a CloudFormation type. */
export function resourceType(cfn: string): ResourceType | undefined {
  return BY_CFN.get(cfn);
}

/** One column of the registry as a table by CloudFormation type. */
export function column<K extends keyof ResourceType>(key: K): Record<string, NonNullable<ResourceType[K]>> {
  const out: Record<string, NonNullable<ResourceType[K]>> = {};
  for (const t of RESOURCE_TYPES) if (t[key] !== undefined) out[t.cfn] = t[key] as NonNullable<ResourceType[K]>;
  return out;
}

/** The CloudFormation types whose `trigger` is one of `kinds`. */
export function triggerTypes(...kinds: TriggerKind[]): Set<string> {
  return new Set(RESOURCE_TYPES.filter((t) => t.trigger && kinds.includes(t.trigger)).map((t) => t.cfn));
}

const BY_TERRAFORM = new Map(RESOURCE_TYPES.filter((t) => t.terraform).map((t) => [t.terraform!, t]));
/** Terraform types that map onto a CloudFormation type another Terraform type already names. */
const TERRAFORM_ALIASES: Record<string, string> = { aws_iam_role_policy: 'AWS::IAM::Policy', aws_sqs_queue_policy: 'AWS::SQS::QueuePolicy' };

/** The CloudFormation type a Terraform resource type maps to; a type the registry does not know keeps its Terraform name. */
export function cfnTypeOfTerraform(tfType: string): string {
  return BY_TERRAFORM.get(tfType)?.cfn ?? TERRAFORM_ALIASES[tfType] ?? tfType;
}

/** The attribute that holds a Terraform resource's physical name (`name`, `function_name`, `bucket`...), for the types the registry knows. */
export function terraformNameAttr(tfType: string): string | undefined {
  const t = BY_TERRAFORM.get(tfType);
  return t && t.nameProperty ? t.terraformName ?? 'name' : undefined;
}
