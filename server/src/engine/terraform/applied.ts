// Folders a script or pipeline file of the workspace applies with Terraform: such a folder is a
// root module even without a backend or provider block (a Makefile's `cd infra; terraform apply`,
// a deploy script beside its `main.tf`, `terraform -chdir=stacks/api apply`). Read as text,
// never run; a folder given by a variable (`-chdir=$DIR`, `pushd "${DIR}/..."`) is not followed.

import { dirname, joinPath, normalizePath } from '../paths';

const APPLY = /\bterraform\b(?:\s+-chdir=("[^"]*"|'[^']*'|\S+))?[^\n;&|]*?\s(?:apply|import)\b/g;
const CD = /(?:^|[;&|(\s])(?:cd|pushd)\s+("[^"]*"|'[^']*'|[^\s;&|)]+)/g;

/** The folders (workspace paths) the scripts apply, among those `isTerraformFolder` accepts. */
export function appliedFolders(scripts: Array<{ file: string; text: string }>, isTerraformFolder: (dir: string) => boolean): Set<string> {
  const out = new Set<string>();
  for (const { file, text } of scripts) {
    if (!/\bterraform\b/.test(text)) continue;
    // Workflows and CI files run from the repository root; scripts and Makefiles from their folder.
    const base = /(^|\/)\.(github|gitlab-ci|circleci)|(^|\/)(buildspec|azure-pipelines|bitbucket-pipelines)/.test(file) ? '' : dirname(file);
    const joined = text.replace(/\\\r?\n/g, ' ');
    for (const m of joined.matchAll(APPLY)) {
      const at = m.index ?? 0;
      const chdir = m[1] ? unquote(m[1]) : undefined;
      // The last `cd` before the command, on its line or earlier in the file.
      let cwd: string | undefined;
      for (const c of joined.slice(0, at).matchAll(CD)) cwd = unquote(c[1]);
      const parts = [cwd, chdir].filter((x): x is string => x !== undefined);
      if (parts.some((p) => /[$`*]/.test(p) || p.startsWith('/') || p.startsWith('~'))) continue;
      let dir: string | undefined = base;
      for (const p of parts) dir = dir === undefined ? undefined : normalizePath(joinPath(dir, p));
      if (dir !== undefined && isTerraformFolder(dir)) out.add(dir);
    }
  }
  return out;
}

function unquote(s: string): string {
  return s.replace(/^["']|["']$/g, '');
}
