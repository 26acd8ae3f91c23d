// broken-reference: a reference that provably points at nothing.

import { PSEUDO_PARAMETERS } from '../aws';
import { definedByAssembly } from '../fragments';
import { closest } from '../text';
import { replaceFix } from '../fixes/edits';
import type { UnitFacts } from '../model';
import type { RawFinding, Rule, RuleContext } from './rule';

export const brokenReference: Rule = {
  id: 'broken-reference',
  defaultSeverity: 'error',
  description: 'A Ref, GetAtt, Sub, DependsOn, Condition, ${self:}, ${cf:} or Fn::ImportValue points at nothing that exists.',
  check(ctx: RuleContext, facts: UnitFacts): RawFinding[] {
    const out: RawFinding[] = [];
    const linked = ctx.linked;
    {
      // A file that does not parse has lost part of its tree: nothing in it is provably broken.
      if (facts.files.some((f) => (ctx.parseErrorsOf(f)?.errors.length ?? 0) > 0)) return out;
      // Names other tools generate, and fragments a build step stitches together, cannot be proven missing.
      const provable = !facts.openWorld && !facts.fragment;
      const samPrefixes = facts.kind === 'sam' ? [...facts.resources.values()].filter((r) => r.type.startsWith('AWS::Serverless::')).map((r) => r.id) : [];
      const names = new Set<string>([...facts.resources.keys(), ...facts.parameters, ...[...facts.functions.values()].flatMap((f) => [f.id, f.logicalId])]);
      // Local names this template does not define: reported below unless a build step may assemble them from sibling templates.
      const missing: Array<{ name: string; finding: RawFinding }> = [];
      // Terraform's references are checked against the module's declarations when its facts are extracted (issues below).
      for (const r of facts.kind === 'terraform' ? [] : facts.refs) {
        if (r.kind === 'Condition') {
          if (facts.conditions.has(r.name) || !provable) continue;
          missing.push({ name: r.name, finding: finding(ctx, r.loc, r.name, `Condition ${r.name} is not defined in ${facts.files[0]}.`, facts.conditions) });
          continue;
        }
        if (names.has(r.name) || PSEUDO_PARAMETERS.has(r.name) || r.name.startsWith('AWS::')) {
          if (r.kind === 'GetAtt' && r.attr?.startsWith('Outputs.')) {
            const child = linked.nestedChild(facts, r.name);
            const key = r.attr.slice(8);
            if (child && !child.outputs.some((o) => o.key === key)) {
              out.push(finding(ctx, r.loc, key, `Nested stack ${r.name} (${child.files[0]}) has no output ${key}.`, child.outputs.map((o) => o.key), true));
            }
          }
          continue;
        }
        if (!provable || facts.generatedNames?.test(r.name) || r.name.includes('${') || r.name.includes('&{')) continue;
        // SAM generates <Function>Role, <Function>Url, <Api>.Stage, <Api>Deployment... and the implicit APIs.
        if (samPrefixes.some((p) => r.name.startsWith(p)) || /^Serverless(Rest|Http)Api|^ServerlessDeploymentApplication$/.test(r.name)) continue;
        if (r.kind === 'Sub' && !/^[A-Za-z0-9]+$/.test(r.name)) continue;
        // A Sub's location starts at `${`: the fix replaces just the name inside the string.
        const nameLoc = r.kind === 'Sub' ? nameWithin(ctx, r.loc, '', r.name) : r.loc;
        missing.push({ name: r.name, finding: finding(ctx, r.loc, r.name, `${r.kind === 'DependsOn' ? 'DependsOn' : r.kind} names ${r.name}, which ${facts.files[0]} does not define.`, names, false, nameLoc) });
      }
      const assembled = definedByAssembly(linked, facts, new Set(missing.map((m) => m.name)));
      for (const m of missing) if (!assembled.has(m.name)) out.push(m.finding);
      for (const i of facts.issues) {
        if (i.rule !== 'broken-reference') continue;
        const raw: RawFinding = i.candidates ? finding(ctx, i.loc, i.subject, i.message, i.candidates, false, i.nameLoc) : { loc: i.loc, subject: i.subject, message: i.message };
        if (i.related) raw.related = i.related;
        out.push(raw);
      }
      for (const imp of linked.importsOf(facts)) {
        if (imp.target.k === 'cf') {
          const { stack, output } = imp.target;
          const u = linked.stacks.get(stack, facts.id);
          // A stack name that is a guess (a folder name) proves nothing missing.
          if (u && !u.stackNameGuessed && !u.outputs.some((o) => o.key === output)) {
            // The fix replaces just the output's name inside `${cf:stack.Output}`.
            const nameLoc = imp.nameLoc ?? nameWithin(ctx, imp.loc, `${stack}.`, output, imp.text.length);
            const read = facts.kind === 'terraform' ? imp.text : `\${cf:${stack}.${output}}`;
            const owner = u.kind === 'terraform' ? `the Terraform state ${stack} (${u.dir || '.'})` : `stack ${stack} (${u.files[0]})`;
            out.push(finding(ctx, imp.loc, output, `${read}: ${owner} has no output ${output}.`, u.outputs.map((o) => o.key), !nameLoc, nameLoc));
          }
        } else if (imp.target.k === 'import' && imp.target.suffix === undefined && !linked.mayProvide(imp.target, facts.id)) {
          const name = imp.target.exportName;
          const owner = linked.stacks.entries().filter(([s, u]) => !u.stackNameGuessed && (name.startsWith(s + '-') || name.startsWith(s + ':'))).sort((a, b) => b[0].length - a[0].length)[0];
          if (owner) {
            const candidates = owner[1].outputs.map((o) => o.exportName).filter((x): x is string => !!x);
            out.push(finding(ctx, imp.loc, name, `Fn::ImportValue ${name}: stack ${owner[0]} (${owner[1].files[0]}) exports no such name.`, candidates, false, imp.nameLoc));
          }
        }
      }
    }
    return out;
  },
};

/** Where `name` (after `prefix`, as a whole word) stands in the text at `loc`, or undefined. */
function nameWithin(ctx: RuleContext, loc: RawFinding['loc'], prefix: string, name: string, span = 0): RawFinding['loc'] | undefined {
  const text = ctx.text(loc.file);
  const slice = text.slice(loc.start, Math.max(loc.end, loc.start + span));
  const re = new RegExp(`(?<![A-Za-z0-9_-])${escape(prefix + name)}(?![A-Za-z0-9_-])`);
  const m = re.exec(slice);
  if (!m) return undefined;
  const start = loc.start + m.index + prefix.length;
  return { file: loc.file, start, end: start + name.length };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function finding(ctx: RuleContext, loc: RawFinding['loc'], name: string, message: string, candidates: Iterable<string>, noFix = false, nameLoc: RawFinding['loc'] | undefined = loc): RawFinding {
  const best = closest(name, candidates);
  nameLoc ??= loc;
  const text = ctx.text(nameLoc.file).slice(nameLoc.start, nameLoc.end);
  const fixes = best && !noFix && text === name ? [replaceFix(`Change to ${best}`, nameLoc, best, true)] : [];
  return { loc, subject: name, message: best ? `${message} Did you mean ${best}?` : message, fixes };
}
