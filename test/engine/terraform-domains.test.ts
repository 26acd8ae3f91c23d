// Every Terraform trigger form makes a domain of its trigger and the function it invokes: the
// workspace of test/fixtures/terraform-triggers.fixture, one function per trigger form.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { parseFixture, useHcl, workspaceOf } from '../harness';

before(useHcl);

const FIXTURE = path.resolve(__dirname, '../../../test/fixtures/terraform-triggers.fixture');

test('each Terraform trigger form is a domain with its function', () => {
  const ws = workspaceOf(parseFixture(fs.readFileSync(FIXTURE, 'utf8')).files);
  const domains = Object.fromEntries(
    ws.analyze().domains.map((d) => [d.name, { triggers: d.triggers.map((t) => t.type), functions: d.functions.map((f) => f.fn.id).sort() }]),
  );
  assert.deepEqual(domains, {
    'aws_sqs_queue.orders': { triggers: ['AWS::SQS::Queue'], functions: ['aws_lambda_function.queue'] },
    'aws_kinesis_stream.clicks': { triggers: ['AWS::Kinesis::Stream'], functions: ['aws_lambda_function.stream'] },
    'aws_dynamodb_table.carts': { triggers: ['AWS::DynamoDB::Table'], functions: ['aws_lambda_function.table'] },
    'aws_sns_topic.alerts': { triggers: ['AWS::SNS::Topic'], functions: ['aws_lambda_function.topic'] },
    'aws_cloudwatch_event_rule.nightly': { triggers: ['AWS::Events::Rule'], functions: ['aws_lambda_function.schedule'] },
    'aws_cloudwatch_event_bus.orders': { triggers: ['AWS::Events::EventBus'], functions: ['aws_lambda_function.pattern'] },
    'aws_scheduler_schedule.hourly': { triggers: ['AWS::Scheduler::Schedule'], functions: ['aws_lambda_function.scheduler'] },
    'aws_s3_bucket.uploads': { triggers: ['AWS::S3::Bucket'], functions: ['aws_lambda_function.bucket'] },
    'aws_api_gateway_rest_api.legacy': { triggers: ['AWS::ApiGateway::RestApi'], functions: ['aws_lambda_function.rest'] },
    // The lambda module's allowed_triggers name the same HTTP API as the v2 integration.
    'aws_apigatewayv2_api.public': { triggers: ['AWS::ApiGatewayV2::Api'], functions: ['aws_lambda_function.http', 'module.api_handler'] },
    'aws_cloudwatch_log_group.audit': { triggers: ['AWS::Logs::LogGroup'], functions: ['aws_lambda_function.logs'] },
    'aws_cognito_user_pool.users': { triggers: ['AWS::Cognito::UserPool'], functions: ['aws_lambda_function.cognito'] },
    'aws_s3_bucket.reports': { triggers: ['AWS::S3::Bucket'], functions: ['aws_lambda_function.permission'] },
    'aws_iot_topic_rule.telemetry': { triggers: ['AWS::IoT::TopicRule'], functions: ['aws_lambda_function.iot'] },
    'aws_sqs_queue.piped': { triggers: ['AWS::SQS::Queue'], functions: ['aws_lambda_function.pipe'] },
    'aws_sqs_queue.jobs': { triggers: ['AWS::SQS::Queue'], functions: ['module.worker'] },
    'aws_msk_cluster.kafka': { triggers: ['AWS::MSK::Cluster'], functions: ['aws_lambda_function.kafka'] },
    'aws_mq_broker.broker': { triggers: ['AWS::AmazonMQ::Broker'], functions: ['aws_lambda_function.broker'] },
    'aws_docdb_cluster.docs': { triggers: ['AWS::DocDB::DBCluster'], functions: ['aws_lambda_function.docs'] },
    'aws_lambda_function.lonely': { triggers: [], functions: ['aws_lambda_function.lonely'] },
  });
});
