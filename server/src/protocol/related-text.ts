// How a related location is labelled in words, for every face (LSP related information, the
// command line's text): by its workspace-relative path, line and column. Editors show a related
// location by its file's base name (`serverless.yml(19, 5)`), which names nothing in an estate
// where every service has a `serverless.yml`.

/**
 * `app/serverless.yml:19:5: OrdersQueue is defined here` (1-based). A message that names the same
 * file (`... here in app/serverless.yml`, `..., in app/serverless.yml`, `... in a/tables.yml,
 * included by a/serverless.yml`) loses those words, which the label now says.
 */
export function relatedText(file: string, start: { line: number; character: number }, message: string): string {
  const named = `,? in ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=$|, )`;
  const text = message.replace(new RegExp(named), '');
  return `${file}:${start.line + 1}:${start.character + 1}: ${text}`;
}
