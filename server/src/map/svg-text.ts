// Text in SVG: escaping for attributes and content, and an estimate of a label's width.

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function textWidth(s: string, charW = 6.8): number {
  return Math.ceil(s.length * charW);
}

export function ellipsis(s: string, max: number): string {
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}
