// unused-export: an export or Serverless output that no unit imports.

import type { RawFinding, Rule, RuleContext } from './rule';

export const unusedExport: Rule = {
  id: 'unused-export',
  defaultSeverity: 'hint',
  description: 'An Export, or a Serverless Outputs entry, that no unit of the workspace imports.',
  check(ctx: RuleContext): RawFinding[] {
    const out: RawFinding[] = [];
    const linked = ctx.linked;
    const usedExports = new Set<string>();
    const usedOutputs = new Set<string>();
    for (const facts of linked.templates) {
      for (const imp of linked.importsOf(facts)) {
        if (imp.target.k === 'import') usedExports.add(imp.target.exportName);
        if (imp.target.k === 'cf') usedOutputs.add(`${imp.target.stack}\u0000${imp.target.output}`);
      }
      for (const r of facts.refs) if (r.kind === 'GetAtt' && r.attr?.startsWith('Outputs.')) {
        const child = linked.nestedChild(facts, r.name);
        if (child) usedOutputs.add(`${child.stackName}\u0000${r.attr.slice(8)}`);
      }
    }
    for (const facts of linked.templates) {
      for (const o of facts.outputs) {
        if (o.implicit) continue;
        if (usedOutputs.has(`${facts.stackName}\u0000${o.key}`)) continue;
        if (o.exportName) {
          if (usedExports.has(o.exportName)) continue;
          out.push({ loc: o.loc, subject: o.exportName, message: `Export ${o.exportName} (output ${o.key} of ${facts.files[0]}) is not imported by any unit of the workspace.` });
        } else if (facts.kind === 'serverless') {
          out.push({ loc: o.loc, subject: o.key, message: `Output ${o.key} of ${facts.files[0]} is not read by any unit of the workspace (\${cf:${facts.stackName}.${o.key}}).` });
        }
      }
    }
    return out;
  },
};
