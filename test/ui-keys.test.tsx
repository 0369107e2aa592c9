import { describe, expect, it } from 'vitest';
import type { Key } from 'ink';
import { BINDINGS, bindingFor, bindingsIn, commandFor, keysLabel, statusKeys, type Mode } from '../src/ui/keys.js';
import { keyNames } from '../src/ui/key-names.js';
import { helpLines, helpRows } from '../src/ui/components/HelpScreen.js';
import { lineText } from '../src/ui/components/Line.js';

const none: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

const MODES: Mode[] = ['main', 'decision', 'why', 'assumptions', 'branches', 'compare', 'predictions', 'roles', 'help', 'prompt', 'confirm'];

describe('key names', () => {
  it('splits a burst of keypresses into one name per character', () => {
    expect(keyNames('     ', none)).toEqual(['space', 'space', 'space', 'space', 'space']);
    expect(keyNames('jjk', none)).toEqual(['j', 'j', 'k']);
    expect(keyNames('1\r', none)).toEqual(['1', 'return']);
    expect(keyNames('ab\x7fc', none)).toEqual(['a', 'b', 'backspace', 'c']);
    expect(keyNames('G?', { ...none, shift: true })).toEqual(['G', '?']);
    // Ctrl-U then pasted text, in one chunk: the control key, then every character in order.
    expect(keyNames('\x152024-12-31\r', none)).toEqual(['ctrl+u', ...'2024-12-31'.split(''), 'return']);
  });

  it('names special keys from ink’s flags', () => {
    expect(keyNames('', { ...none, rightArrow: true })).toEqual(['right']);
    expect(keyNames('', { ...none, upArrow: true })).toEqual(['up']);
    expect(keyNames('', { ...none, return: true })).toEqual(['return']);
    expect(keyNames('', { ...none, escape: true, meta: true })).toEqual(['escape']);
    expect(keyNames('', { ...none, delete: true })).toEqual(['backspace']);
    expect(keyNames('', { ...none, tab: true })).toEqual(['tab']);
    expect(keyNames('c', { ...none, ctrl: true })).toEqual(['ctrl+c']);
    expect(keyNames('', { ...none, pageDown: true })).toEqual(['pagedown']);
    expect(keyNames('g', { ...none, meta: true })).toEqual(['escape', 'g']); // Esc then g, sent together
  });
});

describe('the binding table', () => {
  it('binds arrows and vim keys alike for stepping and moving', () => {
    for (const k of ['right', 'l', 'space']) expect(commandFor('main', k)).toBe('next');
    for (const k of ['left', 'h', 'backspace']) expect(commandFor('main', k)).toBe('back');
    for (const k of ['up', 'k']) expect(commandFor('why', k)).toBe('up');
    for (const k of ['down', 'j']) expect(commandFor('assumptions', k)).toBe('down');
    expect(commandFor('main', 'G')).toBe('end');
    expect(commandFor('main', 'g')).toBe('start');
  });

  it('gives the same key different meanings by mode, the specific row winning', () => {
    expect(commandFor('main', 'l')).toBe('next');
    expect(commandFor('why', 'l')).toBe('right');
    expect(commandFor('assumptions', 'l')).toBe('right');
    expect(commandFor('decision', 'return')).toBe('activate');
    expect(commandFor('branches', 'return')).toBe('activate');
    expect(commandFor('roles', 'space')).toBe('toggle');
    expect(commandFor('confirm', 's')).toBe('save');
    expect(commandFor('confirm', 'q')).toBeUndefined();
    expect(commandFor('prompt', 'q')).toBeUndefined(); // typed, not a command
    expect(commandFor('prompt', 'ctrl+c')).toBe('interrupt');
    expect(commandFor('decision', '3')).toBe('pick');
    expect(commandFor('why', '3')).toBeUndefined();
  });

  it('opens every screen from every screen, and q and ? work everywhere but while typing', () => {
    for (const mode of MODES.filter((m) => m !== 'prompt' && m !== 'confirm')) {
      expect(commandFor(mode, 'q')).toBe('quit');
      expect(commandFor(mode, '?')).toBe('help');
      expect(commandFor(mode, 'w')).toBe('why');
      expect(commandFor(mode, 'a')).toBe('assumptions');
      expect(commandFor(mode, 'b')).toBe('branches');
      expect(commandFor(mode, 'p')).toBe('predictions');
      expect(commandFor(mode, 'R')).toBe('roles');
    }
  });

  it('has a description for every row and no row that no key can reach in any of its modes', () => {
    for (const b of BINDINGS) {
      expect(b.description.length).toBeGreaterThan(5);
      const modes = Array.isArray(b.modes) ? b.modes : MODES;
      expect(modes.some((m) => b.keys.some((k) => bindingFor(m, k) === b)), `${b.command} ${b.keys.join(',')}`).toBe(true);
    }
  });

  it('shows in the status line the keys that matter in each mode', () => {
    const main = statusKeys('main').map((k) => `${k.key} ${k.label}`);
    expect(main).toEqual(expect.arrayContaining(['→ next', '← back', 'G to end', '1-9 choose', 'r engine', '? help', 'q quit']));
    expect(statusKeys('decision').map((k) => k.label)).toEqual(expect.arrayContaining(['highlight', 'take', 'choose']));
    // With what holds at the cursor, only the keys that matter there.
    const start = statusKeys('main', new Set(['forward'])).map((k) => k.label);
    expect(start).toEqual(expect.arrayContaining(['next', 'to end', 'date']));
    expect(start).not.toEqual(expect.arrayContaining(['back']));
    expect(start.filter((l) => ['back', 'choose', 'engine'].includes(l))).toEqual([]);
    const taken = statusKeys('main', new Set(['back', 'decision'])).map((k) => k.label);
    expect(taken).toEqual(expect.arrayContaining(['back', 'choose']));
    expect(taken.filter((l) => ['next', 'to end', 'engine'].includes(l))).toEqual([]);
    expect(statusKeys('assumptions').map((k) => `${k.key} ${k.label}`)).toEqual(expect.arrayContaining(['→ raise', '← lower', 'tab preset']));
    expect(statusKeys('why').map((k) => `${k.key} ${k.label}`)).toContain('↑↓←→ pick a cell');
  });

  it('generates the help from the table: every row appears with its keys', () => {
    const text = helpLines(100).map(lineText).join('\n');
    for (const b of BINDINGS) expect(text).toContain(b.description.split(' ').slice(0, 3).join(' '));
    expect(text).toContain(keysLabel(['right', 'l', 'space']));
    expect(text).toContain('1-9');
    const sections = helpRows().map((s) => s.title);
    expect(sections).toEqual(expect.arrayContaining(['Main view', 'At a decision', 'Why', 'Assumptions', 'On every screen']));
    // A row shared by two modes is listed once.
    const all = helpRows().flatMap((s) => s.rows.map((r) => `${r.keys}|${r.description}`));
    expect(new Set(all).size).toBe(all.length);
    expect(bindingsIn('main').length).toBeGreaterThan(10);
  });
});
