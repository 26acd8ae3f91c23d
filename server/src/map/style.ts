// The domain map's look: one table of edge kinds (colour, dash, width, legend text) from which the
// edges' CSS and the legend are both generated, and the CSS of nodes. Colours are CSS classes
// reading the editor theme's variables (`var(--vscode-..., fallback)`), so the webview follows
// light, dark and high-contrast themes; the fallbacks make the standalone SVG readable in light
// and, through `prefers-color-scheme`, dark.

export type EdgeKind = 'trigger' | 'contract' | 'hardcoded' | 'nested' | 'cycle' | 'codedeploy';

export interface EdgeStyle {
  kind: EdgeKind;
  /** The theme variable and the light and dark fallbacks. */
  colour: { theme: string; light: string; dark: string };
  /** `stroke-dasharray`; distinct for every kind, so colour is never the only clue. */
  dash: string;
  width: number;
  legend: string;
}

export const EDGE_STYLES: readonly EdgeStyle[] = [
  { kind: 'trigger', colour: { theme: '--vscode-charts-orange', light: '#c4610a', dark: '#f0a050' }, dash: '10 4', width: 2.5, legend: 'trigger crossing units' },
  { kind: 'contract', colour: { theme: '--vscode-charts-blue', light: '#1f6feb', dark: '#58a6ff' }, dash: 'none', width: 1.6, legend: 'explicit contract (export, output, SSM)' },
  { kind: 'hardcoded', colour: { theme: '--vscode-charts-purple', light: '#8250df', dark: '#c297ff' }, dash: '2 3', width: 2, legend: 'hard-coded reference' },
  { kind: 'nested', colour: { theme: '--vscode-descriptionForeground', light: '#6e7781', dark: '#9198a1' }, dash: '12 3 2 3', width: 1.6, legend: 'nested stack' },
  { kind: 'cycle', colour: { theme: '--vscode-charts-red', light: '#cf222e', dark: '#ff7b72' }, dash: '6 2 1 2', width: 3, legend: 'deploy cycle' },
  { kind: 'codedeploy', colour: { theme: '--vscode-charts-green', light: '#1a7f37', dark: '#56d364' }, dash: '5 5', width: 2, legend: 'code-only deploy (pipeline → function)' },
];

export const EDGE_STYLE: Record<EdgeKind, EdgeStyle> = Object.fromEntries(EDGE_STYLES.map((s) => [s.kind, s])) as Record<EdgeKind, EdgeStyle>;

/** Theme variables the nodes use: [own name, theme variable, light fallback, dark fallback]. */
const VARS: Array<[string, string, string, string]> = [
  ['fg', '--vscode-editor-foreground', '#1f2328', '#e6edf3'],
  ['muted', '--vscode-descriptionForeground', '#59636e', '#9198a1'],
  ['bg', '--vscode-editor-background', '#ffffff', '#0d1117'],
  ['unit-bg', '--vscode-sideBar-background', '#f6f8fa', '#161b22'],
  ['unit-border', '--vscode-contrastBorder, var(--vscode-panel-border', '#8c959f', '#6e7681'],
  ['domain-bg', '--vscode-editorWidget-background', '#ffffff', '#21262d'],
  ['domain-border', '--vscode-focusBorder', '#0969da', '#4493f8'],
  ['group-bg', '--vscode-editorWidget-background', '#eef1f4', '#1c2128'],
  ['warn', '--vscode-editorWarning-foreground', '#9a6700', '#d29922'],
  ['error', '--vscode-editorError-foreground', '#cf222e', '#ff7b72'],
];

function themeVar(theme: string, fallback: string): string {
  // `--a, var(--b` names a chain of theme variables: close every `var(`.
  const opened = (theme.match(/var\(/g) ?? []).length;
  return `var(${theme}, ${fallback})${')'.repeat(opened)}`;
}

function declarations(mode: 'light' | 'dark'): string {
  const own = VARS.map(([name, theme, light, dark]) => `--sd-${name}: ${themeVar(theme, mode === 'light' ? light : dark)};`);
  const edges = EDGE_STYLES.map((s) => `--sd-e-${s.kind}: ${themeVar(s.colour.theme, mode === 'light' ? s.colour.light : s.colour.dark)};`);
  return [...own, ...edges].join(' ');
}

/** The map's CSS: the webview's page includes it; the standalone SVG embeds it. */
export function mapCss(): string {
  const edges = EDGE_STYLES.map((s) => `.sd-map .e-${s.kind} { stroke: var(--sd-e-${s.kind}); stroke-dasharray: ${s.dash}; stroke-width: ${s.width}; } .sd-map .m-${s.kind} { fill: var(--sd-e-${s.kind}); }`);
  return [
    `.sd-map { ${declarations('light')} font-family: var(--vscode-font-family, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif); font-size: 12px; }`,
    `@media (prefers-color-scheme: dark) { .sd-map { ${declarations('dark')} } }`,
    '.sd-map .sd-bg { fill: var(--sd-bg); }',
    '.sd-map text { fill: var(--sd-fg); }',
    '.sd-map .muted, .sd-map .unit-kind { fill: var(--sd-muted); font-size: 11px; }',
    '.sd-map .unit > rect { fill: var(--sd-unit-bg); stroke: var(--sd-unit-border); stroke-width: 1; }',
    '.sd-map .unit.cycle > rect { stroke: var(--sd-e-cycle); stroke-width: 2.5; }',
    '.sd-map .unit-label { font-weight: 600; }',
    '.sd-map .domain > rect { fill: var(--sd-domain-bg); stroke: var(--sd-domain-border); stroke-width: 1.2; }',
    '.sd-map .domain.split > rect { stroke: var(--sd-e-trigger); stroke-width: 2; stroke-dasharray: 5 3; }',
    '.sd-map .domain.placeholder > rect { stroke: var(--sd-warn); stroke-dasharray: 2 2; }',
    '.sd-map .domain .size { fill: var(--sd-muted); }',
    '.sd-map .findings { fill: var(--sd-warn); }',
    '.sd-map .group > rect { fill: var(--sd-group-bg); stroke: var(--sd-unit-border); stroke-width: 1.5; stroke-dasharray: 8 3; }',
    '.sd-map .group-label { font-weight: 600; }',
    '.sd-map .pipeline-chip > rect { fill: var(--sd-bg); stroke: var(--sd-e-codedeploy); stroke-width: 1.5; }',
    '.sd-map .pipeline > rect { fill: none; stroke: var(--sd-muted); stroke-dasharray: 6 3; stroke-width: 1.5; }',
    '.sd-map .pipeline-label { fill: var(--sd-muted); font-size: 11px; }',
    '.sd-map .edge { fill: none; }',
    '.sd-map .edge.e-cycle { stroke-dasharray: 6 2 1 2; }',
    '.sd-map .legend > rect { fill: var(--sd-bg); stroke: var(--sd-unit-border); }',
    '.sd-map [data-loc]:not([data-loc=""]) { cursor: pointer; }',
    '.sd-map g[data-node]:focus > rect, .sd-map g[data-node]:hover > rect { stroke-width: 3; }',
    ...edges,
  ].join('\n');
}
