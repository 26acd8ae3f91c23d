// Small estates the protocol tests share.

/** A SAM template of two domains: a queue with its worker, a schedule with its ticker. */
export const MONO = `
# --- mono/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Jobs:
    Type: AWS::SQS::Queue
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: w.handler
      CodeUri: src/
      Events:
        Q:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
  Ticker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: t.handler
      CodeUri: src/
      Events:
        Tick:
          Type: Schedule
          Properties:
            Schedule: rate(1 hour)
`;
