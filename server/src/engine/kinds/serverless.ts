// Serverless Framework services: `serverless.yml` / `.yaml` / `.json`, with every file they pull
// in through `${file()}`. Variables are resolved first (serverless/variables.ts); the resolved
// service is read by extract/serverless.ts, its `resources` as a CloudFormation template.

import { extractServerless } from '../extract/serverless';
import type { ExtractCtx } from '../extract/template';
import { hardcodedFixes } from '../fixes/hardcoded';
import { parameterDefaults } from '../intrinsics';
import { basename, dirname } from '../paths';
import { SlsResolver } from '../serverless/variables';
import { get, str } from '../tree';
import { newFacts } from '../unit-facts';
import { Extracted, KindHost, stoppedEarly, UnitKindSeam, UnitSpec } from './kind';

export const serverlessKind: UnitKindSeam = {
  kinds: ['serverless'],
  recognises: (_path, role) => role.role === 'serverless',
  cacheKey: (spec, host) => `${host.config.stackNames[spec.id] ?? ''}|${host.config.stage ?? ''}`,
  extract,
  hardcodedFixes,
  lineComment: (_facts, file) => (/\.json$/i.test(file) ? undefined : '#'),
};

function extract(spec: UnitSpec, host: KindHost): Extracted {
  const path = spec.id;
  const parsed = host.parsed(path)!;
  const f = newFacts(path, 'serverless', parsed, '');
  const read = new Set<string>([path]);
  if (parsed.tree) {
    const provider = {
      tree: (p: string) => {
        read.add(p);
        const pf = host.parsed(p);
        return pf ? { tree: pf.tree, ok: pf.errors.length === 0 } : undefined;
      },
      exists: (p: string) => {
        read.add(p);
        return host.exists(p);
      },
    };
    const resolver = new SlsResolver(path, parsed.tree, provider, host.config.stage);
    const root = resolver.resolveAll();
    const svc = get(root, 'service');
    const service = str(svc) ?? str(get(svc, 'name')) ?? basename(dirname(path) || host.rootName);
    f.service = service;
    f.stage = resolver.stage;
    f.stackName = host.config.stackNames[path] ?? `${service}-${resolver.stage}`;
    const res = get(root, 'resources');
    const ctx: ExtractCtx = {
      text: (file) => host.text(file),
      env: { stackName: f.stackName, params: parameterDefaults(get(res, 'Parameters')), mappings: get(res, 'Mappings') },
      facts: f,
    };
    try {
      extractServerless(ctx, root, f.firstLineLoc);
    } catch (e) {
      stoppedEarly(f, path, e);
    }
    for (const i of resolver.issues) {
      f.issues.push({ rule: i.kind !== 'include' ? 'broken-reference' : 'unresolved-include', loc: i.loc, subject: i.subject, message: i.message });
    }
    for (const inc of resolver.includes) if (!f.files.includes(inc)) f.files.push(inc);
    for (const u of resolver.uses) {
      const text = host.text(u.loc.file);
      const i = text.slice(u.loc.start, u.loc.end).indexOf(u.text);
      const loc = i === -1 ? u.loc : { file: u.loc.file, start: u.loc.start + i, end: u.loc.start + i + u.text.length };
      f.navigation.push({ kind: u.kind, loc, target: u.target, text: u.text });
    }
  } else {
    f.stackName = host.config.stackNames[path] ?? `${basename(dirname(path) || host.rootName)}-dev`;
  }
  return { facts: f, files: [...read] };
}
