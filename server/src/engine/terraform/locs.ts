// Source spans of HCL blocks that findings and navigation point at.

import type { Loc } from '../types';
import type { HclBlock } from './hcl-model';

/** A block's head: its type and labels (`resource "aws_sqs_queue" "orders"`). */
export function headLoc(b: HclBlock): Loc {
  const last = b.labels[b.labels.length - 1];
  return { file: b.typeLoc.file, start: b.typeLoc.start, end: last ? last.loc.end : b.typeLoc.end };
}

/** A block's last label without quotes (the resource's, variable's or output's name), else its head. */
export function nameLoc(b: HclBlock): Loc {
  const last = b.labels[b.labels.length - 1];
  return last ? last.valueLoc : headLoc(b);
}
