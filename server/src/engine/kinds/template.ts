// SAM and CloudFormation templates (YAML or JSON), with their nested stacks. The workspace
// decides the stack name (samconfig, a deploy command, the configuration, else the folder) and
// the parameter overrides; extract/template.ts reads the template.

import { ExtractCtx, extractTemplate } from '../extract/template';
import { hardcodedFixes } from '../fixes/hardcoded';
import { parameterDefaults, ssmParameters } from '../intrinsics';
import { get } from '../tree';
import type { UnitKind } from '../types';
import { newFacts } from '../unit-facts';
import { Extracted, KindHost, stoppedEarly, UnitKindSeam, UnitSpec } from './kind';

export const templateKind: UnitKindSeam = {
  kinds: ['sam', 'cloudformation'],
  recognises: (_path, role) => role.role === 'template',
  cacheKey: (spec) => (spec.kind === 'template' ? `${spec.stackName}|${spec.nestedAs ?? ''}|${spec.guessed}|${spec.alternatives?.join(',') ?? ''}|${JSON.stringify(spec.overrides ?? null)}` : ''),
  extract,
  hardcodedFixes,
  lineComment: (facts, file) => (facts.json && file === facts.id ? undefined : /\.json$/i.test(file) ? undefined : '#'),
};

function extract(spec: UnitSpec, host: KindHost): Extracted {
  if (spec.kind !== 'template') throw new Error(`not a template: ${spec.id}`);
  const path = spec.id;
  const parsed = host.parsed(path)!;
  const role = host.role(path);
  const kind: UnitKind = role.role === 'template' ? role.kind : 'cloudformation';
  const f = newFacts(path, kind, parsed, spec.stackName);
  if (spec.guessed) f.stackNameGuessed = true;
  f.overridesKey = JSON.stringify(spec.overrides ?? null);
  if (spec.alternatives) f.possibleStackNames = spec.alternatives;
  const root = parsed.tree;
  const ctx: ExtractCtx = {
    text: (file) => host.text(file),
    env: { stackName: spec.stackName, params: parameterDefaults(get(root, 'Parameters'), spec.overrides), mappings: get(root, 'Mappings'), ssmParams: ssmParameters(get(root, 'Parameters'), spec.overrides) },
    facts: f,
  };
  try {
    extractTemplate(ctx, root, { overrides: spec.overrides });
  } catch (e) {
    stoppedEarly(f, path, e);
  }
  f.nestedAs = spec.nestedAs;
  return { facts: f, files: [path] };
}
