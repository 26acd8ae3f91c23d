// Terraform root modules (a folder of `.tf` files with the local modules it calls): which
// folders are units is decided in terraform/units.ts, the facts in terraform/facts.ts.

import { terraformHardcodedFixes } from '../fixes/terraform-hardcoded';
import type { HclFile } from '../terraform/hcl-model';
import { terraformFacts } from '../terraform/facts';
import { instantiate, unitStackName } from '../terraform/units';
import { newFacts } from '../unit-facts';
import { isTerraformFile } from '../file-kinds';
import { Extracted, KindHost, stoppedEarly, UnitKindSeam, UnitSpec } from './kind';

export const terraformKind: UnitKindSeam = {
  kinds: ['terraform'],
  recognises: (path) => isTerraformFile(path),
  cacheKey: (spec, host) => (spec.kind === 'terraform' ? `${spec.plan.files.join(',')}|${spec.plan.quiet.join(',')}|${spec.plan.library}|${spec.open}|${host.config.stackNames[spec.id] ?? ''}` : ''),
  extract,
  hardcodedFixes: terraformHardcodedFixes,
  lineComment: () => '#',
};

function extract(spec: UnitSpec, host: KindHost): Extracted {
  if (spec.kind !== 'terraform') throw new Error(`not a Terraform unit: ${spec.id}`);
  const { plan, open } = spec;
  const override = host.config.stackNames[plan.id];
  const filesOf = (d: string) => spec.filesOf(d).map((p) => host.hcl(p)).filter((h): h is HclFile => !!h);
  const { root, scopes } = instantiate(plan, filesOf);
  const sn = unitStackName(root, host.rootName);
  const stackName = override ?? sn.stackName;
  try {
    return { facts: terraformFacts({ id: plan.id, dir: plan.dir, files: plan.files, root, scopes, stackName, stackNameGuessed: override === undefined && sn.guessed, text: (f) => host.text(f), open, quiet: plan.quiet, library: plan.library }), files: plan.files };
  } catch (e) {
    const f = newFacts(plan.id, 'terraform', host.parsed(plan.id)!, stackName);
    f.files = plan.files;
    stoppedEarly(f, plan.dir || '.', e);
    return { facts: f, files: plan.files };
  }
}
