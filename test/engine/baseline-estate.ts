// A small estate for the baseline tests, and edits of it that must not change any finding's identity.

export const ESTATE = `
# --- shared/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  DeadLetters:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: shop-dead-letters
  WorkQueue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: shop-work
      RedrivePolicy:
        deadLetterTargetArn: arn:aws:sqs:eu-west-1:123456789012:shop-dead-letters
        maxReceiveCount: 3
  Unrelated:
    Type: AWS::SNS::Topic
# --- reports/serverless.yml
service: reports
provider:
  name: aws
  runtime: nodejs20.x
functions:
  report:
    handler: report.handler
    environment:
      WORK_QUEUE_URL: https://sqs.eu-west-1.amazonaws.com/123456789012/shop-work
      DLQ_URL: https://sqs.eu-west-1.amazonaws.com/123456789012/shop-dead-letters
      DLQ_URL_AGAIN: https://sqs.eu-west-1.amazonaws.com/123456789012/shop-dead-letters
  lonely:
    handler: lonely.handler
  alone:
    handler: alone.handler
`;

/** The estate after edits that keep every finding's identity: comments shift every line, the
 * service is re-indented (4 spaces) with its functions in another order, the template's resources
 * are reordered and an unrelated one renamed, and a unit is added (with no finding of its own). */
export const ESTATE_EDITED = `
# --- shared/template.yaml
# The shared stack.
# Owned by the platform team.
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  RenamedTopic:
    Type: AWS::SNS::Topic
  WorkQueue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: shop-work
      RedrivePolicy:
        maxReceiveCount: 3
        deadLetterTargetArn: arn:aws:sqs:eu-west-1:123456789012:shop-dead-letters
  DeadLetters:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: shop-dead-letters
# --- reports/serverless.yml
# Reports.
service: reports
provider:
    name: aws
    runtime: nodejs20.x
functions:
    alone:
        handler: alone.handler
    lonely:
        handler: lonely.handler
    report:
        handler: report.handler
        environment:
            DLQ_URL: https://sqs.eu-west-1.amazonaws.com/123456789012/shop-dead-letters

            WORK_QUEUE_URL: https://sqs.eu-west-1.amazonaws.com/123456789012/shop-work
            DLQ_URL_AGAIN: https://sqs.eu-west-1.amazonaws.com/123456789012/shop-dead-letters
# --- audit/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  AuditLog:
    Type: AWS::SQS::Queue
`;
