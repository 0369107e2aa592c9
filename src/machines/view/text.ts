/** Small text helpers for fixed-width terminal layout (the UI's strings are single-width characters). */
import { escapeControls } from '../../core/text.js';
import { percentOf, rounded } from './numbers.js';

/**
 * What a terminal line may show of any text: control characters and bidirectional overrides as visible
 * `\uXXXX` escapes. The UI's one output edge (ui/components/Line.tsx): a session file's branch names, a path
 * or an error message can hold anything, and the terminal must never act on it.
 */
export const visible = escapeControls;

export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text;
  return width === 1 ? '…' : `${text.slice(0, width - 1)}…`;
}

export function padEnd(text: string, width: number): string {
  return truncate(text, width).padEnd(width);
}

export function padStart(text: string, width: number): string {
  return truncate(text, width).padStart(width);
}

/** Signed number under the UI's rounding rule (numbers.ts): +5, −3 (a real minus sign reads better), 0. */
export function signed(x: number, digits = 0): string {
  const r = rounded(x, digits);
  if (r === 0) return digits ? (0).toFixed(digits) : '0';
  return `${r > 0 ? '+' : '−'}${Math.abs(r).toFixed(digits)}`;
}

export function whole(x: number): string {
  return String(rounded(x));
}

export function percent(p: number): string {
  return `${percentOf(p)}%`;
}

/** Words wrapped to `width`, at most `max` lines (the last one ends with … when text was cut). */
export function wrap(text: string, width: number, max = Infinity): string[] {
  if (width <= 0 || max <= 0) return [];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!line) line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
    while (line.length > width) {
      lines.push(line.slice(0, width));
      line = line.slice(width);
    }
  }
  if (line) lines.push(line);
  if (lines.length > max) {
    const kept = lines.slice(0, max);
    kept[max - 1] = truncate(`${kept[max - 1]!} ${lines[max]!}`, width - 1).replace(/…?$/, '…');
    return kept;
  }
  return lines;
}
