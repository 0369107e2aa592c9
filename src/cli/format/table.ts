/** Small layout helpers shared by the text and markdown reports. */
import { stripAnsi } from '../theme.js';

/** Pads to a visible width (escape sequences do not count). */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stripAnsi(text).length));
}

export function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - stripAnsi(text).length)) + text;
}

/** Aligns rows of cells into columns; `right` lists the columns to right-align. */
export function columns(rows: readonly (readonly string[])[], right: ReadonlySet<number> = new Set(), indent = '  '): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, stripAnsi(c).length)));
  return rows.map(
    (r) =>
      indent +
      r
        .map((c, i) => (i === r.length - 1 && !right.has(i) ? c : right.has(i) ? padStart(c, widths[i]!) : padEnd(c, widths[i]!)))
        .join('  '),
  );
}

/** A signed whole number: +62, -42, 0. */
export function signed(x: number): string {
  const r = Math.round(x);
  return r > 0 ? `+${r}` : r === 0 ? '0' : String(r);
}

/** A signed number with at most one decimal: +62, -0.4, 0. */
export function signed1(x: number): string {
  const r = Math.round(x * 10) / 10;
  return r > 0 ? `+${r}` : r === 0 ? '0' : String(r);
}

/** Escapes text for a markdown table cell. */
export function mdCell(text: string): string {
  // HTML is escaped too: a Markdown renderer that passes HTML through would run a `<script>` in a title.
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ');
}

export function mdTable(head: readonly string[], rows: readonly (readonly string[])[], right: ReadonlySet<number> = new Set()): string[] {
  const line = (cells: readonly string[]) => `| ${cells.map(mdCell).join(' | ')} |`;
  const rule = `|${head.map((_, i) => (right.has(i) ? '---:' : '---')).join('|')}|`;
  return [line(head), rule, ...rows.map(line)];
}
