/**
 * A screen taller than the terminal scrolls instead of cutting (issue 13, 80×24): the lines from the offset,
 * and a last line that says what is above and below and which keys scroll.
 */
import type { LineSpec } from './Line.js';

/** The largest useful offset of `count` lines in `height` rows (0 when everything fits). */
export function scrollMax(count: number, height: number): number {
  return count <= height ? 0 : count - Math.max(1, height - 1);
}

export function scrollWindow(lines: readonly LineSpec[], height: number, scroll: number, keys = '] or PgDn, [ or PgUp'): LineSpec[] {
  if (lines.length <= height) return [...lines];
  const room = Math.max(1, height - 1);
  const off = Math.max(0, Math.min(scroll, scrollMax(lines.length, height)));
  const below = lines.length - off - room;
  const where = [off ? `${off} line${off === 1 ? '' : 's'} above` : '', below > 0 ? `${below} more below` : ''].filter(Boolean).join(' · ');
  return [...lines.slice(off, off + room), [{ text: `  … ${where} (${keys})`, dim: true }]];
}
