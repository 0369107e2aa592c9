/** The UI's entry: options to session, the alternate screen and its restoration, saving and resuming run files. */
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { playOptionsFromPath } from '../src/cli/play-files.js';
import { prepareUi, proposedSavePath } from '../src/ui/main.js';
import { ENTER, LEAVE, enterFullScreen, guardExit } from '../src/ui/screen.js';
import { exportRun, runFileOf, saveSession, scenarioRef } from '../src/cli/session-files.js';
import { colorFromEnv, makeTheme } from '../src/ui/theme.js';
import { checkEngineDraws, planReplay } from '../src/scenario/runfile.js';
import { readRunFile } from '../src/scenario/read-file.js';
import { runFast } from '../src/machines/engine.js';
import { branchOf, currentState } from '../src/machines/session-logic.js';
import { mainLayout, tooSmall } from '../src/ui/layout.js';
import { fixture, small } from './helpers/scenarios.js';
import { startSession } from './helpers/ui.js';

describe('alternate screen', () => {
  it('enters once and leaves once, showing the cursor again', () => {
    const out: string[] = [];
    const fs = enterFullScreen({ write: (t: string) => out.push(t) });
    expect(out).toEqual([ENTER]);
    expect(ENTER).toContain('\u001b[?1049h');
    expect(ENTER).toContain('\u001b[?25l');
    fs.leave();
    fs.leave();
    expect(out).toEqual([ENTER, LEAVE]);
    expect(LEAVE).toBe('\u001b[?25h\u001b[?1049l');
    expect(fs.active).toBe(false);
  });

  function fakeProcess() {
    const proc = new EventEmitter() as EventEmitter & { exit: ReturnType<typeof vi.fn> };
    proc.exit = vi.fn();
    return proc;
  }

  it('restores the terminal on SIGTERM, SIGHUP and SIGINT with exit 128+n', () => {
    for (const [sig, code] of [
      ['SIGTERM', 143],
      ['SIGHUP', 129],
      ['SIGINT', 130],
    ] as const) {
      const proc = fakeProcess();
      const restore = vi.fn();
      guardExit(restore, () => {}, proc as unknown as NodeJS.Process);
      proc.emit(sig);
      expect(restore).toHaveBeenCalledOnce();
      expect(proc.exit).toHaveBeenCalledWith(code);
    }
  });

  it('restores first, then prints an uncaught error as one line and exits 1', () => {
    const proc = fakeProcess();
    const order: string[] = [];
    guardExit(
      () => order.push('restore'),
      (line) => order.push(line),
      proc as unknown as NodeJS.Process,
    );
    proc.emit('uncaughtException', new Error('boom\n  at somewhere'));
    expect(order).toEqual(['restore', 'geosim: internal error: boom at somewhere']);
    expect(proc.exit).toHaveBeenCalledWith(1);
    proc.emit('unhandledRejection', 'nope');
    expect(order.at(-1)).toBe('geosim: internal error: nope');
  });

  it('restores on a plain exit, and removes its handlers when disposed', () => {
    const proc = fakeProcess();
    const restore = vi.fn();
    const g = guardExit(restore, () => {}, proc as unknown as NodeJS.Process);
    proc.emit('exit', 0);
    expect(restore).toHaveBeenCalledOnce();
    g.dispose();
    expect(proc.listenerCount('exit') + proc.listenerCount('SIGTERM') + proc.listenerCount('uncaughtException')).toBe(0);
  });
});

describe('colour and size', () => {
  it('honours NO_COLOR (non-empty) and TERM=dumb by passing no colour at all', () => {
    expect(colorFromEnv({ NO_COLOR: '1' })).toBe(false);
    expect(colorFromEnv({ NO_COLOR: '' })).toBe(true);
    expect(colorFromEnv({ TERM: 'dumb' })).toBe(false);
    expect(colorFromEnv({ TERM: 'xterm-256color' })).toBe(true);
    const off = makeTheme(false);
    const band = small().bands[0]!;
    expect(off.fg('bad')).toBeUndefined();
    expect(off.band(band)).toBeUndefined();
    const on = makeTheme(true);
    expect(on.fg('bad')).toBe('red');
    expect(on.band(band)).toBe('red');
  });

  it('lays the main view out in rows-1 lines, and refuses below 80×24', () => {
    for (const [c, r] of [
      [80, 24],
      [100, 30],
      [200, 60],
    ] as const) {
      const L = mainLayout(c, r, 6);
      expect(L.height).toBe(r - 1);
      expect(L.top + L.detail + 3).toBe(r - 1);
      expect(L.timelineW + 2 + L.rightW).toBe(c);
      expect(L.top).toBeGreaterThanOrEqual(1 + 6 + 3 + 1);
      expect(L.detail).toBeGreaterThanOrEqual(7);
    }
    expect(mainLayout(80, 24, 6).cellW).toBe(8);
    expect(mainLayout(100, 30, 6).cellW).toBe(9);
    expect(mainLayout(200, 60, 6).cellW).toBe(12);
    expect(tooSmall(79, 24)).toBe(true);
    expect(tooSmall(80, 23)).toBe(true);
    expect(tooSmall(80, 24)).toBe(false);
  });
});

describe('save and resume', () => {
  const file = fixture('core/small.yaml');

  function playedSession() {
    const actor = startSession(small(), 5, ['CCC']);
    actor.send({ type: 'END' });
    actor.send({ type: 'CHOOSE', option: 'arm_out' });
    actor.send({ type: 'ASSUME', preset: 'article', overrides: { hawk: 4 } });
    if (actor.getSnapshot().hasTag('modal')) actor.send({ type: 'APPLY' });
    actor.send({ type: 'END' });
    return actor.getSnapshot().context.data;
  }

  it('exports a run file that geosim replay accepts and reproduces', () => {
    const dir = mkdtempSync(join(tmpdir(), 'geosim-ui-'));
    const path = join(dir, 'my.run.json');
    const d = playedSession();
    exportRun(path, d, file);
    const rf = readRunFile(path);
    expect(rf).toMatchObject({ seed: 5, preset: 'article', assumptions: { hawk: 4 }, choices: { c_choice: 'arm_out' }, roles: ['CCC'], until: null });
    expect(rf.scenario.file).toBe(scenarioRef(path, file));
    const plan = planReplay(rf, small(), path);
    const end = runFast(small(), plan.inputs);
    expect(() => checkEngineDraws(rf, end, path)).not.toThrow();
    expect(JSON.stringify(end)).toBe(JSON.stringify(currentState(d)));
  });

  it('records the engine draws of the whole run even when the branch stopped early', () => {
    const actor = startSession(small(), 5, []);
    actor.send({ type: 'NEXT' });
    const rf = runFileOf(actor.getSnapshot().context.data, '/tmp/x.json', file, new Date(0));
    expect(rf.engine).toEqual(
      Object.fromEntries(Object.entries(runFast(small(), planReplay(rf, small(), 'x').inputs).choices).map(([k, c]) => [k, c.option])),
    );
    expect(rf.saved).toBe('1970-01-01T00:00:00.000Z');
  });

  it('refuses to overwrite a file that is not a run file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'geosim-ui-'));
    const path = join(dir, 'notes.txt');
    writeFileSync(path, 'my notes');
    expect(() => exportRun(path, playedSession(), file)).toThrow(/refusing to overwrite .* not a geosim run file/);
    expect(() => saveSession(path, playedSession(), file)).toThrow(/refusing to overwrite .* not a geosim session or run file/);
    expect(readFileSync(path, 'utf8')).toBe('my notes');
  });

  it('resumes a saved run with --load: same choices, assumptions and roles, stopped where the user must decide', () => {
    const dir = mkdtempSync(join(tmpdir(), 'geosim-ui-'));
    const path = join(dir, 'r.json');
    const d = playedSession();
    exportRun(path, d, file);
    const p = prepareUi(playOptionsFromPath({ scenarioPath: file, seed: 5, roles: [], load: path }));
    expect(p.savePath).toBe(join(dir, 'r.session.json')); // s saves the session beside the run file, which stays as it was
    expect(p.loadedFrom).toBeUndefined();
    expect(p.options).toMatchObject({ seed: 5, preset: 'article', roles: ['CCC'], overrides: { hawk: 4 }, choices: { c_choice: 'arm_out' } });
    const resumed = startSession(p.scenario, 5, [...p.options.roles!], { ...p.options.choices });
    const rd = resumed.getSnapshot().context.data;
    expect(rd.dirty).toBe(false);
    expect(currentState(rd).choices.c_choice).toMatchObject({ option: 'arm_out', by: 'user' });
    expect(branchOf(rd).cursor).toBeGreaterThan(3);
  });

  it('proposes a session file name from the scenario and seed when not resuming', () => {
    const p = prepareUi(playOptionsFromPath({ scenarioPath: file, seed: 9, preset: 'hindsight', roles: ['AAA'] }), () => false);
    expect(p.savePath).toBe('core_small-seed9.session.json');
    expect(p.loadedFrom).toBeUndefined();
    expect(p.options).toEqual({ seed: 9, preset: 'hindsight', roles: ['AAA'] });
    expect(p.autosavePath).toMatch(/geosim\/core_small\.autosave\.session\.json$/);
  });

  it('proposes a new numbered name when an earlier session file already has that one', () => {
    const taken = new Set(['core_small-seed9.session.json', 'core_small-seed9-2.session.json']);
    const p = prepareUi(playOptionsFromPath({ scenarioPath: file, seed: 9, preset: 'hindsight', roles: [] }), (f) => taken.has(f));
    expect(p.savePath).toBe('core_small-seed9-3.session.json');
    expect(proposedSavePath('x', 1, (f) => f === 'x-seed1.session.json')).toBe('x-seed1-2.session.json');
  });
});

describe('start-up', () => {
  it('main.tsx loads neither React nor ink before it has set the environment they read at load time', async () => {
    const { readFileSync: read, existsSync: exists } = await import('node:fs');
    const { dirname: dir, resolve: res } = await import('node:path');
    const seen = new Set<string>();
    const bad: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const src = read(file, 'utf8');
      // Static imports only (type-only imports vanish, dynamic ones load later).
      for (const m of src.matchAll(/^import\s+(?!type\b)[^'"]*['"]([^'"]+)['"]/gm)) {
        const spec = m[1]!;
        if (spec === 'react' || spec === 'ink' || spec.startsWith('react/')) bad.push(`${file}: ${spec}`);
        if (!spec.startsWith('.')) continue;
        const base = res(dir(file), spec).replace(/\.js$/, '');
        const next = ['.ts', '.tsx'].map((e) => base + e).find((f) => exists(f));
        if (next) visit(next);
      }
    };
    visit(res('src/ui/main.tsx'));
    // The walk follows main.tsx's static imports (it reads no scenario files any more: cli/play-files.ts does).
    expect([...seen].some((f) => f.endsWith('/src/ui/screen.ts'))).toBe(true);
    expect(seen.size).toBeGreaterThanOrEqual(4);
    expect(bad).toEqual([]);
  });
});
