/** Comparing two branches: both at the same date, whatever each branch's cursor, and the header says which steps. */
import { afterEach, describe, expect, it } from 'vitest';
import { small } from './helpers/scenarios.js';
import { KEY, mount, startSession, type Harness } from './helpers/ui.js';
import { branchOf, currentState } from '../src/machines/session-logic.js';
import { compareView } from '../src/machines/view/branches.js';
import { comparePoint } from '../src/machines/compare.js';

let h: Harness | undefined;
afterEach(() => {
  h?.unmount();
  h = undefined;
});

/** A session played as far as it goes, then back to CCC's decision. */
function atCccDecision(roles: string[], seed = 3) {
  const actor = startSession(small(), seed, roles);
  actor.send({ type: 'END' });
  while (currentState(actor.getSnapshot().context.data).pending?.decision !== 'c_choice') actor.send({ type: 'BACK' });
  return actor;
}

/** The events of `day` in a log, as a sorted list of event ids (what "after the same events of that day" means). */
const dayEvents = (log: readonly { date: number; event: string }[], day: number) => log.filter((e) => e.date === day).map((e) => e.event).sort();

/** Two branches: #0 arms Outland at CCC's decision and stops there, #1 talks and plays to the end. */
function twoBranches() {
  const actor = startSession(small(), 3, ['CCC']);
  actor.send({ type: 'END' });
  actor.send({ type: 'CHOOSE', option: 'arm_out' }); // #0 stops just after the choice, on 2024-04-01
  actor.send({ type: 'BACK' });
  actor.send({ type: 'CHOOSE', option: 'talk' }); // #1
  actor.send({ type: 'END' });
  return actor;
}

describe('branch comparison', () => {
  it('compares a branch with its parent just after the fork, and lists exactly what differs', () => {
    const actor = twoBranches();
    const d = actor.getSnapshot().context.data;
    expect(d.current).toBe(1);
    const v = compareView(d, 1, 0);
    expect(v.a.step).toBe(v.b.step);
    expect(v.a.date).toBe('2024-04-01');
    expect(v.note).toMatch(/^Just after the fork, on 2024-04-01: #1 and #0 both at step \d+, after the same events; they part at “How does C answer\?/);
    // Before the fork the two logs are the same; only the decision differs at the fork.
    expect(v.a.state.log.slice(0, -1)).toEqual(v.b.state.log.slice(0, -1));
    expect(v.differences[0]).toMatch(/^Ccity's decision: Talk.* \(#1\) vs Arm Outland \(#0\)$/);
    // Every cell the matrix marks is listed, and nothing else about the relations.
    const cells = v.differences.filter((x) => /^[A-Z]+→[A-Z]+: /.test(x));
    expect(cells.length).toBe(v.differ.size);
    expect(d.branches[0]!.states.length).toBe(branchOf({ ...d, current: 0 }).states.length); // nothing was played
    actor.stop();
  });

  it('compares two branches at the same date, each after the same events of that day, and says when not at the cursor', () => {
    const actor = twoBranches();
    const d = actor.getSnapshot().context.data;
    const p = comparePoint(d, 1, 0, false);
    const tip0 = d.branches[0]!.states.at(-1)!;
    expect(p.day).toBe(tip0.date); // #0 has not got further
    expect(p.a.state.date).toBe(p.day);
    expect(p.b.state.date).toBe(p.day);
    expect(dayEvents(p.a.state.log, p.day)).toEqual(dayEvents(p.b.state.log, p.day));
    expect(p.note).toMatch(/^Compared on 2024-04-01, each (after the same \d+ events? of that day|before any event of that day): #1 step \d+, #0 step \d+; #0 has not got past 2024-04-01/);
    actor.stop();
  });

  it('holds for any two branches of random sessions: same date, same events of that day', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const actor = atCccDecision([], seed);
      actor.send({ type: 'CHOOSE', option: 'talk' });
      actor.send({ type: 'END' });
      actor.send({ type: 'BRANCH', id: 0 });
      for (let i = 0; i < seed % 4; i++) actor.send({ type: 'BACK' });
      const d = actor.getSnapshot().context.data;
      for (const [x, y] of [
        [0, d.branches.length - 1],
        [d.branches.length - 1, 0],
      ] as const) {
        const p = comparePoint(d, x, y, false);
        expect(p.a.state.date).toBe(p.b.state.date);
        expect(dayEvents(p.a.state.log, p.day)).toEqual(dayEvents(p.b.state.log, p.day));
      }
      actor.stop();
    }
  });

  it('says on screen which dates and steps are compared', async () => {
    h = mount(small(), { roles: ['CCC'], seed: 3 });
    await h.press('G', '1', KEY.left, '2', 'G', 'b', 'k');
    const f = await h.press('c');
    expect(f).toMatch(/Just after the fork, on 2024-04-01: #1 and #0 both at step \d+/);
    expect(f).toMatch(/#1 · step \d+ · tension/);
    expect(f).toMatch(/#0 · step \d+ · tension/);
    expect(f).toMatch(/\d+ differences? \(cells that differ are marked \*\):/);
  });
});
