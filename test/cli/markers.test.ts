// The engine marks an unresolved part of a value internally; no output may show that marker.
// Every format of `check` and `graph` over a workspace full of unresolved parts is scanned.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { run } from '../../server/src/cli/main';
import { writeWorkspace } from '../harness';

const UNRESOLVED = writeWorkspace(`
# --- uploads/serverless.yml
service: uploads
provider:
  name: aws
  iamRoleStatements:
    - Effect: Allow
      Action: s3:GetObject
      Resource: !Sub arn:aws:s3:::\${self:service}-files-\${AWS::AccountId}/*
    - Effect: Allow
      Action: logs:PutLogEvents
      Resource: !Sub arn:aws:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:*
functions:
  scan:
    handler: scan.handler
    events:
      - s3:
          bucket: !Sub \${self:service}-files-\${AWS::AccountId}
          existing: true
      - sqs:
          arn: !Join [':', ['arn:aws:sqs', !Ref AWS::Region, !Ref AWS::AccountId, 'uploads-queue']]
      - stream:
          type: kinesis
          arn: !Sub arn:aws:kinesis:\${AWS::Region}:\${AWS::AccountId}:stream/uploads-stream
  other:
    handler: other.handler
    environment:
      BUCKET: !Sub arn:aws:s3:::uploads-files-\${AWS::AccountId}
      IMPORTED: !ImportValue
        Fn::Sub: '\${Unknown}-Export'
      STACK: \${cf:\${opt:region}-x.Out}
resources:
  Resources:
    Files:
      Type: AWS::S3::Bucket
      Properties:
        BucketName: !Sub \${self:service}-files-\${AWS::AccountId}
  Outputs:
    FilesArn:
      Value: !Sub arn:aws:s3:::\${self:service}-files-\${AWS::AccountId}
      Export:
        Name: !Sub \${AWS::StackName}-\${AWS::Region}-FilesArn
# --- web/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env:
    Type: String
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Code: { ZipFile: 'exports.handler = async () => ({})' }
      Handler: index.handler
      Runtime: nodejs20.x
      Role: !Sub arn:aws:iam::\${AWS::AccountId}:role/\${Env}-role
      Environment:
        Variables:
          FILES: !Sub arn:aws:s3:::uploads-files-\${AWS::AccountId}
  Map:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref Fn
      EventSourceArn: !Sub arn:aws:sqs:\${AWS::Region}:\${AWS::AccountId}:\${Env}-queue
`);

for (const argv of [
  ['check', '--format', 'text'],
  ['check', '--format', 'json'],
  ['check', '--format', 'sarif'],
  ['graph', '--format', 'mermaid'],
  ['graph', '--format', 'dot'],
  ['graph', '--format', 'json'],
]) {
  test(`${argv.join(' ')} never shows the internal marker of an unresolved part`, async () => {
    let out = '';
    let err = '';
    await run([argv[0], UNRESOLVED, ...argv.slice(1)], (s) => (out += s), (s) => (err += s));
    assert.ok(out.length > 0);
    for (const [name, text] of [['stdout', out], ['stderr', err]]) {
      const i = text.search(/\u0000|\\u0000/);
      assert.equal(i, -1, `${name} shows the marker: ...${text.slice(Math.max(0, i - 120), i + 40)}...`);
    }
  });
}
