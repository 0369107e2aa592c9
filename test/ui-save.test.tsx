/** Saving: never over another run file without asking, and the file names the session may reuse. */
import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { App } from '../src/ui/App.js';
import { makeTheme } from '../src/ui/theme.js';
import { small } from './helpers/scenarios.js';
import { KEY, startSession, tick } from './helpers/ui.js';

let unmount: (() => void) | undefined;
afterEach(() => {
  unmount?.();
  unmount = undefined;
});

function mountWith(files: Set<string>, o: { loadedFrom?: string; savePath?: string } = {}) {
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
      save={(p) => {
        saved.push(p);
        files.add(p);
      }}
      exists={(p) => files.has(p)}
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
  return { press, saved, quits };
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
