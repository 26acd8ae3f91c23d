// Plain data types of the analysis engine. Nothing here knows about an editor or a protocol:
// positions are character offsets into a file's text, files are workspace-relative paths
// with `/` separators.

import type { RuleId } from './rules/ids';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeverityOrOff = Severity | 'off';

export type UnitKind = 'serverless' | 'sam' | 'cloudformation' | 'terraform';

/** A span of text in one file: [start, end) in UTF-16 offsets. */
export interface Loc {
  file: string;
  start: number;
  end: number;
}

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** One text edit. `range` is in offsets of the file's current text; a file that does not exist is created. */
export interface TextEdit {
  file: string;
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  /** The fix a user most likely wants for its finding. */
  preferred?: boolean;
  edits: TextEdit[];
  /** Files the fix creates (their whole text is in `edits` as an insertion at 0). */
  creates?: string[];
}

export interface RelatedLocation {
  loc: Loc;
  message: string;
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  message: string;
  subject: string;
  loc: Loc;
  related?: RelatedLocation[];
  fixes: Fix[];
}

/** A file that was not analysed, and why. */
export interface SkippedFile {
  file: string;
  reason: string;
}
