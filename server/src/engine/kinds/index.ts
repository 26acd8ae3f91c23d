// The unit kinds the analysis knows, behind one seam (kind.ts).

import type { UnitKind } from '../types';
import type { UnitKindSeam, UnitSpec } from './kind';
import { serverlessKind } from './serverless';
import { templateKind } from './template';
import { terraformKind } from './terraform';

export const KINDS: readonly UnitKindSeam[] = [serverlessKind, templateKind, terraformKind];

/** The seam that produced units of a kind. */
export function seamOf(kind: UnitKind): UnitKindSeam {
  return KINDS.find((k) => k.kinds.includes(kind)) ?? templateKind;
}

/** The seam that extracts a unit spec. */
export function seamFor(spec: UnitSpec): UnitKindSeam {
  return spec.kind === 'serverless' ? serverlessKind : spec.kind === 'terraform' ? terraformKind : templateKind;
}

export type { KindHost, UnitKindSeam, UnitSpec } from './kind';
