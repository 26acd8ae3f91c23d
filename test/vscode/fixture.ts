// The workspace the extension tests open: an infrastructure template and a service whose
// function its queue invokes (a split domain), with a hard-coded ARN; a Terraform root
// module with a misspelt reference; and a workflow that deploys the service, then the
// Terraform module (the infrastructure template is deployed by no pipeline, so the domain
// stays split).

export const VSCODE_FIXTURE = `
# --- infra/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Description: Shared infrastructure
Resources:
  OrdersQueue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: orders-queue
  OrdersTable:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: orders-table
      BillingMode: PAY_PER_REQUEST
Outputs:
  OrdersQueueArn:
    Value: !GetAtt OrdersQueue.Arn
    Export:
      Name: infra-OrdersQueueArn
# --- app/serverless.yml
service: app
provider:
  name: aws
  runtime: nodejs20.x
  environment:
    TABLE_ARN: arn:aws:dynamodb:us-east-1:123456789012:table/orders-table
functions:
  processOrder:
    handler: src/process.handler
    events:
      - sqs: !ImportValue infra-OrdersQueueArn
  report:
    handler: src/report.handler
    events:
      - schedule: rate(1 day)
# --- billing/main.tf
terraform {
  backend "s3" {
    bucket = "state"
    key    = "billing/terraform.tfstate"
  }
}

resource "aws_sqs_queue" "invoices" {
  name = "invoices"
}

output "invoices_url" {
  value = aws_sqs_queue.invoicez.url
}
# --- .github/workflows/release.yml
name: release
on: push
jobs:
  app:
    runs-on: ubuntu-latest
    steps:
      - run: cd app && npx serverless deploy --stage prod
  billing:
    needs: app
    runs-on: ubuntu-latest
    steps:
      - run: terraform -chdir=billing apply -auto-approve
`;
