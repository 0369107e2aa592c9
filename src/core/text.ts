/** Characters that must never reach a terminal or a document raw, defined once for the loader and the outputs. */

/**
 * C0 controls except tab and line feed, DEL, C1 controls, and the bidirectional overrides and isolates: what a
 * terminal acts on (cursor moves, window titles) or what reorders text for a reader.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** The first such character of `text` as `U+XXXX`, or undefined. */
export function controlCharacter(text: string): string | undefined {
  CONTROL_CHARACTERS.lastIndex = 0;
  const m = CONTROL_CHARACTERS.exec(text);
  CONTROL_CHARACTERS.lastIndex = 0;
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}

/** `text` with every such character written as a visible `\uXXXX` escape (also valid inside JSON strings). */
export function escapeControls(text: string): string {
  return text.replace(CONTROL_CHARACTERS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
