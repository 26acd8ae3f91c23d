// Codicons by resource kind: the icon column of the one registry of AWS resource types the
// engine's rules and messages read too (a Terraform type maps to its CloudFormation type there).

import * as vscode from 'vscode';
import { cfnTypeOfTerraform, resourceType } from '../../../server/src/protocol/resource-types';

export function iconFor(type: string, color?: string): vscode.ThemeIcon {
  const id = resourceType(type)?.icon ?? resourceType(cfnTypeOfTerraform(type))?.icon ?? 'symbol-field';
  return new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
}

export function unitIcon(kind: string, inCycle: boolean): vscode.ThemeIcon {
  if (inCycle) return new vscode.ThemeIcon('sync', new vscode.ThemeColor('errorForeground'));
  return new vscode.ThemeIcon(kind === 'serverless' ? 'zap' : kind === 'sam' ? 'server-process' : 'layers');
}
