// The project configuration file, `.serverless-domains.yml` at the workspace root.

import picomatch from 'picomatch';
import { parseText } from './parse';
import { isRuleId, RULE_IDS, type RuleId } from './rules/ids';
import { entries, get, items, RNode, str } from './tree';
import type { Severity, SeverityOrOff } from './types';

export const CONFIG_FILE = '.serverless-domains.yml';

export interface RuleConfig {
  severity?: SeverityOrOff;
  threshold?: number;
}

export interface Config {
  rules: Partial<Record<RuleId, RuleConfig>>;
  /** Stack names by unit path (workspace-relative path of the unit's main file). */
  stackNames: Record<string, string>;
  /** The stage used for Serverless services (`${sls:stage}`, `${opt:stage}`); default: each service's own, else `dev`. */
  stage?: string;
  /** Domain names by default name (the first trigger's logical ID or the function's name). */
  domains: Record<string, string>;
  allow: Array<{ from: string; to: string }>;
  include: string[];
  exclude: string[];
  /** Problems in the configuration file itself. */
  problems: string[];
}

export const DEFAULT_EXCLUDE = ['**/node_modules/**', '**/.serverless/**', '**/.aws-sam/**', '**/cdk.out/**', '**/.git/**'];

export function defaultConfig(): Config {
  return { rules: {}, stackNames: {}, domains: {}, allow: [], include: [], exclude: [], problems: [] };
}

const SEVERITIES = new Set(['off', 'hint', 'information', 'info', 'warning', 'error']);

function severity(s: string | undefined, problems: string[], where: string): SeverityOrOff | undefined {
  if (s === undefined) return undefined;
  if (!SEVERITIES.has(s)) {
    problems.push(`${where}: "${s}" is not a severity (off, hint, information, warning, error).`);
    return undefined;
  }
  return s === 'info' ? 'information' : (s as SeverityOrOff);
}

export function parseConfig(text: string): Config {
  const cfg = defaultConfig();
  const parsed = parseText(CONFIG_FILE, text);
  for (const e of parsed.errors) cfg.problems.push(`${CONFIG_FILE}: ${e.message}`);
  const root: RNode | undefined = parsed.tree;
  for (const e of entries(get(root, 'rules'))) {
    const id = e.key;
    if (!isRuleId(id)) {
      cfg.problems.push(`rules.${id}: "${id}" is not a rule (${RULE_IDS.join(', ')}).`);
      continue;
    }
    const v = e.value;
    const s = str(v);
    if (s !== undefined) cfg.rules[id] = { severity: severity(s, cfg.problems, `rules.${id}`) };
    else {
      const written = str(get(v, 'threshold'));
      const threshold = written === undefined ? NaN : Number(written);
      if (written !== undefined && !(Number.isFinite(threshold) && threshold >= 0)) cfg.problems.push(`rules.${id}.threshold: "${written}" is not a number; the default is used.`);
      cfg.rules[id] = {
        severity: severity(str(get(v, 'severity')), cfg.problems, `rules.${id}.severity`),
        threshold: Number.isFinite(threshold) && threshold >= 0 ? threshold : undefined,
      };
    }
  }
  for (const e of entries(get(root, 'stackNames'))) {
    const s = str(e.value);
    if (s) cfg.stackNames[e.key.replace(/^\.\//, '')] = s;
  }
  for (const e of entries(get(root, 'domains'))) {
    const s = str(e.value);
    if (s) cfg.domains[e.key] = s;
  }
  const stage = str(get(root, 'stage'));
  if (stage) cfg.stage = stage;
  for (const a of items(get(root, 'allow'))) {
    const from = str(get(a, 'from'));
    const to = str(get(a, 'to'));
    if (from && to) cfg.allow.push({ from, to });
    else cfg.problems.push(`allow: each entry needs "from" and "to".`);
  }
  for (const key of ['include', 'exclude', 'allow'] as const) {
    const v = get(root, key);
    if (v !== undefined && v.k !== 'seq' && !(v.k === 'scalar' && v.value === null)) cfg.problems.push(`${key}: expected a list; ignored.`);
  }
  cfg.include = items(get(root, 'include')).map(str).filter((x): x is string => !!x);
  cfg.exclude = items(get(root, 'exclude')).map(str).filter((x): x is string => !!x);
  return cfg;
}

export interface FileFilter {
  (path: string): boolean;
}

/** Which workspace paths the analysis looks at. */
export function fileFilter(cfg: Config): FileFilter {
  const exclude = picomatch([...DEFAULT_EXCLUDE, ...cfg.exclude], { dot: true });
  const include = cfg.include.length ? picomatch(cfg.include, { dot: true }) : undefined;
  return (p: string) => {
    if (exclude(p) || exclude(p + '/')) return false;
    return include ? include(p) : true;
  };
}

/**
 * Which folders a scan of the disk enters: those not excluded and, with `include`, those that
 * may hold an included file (an include glob matches under them, or its fixed part, as `a/b`
 * of `a/b/**`, passes through them).
 */
export function folderFilter(cfg: Config): FileFilter {
  const files = fileFilter({ ...cfg, include: [] });
  const include = cfg.include.length ? picomatch(cfg.include, { dot: true }) : undefined;
  const bases = cfg.include.map((g) => picomatch.scan(g).base);
  return (dir: string) => {
    const probe = dir + '/x';
    if (!files(probe)) return false;
    if (!include || include(probe)) return true;
    return bases.some((b) => b === '' || b === dir || b.startsWith(dir + '/') || dir.startsWith(b + '/'));
  };
}

export function matchesGlob(glob: string, value: string): boolean {
  return picomatch.isMatch(value, glob, { dot: true });
}

export function effectiveSeverity(cfg: Config, rule: RuleId, def: Severity): SeverityOrOff {
  return cfg.rules[rule]?.severity ?? def;
}
