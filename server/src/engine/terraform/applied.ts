// Folders a script or pipeline file of the workspace applies with Terraform: such a folder is a
// root module even without a backend or provider block (a Makefile's `cd infra; terraform apply`,
// a deploy script beside its `main.tf`, `terraform -chdir=stacks/api apply`). The commands are the
// pipeline readers' (`shellDeploys`): read as text, never run; a folder given by a variable is not
// followed.

import { dirname, joinPath, normalizePath } from '../paths';
import { shellDeploys } from '../pipeline/shell-deploys';

/** The folders (workspace paths) the scripts apply, among those `isTerraformFolder` accepts. */
export function appliedFolders(scripts: Array<{ file: string; text: string }>, isTerraformFolder: (dir: string) => boolean): Set<string> {
  const out = new Set<string>();
  for (const { file, text } of scripts) {
    if (!/\bterraform\b/.test(text)) continue;
    // Workflows and CI files run from the repository root; scripts and Makefiles from their folder.
    const base = /(^|\/)\.(github|gitlab-ci|circleci)|(^|\/)(buildspec|azure-pipelines|bitbucket-pipelines)/.test(file) ? '' : dirname(file);
    // A shell script runs top to bottom; each Makefile recipe line is a shell of its own.
    const straightLine = !/(^|\/)(Makefile|[^/]*\.mk)$/.test(file);
    for (const d of shellDeploys(file, text, { straightLine })) {
      if (d.tool !== 'terraform apply' || d.dir === undefined) continue;
      const dir = normalizePath(joinPath(base, d.dir));
      if (dir !== undefined && isTerraformFolder(dir)) out.add(dir);
    }
  }
  return out;
}
