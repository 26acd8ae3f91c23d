// The engine's entry point: a workspace of files (contents passed in by the host) that
// analyses incrementally. Parsing and per-unit extraction are cached by content; the link
// pass and the rules run in full, which is cheap.

import { Config, CONFIG_FILE, defaultConfig, fileFilter, parseConfig } from './config';
import { CrossEdge, Domain, Linked } from './link';
import type { ImportFact, UnitFacts } from './model';
import { ParsedFile, parseText } from './parse';
import { basename, dirname, joinPath, normalizePath } from './paths';
import { isRuleId } from './rules';
import { RuleRunner } from './rule-runner';
import type { Deployer, RuleContext } from './rules/rule';
import { nonAwsProvider } from './serverless/provider';
import { normalizeBreaks } from './text';
import { MAX_NESTING, nestsDeeperThan } from './depth';
import type { Finding, Fix, SeverityOrOff, SkippedFile, UnitKind } from './types';
import { Query } from './query';
import { DeployCommand, deployCommands } from './pipeline/deploy-commands';
import { codePipelineDeploys } from './pipeline/codepipeline';
import { pipelineStackCommands } from './pipeline/deployed-stacks';
import type { StoreHost } from './pipeline/store';
import { WorkspacePipelines } from './workspace-pipelines';
import { ScriptFacts } from './rule-context';
import type { PipelineLink } from './pipeline/link';
import { classifyDomains, PatternSummary } from './patterns';
import { extractDomainByName, refactorsAt } from './refactor';
import { classify, FileRole, isCandidate, mayBeTemplate, readCompose, readSamConfig, SamConfigEntry, shapeKey, templateShape } from './units';
import { DEFAULT_MAX_FILE_SIZE, invokesThroughSdk, isScriptFile, isSourceFile, isTerraformFile } from './file-kinds';
import { nestedEntries } from './unit-facts';
import { scanStructure, Structure } from './structure';
import { TemplateLayout, templateLayout } from './template-layout';
import { HclParser, parseHcl } from './terraform/hcl-parser';
import type { HclFile } from './terraform/hcl-model';
import { planUnits, structureKey, TfUnitPlan } from './terraform/units';
import { appliedFolders } from './terraform/applied';
import { KindHost, seamFor, UnitSpec } from './kinds';
export { DEFAULT_MAX_FILE_SIZE, invokesThroughSdk, isScriptFile, isSourceFile, testDataFolder } from './file-kinds';

export interface WorkspaceOptions {
  /** Name of the workspace folder, used as the stack name of a template at its root. */
  rootName?: string;
  /** Files larger than this (in characters) are skipped with a reason. Default 1,000,000: CloudFormation deploys no template over 1 MB. */
  maxFileSize?: number;
  /** The HCL parser the host loaded (tree-sitter initialises asynchronously). Without it, `.tf` files are skipped with a reason. */
  hcl?: HclParser;
}

export interface UnitSummary {
  id: string;
  kind: UnitKind;
  stackName: string;
  files: string[];
}

export interface AnalysisResult {
  units: UnitSummary[];
  readonly domains: Domain[];
  /** Every finding, by file then position. */
  readonly findings: Finding[];
  /** Findings by file (the same objects). */
  findingsByFile: ReadonlyMap<string, Finding[]>;
  /** Files whose findings differ from the previous analysis of this workspace. */
  changedFiles: ReadonlySet<string>;
  skipped: SkippedFile[];
  readonly edges: CrossEdge[];
  readonly deployOrder: string[];
  cycles: string[][];
  configProblems: string[];
  /** The link pass. It lives as long as the workspace: an older result sees the newest graph. */
  linked: Linked;
  /** The pipelines linked to the units (empty when the workspace has no pipeline files). */
  pipelines: PipelineLink;
  /** Every domain's deployment pattern, and the estate's summary. */
  readonly patterns: PatternSummary;
  generation: number;
}

interface FileEntry {
  text: string;
  version: number;
  /** Whether the include/exclude globs of configuration `acceptedBy` accept the path. */
  accepted?: boolean;
  acceptedBy?: Config;
  samconfig?: SamConfigEntry;
  nested?: Array<{ id: string; path: string }>;
  parsed?: ParsedFile;
  role?: FileRole;
  deployers?: Deployer[];
  deployCommands?: DeployCommand[];
  /** A Serverless service for another cloud (skipped): its provider. */
  otherCloud?: string;
  /** A `.tf` file's HCL, and what in it decides the Terraform units. */
  hcl?: HclFile;
  tfKey?: string;
  /** The text replaces an earlier one (an edit): parse it incrementally and keep its tree. */
  edited?: boolean;
}

function sameRole(a: FileRole, b: FileRole): boolean {
  return a.role === b.role && (a.role !== 'template' || b.role !== 'template' || a.kind === b.kind);
}

interface UnitCacheEntry {
  deps: Map<string, number>;
  key: string;
  facts: UnitFacts;
}

let versionCounter = 0;

export class Workspace {
  private readonly files = new Map<string, FileEntry>();
  private readonly skipped = new Map<string, string>();
  private readonly unitCache = new Map<string, UnitCacheEntry>();
  private fileConfig: Config = defaultConfig();
  private config: Config = defaultConfig();
  private configOverride = false;
  private overrides: { rules?: Record<string, SeverityOrOff>; exclude?: string[] } = {};
  /** The rule context of the last analysis, for fixes and refactors asked for later. */
  private lastCtx?: RuleContext;
  /** The link pass, kept between analyses and updated incrementally. */
  private readonly linked = new Linked();
  /** The pipelines, cached by content and linked to the units. */
  private readonly pipes = new WorkspacePipelines();
  /** The rules' findings, cached per unit and recomputed when what they read changes. */
  private readonly rules: RuleRunner;
  private structureStamp = 0;
  private structure?: Structure;
  private changedPaths = new Set<string>();
  /** Units (their main files) whose facts read each file. */
  private readonly fileToUnits = new Map<string, Set<string>>();
  private lastFacts = new Map<string, UnitFacts>();
  private factsList: UnitFacts[] = [];
  private factsIndex = new Map<string, number>();
  private unitList: UnitSummary[] = [];
  private unitSummaries = new Map<string, UnitSummary>();
  private layout?: TemplateLayout & { terraform: Map<string, TfUnitPlan> };
  /** What scripts and source files say (deployers, invokes, mentions), for the rules. */
  private readonly scriptFacts = new ScriptFacts();
  private generation = 0;
  /** How many files were parsed: lets tests see that an edit re-parses one file. */
  parseCount = 0;
  readonly rootName: string;
  maxFileSize: number;
  private hcl?: HclParser;

  constructor(opts: WorkspaceOptions = {}) {
    this.rootName = opts.rootName ?? 'workspace';
    this.maxFileSize = opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    this.hcl = opts.hcl;
    this.rules = new RuleRunner(this.linked, (file) => this.parsed(file));
  }

  /** Hands the workspace the HCL parser once the host has loaded it: `.tf` files are analysed from the next analysis on. */
  setHclParser(p: HclParser | undefined): void {
    if (p === this.hcl) return;
    this.hcl = p;
    this.structureStamp++;
  }

  setFile(path: string, written: string): void {
    // Source code matters only where it invokes a function through an SDK: other source files are not kept.
    if (isSourceFile(path) && (written.length > this.maxFileSize || !invokesThroughSdk(written))) {
      if (this.files.has(path) || this.skipped.has(path)) this.deleteFile(path);
      return;
    }
    const text = normalizeBreaks(written);
    const cur = this.files.get(path);
    if (cur && cur.text === text) return;
    this.skipped.delete(path);
    if (text.length > this.maxFileSize) {
      // A file that grows past the limit drops its findings: it leaves the analysis like a deleted file.
      this.files.delete(path);
      this.skipped.set(path, `larger than ${this.maxFileSize} characters`);
      this.changedPaths.add(path);
      this.structureStamp++;
      return;
    }
    if (/\.(ya?ml|json|template)$/i.test(path) && nestsDeeperThan(text)) {
      // The parser and the tree walks recurse per level: a file deeper than that is skipped, never a crash.
      this.files.delete(path);
      this.skipped.set(path, `nesting deeper than ${MAX_NESTING} levels`);
      this.changedPaths.add(path);
      this.structureStamp++;
      return;
    }
    const oldRole = cur?.role;
    this.files.set(path, { text, version: ++versionCounter, edited: !!cur?.hcl });
    this.changedPaths.add(path);
    if (isTerraformFile(path) && this.hcl) {
      // Root markers and local module calls decide the Terraform units.
      const key = structureKey(this.hclOf(path)!);
      this.files.get(path)!.tfKey = key;
      if (cur?.tfKey !== key) this.structureStamp++;
    }
    // The structure (which files are units, samconfigs, compose files, scripts) changes with new
    // files and with edits that change what a file is.
    const shape = (p: ParsedFile | undefined) => (p ? shapeKey(templateShape(p.tree, p.json)) : '');
    // (A CodePipeline in a template names the stacks of other templates: see pipelineStackNames.)
    if (!cur || isScriptFile(path) || isSourceFile(path) || text.includes('AWS::CodePipeline::Pipeline') || cur.text.includes('AWS::CodePipeline::Pipeline') || (oldRole && !sameRole(oldRole, this.role(path))) || (oldRole?.role === 'template' && shape(cur.parsed) !== shape(this.parsed(path))) || oldRole?.role === 'samconfig' || oldRole?.role === 'compose' || /\{\{|\{%/.test(text)) this.structureStamp++;
    // A service that is, or may become, one for another cloud (skipped, not a unit).
    // (A plain `name: aws` continued on more-indented lines is `aws ...`: the parse says, not the text.)
    else if (oldRole?.role === 'serverless' && (cur?.otherCloud !== undefined || !/\b(name|provider):\s*['"]?aws\b/.test(text) || nonAwsProvider(this.parsed(path)?.tree) !== undefined)) this.structureStamp++;
    if (path === CONFIG_FILE && !this.configOverride) this.setFileConfig(parseConfig(text));
  }

  deleteFile(path: string): void {
    this.hcl?.release(path);
    if (this.files.delete(path) || this.skipped.delete(path)) this.structureStamp++;
    this.changedPaths.add(path);
    if (path === CONFIG_FILE && !this.configOverride) this.setFileConfig(defaultConfig());
  }

  private setFileConfig(c: Config): void {
    this.structureStamp++;
    this.fileConfig = c;
    this.applyOverrides();
  }

  private applyOverrides(): void {
    const base = this.fileConfig;
    const rules = { ...base.rules };
    // Settings name rules as strings; VS Code flags unknown names (package.json lists the IDs).
    for (const [id, sev] of Object.entries(this.overrides.rules ?? {})) if (isRuleId(id)) rules[id] = { ...rules[id], severity: sev };
    this.config = { ...base, rules, exclude: [...base.exclude, ...(this.overrides.exclude ?? [])] };
  }

  /** Editor settings layered over the configuration file: rule severities and extra excludes. */
  setOverrides(o: { rules?: Record<string, SeverityOrOff>; exclude?: string[] }): void {
    this.structureStamp++;
    this.overrides = o;
    this.applyOverrides();
  }

  /** Changes the size limit: files held that are now over it leave the analysis (the host reads the others again). */
  setMaxFileSize(limit: number): void {
    if (limit === this.maxFileSize) return;
    this.maxFileSize = limit;
    for (const [p, e] of [...this.files]) if (e.text.length > limit) this.markSkipped(p, `larger than ${limit} characters`);
  }

  /** A file the host did not load (unreadable, too large, not text), with the reason. */
  markSkipped(path: string, reason: string): void {
    this.files.delete(path);
    this.skipped.set(path, reason);
    this.changedPaths.add(path);
    this.structureStamp++;
  }

  /** Uses this configuration text instead of the workspace's `.serverless-domains.yml`. */
  setConfigText(text: string): void {
    this.configOverride = true;
    this.setFileConfig(parseConfig(text));
  }

  hasFile(path: string): boolean {
    return this.files.has(path);
  }

  getText(path: string): string | undefined {
    return this.files.get(path)?.text;
  }

  paths(): string[] {
    return [...this.files.keys()];
  }

  /** Files skipped with a reason (too large, unreadable...). */
  skippedPaths(): string[] {
    return [...this.skipped.keys()];
  }

  parsed(path: string): ParsedFile | undefined {
    const e = this.files.get(path);
    if (!e) return undefined;
    if (!e.parsed) {
      if (isTerraformFile(path)) {
        const h = this.hclOf(path);
        e.parsed = { file: path, text: e.text, tree: undefined, errors: h?.errors ?? [], json: false };
        return e.parsed;
      }
      this.parseCount++;
      e.parsed = parseText(path, e.text);
    }
    return e.parsed;
  }

  /** A `.tf` file's HCL (undefined without a parser). An edited file is parsed incrementally from its kept tree; a file read once is parsed cold and its tree freed. */
  hclOf(path: string): HclFile | undefined {
    const e = this.files.get(path);
    if (!e || !this.hcl) return undefined;
    if (!e.hcl) {
      this.parseCount++;
      e.hcl = e.edited ? this.hcl.parse(path, e.text) : parseHcl(this.hcl.treeSitter, path, e.text);
    }
    return e.hcl;
  }

  private role(path: string): FileRole {
    const e = this.files.get(path)!;
    if (!e.role) {
      const b = basename(path);
      const needsParse = isCandidate(path) && !/^serverless\.(ya?ml|json)$/i.test(b) && mayBeTemplate(e.text);
      e.role = classify(path, needsParse ? this.parsed(path) : undefined);
    }
    return e.role;
  }

  private deployersOf(path: string): Deployer[] {
    const e = this.files.get(path)!;
    if (!e.deployers) {
      e.deployers = [];
      const text = e.text.replace(/\\\r?\n/g, '  ');
      const re = /aws\s+lambda\s+update-function-code\b[^\n]*?--function-name[=\s]+["']?([A-Za-z0-9_\-:.$/{}]+)/g;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const name = m[1].replace(/^arn:.*:function:/, '');
        const at = e.text.indexOf('update-function-code', Math.max(0, m.index - 4));
        const start = at === -1 ? 0 : at;
        e.deployers.push({ file: path, functionName: name, loc: { file: path, start, end: start + 'update-function-code'.length } });
      }
    }
    return e.deployers;
  }

  analyze(): AnalysisResult {
    const cfg = this.config;
    const rebuilt = !this.structure || this.structure.stamp !== this.structureStamp || this.structure.cfg !== cfg;
    if (rebuilt) this.structure = this.scanStructure(cfg);
    const { serverless, templates, composes, samconfigs, deployers, scripts, sources, deployCommands: commands } = this.structure!;
    const skipped = [...this.structure!.skipped];
    const changedPaths = this.changedPaths;
    this.changedPaths = new Set();
    const dirtyUnits = new Set<string>();
    for (const p of changedPaths) {
      dirtyUnits.add(p);
      for (const u of this.fileToUnits.get(p) ?? []) dirtyUnits.add(u);
    }
    // Only units whose files changed are looked at again. When none of them changes the
    // layout (which files belong to which unit, nested stacks), the unit list is patched in place.
    let changedFacts: UnitFacts[] | undefined;
    if (!rebuilt && this.layout && this.factsList.length) {
      const updates = new Map<number, UnitFacts>();
      let layoutChanged = false;
      for (const p of dirtyUnits) {
        const i = this.factsIndex.get(p);
        if (i === undefined) continue;
        const before = this.factsList[i];
        if (!this.files.has(p)) {
          layoutChanged = true;
          break;
        }
        const plan = this.layout.terraform.get(p);
        const f = before.kind === 'serverless' ? this.serverlessFacts(p) : plan ? this.terraformUnitFacts(plan) : this.templateFacts(p, this.layout.stacks.get(p)!, this.layout.nestedAs.get(p), this.layout.guessed.has(p), this.layout.alternatives.get(p), this.layout.overrides.get(p));
        if (f === before) continue;
        if (before.kind === 'serverless' || plan ? before.files.join() !== f.files.join() : this.layout.nestedSig.get(p) !== JSON.stringify(this.nestedOf(p))) {
          layoutChanged = true;
          break;
        }
        updates.set(i, f);
      }
      if (!layoutChanged) {
        for (const [i, f] of updates) this.factsList[i] = f;
        changedFacts = [...updates.values()];
      }
    }
    if (!changedFacts) {
      const prev = this.lastFacts;
      const list: UnitFacts[] = [];
      const included = new Set<string>();
      for (const p of serverless) {
        const before = prev.get(p);
        const f = !rebuilt && before && !dirtyUnits.has(p) ? before : this.serverlessFacts(p);
        list.push(f);
        for (const inc of f.files.slice(1)) included.add(inc);
      }
      const layout = templateLayout({
        templates: templates.filter((t) => !included.has(t)),
        nestedOf: (t) => this.nestedOf(t),
        samconfigs,
        // A pipeline's `--stack-name` (with its literal env and matrix values) is a fact too.
        // The pipeline readers read a file they reach with its context (env, matrix, working directory): their reading replaces the file's own.
        commands: ((ps) => {
          const read = new Set(ps.flatMap((p) => p.files));
          return [...commands.filter((c) => !read.has(c.file)), ...pipelineStackCommands(ps)];
        })(this.pipes.read(this.structure!.pipelineFiles, this.pipelineHost())),
        cfg,
        rootName: this.rootName,
        pipelineDeploys: (t) => ((this.files.get(t)?.text ?? '').includes('AWS::CodePipeline::Pipeline') ? codePipelineDeploys(this.parsed(t)?.tree) : []),
      });
      const { templates: sorted, parents, nestedAs, guessed, alternatives } = layout;
      const tfFolders = this.structure!.terraform;
      const applied = appliedFolders(scripts.map((p) => ({ file: p, text: this.files.get(p)?.text ?? '' })), (d) => tfFolders.has(d));
      const tfPlans = planUnits(new Map([...tfFolders].map(([d, paths]) => [d, paths.map((x) => this.hclOf(x)).filter((h): h is HclFile => !!h)])), applied);
      this.layout = { ...layout, terraform: new Map(tfPlans.map((x) => [x.id, x])) };
      for (const t of sorted) {
        const before = prev.get(t);
        const stack = this.layout.stacks.get(t)!;
        const guess = guessed.has(t);
        const alts = alternatives.get(t);
        const overrides = this.layout.overrides.get(t);
        const same = before && !dirtyUnits.has(t) && before.stackName === stack && before.nestedAs === nestedAs.get(t) && !!before.stackNameGuessed === guess && before.possibleStackNames?.join() === alts?.join() && before.overridesKey === JSON.stringify(overrides ?? null);
        list.push(same ? before : this.templateFacts(t, stack, nestedAs.get(t), guess, alts, overrides));
      }
      for (const plan of tfPlans) list.push(this.terraformUnitFacts(plan));
      this.factsList = list;
      this.factsIndex = new Map(list.map((f, i) => [f.id, i]));
      this.lastFacts = new Map(list.map((f) => [f.id, f]));
    } else for (const f of changedFacts) this.lastFacts.set(f.id, f);
    const facts = this.factsList;
    const parents = this.layout!.parents;
    const byId = this.lastFacts;
    const extraImports = new Map<string, ImportFact[]>();
    for (const c of composes) this.composeContracts(c, byId, extraImports);

    const linked = this.linked;
    linked.update({ templates: facts, parents, domainNames: cfg.domains, extraImports, changed: changedFacts });
    const pipes = this.pipes.update({
      files: this.structure!.pipelineFiles,
      host: this.pipelineHost(),
      facts,
      composes: composes.map((c) => ({ file: c, services: this.parsed(c) ? readCompose(this.parsed(c)!).map((x) => ({ name: x.name, path: x.path, needs: [...new Set([...x.dependsOn, ...x.params.map((p) => p.from)])] })) : [] })),
      samconfigs,
    });

    const { ctx, extraChanged } = this.scriptFacts.context({ linked, cfg, deployers, scripts, sources, pipelines: pipes.link, text: (f) => this.files.get(f), parsed: (f) => this.parsed(f) });
    if (pipes.changed) extraChanged.add('pipelines');
    this.lastCtx = ctx;
    this.generation++;

    const changedFiles = this.rules.run({ ctx, cfg, facts, changedFacts, byId, extraChanged, generation: () => this.generation });
    if (!changedFacts || changedFacts.some((f) => this.unitSummaries.get(f.id)?.stackName !== f.stackName)) {
      const unitFiles = new Map<string, string[]>();
      for (const f of facts) {
        const u = linked.unitOf(f.id);
        const files = unitFiles.get(u) ?? [];
        for (const x of f.files) if (!files.includes(x)) files.push(x);
        unitFiles.set(u, files);
      }
      this.unitList = facts.filter((f) => !parents.has(f.id)).map((f) => ({ id: f.id, kind: f.kind, stackName: f.stackName, files: unitFiles.get(f.id) ?? [...f.files] }));
      this.unitSummaries = new Map(this.unitList.map((u) => [u.id, u]));
    }
    const units = this.unitList;
    const byFile = this.rules.findingsByFile;
    let allFindings: Finding[] | undefined;
    let order: string[] | undefined;
    let patterns: PatternSummary | undefined;
    const monolith = cfg.rules['monolith-unit']?.threshold ?? 4;
    return {
      units,
      get domains() {
        return linked.domains;
      },
      get findings() {
        if (!allFindings) allFindings = [...byFile.keys()].sort().flatMap((f) => byFile.get(f)!);
        return allFindings;
      },
      findingsByFile: byFile,
      changedFiles,
      skipped,
      get edges() {
        return linked.edges;
      },
      get deployOrder() {
        if (!order) order = linked.deployOrder().order;
        return order;
      },
      cycles: linked.cycles,
      configProblems: cfg.problems,
      linked,
      pipelines: pipes.link,
      get patterns() {
        if (!patterns) patterns = classifyDomains(linked.domains, pipes.link, monolith);
        return patterns;
      },
      generation: this.generation,
    };
  }

  private pipelineHost(): StoreHost {
    return { text: (f) => this.files.get(f)?.text, version: (f) => this.files.get(f)?.version, parsed: (f) => (this.files.has(f) && /\.(ya?ml|json|template)$/i.test(f) ? this.parsed(f) : undefined) };
  }

  /** Which files are units, samconfigs, compose files and scripts: redone only when that can change. */
  private scanStructure(cfg: Config): Structure {
    const filter = fileFilter(cfg);
    return scanStructure(cfg, {
      stamp: this.structureStamp,
      hcl: !!this.hcl,
      paths: [...this.files.keys()],
      skipped: [...this.skipped],
      accept: (p) => {
        const e = this.files.get(p);
        if (!e) return filter(p);
        if (e.acceptedBy !== cfg) {
          e.accepted = filter(p);
          e.acceptedBy = cfg;
        }
        return e.accepted!;
      },
      role: (p) => this.role(p),
      text: (p) => this.files.get(p)?.text,
      parsed: (p) => this.parsed(p),
      deployersOf: (p) => this.deployersOf(p),
      deployCommandsOf: (p) => {
        const e = this.files.get(p)!;
        return (e.deployCommands ??= deployCommands(p, e.text));
      },
      samconfigOf: (p) => this.samconfigOf(p),
      otherCloud: (p, provider) => {
        this.files.get(p)!.otherCloud = provider;
      },
    });
  }

  private samconfigOf(p: string): SamConfigEntry {
    const e = this.files.get(p)!;
    if (!e.samconfig) e.samconfig = readSamConfig(p, e.text, /\.ya?ml$/i.test(p) ? this.parsed(p) : undefined);
    return e.samconfig;
  }

  private nestedOf(t: string): Array<{ id: string; path: string }> {
    const e = this.files.get(t)!;
    if (!e.nested) e.nested = nestedEntries(this.parsed(t)?.tree);
    return e.nested;
  }

  /** Refactors at an offset of the last analysis: extract the domain there, move a function beside its trigger. */
  refactorsAt(result: AnalysisResult, file: string, offset: number): Array<Fix & { kind: 'extract' | 'move' }> {
    const ctx = this.lastCtx;
    if (!ctx || ctx.linked !== result.linked) return [];
    return safeRefactors(() => refactorsAt(ctx, new Query(this, result), file, offset));
  }

  /** The fix that extracts a domain (by name) into a new unit, from the last analysis. */
  extractDomain(result: AnalysisResult, name: string): Fix | undefined {
    const ctx = this.lastCtx;
    if (!ctx || ctx.linked !== result.linked) return undefined;
    return safeRefactors(() => extractDomainByName(ctx, name))[0];
  }

  private depsValid(entry: UnitCacheEntry, key: string): boolean {
    if (entry.key !== key) return false;
    for (const [p, v] of entry.deps) if ((this.files.get(p)?.version ?? -1) !== v) return false;
    return true;
  }

  /** What a kind's extraction may read: the configuration, texts, parses and roles of the workspace's files. */
  private readonly host: KindHost = this.kindHost();

  private kindHost(): KindHost {
    const files = this.files;
    const ws = this;
    return {
      get config() {
        return ws.config;
      },
      get rootName() {
        return ws.rootName;
      },
      text: (file) => files.get(file)?.text ?? '',
      parsed: (file) => ws.parsed(file),
      exists: (file) => files.has(file),
      hcl: (file) => ws.hclOf(file),
      role: (file) => (files.has(file) ? ws.role(file) : { role: 'other' }),
    };
  }

  /** A unit's facts through its kind's seam, cached until one of the files they were read from changes. */
  private unitFacts(spec: UnitSpec): UnitFacts {
    const seam = seamFor(spec);
    const host = this.host;
    const key = `${spec.kind}|${seam.cacheKey(spec, host)}`;
    const cached = this.unitCache.get(spec.id);
    if (cached && this.depsValid(cached, key)) return cached.facts;
    const { facts, files } = seam.extract(spec, host);
    const deps = new Map(files.map((p) => [p, this.files.get(p)?.version ?? -1] as const));
    this.unitCache.set(spec.id, { deps, key, facts });
    this.registerDeps(spec.id, deps.keys());
    return facts;
  }

  private serverlessFacts(path: string): UnitFacts {
    return this.unitFacts({ kind: 'serverless', id: path });
  }

  private terraformUnitFacts(plan: TfUnitPlan): UnitFacts {
    const st = this.structure!;
    return this.unitFacts({ kind: 'terraform', id: plan.id, plan, open: plan.dirs.some((d) => st.terraformOpen.has(d)), filesOf: (d) => st.terraform.get(d) ?? [] });
  }

  private registerDeps(unit: string, files: Iterable<string>): void {
    for (const file of files) {
      let set = this.fileToUnits.get(file);
      if (!set) this.fileToUnits.set(file, (set = new Set()));
      set.add(unit);
    }
  }

  private templateFacts(path: string, stackName: string, nestedAs: string | undefined, guessed: boolean, alternatives?: string[], overrides?: Record<string, string>): UnitFacts {
    return this.unitFacts({ kind: 'template', id: path, stackName, nestedAs, guessed, alternatives, overrides });
  }

  /** `serverless-compose.yml`: a service's params read another service's outputs. */
  private composeContracts(path: string, byId: Map<string, UnitFacts>, out: Map<string, ImportFact[]>): void {
    const parsed = this.parsed(path);
    if (!parsed?.tree) return;
    const services = readCompose(parsed);
    const unitOfService = new Map<string, UnitFacts>();
    for (const s of services) {
      const dir = normalizePath(joinPath(dirname(path), s.path));
      const unit = [...byId.values()].find((u) => u.kind === 'serverless' && dirname(u.id) === dir);
      if (unit) unitOfService.set(s.name, unit);
    }
    for (const s of services) {
      const unit = unitOfService.get(s.name);
      if (!unit) continue;
      for (const p of s.params) {
        const from = unitOfService.get(p.from);
        if (!from) continue;
        const list = out.get(unit.id) ?? [];
        list.push({ target: { k: 'cf', stack: from.stackName, output: p.output }, loc: p.loc, text: `\${${p.from}.${p.output}} (serverless-compose)` });
        out.set(unit.id, list);
      }
    }
  }
}

function safeRefactors<T>(f: () => T[]): T[] {
  try {
    return f();
  } catch {
    return [];
  }
}
