// Codicons by resource kind: the icon column of the one registry of AWS resource types the
// engine's rules and messages read too (a Terraform type maps to its CloudFormation type there);
// and the icons of domains (split, placeholder, deployment pattern) and units.

import * as vscode from 'vscode';
import { cfnTypeOfTerraform, resourceType } from '../../../server/src/protocol/resource-types';
import type { GraphDomain, GraphUnit } from '../../../server/src/protocol/ext';

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

/** The deployment patterns (server/src/engine/patterns.ts): words and codicon. */
export const PATTERNS: Record<string, { words: string; icon: string }> = {
  'per-trigger': { words: 'per trigger', icon: 'symbol-event' },
  'infra-apart': { words: 'infrastructure apart from application', icon: 'layers' },
  'per-function': { words: 'per function', icon: 'symbol-method' },
  monolith: { words: 'monolith', icon: 'package' },
};

export const PLACEHOLDER_ICON = 'circle-large-outline';
export const SPLIT_ICON = 'split-horizontal';

/**
 * A domain's icon: split across units first, then a placeholder function, then its deployment
 * pattern once pipelines are known; a plain domain otherwise.
 */
export function domainIcon(d: Pick<GraphDomain, 'split' | 'placeholder'>, pattern?: string): vscode.ThemeIcon {
  const warn = new vscode.ThemeColor('problemsWarningIcon.foreground');
  if (d.split) return new vscode.ThemeIcon(SPLIT_ICON, warn);
  if (d.placeholder) return new vscode.ThemeIcon(PLACEHOLDER_ICON, warn);
  const p = pattern ? PATTERNS[pattern] : undefined;
  return new vscode.ThemeIcon(p?.icon ?? 'type-hierarchy-sub');
}
