// Workspace-relative paths with `/` separators. The engine never sees an absolute path.

export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i === -1 ? '' : p.slice(0, i);
}

export function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

export function joinPath(dir: string, rel: string): string {
  if (rel.startsWith('/')) return '\u0000' + rel; // absolute: never inside the workspace
  return dir ? dir + '/' + rel : rel;
}

/** Removes `.` and `..` segments; undefined when the path leaves the workspace root. */
export function normalizePath(p: string): string | undefined {
  if (p.startsWith('\u0000')) return undefined;
  const out: string[] = [];
  for (const seg of p.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(seg);
  }
  return out.join('/');
}

/** The path of `to` relative to the folder `fromDir`. */
export function relativePath(fromDir: string, to: string): string {
  const a = fromDir ? fromDir.split('/') : [];
  const b = to.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/') || '.';
}
