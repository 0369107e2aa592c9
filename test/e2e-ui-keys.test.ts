/**
 * The terminal UI's promises that only a real terminal can check (issue 13), on the bundled CLI in tmux:
 * Ctrl-C means the same on every screen and prompt (clean: exit 130 at once; unsaved: asks once, then 130), and
 * the terminal comes back each time; `--no-color` is the UI's own decision (no colour codes, yet bold and the
 * inverse cursor stay, where chalk alone would drop them); `--theme projector` paints a light background.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tmux } from '../src/bench/ui.js';
import { bin, ensureBuilt } from './cli-helpers.js';

const WAIT = 90_000;
const ESC = String.fromCharCode(27);

function sgr(screen: string): number[][] {
  return [...screen.matchAll(new RegExp(`${ESC}\\[([0-9;]*)m`, 'g'))].map((m) => m[1]!.split(';').map(Number));
}
const any = (screen: string, test: (c: number, i: number, codes: number[]) => boolean) => sgr(screen).some((codes) => codes.some((c, i) => test(c, i, codes)));
const colour = (c: number, i: number, codes: number[]) =>
  (c >= 30 && c <= 37) || (c >= 90 && c <= 97) || (c >= 40 && c <= 47) || (c >= 100 && c <= 107) || ((c === 38 || c === 48) && codes[i + 1] !== undefined);

describe.skipIf(!Tmux.available())('the terminal UI in tmux: Ctrl-C everywhere, --no-color, the projector theme', () => {
  const dir = mkdtempSync(join(tmpdir(), 'geosim-e2e-keys-'));
  const tmux = new Tmux('keys', `geosim-keys-${process.pid}`);
  let n = 0;

  beforeAll(() => {
    ensureBuilt();
    tmux.start(100, 30, dir, { XDG_STATE_HOME: dir });
  }, 180_000);
  afterAll(() => tmux.kill());

  const see = (test: (p: string) => boolean, what: string) => tmux.waitFor(test, what, WAIT);

  async function play(args: string): Promise<number> {
    const tag = 100 + n++;
    tmux.keys('clear', 'Enter');
    tmux.keys('echo BEFORE-GEOSIM', 'Enter');
    await see((p) => /^BEFORE-GEOSIM$/m.test(p), 'the shell');
    tmux.keys(`node ${bin} play ${args}; echo "exit-$((${tag}))=$?"`, 'Enter');
    await see((p) => p.includes('Timeline ·') && p.startsWith('geosim │'), 'the first frame');
    return tag;
  }

  async function restored(tag: number, code: number): Promise<void> {
    const pane = await see((p) => new RegExp(`exit-${tag}=\\d+`).test(p), 'the UI to exit');
    expect(tmux.alternateOn()).toBe(false);
    expect(pane).toMatch(/^BEFORE-GEOSIM$/m);
    expect(pane).toContain(`exit-${tag}=${code}`);
    expect(pane).not.toContain('Timeline ·');
  }

  it('Ctrl-C quits at once with 130 from a screen, a prompt and the help when nothing is unsaved', async () => {
    for (const [key, shows] of [
      ['?', 'Step forward one event'],
      ['s', 'Save session as:'],
      ['w', 'How RUS regards PRK'],
      [':', 'Go to date'],
    ] as const) {
      const tag = await play('');
      tmux.keys(key);
      await see((p) => p.includes(shows), `the screen of ${key}`);
      tmux.keys('C-c');
      await restored(tag, 130);
    }
  }, 600_000);

  it('with unsaved work, Ctrl-C in the save prompt asks once, and the second quits with 130', async () => {
    const tag = await play('--as KOR');
    tmux.keys('G');
    await see((p) => p.includes('Your decision:'), 'Seoul’s decision');
    tmux.keys('1');
    await see((p) => p.includes('● unsaved'), 'the choice');
    tmux.keys('s');
    await see((p) => p.includes('Save session as:'), 'the save prompt');
    tmux.keys('C-c');
    const pane = await see((p) => p.includes('Ctrl-C again or y quit without saving'), 'the quit question');
    expect(pane).not.toContain('Save session as:');
    tmux.keys('C-c');
    await restored(tag, 130);
  }, 300_000);

  it('--no-color: no colour code in any frame, but bold and the inverse cursor are kept', async () => {
    const tag = await play('--no-color');
    tmux.keys('Space', 'w');
    await see((p) => p.includes('How RUS regards PRK'), 'the why screen');
    const screen = tmux.capture(true);
    expect(any(screen, colour)).toBe(false);
    expect(any(screen, (c) => c === 7)).toBe(true); // the cell cursor
    expect(any(screen, (c) => c === 1)).toBe(true); // bold
    tmux.keys('q');
    await restored(tag, 0);
  }, 300_000);

  it('--theme projector paints a light background with black text; T switches back', async () => {
    const tag = await play('--theme projector');
    let screen = tmux.capture(true);
    expect(any(screen, (c) => c === 47)).toBe(true);
    expect(any(screen, (c) => c === 30)).toBe(true);
    tmux.keys('T');
    await see((p) => p.includes('Theme switched'), 'the switch');
    screen = tmux.capture(true);
    expect(any(screen, (c) => c === 47)).toBe(false);
    tmux.keys('q');
    await restored(tag, 0);
  }, 300_000);
});
