// Codicons by resource kind.

import * as vscode from 'vscode';
import type { GraphUnit } from '../../../server/src/protocol/ext';

const BY_TYPE: Array<[RegExp, string]> = [
  [/SQS::Queue/, 'inbox'],
  [/SNS::Topic/, 'broadcast'],
  [/Events::EventBus/, 'radio-tower'],
  [/Events::Rule|Scheduler::Schedule/, 'watch'],
  [/DynamoDB|SimpleTable/, 'database'],
  [/Kinesis|MSK|AmazonMQ|DocDB/, 'pulse'],
  [/S3::Bucket/, 'archive'],
  [/ApiGateway|Serverless::Api|HttpApi|ApiGatewayV2/, 'globe'],
  [/Logs::LogGroup/, 'output'],
  [/Cognito/, 'account'],
  [/IAM::/, 'key'],
  [/Lambda::Function|Serverless::Function/, 'symbol-function'],
  [/StepFunctions|StateMachine/, 'git-merge'],
  [/IoT/, 'circuit-board'],
];

export function iconFor(type: string, color?: string): vscode.ThemeIcon {
  const id = BY_TYPE.find(([re]) => re.test(type))?.[1] ?? 'symbol-field';
  return new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
}

/** Each kind of unit: the label the views show and its codicon. */
const UNIT_KINDS: Record<GraphUnit['kind'], { label: string; icon: string }> = {
  serverless: { label: 'Serverless', icon: 'zap' },
  sam: { label: 'SAM', icon: 'server-process' },
  cloudformation: { label: 'CloudFormation', icon: 'layers' },
  terraform: { label: 'Terraform', icon: 'symbol-structure' },
};

export function unitKindLabel(kind: string): string {
  return UNIT_KINDS[kind as GraphUnit['kind']]?.label ?? kind;
}

export function unitIcon(kind: string, inCycle: boolean): vscode.ThemeIcon {
  if (inCycle) return new vscode.ThemeIcon('sync', new vscode.ThemeColor('errorForeground'));
  return new vscode.ThemeIcon(UNIT_KINDS[kind as GraphUnit['kind']]?.icon ?? 'layers');
}
