// A small well-formedness check for the SVG the map writes: tags balance, attributes are quoted,
// entities are known (no XML parser among the dependencies, and the map writes a simple subset).

export function wellFormed(xml: string): string | undefined {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const re = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|<!--[\s\S]*?-->|&(#\d+|#x[0-9a-f]+|amp|lt|gt|quot|apos);|([<&])/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body))) {
    if (m[6]) return `stray "${m[6]}" at ${m.index}: ${body.slice(m.index, m.index + 60)}`;
    if (!m[2]) continue;
    if (m[1]) {
      const open = stack.pop();
      if (open !== m[2]) return `</${m[2]}> closes <${open}> at ${m.index}`;
    } else if (!m[4]) stack.push(m[2]);
  }
  return stack.length ? `unclosed <${stack.join('>, <')}>` : undefined;
}
