/** Small formatting and escaping helpers shared by the Markdown and HTML renderers. */
import type { Band } from '../core/model.js';

/** Escapes text for HTML element content and attribute values (double- or single-quoted). */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Escapes scenario text for Markdown: one line, no table-breaking pipes, and no raw HTML (a renderer that
 * passes HTML through would otherwise run a `<script>` in a title).
 */
export function mdText(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/([*_`[\]])/g, '\\$1');
}

/** A Markdown table; `right` lists the column indexes to right-align. Cells must already be escaped. */
export function mdTable(head: readonly string[], rows: readonly (readonly string[])[], right: ReadonlySet<number> = new Set()): string[] {
  const sep = head.map((_, i) => (right.has(i) ? '---:' : '---'));
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(sep), ...rows.map(line)];
}

/** A number with an explicit sign and at most one decimal: +12, -3.5, 0. Uses a true minus sign. */
export function signed(x: number): string {
  const r = Math.round(x * 10) / 10;
  if (r === 0) return '0';
  return `${r > 0 ? '+' : '−'}${Math.abs(r)}`;
}

/** A relation score: at most one decimal, minus sign. */
export function num(x: number): string {
  const r = Math.round(x * 10) / 10;
  return r < 0 ? `−${Math.abs(r)}` : String(Object.is(r, -0) ? 0 : r);
}

export function pct(p: number): string {
  return `${Math.round(p * 100)} %`;
}

export function score3(x: number | null): string {
  return x === null ? 'n/a' : x.toFixed(3);
}

export function bandFor(bands: readonly Band[], value: number): Band {
  let band = bands[0]!;
  for (const b of bands) if (value >= b.from) band = b;
  return band;
}

export function arrow(from: string, to: string): string {
  return `${from} → ${to}`;
}

/** Sparkline of values with the eight block characters (for Markdown and plain text). */
export function sparkline(values: readonly number[], lo = -100, hi = 100): string {
  const blocks = '▁▂▃▄▅▆▇█';
  return values
    .map((v) => {
      const t = (Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo);
      return blocks[Math.min(7, Math.floor(t * 8))]!;
    })
    .join('');
}

export const ORIGIN_TEXT: Readonly<Record<string, string>> = {
  timeline: 'timeline',
  followup: 'follow-up',
  reaction: 'reaction',
  inject: 'teacher inject',
};

/** The URL when it is a plain http(s) address, else undefined (no `javascript:` or `data:` links in handouts). */
export function safeUrl(url: string | undefined): string | undefined {
  return url !== undefined && /^https?:\/\/[^\s<>"']+$/i.test(url) ? url : undefined;
}
