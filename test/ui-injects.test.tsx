/** Teacher injects in the terminal UI: the menu (i), inserting at the cursor's date or the default date, taking out, the timeline mark, saving. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../src/scenario/load.js';
import { formatDay, parseDay } from '../src/core/date.js';
import { branchOf, currentState } from '../src/machines/session-logic.js';
import { decisionOdds } from '../src/core/odds.js';
import { bindingFor, statusKeys } from '../src/ui/keys.js';
import { keyTableMarkdown } from '../src/ui/key-table.js';
import { timelineRows } from '../src/machines/view/timeline.js';
import { exportRun } from '../src/cli/session-files.js';
import { root, small } from './helpers/scenarios.js';
import { KEY, mount, startSession, type Harness } from './helpers/ui.js';
import { ensureBuilt, geosim } from './cli-helpers.js';

const kurskFile = join(root, 'scenarios', 'kursk-2024.yaml');
const kursk = loadScenarioFile(kurskFile);

let h: Harness | undefined;
const dirs: string[] = [];
afterEach(() => {
  h?.unmount();
  h = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const cursorDay = (x: Harness) => {
  const b = branchOf(x.data());
  return b.states[b.cursor]!.date;
};

describe('the key table', () => {
  it('opens the menu with i, toggles with space, uses the default date with d, and documents it', () => {
    expect(bindingFor('main', 'i')?.command).toBe('injects');
    expect(bindingFor('decision', 'i')?.command).toBe('injects');
    expect(bindingFor('injects', 'space')?.command).toBe('toggle');
    expect(bindingFor('injects', 'return')?.command).toBe('toggle');
    expect(bindingFor('injects', 'd')?.command).toBe('atDefault');
    expect(bindingFor('injects', 'j')?.command).toBe('down');
    expect(bindingFor('injects', 'escape')?.command).toBe('close');
    // d still goes to a date in the main view
    expect(bindingFor('main', 'd')?.command).toBe('date');
    expect(statusKeys('injects').map((k) => k.label)).toEqual(expect.arrayContaining(['at cursor/off', 'default date']));
    expect(keyTableMarkdown()).toContain('**Teacher injects**');
    expect(keyTableMarkdown()).toMatch(/\| `i` \| Teacher injects:/);
  });
});

describe('the injects screen', () => {
  it("lists the scenario's injects with their default dates and the selected one's text", async () => {
    h = mount(kursk, { columns: 100, rows: 30 });
    const f = await h.press('i');
    expect(f).toContain('Hypothetical: North Korean soldiers surrender en masse');
    expect(f).toContain('Hypothetical: Beijing rebukes Pyongyang in public');
    expect(f).toContain('default 2025-01-15');
    expect(f).toContain('hyp_mass_surrender: Hypothetical, not in the record');
    expect(f).toContain(`now ${formatDay(kursk.start)}`);
    const g = await h.press('j');
    expect(g).toContain('hyp_troops_into_ukraine: Hypothetical');
    expect(await h.press(KEY.esc)).toContain('Timeline');
  });

  it("inserts at the cursor's date: the session re-simulates, the screen says what moved, the timeline marks it", async () => {
    h = mount(kursk, { columns: 100, rows: 30 });
    await h.press('l', 'l', 'l', 'l', 'l', 'l');
    const day = cursorDay(h);
    const before = h.data();
    expect(before.resim).toBeNull();
    const f = await h.press('i', ' ');
    expect(h.data().injects).toEqual([{ event: 'hyp_mass_surrender', date: day }]);
    expect(h.data().dirty).toBe(true);
    // Inserted at the cursor's date, it is already part of the history: the scores at the cursor moved.
    expect(h.data().resim!.scores.some((s) => s.from === 'PRK' && s.to === 'RUS')).toBe(true);
    expect(f).toContain(`[✚] Hypothetical: North Korean soldiers surrender en masse`);
    expect(f).toContain(`on ${formatDay(day)}`);
    expect(f).toMatch(/Scores moved \(at the cursor\): .*PRK→RUS/);
    expect(f).toMatch(new RegExp(`Injected hyp_mass_surrender on ${formatDay(day)}: step \\d+ of the timeline \\(✚\\)`));
    const row = timelineRows(h.data()).find((r) => r.inject);
    expect(row).toMatchObject({ date: formatDay(day), title: 'Hypothetical: North Korean soldiers surrender en masse', kind: 'event' });
    const main = await h.press(KEY.esc);
    // Inserted before the event the cursor stood on (same day), the cursor stays after that event.
    expect(main).toMatch(new RegExp(` ✚ ${formatDay(day)} Hypothetical: North Korea`));
  });

  it('reports the odds of the decisions ahead in the branch that the inject moves, not "no odds moved"', async () => {
    h = mount(kursk, { columns: 100, rows: 30 });
    await h.press('l', 'l');
    expect(currentState(h.data()).pending).toBeNull();
    const f = await h.press('i', ' ');
    const r = h.data().resim!;
    // No decision is at or before the cursor; the ones ahead moved.
    expect(r.odds.filter((o) => !o.ahead)).toEqual([]);
    const ahead = r.odds.filter((o) => o.ahead);
    expect(ahead.length).toBeGreaterThan(0);
    expect(f).not.toContain('No odds moved');
    expect(f).toMatch(/Odds ahead \(played on by the engine\): /);
    // The same numbers as playing both versions on to the end: the first decision ahead, before and after.
    const dec = ahead[0]!.decision;
    const oddsOf = (injects: { event: string; date: number }[]) => {
      const a = startSession(kursk, 1, []);
      a.send({ type: 'INJECT', injects });
      for (let i = 0; i < 500 && currentState(a.getSnapshot().context.data).pending?.decision !== dec; i++) a.send({ type: 'NEXT' });
      const s = currentState(a.getSnapshot().context.data);
      const d = kursk.events[s.pending!.event]!.decision!;
      return Object.fromEntries(decisionOdds(kursk, s, d).map((o) => [o.id, o.p]));
    };
    const before = oddsOf([]);
    const after = oddsOf([...h.data().injects]);
    for (const o of ahead.filter((x) => x.decision === dec)) {
      expect(o.before).toBeCloseTo(before[o.option]!, 10);
      expect(o.after).toBeCloseTo(after[o.option]!, 10);
    }
  });

  it('keeps the cursor on the event it stood on, not on the same step number, wherever the inject lands', () => {
    const last = (d: ReturnType<Harness['data']>) => {
      const s = currentState(d);
      const e = s.log.at(-1);
      return e ? `${e.event}@${formatDay(e.date)}#${s.log.filter((x) => x.event === e.event && x.date === e.date).length}` : 'start';
    };
    let shifted = 0;
    for (const id of kursk.injects) {
      for (let steps = 1; steps < 45; steps += 4) {
        for (const at of ['cursor', 'default'] as const) {
          const a = startSession(kursk, 1, []);
          for (let i = 0; i < steps; i++) a.send({ type: 'NEXT' });
          const before = a.getSnapshot().context.data;
          const date = at === 'cursor' ? currentState(before).date : kursk.events[id]!.date!;
          a.send({ type: 'INJECT', injects: [{ event: id, date }] });
          if (a.getSnapshot().hasTag('modal')) a.send({ type: 'APPLY' });
          const after = a.getSnapshot().context.data;
          expect(last(after), `${id} at ${at} after ${steps} steps`).toBe(last(before));
          if (branchOf(after).cursor !== branchOf(before).cursor) shifted++;
          a.stop();
        }
      }
    }
    // Inserted before the cursor, the inject moves the event's step number: the cursor followed the event.
    expect(shifted).toBeGreaterThan(5);
  });

  it('inserts at its default date with d, moves it there, and takes it out with space', async () => {
    h = mount(kursk, { columns: 100, rows: 30 });
    await h.press('l', 'l');
    const day = cursorDay(h);
    await h.press('i', 'j', ' ');
    expect(h.data().injects).toEqual([{ event: 'hyp_troops_into_ukraine', date: day }]);
    let f = await h.press('d');
    expect(h.data().injects).toEqual([{ event: 'hyp_troops_into_ukraine', date: parseDay('2025-01-20') }]);
    expect(f).toContain('on 2025-01-20');
    expect(f).toMatch(/Injected hyp_troops_into_ukraine on 2025-01-20: comes up when you step on to it/);
    // Not reached yet: an upcoming row of the timeline, marked as an inject
    expect(timelineRows(h.data()).find((r) => r.inject)).toMatchObject({ kind: 'upcoming', date: '2025-01-20' });
    f = await h.press('d');
    expect(f).toContain('already at its default date');
    await h.press('j', 'd');
    expect(h.data().injects.map((i) => i.event)).toEqual(['hyp_troops_into_ukraine', 'hyp_beijing_rebuke']);
    f = await h.press('k', ' ');
    expect(h.data().injects).toEqual([{ event: 'hyp_beijing_rebuke', date: parseDay('2025-02-01') }]);
    expect(f).toContain('Took out hyp_troops_into_ukraine');
    expect(f).toMatch(/\[ \] Hypothetical: North Korean troops cross/);
    await h.press('j', KEY.enter);
    expect(h.data().injects).toEqual([]);
    expect(timelineRows(h.data()).some((r) => r.inject)).toBe(false);
    expect(h.data().dirty).toBe(false);
  });

  it('explains in one line when the scenario has no injects, and the keys do nothing', async () => {
    h = mount({ ...small(), injects: [] });
    const f = await h.press('i');
    expect(f).toContain('This scenario declares no injects');
    await h.press(' ', 'd');
    expect(h.data().injects).toEqual([]);
    expect(h.data().resim).toBeNull();
  });

  it('works on the small fixture too (its one inject, surprise)', async () => {
    h = mount(small(), { roles: ['CCC'] });
    const f = await h.press('i', 'd');
    expect(h.data().injects).toEqual([{ event: 'surprise', date: parseDay('2024-03-15') }]);
    expect(f).toContain('A surprise clash between B and C');
  });
});

describe('saving', () => {
  it('writes the injects into the run file, and geosim replay reproduces the injected run', async () => {
    ensureBuilt();
    h = mount(kursk, { columns: 100, rows: 30 });
    await h.press('l', 'l', 'l', 'l');
    const day = formatDay(cursorDay(h));
    await h.press('i', ' ', 'j', 'j', 'd');
    const dir = mkdtempSync(join(tmpdir(), 'geosim-inj-'));
    dirs.push(dir);
    const file = join(dir, 'run.json');
    exportRun(file, h.data(), kurskFile);
    const rf = JSON.parse(readFileSync(file, 'utf8')) as { injects: unknown };
    expect(rf.injects).toEqual([
      { event: 'hyp_mass_surrender', date: day },
      { event: 'hyp_beijing_rebuke', date: '2025-02-01' },
    ]);
    const replay = geosim(['replay', file, '--format', 'json']);
    expect(replay).toMatchObject({ code: 0, stderr: '' });
    const run = geosim(['run', kurskFile, '--seed', '1', '--inject', `hyp_mass_surrender@${day}`, '--inject', 'hyp_beijing_rebuke', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(replay.stdout).toBe(run.stdout);
    expect(replay.stdout).toContain('hyp_mass_surrender');
  }, 300_000);
});
