/**
 * The output edge: everything geosim writes to a terminal or a file passes through `cleanText`, and every error
 * line through `messageLine`. Control characters (C0 but tab and newline, DEL, C1) and the bidirectional
 * overrides are written as visible `\uXXXX` escapes, so no scenario, run file or argument can move the cursor,
 * retitle the window or reorder what a reader sees. (The escape is also valid inside JSON strings, so JSON output
 * stays parseable.) Our own colours (SGR sequences, `ESC [ … m`) pass only when colour is on.
 */

import { CONTROL_CHARACTERS as CONTROL, escapeControls } from '../core/text.js';

/** The same, plus SGR colour sequences, which are kept when colour is on. */
const CONTROL_OR_SGR = new RegExp(`\u001b\\[[0-9;]*m|${CONTROL.source}`, 'g');
/** Longest error line printed (an echoed value can be anything: a 100 KB line helps nobody). */
export const MAX_MESSAGE = 600;

/** `text` with every control character written as a visible escape; with `keepColor`, SGR sequences kept. */
export function cleanText(text: string, keepColor = false): string {
  if (keepColor) return text.replace(CONTROL_OR_SGR, (m) => (m.length > 1 ? m : escapeControls(m)));
  return escapeControls(text);
}

/** `value` cut to `max` characters (with an ellipsis), for echoing what the user or a file wrote. */
export function cut(value: string, max = 80): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

/** An error message as one clean line of at most MAX_MESSAGE characters. */
export function messageLine(text: string): string {
  return cut(cleanText(text.replace(/\s*[\r\n]+\s*/g, ' ').trim()), MAX_MESSAGE);
}
