/** Comparing two branches: both at the same date, whatever each branch's cursor, and the header says which steps. */
import { afterEach, describe, expect, it } from 'vitest';
import { small } from './helpers/scenarios.js';
import { KEY, mount, startSession, type Harness } from './helpers/ui.js';
import { branchOf } from '../src/machines/session-logic.js';
import { compareView } from '../src/ui/view/branches.js';
import { formatDay } from '../src/core/date.js';

let h: Harness | undefined;
afterEach(() => {
  h?.unmount();
  h = undefined;
});

/** A session played as far as it goes, then back to CCC's decision. */
function atCccDecision(roles: string[], seed = 3) {
  const actor = startSession(small(), seed, roles);
  actor.send({ type: 'END' });
  const here = () => branchOf(actor.getSnapshot().context.data);
  while (here().states[here().cursor]!.pending?.decision !== 'c_choice') actor.send({ type: 'BACK' });
  return actor;
}

describe('branch comparison', () => {
  it('plays the other branch on to the current date when it has not got that far', () => {
    const actor = startSession(small(), 3, ['CCC']);
    actor.send({ type: 'END' });
    actor.send({ type: 'CHOOSE', option: 'arm_out' }); // #0 stops just after the choice, on 2024-04-01
    actor.send({ type: 'BACK' });
    actor.send({ type: 'CHOOSE', option: 'talk' }); // #1
    actor.send({ type: 'END' });
    const d = actor.getSnapshot().context.data;
    expect(d.current).toBe(1);
    const b0 = d.branches[0]!;
    expect(formatDay(b0.states[b0.states.length - 1]!.date)).toBe('2024-04-01');
    const v = compareView(d, 1, 0);
    expect(v.a.date).toBe('2024-12-01');
    expect(v.b.date).toBe(v.a.date);
    expect(v.note).toBe(`Compared on 2024-12-01: #1 step ${branchOf(d).cursor} (its cursor), #0 step ${v.b.step} (run on by the engine)`);
    expect(d.branches[0]!.states).toBe(b0.states); // the session itself is untouched
    actor.stop();
  });

  it('compares at the other branch’s date when a decision of yours waits there', () => {
    const actor = atCccDecision(['AAA']); // the engine drew arm_out for CCC; AAA's counter waits for the user on #0
    actor.send({ type: 'CHOOSE', option: 'talk' }); // #1: no counter to wait for
    actor.send({ type: 'END' });
    const d = actor.getSnapshot().context.data;
    const v = compareView(d, 1, 0);
    const t0 = branchOf({ ...d, current: 0 });
    const tip = t0.states[t0.states.length - 1]!;
    expect(tip.pending?.decision).toBe('a_counter');
    expect(v.date).toBe(formatDay(tip.date));
    expect(v.b.date).toBe(v.date);
    expect(v.a.date <= v.date).toBe(true); // #1's last step on or before it
    expect(v.a.step).toBeLessThan(branchOf(d).cursor);
    expect(v.note).toBe(`Compared on ${v.date}: #1 step ${v.a.step}, #0 step ${v.b.step}; #0 waits for your decision on ${v.date}, so both are shown there`);
    actor.stop();
  });

  it('says on screen which dates and steps are compared', async () => {
    h = mount(small(), { roles: ['CCC'], seed: 3 });
    await h.press('G', '1', KEY.left, '2', 'G', 'b', 'k');
    const f = await h.press('c');
    expect(f).toMatch(/Compared on 2024-12-01: #1 step \d+ \(its cursor\), #0 step \d+ \(run on by the engine\)/);
    expect(f).toMatch(/#1 · step \d+ · tension/);
    expect(f).toMatch(/#0 · step \d+ · tension/);
  });
});
