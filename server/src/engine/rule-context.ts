// The context the rules read, built once per analysis: the link, the configuration, the texts,
// and what scripts, CI files and source files say (who ships code into a function by name, who
// invokes or mentions a word, the pipelines). Keeps the signatures that tell the rule runner which
// of these changed since the last analysis (`deployer:NAME`, `scripts`).

import { Config, matchesGlob } from './config';
import { INVOKE_COMMAND, LOOKUP } from './file-kinds';
import type { Linked } from './link';
import type { ParsedFile } from './parse';
import type { PipelineLink } from './pipeline/link';
import type { Deployer, RuleContext } from './rules/rule';

export interface ContextInput {
  linked: Linked;
  cfg: Config;
  deployers: readonly Deployer[];
  /** Script and CI files, and source files that invoke through an SDK. */
  scripts: readonly string[];
  sources: readonly string[];
  pipelines: PipelineLink;
  text(file: string): { text: string; version: number } | undefined;
  parsed(file: string): ParsedFile | undefined;
}

export class ScriptFacts {
  private deployerSig = '';
  private scriptSig = '';
  private deployerNames = new Set<string>();

  /** The rules' context, and the keys outside the link that changed since the last call. */
  context(input: ContextInput): { ctx: RuleContext; extraChanged: Set<string> } {
    const { linked, cfg, deployers, scripts, sources, pipelines } = input;
    const textOf = (f: string) => input.text(f)?.text ?? '';
    // Deployers: scripts that ship code into functions, by function name.
    const deployerIndex = new Map<string, Deployer[]>();
    for (const d of deployers) deployerIndex.set(d.functionName, [...(deployerIndex.get(d.functionName) ?? []), d]);
    const deployerSig = deployers.map((d) => `${d.functionName}@${d.file}:${d.loc.start}`).join('|');
    const extraChanged = new Set<string>();
    if (deployerSig !== this.deployerSig) {
      for (const n of new Set([...this.deployerNames, ...deployerIndex.keys()])) extraChanged.add('deployer:' + n);
      this.deployerSig = deployerSig;
      this.deployerNames = new Set(deployerIndex.keys());
    }
    const scriptSig = [...scripts, ...sources].map((p) => `${p}@${input.text(p)?.version ?? -1}`).join('|');
    if (scriptSig !== this.scriptSig) {
      extraChanged.add('scripts');
      this.scriptSig = scriptSig;
    }
    const mentions = new Map<string, boolean>();
    /** Whether a script or CI file (or a source file) passes `test` for a whole word (memoised per analysis; the rule depends on the scripts). */
    const scriptsSay = (kind: string, word: string, test: (text: string, re: RegExp) => boolean, files = scripts): boolean => {
      linked.tracker.touch('scripts');
      const key = kind + '\u0000' + word;
      let m = mentions.get(key);
      if (m === undefined) {
        const re = new RegExp(`(^|[^\\w-])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w-])`);
        m = files.some((p) => test(textOf(p), re));
        mentions.set(key, m);
      }
      return m;
    };
    const ctx: RuleContext = {
      linked,
      config: cfg,
      text: textOf,
      parsed: (file) => input.parsed(file),
      parseErrorsOf: (file) => {
        const p = input.parsed(file);
        return p && p.errors.length ? p : undefined;
      },
      deployersOf: (name) => {
        linked.tracker.touch(`deployer:${name}`);
        return deployerIndex.get(name) ?? [];
      },
      computedDeployers: () => {
        linked.tracker.touch('scripts');
        // CI files first: they are what ships code on every release; a local script is a developer's shortcut.
        const ci = (d: Deployer) => (/(^|\/)(\.github|\.gitlab-ci|\.circleci|buildspec|azure-pipelines|bitbucket-pipelines|Jenkinsfile)/.test(d.file) ? 0 : 1);
        return deployers.filter((d) => /[$%{]/.test(d.functionName)).sort((a, b) => ci(a) - ci(b) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
      },
      scriptsMention: (word) => scriptsSay('', word, (text, re) => re.test(text)),
      scriptsInvoke: (word) => scriptsSay('invoke', word, invokes),
      codeInvokes: (word) => scriptsSay('code', word, (text, re) => re.test(text), sources),
      pipelines: () => {
        linked.tracker.touch('pipelines');
        return pipelines;
      },
      threshold: (rule, def) => cfg.rules[rule]?.threshold ?? def,
      allowed: (from, to) =>
        cfg.allow.some(
          (a) => (matchesGlob(a.from, from.unit) || (!!from.domain && matchesGlob(a.from, from.domain))) && (matchesGlob(a.to, to.unit) || (!!to.domain && matchesGlob(a.to, to.domain))),
        ),
    };
    return { ctx, extraChanged };
  }
}

/** Whether a script invokes the word: on a line that runs an invoke command, through a variable assigned it, or by logical ID. */
function invokes(text: string, re: RegExp): boolean {
  const joined = text.replace(/\\\r?\n/g, ' ');
  if (!INVOKE_COMMAND.test(joined)) return false;
  const lines = joined.split('\n');
  if (lines.some((line) => INVOKE_COMMAND.test(line) && re.test(line))) return true;
  // `FUNCTION_NAME="word"` ... `aws lambda invoke --function-name $FUNCTION_NAME`.
  for (const m of joined.matchAll(/(?:^|[\s;])(?:export\s+|local\s+)?([A-Za-z_]\w*)=(["']?)([^"'\s;]+)\2/gm)) {
    if (!re.test(` ${m[3]} `)) continue;
    const use = new RegExp(`\\$\\{?${m[1]}\\b`);
    if (lines.some((line) => INVOKE_COMMAND.test(line) && use.test(line))) return true;
  }
  // A script that looks a function up by logical ID and runs an invoke command invokes it.
  return [...joined.matchAll(LOOKUP)].some((m) => re.test(` ${m[1]} `));
}
