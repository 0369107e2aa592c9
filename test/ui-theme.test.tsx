/**
 * Colour is the UI's own decision (issue 13): with colour off no frame holds a colour code, yet bold and the
 * inverse cursor stay; the projector theme paints a light background with dark, high-contrast colours and no
 * dimmed text; T switches theme in the UI.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

// Ink's chalk decides at load whether to write escape codes at all (not in a pipe, as here): let it, so that
// what the theme passes (or not) is what the frames show. Hoisted above the imports that load ink.
vi.hoisted(() => {
  process.env.FORCE_COLOR = '1';
});
import { flagship } from './helpers/scenarios.js';
import { mount, tick, type Harness } from './helpers/ui.js';
import { makeTheme } from '../src/ui/theme.js';
import { themeFromEnv } from '../src/ui/color.js';
import { ensureBuilt, geosim } from './cli-helpers.js';

let h: Harness | undefined;
afterEach(() => {
  h?.unmount();
  h = undefined;
});

const ESC = String.fromCharCode(27);
/** Every SGR parameter list in a frame. */
function sgr(frame: string): number[][] {
  return [...frame.matchAll(new RegExp(`${ESC}\\[([0-9;]*)m`, 'g'))].map((m) => m[1]!.split(';').map(Number));
}
const isFg = (c: number, i: number, codes: number[]) => (c >= 30 && c <= 37) || (c >= 90 && c <= 97) || (c === 38 && codes[i + 1] !== undefined);
const isBg = (c: number, i: number, codes: number[]) => (c >= 40 && c <= 47) || (c >= 100 && c <= 107) || (c === 48 && codes[i + 1] !== undefined);
const has = (frame: string, test: (c: number, i: number, codes: number[]) => boolean) => sgr(frame).some((codes) => codes.some((c, i) => test(c, i, codes)));

/** The screens a class sees, opened from the main view (each key toggles its screen on and off). */
const SCREENS = ['', 'w', 'a', 'b', 'p', 'R', 'i', '?'];

describe('colour off (--no-color, NO_COLOR)', () => {
  it('no frame of any screen sets a colour, but bold and the inverse cursor stay', async () => {
    h = mount(flagship(), { columns: 100, rows: 30, color: false, roles: ['KOR'] });
    await h.press(' ', ' ', ' ');
    for (const key of SCREENS) {
      const f = key ? await h.press(key) : h.frame();
      expect(has(f, isFg), `screen ${key || 'main'}`).toBe(false);
      expect(has(f, isBg), `screen ${key || 'main'}`).toBe(false);
      if (key) await h.press(key === '?' ? '?' : key);
    }
    const f = await h.press('w');
    expect(has(f, (c) => c === 7), 'the why cursor (inverse)').toBe(true);
    expect(has(f, (c) => c === 1), 'bold').toBe(true);
  });
});

describe('the projector theme', () => {
  it('paints a light background with black text, uses no dimmed text and no yellow or cyan, on every screen', async () => {
    h = mount(flagship(), { columns: 100, rows: 30, color: true, theme: 'projector', roles: ['KOR'] });
    await h.press(' ', ' ', ' ');
    for (const key of SCREENS) {
      const f = key ? await h.press(key) : h.frame();
      const what = `screen ${key || 'main'}`;
      expect(has(f, (c) => c === 47), `${what}: white background`).toBe(true);
      expect(has(f, (c) => c === 30), `${what}: black text`).toBe(true);
      expect(has(f, (c) => c === 2), `${what}: dimmed text`).toBe(false);
      // yellow (33/93), cyan (36/96), white (37/97) and grey (90) text vanish on a light background
      expect(has(f, (c) => [33, 93, 36, 96, 37, 97, 90].includes(c)), `${what}: a pale colour`).toBe(false);
      if (key) await h.press(key);
    }
  });

  it('the default theme dims and uses the terminal background; T switches to the projector and back', async () => {
    h = mount(flagship(), { columns: 100, rows: 30, color: true });
    await tick();
    let f = await h.press(' ');
    expect(has(f, (c) => c === 47)).toBe(false);
    expect(has(f, (c) => c === 2)).toBe(true);
    f = await h.press('T');
    expect(has(f, (c) => c === 47)).toBe(true);
    expect(has(f, (c) => c === 2)).toBe(false);
    f = await h.press('T');
    expect(has(f, (c) => c === 47)).toBe(false);
  });

  it('maps pale band colours to dark ones on a light background; GEOSIM_THEME names the theme', () => {
    const p = makeTheme(true, 'projector');
    expect(p.band('yellow')).toBe('magenta');
    expect(p.band('cyan')).toBe('blue');
    expect(p.band('red')).toBe('red');
    expect(makeTheme(false, 'projector').band('red')).toBeUndefined();
    expect(makeTheme(false, 'projector').background).toBeUndefined();
    expect(themeFromEnv({ GEOSIM_THEME: 'projector' })).toBe('projector');
    expect(themeFromEnv({ GEOSIM_THEME: 'neon' })).toBeUndefined();
  });
});

describe('geosim play --theme', () => {
  it('refuses an unknown theme in one line with the names it knows (exit 2), from the flag or GEOSIM_THEME', () => {
    ensureBuilt();
    const r = geosim(['play', '--theme', 'neon']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--theme neon: no such theme (default, projector)');
    const e = geosim(['play'], { env: { GEOSIM_THEME: 'neon' } });
    expect(e.code).toBe(2);
    expect(e.stderr).toContain('(from GEOSIM_THEME)');
    // A known theme passes every check of play (here it stops only for want of a terminal).
    expect(geosim(['play', '--theme', 'projector']).stderr).toContain("'geosim play' needs an interactive terminal");
  });
});
