// Fixes for hardcoded-reference: replace the literal with Ref/GetAtt (same unit) or with an
// explicit import (another unit), adding the output and export to the owner where missing.

import { intrinsicFor } from '../aws';
import type { ResolvedThing } from '../link';
import type { LiteralFact, OutputFact, UnitFacts } from '../model';
import type { RuleContext } from '../rules/rule';
import type { Fix, TextEdit } from '../types';
import { terraformHardcodedFixes } from './terraform-hardcoded';
import { insertIntoMap, outputEntry, stackExportName, viewOf, yamlQuote } from './yaml';

type Want = 'arn' | 'url' | 'name';

function wantOf(lit: LiteralFact): Want {
  if (lit.text.startsWith('arn:')) return 'arn';
  if (lit.text.startsWith('https://sqs.')) return 'url';
  return 'name';
}

/** The scalar's text must be the literal alone (quotes and whitespace aside) to replace it whole. */
function wholeScalar(ctx: RuleContext, lit: LiteralFact): boolean {
  if (!lit.whole) return false;
  const src = ctx.text(lit.scalarLoc.file).slice(lit.scalarLoc.start, lit.scalarLoc.end).trim();
  return src === lit.text || src === `"${lit.text}"` || src === `'${lit.text}'`;
}

function isJson(ctx: RuleContext, file: string): boolean {
  return ctx.parsed(file)?.json ?? false;
}

/** Replaces the literal by an expression: the whole scalar, a piece of a Sub template, or a Join. */
function replaceLiteral(ctx: RuleContext, lit: LiteralFact, expr: { short: string; long: unknown; sub?: string }): TextEdit | undefined {
  const file = lit.scalarLoc.file;
  const json = isJson(ctx, file);
  if (wholeScalar(ctx, lit)) {
    return { file, start: lit.scalarLoc.start, end: lit.scalarLoc.end, newText: json ? JSON.stringify(expr.long) : expr.short };
  }
  if (lit.inSub) {
    if (!expr.sub) return undefined;
    return { file, start: lit.loc.start, end: lit.loc.end, newText: expr.sub };
  }
  // Embedded in a longer plain string: join the pieces around the expression.
  const i = lit.scalarValue.indexOf(lit.text);
  if (i === -1 || lit.scalarValue.includes('${')) return undefined;
  const before = lit.scalarValue.slice(0, i);
  const after = lit.scalarValue.slice(i + lit.text.length);
  if (json) {
    const parts = [before, expr.long, after].filter((p) => p !== '');
    return { file, start: lit.scalarLoc.start, end: lit.scalarLoc.end, newText: JSON.stringify({ 'Fn::Join': ['', parts] }) };
  }
  const parts = [before ? yamlQuote(before) : '', expr.short, after ? yamlQuote(after) : ''].filter(Boolean);
  return { file, start: lit.scalarLoc.start, end: lit.scalarLoc.end, newText: `!Join ['', [${parts.join(', ')}]]` };
}

export function hardcodedFixes(ctx: RuleContext, facts: UnitFacts, lit: LiteralFact, thing: ResolvedThing): Fix[] {
  // A resource Terraform owns is published through SSM, never a CloudFormation export.
  if (thing.facts.kind === 'terraform') return terraformHardcodedFixes(ctx, facts, lit, thing);
  const want = wantOf(lit);
  const logicalId = thing.fn ? thing.fn.logicalId : thing.id;
  const type = thing.fn ? 'AWS::Lambda::Function' : thing.type;
  const local = intrinsicFor(type, want, logicalId);
  if (!local) return [];
  const linked = ctx.linked;
  const unit = linked.unitOf(facts.id);
  // Never make a property refer to its own resource.
  if (thing.facts === facts && lit.from !== undefined && (logicalId === lit.from || thing.id === lit.from)) return [];
  if (thing.unit === unit && thing.facts === facts) {
    const edit = replaceLiteral(ctx, lit, local);
    return edit ? [{ title: `Replace the literal with ${local.short}`, preferred: true, edits: [edit] }] : [];
  }
  if (thing.unit === unit) return []; // a nested stack of the same unit: parameters, not imports
  const owner = thing.facts;
  if (linked.isNested(owner.id)) return [];
  const importerIsServerless = facts.kind === 'serverless';
  // An output of the owner that already gives what is wanted.
  const ownerText = ctx.text(owner.id);
  const matches = (o: OutputFact) => {
    if (o.implicit || o.refs.length !== 1 || o.refs[0] !== logicalId) return false;
    const src = ownerText.slice(o.entryLoc.start, o.entryLoc.end);
    const attr = /GetAtt\s*[:\s[]*["']?[\w]+["']?\s*[.,]\s*["']?(\w+)/.exec(src)?.[1];
    const expected = /GetAtt/.test(local.short) ? local.short.split('.').pop() : undefined;
    return expected ? attr === expected : !attr;
  };
  const existing = owner.outputs.find((o) => matches(o) && (importerIsServerless || o.exportName));
  const edits: TextEdit[] = [];
  let outputKey: string;
  let exportName: string | undefined;
  if (existing) {
    outputKey = existing.key;
    exportName = existing.exportName;
  } else {
    if (owner.json) return [];
    const suffix = want === 'arn' ? 'Arn' : want === 'url' ? 'Url' : 'Name';
    outputKey = `${logicalId}${suffix}`;
    for (let i = 2; owner.outputs.some((o) => o.key === outputKey); i++) outputKey = `${logicalId}${suffix}${i}`;
    exportName = `${owner.stackName}-${outputKey}`;
    const path = owner.kind === 'serverless' ? ['resources', 'Outputs'] : ['Outputs'];
    const add = insertIntoMap(viewOf(owner, ctx.text), path, outputEntry(outputKey, local.short, stackExportName(owner.kind, outputKey)));
    if (!add) return [];
    edits.push(add);
  }
  let expr: { short: string; long: unknown; sub?: string };
  if (importerIsServerless) {
    const v = `\${cf:${owner.stackName}.${outputKey}}`;
    expr = { short: v, long: v, sub: undefined };
    // A Serverless variable works inside any string: replace just the literal.
    edits.push({ file: lit.loc.file, start: lit.loc.start, end: lit.loc.end, newText: v });
  } else {
    if (!exportName) return [];
    expr = { short: `!ImportValue ${yamlQuote(exportName)}`, long: { 'Fn::ImportValue': exportName } };
    const e = replaceLiteral(ctx, lit, expr);
    if (!e) return [];
    edits.push(e);
  }
  const how = importerIsServerless ? expr.short : `Fn::ImportValue ${exportName}`;
  return [{ title: existing ? `Import it: ${how}` : `Import it (${how}) and add the output to ${owner.files[0]}`, preferred: true, edits }];
}
