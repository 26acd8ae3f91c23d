// unused-export: an export or Serverless output that no unit imports.

import { alternativeExports } from '../link';
import type { UnitFacts } from '../model';
import type { RawFinding, Rule, RuleContext } from './rule';

export const unusedExport: Rule = {
  id: 'unused-export',
  defaultSeverity: 'hint',
  description: 'An Export, or a Serverless Outputs entry, that no unit of the workspace imports.',
  check(ctx: RuleContext, facts: UnitFacts): RawFinding[] {
    const out: RawFinding[] = [];
    // Where no unit imports anything from another (no Fn::ImportValue, ${cf:} or SSM contract), exports
    // are a stack's public face for consumers outside the workspace: the hint is not worth reading.
    if (!facts.outputs.some((o) => !o.implicit && (o.exportName || facts.kind === 'serverless'))) return out;
    if (!ctx.linked.hasContracts()) return out;
    // A template that scripts deploy under several stack names is read or imported under any of them.
    const stacks = [facts.stackName, ...(facts.possibleStackNames ?? [])];
    const alternatives = alternativeExports(facts);
    for (const o of facts.outputs) {
      if (o.implicit) continue;
      if (stacks.some((s) => ctx.linked.consumers(`read:${s}\u0000${o.key}`))) continue;
      if (alternatives.some(([name, a]) => a === o && ctx.linked.consumers(`export:${name}`))) continue;
      // A script of the workspace that names the output key or the export name reads it
      // (`aws cloudformation describe-stacks ... OutputKey=='X'`, `list-exports ... Name=='X'`).
      if (ctx.scriptsMention(o.key) || (o.exportName && !o.exportName.includes('${') && ctx.scriptsMention(o.exportName))) continue;
      if (o.exportName) {
        if (ctx.linked.consumers(`export:${o.exportName}`)) continue;
        // An import named from a stack parameter (`${ParentStack}-X`) may be this one.
        if (o.exportSuffix && ctx.linked.consumers(`exportsuffix:${o.exportSuffix}`)) continue;
        const name = o.exportSuffix && facts.stackNameGuessed ? `\${AWS::StackName}${o.exportSuffix}` : o.exportName;
        out.push({ loc: o.loc, subject: name, message: `Export ${name} (output ${o.key} of ${facts.files[0]}) is not imported by any unit of the workspace.` });
      } else if (facts.kind === 'serverless') {
        out.push({ loc: o.loc, subject: o.key, message: `Output ${o.key} of ${facts.files[0]} is not read by any unit of the workspace (\${cf:${facts.stackName}.${o.key}}).` });
      }
    }
    return out;
  },
};
