// Codicons by resource kind: the icon column of the one registry of AWS resource types the
// engine's rules and messages read too (a Terraform type maps to its CloudFormation type there).

import * as vscode from 'vscode';
import { cfnTypeOfTerraform, resourceType } from '../../../server/src/protocol/resource-types';
import type { GraphUnit } from '../../../server/src/protocol/ext';

export function iconFor(type: string, color?: string): vscode.ThemeIcon {
  const id = resourceType(type)?.icon ?? resourceType(cfnTypeOfTerraform(type))?.icon ?? 'symbol-field';
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
