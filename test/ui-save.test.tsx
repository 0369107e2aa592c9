/** Saving: never over another run file without asking, and the file names the session may reuse. */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { App } from '../src/ui/App.js';
import { makeTheme } from '../src/ui/theme.js';
import { small } from './helpers/scenarios.js';
import { KEY, startSession, tick } from './helpers/ui.js';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveSession, saveTarget } from '../src/cli/session-files.js';
import type { AppProps } from '../src/ui/App.js';

let unmount: (() => void) | undefined;
afterEach(() => {
  unmount?.();
  unmount = undefined;
});

function mountWith(files: Set<string>, o: { loadedFrom?: string; savePath?: string; inspect?: AppProps['inspect']; save?: AppProps['save'] } = {}) {
  const actor = startSession(small(), 1, ['CCC']);
  const saved: string[] = [];
  const quits: number[] = [];
  const r = render(
    <App
      actor={actor}
      columns={100}
      rows={30}
      theme={makeTheme(false)}
      savePath={o.savePath ?? 'old.run.json'}
      save={(p, data, format) => {
        o.save?.(p, data, format);
        saved.push(p);
        files.add(p);
      }}
      exists={(p) => files.has(p)}
      {...(o.inspect ? { inspect: o.inspect } : {})}
      {...(o.loadedFrom ? { loadedFrom: o.loadedFrom } : {})}
      onQuit={(c) => void quits.push(c)}
      frameMs={0}
    />,
  );
  unmount = r.unmount;
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      r.stdin.write(k);
      await tick();
    }
    return r.lastFrame() ?? '';
  };
  return { press, saved, quits, frame: () => r.lastFrame() ?? '' };
}

describe('saving over an existing file', () => {
  it('asks before replacing a run file this session did not write; n goes back to the name', async () => {
    const ui = mountWith(new Set(['old.run.json']));
    await ui.press('G', '2', 's');
    let f = await ui.press(KEY.enter);
    expect(ui.saved).toEqual([]);
    expect(f).toContain('old.run.json exists (another run). y replace it · n type another name');
    f = await ui.press('n');
    expect(f).toContain('Save session as: old.run.json▏');
    f = await ui.press(KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace, '2', '.', 'j', 's', 'o', 'n', KEY.enter);
    expect(ui.saved).toEqual(['old.2.json']);
    expect(f).toContain('Saved old.2.json');
    // Saved by this session: saving there again asks nothing.
    await ui.press(KEY.left, '1', 's', KEY.enter);
    expect(ui.saved).toEqual(['old.2.json', 'old.2.json']);
  });

  it('y replaces it; the quit question’s s asks too, then saves and quits', async () => {
    const ui = mountWith(new Set(['old.run.json']));
    await ui.press('G', '2', 's', KEY.enter, 'y');
    expect(ui.saved).toEqual(['old.run.json']);
    const other = mountWith(new Set(['old.run.json']));
    await other.press('G', '2', 'q', 's');
    expect(other.saved).toEqual([]);
    expect(other.quits).toEqual([]);
    await other.press('y');
    expect(other.saved).toEqual(['old.run.json']);
    expect(other.quits).toEqual([0]);
  });

  it('saves over the run file it was loaded from without asking', async () => {
    const ui = mountWith(new Set(['mine.run.json']), { loadedFrom: 'mine.run.json', savePath: 'mine.run.json' });
    await ui.press('G', '2', 's', KEY.enter);
    expect(ui.saved).toEqual(['mine.run.json']);
  });
});

describe('the save prompt refuses before it asks, and stays open on a failure', () => {
  const dir = mkdtempSync(join(tmpdir(), 'geosim-ui-save-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const scenarioFile = join(dir, 'small.yaml');
  const realSave: AppProps['save'] = (p, data) => saveSession(p, data, scenarioFile);
  /** Replaces the proposed name with `name` and presses enter. */
  const typeName = (name: string) => [...name.split(''), KEY.enter];

  it('refuses a directory and a file that is not geosim’s at once, with the reason, the prompt open with the name', async () => {
    mkdirSync(join(dir, 'adir'));
    writeFileSync(join(dir, 'notes.txt'), 'my lesson notes\n');
    const ui = mountWith(new Set(), { inspect: saveTarget, save: realSave });
    await ui.press('G', '2', 's');
    let f = await ui.press(...typeName(join(dir, 'adir')));
    expect(f).not.toContain('replace it');
    expect(f).toContain(`Save session as: ${join(dir, 'adir')}▏`);
    expect(f).toContain('a directory: type a file name');
    expect(ui.saved).toEqual([]);
    // The next keys edit the name (they are not read as commands: q does not quit, w does not open why).
    f = await ui.press('q', 'w');
    expect(f).toContain(`Save session as: ${join(dir, 'adir')}qw▏`);
    expect(ui.quits).toEqual([]);
    f = await ui.press(KEY.esc, 's', ...typeName(join(dir, 'notes.txt')));
    expect(f).not.toContain('replace it');
    expect(f).toContain('not a geosim session or run file');
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('my lesson notes\n');
    f = await ui.press(KEY.esc, 's', ...typeName(join(dir, 'nodir', 'x.session.json')));
    expect(f).toContain('its directory does not exist');
    expect(f).toContain('Save session as:');
    // A geosim file is replaced only after the question, which names what it is.
    const mine = join(dir, 'mine.session.json');
    await ui.press(KEY.esc, 's', ...typeName(mine));
    expect(ui.saved).toEqual([mine]);
    const other = mountWith(new Set(), { inspect: saveTarget, save: realSave });
    await other.press('G', '2', 's');
    f = await other.press(...typeName(mine));
    expect(f).toContain(`${mine} exists (a session file). y replace it`);
  });

  it('keeps the prompt open with the name and the error when the save itself fails (permission denied)', async () => {
    const ui = mountWith(new Set(), {
      save: () => {
        throw new Error("cannot save 'locked.session.json': permission denied");
      },
    });
    await ui.press('G', '2', 's');
    let f = await ui.press(...typeName('locked.session.json'));
    expect(f).toContain('Save session as: locked.session.json▏');
    expect(f).toContain('permission denied');
    // Still in the prompt: a key types, and esc cancels.
    f = await ui.press('b');
    expect(f).toContain('Save session as: locked.session.jsonb▏');
    await ui.press(KEY.esc);
    await new Promise((r) => setTimeout(r, 100)); // a lone Esc is read once no sequence follows it
    f = await ui.press();
    expect(f).not.toContain('Save session as');
    // The quit question's s: a failed save keeps the prompt, and saving there then quits.
    await ui.press('q', 's');
    expect(ui.quits).toEqual([]);
    expect(ui.frame()).toContain('Save session as:');
  });
});
