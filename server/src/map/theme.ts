// The drawing's styles and legend, shared by the webview and `graph --format html`: the theme's
// colours (VS Code's variables, with fallbacks for the standalone page) for nodes and edges.

import { pipelineCss } from './pipelines';

export const DRAWING_CSS = `
.legend i { display: inline-block; width: 22px; height: 0; border-top: 2px solid; vertical-align: middle; margin-right: 4px; }
.legend .l-trigger { border-color: var(--vscode-charts-red, #d9534f); } .legend .l-contract { border-color: var(--vscode-charts-blue, #337ab7); }
.legend .l-hardcoded { border-top-style: dashed; border-color: var(--vscode-charts-orange, #f0ad4e); } .legend .l-nested { border-top-style: dotted; border-color: var(--vscode-descriptionForeground, #777); }
.unit rect { fill: var(--vscode-sideBar-background, transparent); stroke: var(--vscode-panel-border, #888); }
.unit.cycle rect { stroke: var(--vscode-charts-red, #d9534f); stroke-width: 2; }
.unit-label { fill: var(--vscode-editor-foreground, CanvasText); font-weight: 600; } .unit-kind, .empty { fill: var(--vscode-descriptionForeground, GrayText); font-size: 11px; }
.domain rect { fill: var(--vscode-button-secondaryBackground, #444); stroke: var(--vscode-focusBorder, #0078d4); }
.domain text { fill: var(--vscode-button-secondaryForeground, #fff); }
.domain.split rect { stroke: var(--vscode-charts-orange, #f0ad4e); stroke-width: 2; stroke-dasharray: 5 3; }
.domain.placeholder rect { stroke: var(--vscode-charts-yellow, #e5c07b); }
.edge { fill: none; stroke-width: 1.5; } .arrow { fill: var(--vscode-editor-foreground, CanvasText); }
.e-trigger { stroke: var(--vscode-charts-red, #d9534f); stroke-width: 2.5; }
.e-contract { stroke: var(--vscode-charts-blue, #337ab7); }
.e-hardcoded { stroke: var(--vscode-charts-orange, #f0ad4e); stroke-dasharray: 6 4; }
.e-nested { stroke: var(--vscode-descriptionForeground, #777); stroke-dasharray: 2 3; }
.e-cycle { stroke: var(--vscode-charts-red, #d9534f); stroke-width: 3; }
[data-loc]:not([data-loc=""]) { cursor: pointer; } g[data-node]:hover rect { stroke-width: 3; }
${pipelineCss()}
`;

export const LEGEND_HTML =
  '<div class="legend"><span><i class="l-trigger"></i>trigger crossing units</span><span><i class="l-contract"></i>explicit contract</span><span><i class="l-hardcoded"></i>hard-coded reference</span><span><i class="l-nested"></i>nested stack</span><span>red box: deploy cycle · dashed domain: split</span></div>';
