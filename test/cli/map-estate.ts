// Generated estates in the protocol's shape (what the language server sends the map), for the
// map's tests and benchmark: chains, stars, clusters and loners, with domains in each unit.

import type { DomainGraphResult, GraphDomain, GraphEdge, GraphUnit } from '../../server/src/protocol/ext';

export type Folder = DomainGraphResult['folders'][number];

const at = (uri: string) => ({ uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
const none = { error: 0, warning: 0, information: 0, hint: 0 };

export function unit(id: string): GraphUnit {
  return { id, kind: 'serverless', stackName: id.split('/')[1] ?? id, files: [id], location: at(id), domains: [], importsFrom: [], exportsTo: [], inCycle: false, findings: 0, severities: none };
}

export function domain(name: string, units: string[], fns = 1, type = 'AWS::SQS::Queue'): GraphDomain {
  return {
    name,
    units,
    split: units.length > 1,
    placeholder: false,
    triggers: [{ unit: units[units.length - 1], id: name, type, external: false, pubsub: false, location: at(units[0]) }],
    functions: Array.from({ length: fns }, (_, i) => ({ unit: units[0], id: `${name}Fn${i}`, type: 'AWS::Lambda::Function', placeholder: false, location: at(units[0]) })),
    resources: [],
    findings: 0,
    severities: none,
  };
}

export function edge(from: string, to: string, kind: GraphEdge['kind'] = 'contract', extra: Partial<GraphEdge> = {}): GraphEdge {
  return { from, to, kind, label: `${from} -> ${to}`, location: at(from), inCycle: false, ...extra };
}

export function folderOf(units: GraphUnit[], domains: GraphDomain[], edges: GraphEdge[]): Folder {
  return { uri: 'file:///ws', name: 'ws', units, domains, edges, deployOrder: [], cycles: [] };
}

const unitId = (i: number, folders: number) => `services-${i % folders}/svc-${i}/serverless.yml`;

/** `n` units with one or two domains each, shaped as a chain, stars (hubs of 10), or all loners. */
export function estate(n: number, shape: 'chain' | 'stars' | 'loners' | 'mixed', folders = Math.max(1, Math.round(n / 40))): Folder {
  const units = Array.from({ length: n }, (_, i) => unit(unitId(i, folders)));
  const domains = units.flatMap((u, i) => (i % 3 === 0 ? [domain(`D${i}a`, [u.id], 1 + (i % 7)), domain(`D${i}b`, [u.id], 2, 'AWS::Serverless::Api')] : [domain(`D${i}`, [u.id], 1 + (i % 5))]));
  const edges: GraphEdge[] = [];
  for (let i = 1; i < n; i++) {
    if (shape === 'chain') edges.push(edge(units[i].id, units[i - 1].id));
    else if (shape === 'stars' && i % 10) edges.push(edge(units[i].id, units[i - (i % 10)].id, i % 4 ? 'contract' : 'hardcoded'));
    // Mixed: clusters of up to 8 linked units, one unit in four alone.
    else if (shape === 'mixed' && i % 4 && i % 8) edges.push(edge(units[i].id, units[i - 1].id, i % 3 ? 'contract' : 'trigger'));
  }
  return folderOf(units, domains, edges);
}
