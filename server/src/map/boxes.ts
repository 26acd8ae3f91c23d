// The map's boxes and their sizes: a unit box (short name, kind, stack) holding a part for each
// domain it deploys ("Orders · SQS · 55 fn"), set in columns when there are many; a group box
// standing for many folded units. Sizes come from an estimate of the text's width.

import type { DomainGraphResult, GraphDomain, GraphUnit } from '../protocol/ext';
import { ellipsis, textWidth } from './svg-text';

export type Folder = DomainGraphResult['folders'][number];

const PART_H = 24;
const PART_GAP = 6;
const PAD = 10;
const HEAD = 38;
const MAX_LABEL = 46;

export interface PartBox {
  id: string;
  domain: GraphDomain;
  unit: string;
  label: string;
  /** Relative to the unit box. */
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface UnitBox {
  id: string;
  unit: GraphUnit;
  short: string;
  w: number;
  h: number;
  parts: PartBox[];
}

export const unitNodeId = (unit: string) => `u:${unit}`;
export const partNodeId = (domain: string, unit: string) => `d:${domain}@${unit}`;


const DEFAULT_FILES = /^(serverless\.(ya?ml|ts|js|json)|template\.(ya?ml|json)|main\.tf|samconfig\.toml)$/;

/** A unit's short name: its folder, or folder/file when the file is not the kind's usual one. */
export function shortName(id: string, dirsKept = 1): string {
  const parts = id.split('/');
  const file = parts[parts.length - 1];
  const dirs = parts.slice(0, -1);
  if (!dirs.length) return file;
  const dir = dirs.slice(-dirsKept).join('/');
  return DEFAULT_FILES.test(file) || !/\.[a-z]+$/i.test(file) ? dir : `${dir}/${file}`;
}

/** Short names, each unique in the folder: a name two units share keeps more of their folders. */
export function shortNames(ids: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  let pending = [...ids];
  for (let keep = 1; pending.length && keep < 12; keep++) {
    const count = new Map<string, number>();
    for (const id of pending) count.set(shortName(id, keep), (count.get(shortName(id, keep)) ?? 0) + 1);
    pending = pending.filter((id) => {
      if (count.get(shortName(id, keep)) === 1) out.set(id, shortName(id, keep));
      return !out.has(id);
    });
  }
  for (const id of pending) out.set(id, id);
  return out;
}

const SAM_TYPES: Record<string, string> = { Api: 'API Gateway', HttpApi: 'HTTP API', SimpleTable: 'DynamoDB', StateMachine: 'Step Functions', Function: 'Lambda' };

/** A trigger type as people say it: `AWS::SQS::Queue` → SQS, `AWS::Serverless::Api` → API Gateway, `aws_sqs_queue` → sqs. */
export function shortType(type: string): string {
  const cfn = /^AWS::(\w+)::(\w+)/.exec(type);
  if (cfn) return cfn[1] === 'Serverless' ? (SAM_TYPES[cfn[2]] ?? cfn[2]) : cfn[1] === 'ApiGateway' ? 'API Gateway' : cfn[1] === 'ApiGatewayV2' ? 'HTTP API' : cfn[1];
  const tf = /^aws_([a-z0-9]+)/.exec(type);
  if (tf) return tf[1];
  return type;
}

/** The domain's name as drawn in one of its units: without the unit that qualifies it there. */
export function domainLabel(d: GraphDomain, unit: string): string {
  return d.name.endsWith(` (${unit})`) ? d.name.slice(0, -(unit.length + 3)) : d.name;
}

function partLabel(d: GraphDomain, unit: string): string {
  const fns = d.functions.filter((f) => f.unit === unit).length;
  const trigger = d.triggers.find((t) => t.unit === unit) ?? d.triggers[0];
  const bits = [ellipsis(domainLabel(d, unit), 30), trigger ? shortType(trigger.type) : 'no trigger', `${fns} fn`];
  return ellipsis(bits.join(' · '), MAX_LABEL) + (d.findings ? ` ⚠${d.findings}` : '');
}

/** The domains of a folder by unit, in the folder's order. */
export function domainsByUnit(folder: Folder): Map<string, GraphDomain[]> {
  const m = new Map<string, GraphDomain[]>();
  for (const d of folder.domains) for (const u of new Set(d.units)) {
    const list = m.get(u);
    if (list) list.push(d);
    else m.set(u, [d]);
  }
  return m;
}

export function unitBox(u: GraphUnit, domains: readonly GraphDomain[], kindLabel: (k: string) => string, short = shortName(u.id)): UnitBox {
  const head = Math.max(textWidth(short, 8), textWidth(`${kindLabel(u.kind)} · ${u.stackName}${u.inCycle ? ' · cycle' : ''}${domains.length ? '' : ' · no domain'}`, 6.9));
  const labels = domains.map((d) => partLabel(d, u.id));
  const n = labels.length;
  // Many domains go in columns, so a unit with 50 domains is not a tower.
  const cols = n <= 4 ? 1 : Math.ceil(Math.sqrt(n / 3));
  const rows = Math.ceil(n / Math.max(cols, 1));
  const colW: number[] = [];
  labels.forEach((l, i) => {
    const c = Math.floor(i / rows);
    colW[c] = Math.max(colW[c] ?? 0, textWidth(l, 7.1) + 20);
  });
  const inner = colW.reduce((s, w) => s + w, 0) + PART_GAP * Math.max(0, colW.length - 1);
  const w = Math.max(150, head + PAD * 2, inner + PAD * 2);
  const parts: PartBox[] = [];
  let x = PAD;
  labels.forEach((label, i) => {
    const c = Math.floor(i / rows);
    const r = i % rows;
    if (r === 0 && c > 0) x += colW[c - 1] + PART_GAP;
    const d = domains[i];
    parts.push({ id: partNodeId(d.name, u.id), domain: d, unit: u.id, label, x, y: HEAD + r * (PART_H + PART_GAP), w: cols === 1 ? w - PAD * 2 : colW[c], h: PART_H });
  });
  const h = n ? HEAD + rows * (PART_H + PART_GAP) - PART_GAP + PAD : HEAD + 4;
  return { id: unitNodeId(u.id), unit: u, short, w, h, parts };
}
