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
  return file === unitFile ? `${what} in ${unitFile}` : `${what} in ${file}, included by ${unitFile}`;
}
