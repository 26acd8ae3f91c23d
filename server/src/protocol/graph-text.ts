// The domain graph as Mermaid or DOT text. Pure functions over plain data, shared by the
// command line (`graph --format mermaid|dot`) and the editor's "Export Graph".

export interface GraphText {
  units: Array<{ id: string; kind: string; stackName: string }>;
  domains: Array<{ name: string; units: string[]; functions: unknown[] }>;
  edges: Array<{ from: string; to: string; kind: string; inCycle: boolean }>;
  deployOrder: string[];
  /** The pipelines and the units each deploys (absent or empty: none known). */
  pipelines?: Array<{ id: string; kind: string; units: string[] }>;
}

const EDGE_STYLE: Record<string, { mermaid: string; dot: string }> = {
  trigger: { mermaid: '==>', dot: 'color="#d9534f", penwidth=2' },
  contract: { mermaid: '-->', dot: 'color="#337ab7"' },
  hardcoded: { mermaid: '-.->', dot: 'color="#f0ad4e", style=dashed' },
  nested: { mermaid: '-->', dot: 'color="#777777", style=dotted' },
};

function esc(s: string): string {
  return s.replace(/"/g, "'");
}

/** Edges once per (from, to, kind). */
function uniqueEdges(g: GraphText): GraphText['edges'] {
  const seen = new Set<string>();
  return g.edges.filter((e) => {
    const k = `${e.from}\u0000${e.to}\u0000${e.kind}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function graphMermaid(g: GraphText): string {
  const id = new Map(g.units.map((u, i) => [u.id, `u${i}`]));
  const out = ['flowchart LR'];
  g.units.forEach((u) => {
    out.push(`  subgraph ${id.get(u.id)}["${esc(u.id)} (${u.kind}, ${esc(u.stackName)})"]`);
    g.domains.forEach((d, j) => {
      if (d.units[0] === u.id) out.push(`    d${j}(["${esc(d.name)}: ${d.functions.length} fn"])`);
    });
    out.push('  end');
  });
  for (const e of uniqueEdges(g)) {
    const a = id.get(e.from);
    const b = id.get(e.to);
    if (!a || !b) continue;
    out.push(`  ${a} ${EDGE_STYLE[e.kind]?.mermaid ?? '-->'}|${e.inCycle ? 'cycle: ' : ''}${e.kind}| ${b}`);
  }
  (g.pipelines ?? []).forEach((p, i) => {
    out.push(`  p${i}[/"${esc(p.id)} (${p.kind})"/]`);
    for (const u of p.units) if (id.has(u)) out.push(`  p${i} -.->|deploys| ${id.get(u)}`);
  });
  if (g.deployOrder.length) out.push(`  %% deploy order: ${g.deployOrder.join(' -> ')}`);
  return out.join('\n') + '\n';
}

export function graphDot(g: GraphText): string {
  const id = new Map(g.units.map((u, i) => [u.id, `u${i}`]));
  const out = ['digraph serverless_domains {', '  rankdir=LR;', '  node [shape=box, fontname="Helvetica"];', '  compound=true;'];
  g.units.forEach((u) => {
    const uid = id.get(u.id)!;
    out.push(`  subgraph cluster_${uid} {`, `    label="${esc(u.id)}\\n${u.kind} · ${esc(u.stackName)}";`, `    ${uid} [label="${esc(u.id)}", shape=note];`);
    g.domains.forEach((d, j) => {
      if (d.units[0] === u.id) out.push(`    d${j} [label="${esc(d.name)}\\n${d.functions.length} function(s)", shape=ellipse];`);
    });
    out.push('  }');
  });
  for (const e of uniqueEdges(g)) {
    const a = id.get(e.from);
    const b = id.get(e.to);
    if (!a || !b) continue;
    out.push(`  ${a} -> ${b} [label="${e.inCycle ? 'cycle: ' : ''}${e.kind}", ${e.inCycle ? 'color="#d9534f", style=bold' : EDGE_STYLE[e.kind]?.dot ?? ''}];`);
  }
  (g.pipelines ?? []).forEach((p, i) => {
    out.push(`  p${i} [label="${esc(p.id)}\\n${p.kind} pipeline", shape=cds, color="#5cb85c"];`);
    for (const u of p.units) if (id.has(u)) out.push(`  p${i} -> ${id.get(u)} [label="deploys", color="#5cb85c", style=dashed];`);
  });
  out.push('}');
  return out.join('\n') + '\n';
}
