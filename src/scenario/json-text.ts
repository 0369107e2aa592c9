/**
 * What run and session files share as JSON texts, apart from their schemas (json-document.ts): the keys refused
 * anywhere, and why a text is not JSON. No zod here, so code that only writes or recognises such files does
 * not load it. Pure (no `node:` import).
 */

/** Keys refused anywhere in a document (zod would silently drop them). */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Why a text is not JSON, in words of our own: JSON.parse's message quotes the text (raw bytes of a binary file,
 * a quote cut in half), so only the place is kept, as line and column.
 */
export function notJsonWhy(text: string, kind = 'run file'): string {
  // eslint-disable-next-line no-control-regex
  const binary = /[\u0000-\u0008\u000e-\u001f\ufffd]/.exec(text.slice(0, 4096));
  if (binary && text.trim().charAt(0) !== '{') return `is not a geosim ${kind}: it holds binary data, not JSON text`;
  const bad = 'is not valid JSON (corrupt or truncated?)';
  if (text.trim() === '') return `${bad}: it is empty`;
  let message = '';
  try {
    JSON.parse(text);
  } catch (err) {
    message = err instanceof Error ? err.message : '';
  }
  if (/end of JSON|Unterminated/i.test(message)) return `${bad}: it ends too early`;
  const m = /position (\d+)/.exec(message);
  if (!m) {
    return /^\s*[{[]/.test(text) ? bad : `is not a geosim ${kind}: it is not JSON`;
  }
  const before = text.slice(0, Number(m[1])).split('\n');
  return `${bad}: it breaks at line ${before.length}, column ${(before[before.length - 1] ?? '').length + 1}`;
}
