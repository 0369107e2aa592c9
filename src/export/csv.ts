/**
 * CSV and JSON Lines writing shared by every command that prints tables (`run`, `mc`, `explain`, `sweep`,
 * `network`): RFC 4180 quoting, `\n` line ends, one header row. A cell that a spreadsheet would read as a
 * formula (starting with = + - @ and not a number) is prefixed with a quote, so scenario text stays text.
 */
export type Cell = string | number | boolean | null | undefined;

export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s) && !/^[+-]?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A header row and the rows, as CSV text ending in a newline. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return csvLines([header, ...rows]);
}

/** Rows as CSV lines, each ending in a newline (toCsv without the header; for output written in parts). */
export function csvLines(rows: readonly (readonly Cell[])[]): string {
  return rows.length ? rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n' : '';
}

/** Objects as JSON Lines: one compact JSON object per line. */
export function toJsonl(records: readonly object[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + (records.length ? '\n' : '');
}
