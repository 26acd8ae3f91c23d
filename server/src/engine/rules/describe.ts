// Words for messages.

import { column } from '../../protocol/resource-types';

const SHORT: Record<string, string> = column('word');

/** The word for a trigger: a table invokes through its stream. */
export function shortType(type: string): string {
  return SHORT[type] ?? (type || 'trigger');
}

/** The word for a resource named by a reference: a table is a table. */
export function resourceWord(type: string): string {
  return shortType(type).replace(/^table stream$/, 'table');
}

/**
 * A related location's message. Editors show a related location by its file's base name
 * (`serverless.yml(12, 5)`), so the message names the unit by its workspace-relative path,
 * and the included file too when the location is in one.
 */
export function whereDefined(what: string, unitFile: string, file: string): string {
  if (unitFile.endsWith('/')) return file.startsWith(unitFile) || unitFile === './' ? `${what} in ${file}` : `${what} in ${file}, a module of ${unitFile}`;
  return file === unitFile ? `${what} in ${unitFile}` : `${what} in ${file}, included by ${unitFile}`;
}

/** How messages name a unit: its main file, or for Terraform its folder (`aws/common/`), which is the unit. */
export function unitName(f: { kind: string; files: string[]; dir: string }): string {
  return f.kind === 'terraform' ? `${f.dir ? f.dir : '.'}/`.replace(/^\.\/$/, './') : f.files[0];
}
