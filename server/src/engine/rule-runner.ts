// Running the rules over the units, incrementally: each unit's findings are cached with the
// dependency keys its rules read (through the link view), and recomputed when the unit's facts
// change, when it was linked again, or when a key it read changed. Findings are merged per file
// (one cause reported by several units once) and the files whose findings changed are named.

import { Config, effectiveSeverity } from './config';
import { disableCommentFix, isSuppressed } from './fixes/edits';
import { isScriptFile } from './file-kinds';
import { seamOf } from './kinds';
import { pipelineKindOf } from './pipeline/kinds';
import type { Linked } from './link';
import type { UnitFacts } from './model';
import type { ParsedFile } from './parse';
import { RULES } from './rules';
import type { RuleContext } from './rules/rule';
import type { Finding, Fix } from './types';

interface RuleCacheEntry {
  facts: UnitFacts;
  byFile: Map<string, Finding[]>;
  files: Set<string>;
  deps: Set<string>;
}

export interface RuleRun {
  ctx: RuleContext;
  cfg: Config;
  /** Every unit's facts, and those that changed (undefined: a full analysis). */
  facts: UnitFacts[];
  changedFacts: UnitFacts[] | undefined;
  byId: ReadonlyMap<string, UnitFacts>;
  /** Keys outside the link that changed (deployers, scripts). */
  extraChanged: Set<string>;
  generation: () => number;
}

export class RuleRunner {
  private readonly ruleCache = new Map<string, RuleCacheEntry>();
  private readonly ruleDependents = new Map<string, Set<string>>();
  private readonly fileReporters = new Map<string, Set<string>>();
  readonly findingsByFile = new Map<string, Finding[]>();
  private readonly fileSigs = new Map<string, string>();
  private config?: Config;

  constructor(
    private readonly linked: Linked,
    private readonly parsed: (file: string) => ParsedFile | undefined,
  ) {}

  /** Runs the rules where needed; returns the files whose findings changed. */
  run(input: RuleRun): Set<string> {
    const { ctx, cfg, facts, changedFacts, byId, extraChanged, generation } = input;
    const linked = this.linked;
    // Rules run again for units that changed, were linked again, or read a key that changed.
    const everything = linked.fullUpdate || cfg !== this.config;
    this.config = cfg;
    const dirty = new Set<string>(linked.relinked);
    for (const f of everything || !changedFacts ? facts : changedFacts) {
      const cached = this.ruleCache.get(f.id);
      if (everything || !cached || cached.facts !== f) dirty.add(f.id);
    }
    for (const k of [...linked.changedKeys, ...extraChanged]) for (const id of this.ruleDependents.get(k) ?? []) dirty.add(id);
    const touchedFiles = new Set<string>();
    if (!changedFacts) {
      for (const id of [...this.ruleCache.keys()]) {
        if (byId.has(id)) continue;
        for (const f of this.ruleCache.get(id)!.files) touchedFiles.add(f);
        this.forget(id);
      }
    }
    for (const id of dirty) {
      const f = byId.get(id);
      if (!f) continue;
      const before = this.ruleCache.get(id);
      for (const file of before?.files ?? []) touchedFiles.add(file);
      if (before) this.forget(id);
      const entry = this.runUnit(ctx, f, cfg, generation);
      for (const file of entry.files) touchedFiles.add(file);
      this.ruleCache.set(id, entry);
      for (const k of entry.deps) {
        let set = this.ruleDependents.get(k);
        if (!set) this.ruleDependents.set(k, (set = new Set()));
        set.add(id);
      }
    }
    const changedFiles = new Set<string>();
    for (const file of touchedFiles) {
      const list: Finding[] = [];
      const seen = new Set<string>();
      for (const id of this.fileReporters.get(file) ?? []) {
        for (const fd of this.ruleCache.get(id)?.byFile.get(file) ?? []) {
          const key = `${fd.rule}\u0000${fd.loc.start}\u0000${fd.loc.end}\u0000${fd.message}`;
          if (seen.has(key)) continue;
          seen.add(key);
          list.push(fd);
        }
      }
      list.sort((a, b) => a.loc.start - b.loc.start || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
      const sig = list.map((x) => `${x.rule}:${x.severity}:${x.loc.start}:${x.loc.end}:${x.message}`).join('\n');
      const prev = this.findingsByFile.get(file);
      if (!list.length) {
        if (prev) changedFiles.add(file);
        this.findingsByFile.delete(file);
        this.fileSigs.delete(file);
        continue;
      }
      if (this.fileSigs.get(file) !== sig) changedFiles.add(file);
      this.fileSigs.set(file, sig);
      this.findingsByFile.set(file, list);
    }
    return changedFiles;
  }

  private forget(id: string): void {
    const entry = this.ruleCache.get(id);
    if (!entry) return;
    for (const k of entry.deps) this.ruleDependents.get(k)?.delete(id);
    for (const f of entry.files) this.fileReporters.get(f)?.delete(id);
    this.ruleCache.delete(id);
  }

  /** Runs every rule on one unit, recording what they read, and prepares its findings. */
  private runUnit(ctx: RuleContext, facts: UnitFacts, cfg: Config, generationOf: () => number): RuleCacheEntry {
    const linked = this.linked;
    linked.tracker.begin();
    const byFile = new Map<string, Finding[]>();
    const quiet = facts.quietFiles ? new Set(facts.quietFiles) : undefined;
    for (const rule of RULES) {
      const severity = effectiveSeverity(cfg, rule.id, rule.defaultSeverity);
      if (severity === 'off') continue;
      let raw;
      try {
        raw = rule.check(ctx, facts);
      } catch (e) {
        raw = [{ loc: facts.firstLineLoc, subject: facts.id, message: `rule ${rule.id} failed on ${facts.id}: ${(e as Error).message}` }];
      }
      for (const r of raw) {
        if (quiet?.has(r.loc.file)) continue;
        const text = ctx.text(r.loc.file);
        if (isSuppressed(text, r.loc.start, rule.id)) continue;
        // A finding in a pipeline file (not one of the unit's): `#` comments where its language has them.
        const noComments = facts.files.includes(r.loc.file) || !isPipelineSide(r.loc.file) ? seamOf(facts.kind).lineComment(facts, r.loc.file) === undefined || (this.parsed(r.loc.file)?.json ?? false) : !HASH_COMMENTS.test(r.loc.file);
        const rawFixes = r.fixes;
        const ruleId = rule.id;
        let fixes: Fix[] | undefined;
        let fixesAt = -1;
        // Fixes are computed on first use (a check run prints them all, an editor asks for one line), for the current texts.
        const finding: Finding = {
          rule: ruleId,
          severity: r.severity && cfg.rules[rule.id]?.severity === undefined ? r.severity : severity,
          message: r.message,
          subject: r.subject,
          loc: r.loc,
          related: r.related,
          get fixes(): Fix[] {
            if (!fixes || fixesAt !== generationOf()) {
              fixesAt = generationOf();
              fixes = [...(typeof rawFixes === 'function' ? safe(rawFixes) : (rawFixes ?? []))];
              const disable = disableCommentFix(ctx.text(r.loc.file), r.loc, ruleId, noComments);
              if (disable) fixes.push(disable);
            }
            return fixes;
          },
        };
        const list = byFile.get(r.loc.file);
        if (list) list.push(finding);
        else byFile.set(r.loc.file, [finding]);
      }
    }
    const deps = linked.tracker.end();
    for (const file of byFile.keys()) {
      let set = this.fileReporters.get(file);
      if (!set) this.fileReporters.set(file, (set = new Set()));
      set.add(facts.id);
    }
    return { facts, byFile, files: new Set(byFile.keys()), deps };
  }

}

/** Files where `#` starts a comment: YAML pipelines, shell scripts, Makefiles. */
const HASH_COMMENTS = /\.(ya?ml|sh|bash|zsh|mk)$|(^|\/)(Makefile|GNUmakefile|makefile)$/;

function isPipelineSide(file: string): boolean {
  return isScriptFile(file) || pipelineKindOf(file) !== undefined;
}

/** A fix that cannot be computed is not offered; it never breaks the analysis. */
function safe(f: () => Fix[]): Fix[] {
  try {
    return f();
  } catch {
    return [];
  }
}
