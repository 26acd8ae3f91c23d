// Words for messages.

const SHORT: Record<string, string> = {
  'AWS::SQS::Queue': 'queue',
  'AWS::SNS::Topic': 'topic',
  'AWS::DynamoDB::Table': 'table stream',
  'AWS::Serverless::SimpleTable': 'table stream',
  'AWS::Kinesis::Stream': 'stream',
  'AWS::S3::Bucket': 'bucket',
  'AWS::Events::EventBus': 'event bus',
  'AWS::Events::Rule': 'rule',
  'AWS::Scheduler::Schedule': 'schedule',
  'AWS::ApiGateway::RestApi': 'REST API',
  'AWS::Serverless::Api': 'REST API',
  'AWS::ApiGatewayV2::Api': 'HTTP API',
  'AWS::Serverless::HttpApi': 'HTTP API',
  'AWS::Logs::LogGroup': 'log group',
  'AWS::Cognito::UserPool': 'user pool',
  'AWS::MSK::Cluster': 'Kafka cluster',
  'AWS::AmazonMQ::Broker': 'broker',
  'AWS::IoT::TopicRule': 'IoT rule',
  'AWS::AppSync::GraphQLApi': 'GraphQL API',
  'AWS::Serverless::GraphQLApi': 'GraphQL API',
};

/** The word for a trigger: a table invokes through its stream. */
export function shortType(type: string): string {
  return SHORT[type] ?? (type || 'trigger');
}

/** The word for a resource named by a reference: a table is a table. */
export function resourceWord(type: string): string {
  return shortType(type).replace(/^table stream$/, 'table');
}

/**
 * A related location's message. Editors show a related location by its file's base name
 * (`serverless.yml(12, 5)`), so the message names the unit by its workspace-relative path,
 * and the included file too when the location is in one.
 */
export function whereDefined(what: string, unitFile: string, file: string): string {
  return file === unitFile ? `${what} in ${unitFile}` : `${what} in ${file}, included by ${unitFile}`;
}
