// lambda-placeholder: a function defined where its code is not.

import type { UnitFacts } from '../model';
import { unitName, whereDefined } from './describe';
import type { RawFinding, Rule, RuleContext } from './rule';

export const lambdaPlaceholder: Rule = {
  id: 'lambda-placeholder',
  defaultSeverity: 'warning',
  description: 'A function is defined with placeholder code while its real code ships from elsewhere (another unit or a script), which couples two pipelines in time.',
  check(ctx: RuleContext, facts: UnitFacts): RawFinding[] {
    const out: RawFinding[] = [];
    for (const n of ctx.linked.functionNodesOf(facts)) {
      // Weak evidence (a short handler that says nothing) counts only when code ships elsewhere under the name.
      const p = n.fn.placeholder ?? n.fn.stubCode;
      if (!p) continue;
      const name = n.fn.physicalName;
      const others = name ? ctx.linked.fnByName(name).filter((o) => o.unit !== n.unit && !o.fn.placeholder && !o.fn.stubCode) : [];
      const scripts = name ? ctx.deployersOf(name) : [];
      const shipped = ctx.pipelines().codeDeploysOf.get(`${n.facts.id}#${n.fn.id}`) ?? [];
      let where: string;
      const related = [];
      if (shipped.length) {
        const c = shipped[0];
        const through = c.deploy.through?.length ? `, through ${c.deploy.through.map((x) => (x.target ? `${x.file} (${x.target})` : x.file)).join(' then ')}` : '';
        where = `its real code ships from ${c.pipeline.replace(/#.*$/, '')} (job ${c.job}${through}: ${c.deploy.text.replace(/\\\r?\n/g, ' ').replace(/\s+/g, ' ').slice(0, 120)})`;
        related.push({ loc: c.loc, message: `the code is deployed here, in ${c.loc.file}` });
        if (c.deploy.through?.length) related.push({ loc: c.deploy.through[0].loc, message: `the pipeline ${c.pipeline} calls ${c.deploy.through[0].file} here` });
      } else if (others.length) {
        where = `its real code ships from ${unitName(others[0].facts)}, which defines a function with the same name (${name})`;
        related.push({ loc: others[0].fn.loc, message: whereDefined(`${name} is deployed with code here`, unitName(others[0].facts), others[0].fn.loc.file) });
      } else if (scripts.length) {
        where = `its real code ships from ${scripts[0].file} (aws lambda update-function-code --function-name ${name})`;
        related.push({ loc: scripts[0].loc, message: `the code is deployed here, in ${scripts[0].file}` });
      } else if (n.fn.placeholder && ctx.computedDeployers().length) {
        // A script updates functions whose names only the run decides: it may ship this one.
        const d = ctx.computedDeployers()[0];
        where = `nothing in the workspace names it as the target of a code deploy, but ${d.file} runs aws lambda update-function-code --function-name ${d.functionName}, which may ship its code`;
        related.push({ loc: d.loc, message: `code is deployed here under a computed name, in ${d.file}` });
      } else if (!n.fn.placeholder) {
        continue; // a short demo handler, not a placeholder
      } else if (facts.library) {
        where = `nothing in the workspace deploys its real code, and nothing applies ${facts.dir || 'this module'}: whoever applies this module must ship the code separately`;
      } else {
        where = `nothing in the workspace deploys its real code${name ? ` (no unit or script deploys ${name})` : ''}: a stray placeholder`;
      }
      out.push({ loc: p.loc, subject: n.fn.id, message: `Function ${n.fn.id} is a placeholder (${p.reason}); ${where}.`, related: related.length ? related : undefined });
    }
    return out;
  },
};
