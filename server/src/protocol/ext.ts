// The custom requests and notifications between the Serverless Domains client and server,
// declared once and typed. The client's views use only these (see docs/protocol.md).

import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { Location, WorkspaceEdit } from 'vscode-languageserver-protocol';

export interface GraphMember {
  /** The unit (workspace-relative path of its main file), or null for a trigger outside the workspace. */
  unit: string | null;
  id: string;
  type: string;
  location?: Location;
}

export interface GraphUnit {
  id: string;
  kind: 'serverless' | 'sam' | 'cloudformation' | 'terraform';
  stackName: string;
  files: string[];
  location: Location;
  /** Names of the domains the unit deploys (a trigger or function of theirs is in it). */
  domains: string[];
  /** Units this one imports from (explicit contracts), and units importing from it. */
  importsFrom: string[];
  exportsTo: string[];
  inCycle: boolean;
  findings: number;
  /** The same findings by severity. */
  severities: SeverityCounts;
}

export interface SeverityCounts {
  error: number;
  warning: number;
  information: number;
  hint: number;
}

export interface GraphDomain {
  name: string;
  units: string[];
  /** A function of the domain is invoked by a point-to-point trigger another unit owns. */
  split: boolean;
  /** A function of the domain is a placeholder. */
  placeholder: boolean;
  triggers: Array<GraphMember & { external: boolean; pubsub: boolean }>;
  functions: Array<GraphMember & { placeholder: boolean }>;
  resources: GraphMember[];
  findings: number;
  severities: SeverityCounts;
}

export interface GraphEdge {
  /** The unit that refers; `to` deploys first. */
  from: string;
  to: string;
  kind: 'trigger' | 'contract' | 'hardcoded' | 'nested';
  label: string;
  location: Location;
  inCycle: boolean;
  /**
   * The domain of the node each end concerns, drawn as that domain's part in the end's unit: for a
   * trigger crossing units, the function's domain (`from`) and the trigger's (`to`); for a hard-coded
   * reference, the referencing function's and the referenced resource's, where they belong to one.
   * Absent for unit-level edges (contracts, nested stacks) and from older servers.
   */
  fromDomain?: string;
  toDomain?: string;
}

export interface DomainGraphResult {
  /** One per workspace folder that has units. */
  folders: Array<{
    uri: string;
    name: string;
    units: GraphUnit[];
    domains: GraphDomain[];
    edges: GraphEdge[];
    deployOrder: string[];
    cycles: string[][];
  }>;
  /** Increases with every analysis; the change notification carries the same number. */
  generation: number;
}

/** The whole domain graph of every workspace folder. */
export namespace DomainGraphRequest {
  export const method = 'serverlessDomains/domainGraph';
  export const type = new RequestType0<DomainGraphResult, void>(method);
}

export interface GraphChangedParams {
  generation: number;
  units: number;
  domains: number;
  findings: { error: number; warning: number; information: number; hint: number };
}

/** Sent after every analysis whose result differs from the previous one. */
export namespace GraphChangedNotification {
  export const method = 'serverlessDomains/graphChanged';
  export const type = new NotificationType<GraphChangedParams>(method);
}

export interface ScanLogParams {
  /** The workspace folder's URI. */
  folder: string;
  /** Milliseconds from the start of the scan to the end of its analysis. */
  ms: number;
  /** Files read. */
  files: number;
  /** Units by kind (`serverless`, `sam`, `cloudformation`, `terraform`). */
  units: Record<string, number>;
  domains: number;
  /** Files not analysed, with the reason. */
  skipped: Array<{ file: string; reason: string }>;
  /** The same in words, as the server logs it for other editors. */
  text: string;
}

/**
 * Sent to the VS Code extension (`initializationOptions.extension: "vscode"`) after each scan of a
 * folder (the initial one, and after the configuration file or a folder changes); the extension
 * writes it to its output channel. Other clients get `text` as a `window/logMessage`.
 */
export namespace ScanLogNotification {
  export const method = 'serverlessDomains/scanLog';
  export const type = new NotificationType<ScanLogParams>(method);
}

export interface ExtractDomainParams {
  /** The workspace folder's URI and the domain's name, as in the graph. */
  folder: string;
  domain: string;
}

/** The edit that extracts a domain into a new unit, or null when it cannot be done safely. */
export namespace ExtractDomainRequest {
  export const method = 'serverlessDomains/extractDomain';
  export const type = new RequestType<ExtractDomainParams, { title: string; edit: WorkspaceEdit } | null, void>(method);
}

export interface PipelineJobItem {
  /** The job's id as written (inside a called reusable workflow: `caller/job`). */
  id: string;
  name?: string;
  /** GitLab stage, when the pipeline has stages. */
  stage?: string;
  /** The jobs it names in `needs` (or `requires`, `dependsOn`). */
  needs: string[];
  /** Every job of the pipeline that finishes before it starts. */
  after: string[];
  location: Location;
  /** The units it deploys: the command (`location`) and the unit's first line (`unitLocation`). */
  deploys: Array<{ unit: string; stackName?: string; command: string; location: Location; unitLocation?: Location; through: string[] }>;
  /** Code-only deploys (`aws lambda update-function-code`, `sls deploy function`): the function, and the unit defining it when one does. */
  codeDeploys: Array<{ function: string; unit: string | null; fn: string | null; command: string; location: Location; functionLocation?: Location }>;
  /** Deploy commands whose target the files do not tell, with the reason. */
  unmatched: Array<{ command: string; reason: string; location: Location }>;
}

export interface PipelineItem {
  /** The pipeline's file, with `#name` for files holding several. */
  id: string;
  kind: string;
  /** Workspace-relative. */
  file: string;
  name: string;
  /** The pipeline file's first line. */
  location: Location;
  /** Pipelines this one runs after (`workflow_run`, GitLab `trigger`). */
  after: string[];
  /** Path filters that start it; absent when every change does. */
  paths?: { include: string[]; exclude: string[] };
  /** Jobs in the order they run (a job after every job it waits for; otherwise as written). */
  jobs: PipelineJobItem[];
  /** The domains it deploys, with their deployment pattern (`per-trigger`, `infra-apart`, `per-function`, `monolith`). */
  domains: Array<{ name: string; pattern: string; why: string }>;
}

export interface PipelinesResult {
  /** One per workspace folder that was analysed (with no pipelines: `pipelines: []`). */
  folders: Array<{ uri: string; name: string; pipelines: PipelineItem[] }>;
  /** As the domain graph's. */
  generation: number;
}

/** The pipelines of every workspace folder, linked to the units they deploy. */
export namespace PipelinesRequest {
  export const method = 'serverlessDomains/pipelines';
  export const type = new RequestType0<PipelinesResult, void>(method);
}

/** Settings under `serverlessDomains.*`. */
export interface ServerSettings {
  /** Severity overrides per rule: off, hint, information, warning, error. */
  rules: Record<string, string>;
  /** Globs of files not to analyse, on top of the configuration file's. */
  exclude: string[];
  /** Milliseconds to wait after an edit before analysing. */
  debounce: number;
  /** Files larger than this many bytes are skipped. */
  maxFileSize: number;
  /**
   * How diagnostics reach the client: `push` (publishDiagnostics), `pull` (the client asks), or
   * `auto` (pull only for a client that declares pull and refresh support and re-pulls its open
   * documents on refresh). Read when the server starts.
   */
  diagnosticMode: DiagnosticMode;
  /** `serverlessDomains.baseline.known`: findings the baseline file holds are shown as hints (`hint`) or not at all (`hide`). */
  baselineKnown: 'hint' | 'hide';
}

export type DiagnosticMode = 'auto' | 'push' | 'pull';

export const DEFAULT_SETTINGS: ServerSettings = { rules: {}, exclude: [], debounce: 150, maxFileSize: 1_000_000, diagnosticMode: 'auto', baselineKnown: 'hint' };

/**
 * The `initializationOptions` of `initialize`: the settings (or an object whose
 * `serverlessDomains` holds them, as Helix sends its `config`), and from the VS Code extension
 * `extension: "vscode"`, so that the server sends lenses with the commands only it knows.
 */
export interface InitializationOptions extends Partial<ServerSettings> {
  extension?: 'vscode';
}

/** The command of the lenses sent to clients other than the VS Code extension: it shows the lens's domain. */
export const DESCRIBE_DOMAIN_COMMAND = 'serverlessDomains.describeDomain';

/**
 * Writes each folder's baseline file (`.serverless-domains-baseline.json`) from its current
 * findings; arguments: none (every folder) or a folder's URI. Returns the files written. Offered
 * to editors other than VS Code; the extension's command "Serverless Domains: Write Baseline"
 * sends it.
 */
export const WRITE_BASELINE_COMMAND = 'serverlessDomains.writeBaseline';
