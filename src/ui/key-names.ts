/**
 * Key names: what ink hands over for a keypress, read as names ('l', 'G', 'up', 'space', 'ctrl+c'…), and how a
 * name is written on screen ('↑', 'enter', 'Ctrl-C').
 */
import type { Key } from 'ink';

const KEY_LABEL: Record<string, string> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  space: 'space',
  return: 'enter',
  escape: 'esc',
  backspace: 'bksp',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  'ctrl+c': 'Ctrl-C',
};

export function keyLabel(key: string): string {
  return KEY_LABEL[key] ?? (key.startsWith('ctrl+') ? `Ctrl-${key.slice(5).toUpperCase()}` : key);
}

const NAMED: Record<string, string> = {
  ' ': 'space',
  '\r': 'return',
  '\n': 'return',
  '\t': 'tab',
  '\x7f': 'backspace',
  '\b': 'backspace',
  '\x03': 'ctrl+c',
  '\x1b': 'escape',
};

/**
 * The key names in one chunk of input. Ink hands a burst of fast keypresses over as one string (five quick
 * spaces arrive as "     "), so every character counts; escape sequences (arrows…) come one per chunk.
 */
export function keyNames(input: string, key: Key): string[] {
  if (key.upArrow) return ['up'];
  if (key.downArrow) return ['down'];
  if (key.leftArrow) return ['left'];
  if (key.rightArrow) return ['right'];
  if (key.pageUp) return ['pageup'];
  if (key.pageDown) return ['pagedown'];
  if (key.home) return ['home'];
  if (key.end) return ['end'];
  if (key.escape && input === '') return ['escape'];
  if (key.return && input === '') return ['return'];
  if (key.tab && input === '') return ['tab'];
  if ((key.backspace || key.delete) && input === '') return ['backspace'];
  if (key.ctrl && input.length === 1) return [`ctrl+${input}`];
  const out: string[] = [];
  // Esc followed at once by a key arrives as one Alt-key sequence ("\x1bg"); no binding uses Alt, so read it
  // as what was typed: Esc, then the key.
  if (key.meta && input.length === 1 && input >= ' ') out.push('escape');
  for (const ch of input) {
    const named = NAMED[ch];
    if (named) out.push(named);
    else if (ch >= ' ') out.push(ch);
    // A control character inside a chunk (Ctrl-U then pasted text): ink names only a lone one.
    else if (ch >= '\x01' && ch <= '\x1a') out.push(`ctrl+${String.fromCharCode(ch.charCodeAt(0) + 96)}`);
  }
  return out;
}
