// Terraform in the corpus tools: which findings are Terraform's, and the figures
// `npm run test:corpus` prints for them (units, `.tf` files, findings by rule, fixes verified).

import type { AnalysisResult, Finding, Workspace } from '../../server/src/engine';

/** At least this many Terraform units over the corpus (it holds about 1,200 `.tf` files): fewer is a regression. */
export const MIN_TERRAFORM_UNITS = 100;

const TF = /\.tf$/;

/** Whether a path is a Terraform file the engine reads with the HCL parser. */
export function isTfPath(p: string): boolean {
  return TF.test(p);
}

/** The files of the Terraform units of an analysis (with every `.tf` file of the workspace). */
export function terraformFiles(ws: Workspace, a: AnalysisResult): Set<string> {
  const out = new Set(ws.paths().filter(isTfPath));
  for (const u of a.units) if (u.kind === 'terraform') for (const f of u.files) out.add(f);
  return out;
}

/** A Terraform finding: one that stands in a `.tf` file or a file of a Terraform unit. */
export function isTerraformFinding(f: Finding, tfFiles: ReadonlySet<string>): boolean {
  return tfFiles.has(f.loc.file) || isTfPath(f.loc.file);
}

export class TerraformFigures {
  units = 0;
  /** `.tf` files read, and those the analysis parsed with the HCL parser. */
  files = 0;
  parsedAsHcl = 0;
  findingsByRule: Record<string, number> = {};
  fixesVerified = 0;
  reposWithUnits = new Set<string>();

  add(repo: string, ws: Workspace, a: AnalysisResult): void {
    const tf = terraformFiles(ws, a);
    const units = a.units.filter((u) => u.kind === 'terraform').length;
    this.units += units;
    if (units) this.reposWithUnits.add(repo);
    for (const p of ws.paths()) {
      if (!isTfPath(p)) continue;
      this.files++;
      if (ws.hclOf(p)) this.parsedAsHcl++;
    }
    for (const f of a.findings) if (isTerraformFinding(f, tf)) this.findingsByRule[f.rule] = (this.findingsByRule[f.rule] ?? 0) + 1;
  }

  /** The problems: too few units (the HCL parser did not load, or Terraform units went missing). */
  problems(): string[] {
    const out: string[] = [];
    if (this.units < MIN_TERRAFORM_UNITS) out.push(`FAIL terraform: ${this.units} Terraform units over the corpus, fewer than ${MIN_TERRAFORM_UNITS}`);
    if (this.parsedAsHcl < this.files) out.push(`FAIL terraform: ${this.files - this.parsedAsHcl} of ${this.files} .tf files not parsed with the HCL parser`);
    return out;
  }

  lines(): string[] {
    const total = Object.values(this.findingsByRule).reduce((n, x) => n + x, 0);
    const byRule = Object.fromEntries(Object.entries(this.findingsByRule).sort((a, b) => b[1] - a[1]));
    return [
      `terraform: ${this.units} units in ${this.reposWithUnits.size} repositories, ${this.files} .tf files (${this.parsedAsHcl} parsed with the HCL parser)`,
      `terraform findings by rule (${total}): ${JSON.stringify(byRule)}`,
      `terraform fixes: ${this.fixesVerified} applied to .tf files and verified`,
    ];
  }
}
