// A small estate whose edges each concern a different node (issue 11): a queue in one unit that
// triggers a function in another (one split domain), a contract read, and a hard-coded reference
// to a queue of a unit with no domain. Shared by the graph's tests and the map's.

export const ESTATE = `
# --- tables/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Nightly:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: rate(1 day)
      Targets: [{ Id: t, Arn: !GetAtt Cleanup.Arn }]
  Cleanup:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/x
      Code: { S3Bucket: code, S3Key: c.zip }
  OneMacTable:
    Type: AWS::SQS::Queue
Outputs:
  TableQueue:
    Value: !GetAtt OneMacTable.Arn
    Export: { Name: tables-TableQueue }
# --- stream/serverless.yml
service: stream
provider: { name: aws }
functions:
  handleOneStream:
    handler: h.stream
    events:
      - sqs: \${cf:tables.TableQueue}
  caller:
    handler: h.caller
    environment:
      QUEUE_URL: https://sqs.us-east-1.amazonaws.com/123456789012/parking-lot
# --- parking/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Parking:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: parking-lot
`;
