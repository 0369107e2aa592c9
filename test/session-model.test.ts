/**
 * A model-based test of the session machine (fast-check's commands): a small model of the branch tree (for each
 * branch its parent, fork point, length and cursor; which branch is current) predicts what every event does,
 * independently of session-logic.ts, and random command sequences are run against the real machine. After each
 * command, beyond the model's predictions:
 *   - every branch's states are what its inputs rebuild from scratch (initialState, next, decide);
 *   - every cursor is within its branch; an event never touches a branch other than the current one;
 *   - the tags are exactly one and say what the data says (modal ⇔ a change waits; deciding ⇔ a decision of
 *     the user's at the cursor; ended ⇔ the scenario is over at the cursor);
 *   - compare puts both sides on the same date, after the same events of that day; comparing a branch with
 *     itself finds no difference;
 *   - the countries are live: for every country machine the session has a child registered in its system as
 *     `country:<ID>`, running, in the posture the cursor's state records (and the views read that posture);
 *     a step forward moves the same child actors (XState moved them), only a jump replaces them.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createActor, type Actor } from 'xstate';
import { sessionMachine, type SessionEvent } from '../src/machines/session.js';
import type { Branch, SessionData } from '../src/machines/session-logic.js';
import { branchOf, currentState } from '../src/machines/session-logic.js';
import { comparePoint } from '../src/machines/compare.js';
import { resolveAssumptions } from '../src/core/run.js';
import { isFinished } from '../src/core/step.js';
import { decide, initialState, next } from '../src/machines/engine.js';
import type { Scenario } from '../src/core/model.js';
import type { SimState } from '../src/core/state.js';
import { countryMachines } from '../src/machines/country.js';
import { posturesNow } from '../src/machines/selectors.js';
import { flagship, small } from './helpers/scenarios.js';

interface BranchModel {
  parent: number | null;
  forkStep: number;
  length: number;
  cursor: number;
}
interface Model {
  branches: BranchModel[];
  current: number;
}
interface Real {
  sc: Scenario;
  actor: Actor<typeof sessionMachine>;
}

const data = (r: Real): SessionData => r.actor.getSnapshot().context.data;
const modal = (r: Real): boolean => r.actor.getSnapshot().hasTag('modal');

function rebuild(sc: Scenario, b: Branch): SimState[] {
  const i = b.inputs;
  let s = initialState(sc, { seed: i.seed, assumptions: resolveAssumptions(sc, i.preset, i.overrides), choices: b.choices, injects: i.injects });
  const out = [s];
  while (out.length < b.states.length) {
    s = s.pending ? decide(sc, s, b.choices[s.pending.decision]) : next(sc, s);
    out.push(s);
  }
  return out;
}

/** The same day's log entries (event ids, with repeats), sorted: what "after the same events" means. */
function dayEvents(s: SimState): string {
  return s.log
    .filter((e) => e.date === s.date)
    .map((e) => e.event)
    .sort()
    .join('|');
}

/** Each country's child actor: registered in the session's system under its systemId, and its snapshot. */
function countryActors(r: Real): Map<string, unknown> {
  const snap = r.actor.getSnapshot();
  const out = new Map<string, unknown>();
  for (const actor of countryMachines(r.sc).actors) {
    const child = r.actor.system.get(`country:${actor}`);
    expect(child, `country:${actor}`).toBeDefined();
    expect((snap.children as Record<string, unknown>)[`country:${actor}`]).toBe(child);
    expect(child!.getSnapshot().status).toBe('active');
    out.set(actor, child);
  }
  return out;
}

function invariants(m: Model, r: Real, before: SessionData): void {
  const snap = r.actor.getSnapshot();
  const d = snap.context.data;
  // The session did not fail (its check that the actors it moved agree with the history throws).
  expect(snap.status).toBe('active');
  // The live country actors: one per country machine, in the posture the cursor's state records.
  const here0 = currentState(d);
  for (const [actor, child] of countryActors(r)) expect([actor, (child as { getSnapshot(): { value: unknown } }).getSnapshot().value]).toEqual([actor, here0.postures[actor]]);
  expect(posturesNow(snap)).toEqual(Object.fromEntries(countryMachines(r.sc).actors.map((a) => [a, here0.postures[a]])));
  // The model's tree is the machine's tree.
  expect(d.current).toBe(m.current);
  expect(d.branches.map((b) => [b.parent, b.forkStep, b.states.length, b.cursor])).toEqual(m.branches.map((b) => [b.parent, b.forkStep, b.length, b.cursor]));
  for (const b of d.branches) {
    expect(b.cursor).toBeGreaterThanOrEqual(0);
    expect(b.cursor).toBeLessThan(b.states.length);
    const ref = rebuild(r.sc, b);
    for (let k = 0; k < ref.length; k++) expect(JSON.stringify(b.states[k])).toBe(JSON.stringify(ref[k]));
    // Only the current branch (or the one just created) changes; the others are left exactly as they were.
    const old = before.branches[b.id];
    if (old && b.id !== d.current && b.id !== before.current) expect(b).toBe(old);
  }
  // One tag, and it says what the data says.
  expect([...snap.tags]).toHaveLength(1);
  const here = currentState(d);
  const forecastDue = d.forecastFirst && here.pending !== null && d.forecasts[here.pending.decision] === undefined;
  expect(snap.hasTag('modal')).toBe(d.pendingChange !== null);
  if (d.pendingChange === null && !forecastDue) {
    const actor = here.pending ? r.sc.events[here.pending.event]?.decision?.actor : undefined;
    expect(snap.hasTag('deciding')).toBe(actor !== undefined && d.roles.includes(actor));
    if (!snap.hasTag('deciding')) expect(snap.hasTag('ended')).toBe(isFinished(here));
  }
  // Compare: the current branch against every other, both ways, by default and on its cursor's date.
  for (const b of d.branches) {
    for (const c of [comparePoint(d, d.current, b.id), comparePoint(d, d.current, b.id, false), comparePoint(d, b.id, d.current, false)]) {
      expect(c.a.state.date).toBe(c.b.state.date);
      expect(dayEvents(c.a.state)).toBe(dayEvents(c.b.state));
      expect(c.a.state).toBe(c.a.branch.states[c.a.step]);
      expect(c.b.state).toBe(c.b.branch.states[c.b.step]);
      if (b.id === d.current) expect(c.differences).toEqual([]);
    }
  }
}

/** A command: the event it sends and what the model says it does (given what the real machine shows before). */
class Send implements fc.Command<Model, Real> {
  constructor(
    readonly label: string,
    readonly event: (d: SessionData) => SessionEvent,
    readonly predict: (m: Model, before: SessionData, after: SessionData, r: Real, wasModal: boolean, was: ReadonlySet<string>) => void,
  ) {}
  check(): boolean {
    return true;
  }
  run(m: Model, r: Real): void {
    const before = data(r);
    const wasModal = modal(r);
    const was = new Set<string>(r.actor.getSnapshot().tags);
    const e = this.event(before);
    const actorsBefore = countryActors(r);
    r.actor.send(e);
    const after = data(r);
    // A step forward on the same path (NEXT through history or at the tip) is sent to the actors the session
    // already has: the same actor objects, moved by XState; they are only replaced on a jump.
    const bb = branchOf(before);
    const ba = branchOf(after);
    if (e.type === 'NEXT' && after !== before && ba.cursor === bb.cursor + 1 && ba.states[bb.cursor] === bb.states[bb.cursor]) {
      const actorsAfter = countryActors(r);
      for (const [actor, child] of actorsBefore) expect(actorsAfter.get(actor), `country:${actor} moved, not re-spawned`).toBe(child);
    }
    if (wasModal && !['KEEP_BRANCH', 'APPLY', 'CANCEL', 'SAVED'].includes(e.type)) {
      // The modal question accepts its answers only: anything else leaves the session as it was.
      expect(after).toBe(before);
      expect(r.actor.getSnapshot().context.reason).toMatch(/waits for your answer/);
    } else this.predict(m, before, after, r, wasModal, was);
    invariants(m, r, before);
  }
  toString(): string {
    return this.label;
  }
}

const cur = (m: Model): BranchModel => m.branches[m.current]!;
/** The model follows the machine's tree where a move may grow it (how far a computed step gets is the engine's). */
function follow(m: Model, after: SessionData): void {
  m.current = after.current;
  m.branches = after.branches.map((b) => ({ parent: b.parent, forkStep: b.forkStep, length: b.states.length, cursor: b.cursor }));
}

function commands(sc: Scenario): fc.Arbitrary<Iterable<fc.Command<Model, Real>>> {
  const optionsHere = (d: SessionData) => {
    const s = currentState(d);
    return s.pending ? sc.events[s.pending.event]!.decision!.options.map((o) => o.id) : [];
  };
  return fc.commands(
    [
      fc.constant(
        new Send('NEXT', () => ({ type: 'NEXT' }), (m, before, after, _r, _w, was) => {
          const b = cur(m);
          const tip = b.cursor === b.length - 1;
          // Refused where it means nothing (forecast due, the end); at the tip, a decision of the user's blocks it.
          if (was.has('forecasting') || was.has('ended')) return expect(after).toBe(before);
          if (!tip) b.cursor++;
          else if (after !== before) {
            b.length++;
            b.cursor++;
          } else expect(was.has('deciding') || isFinished(currentState(before))).toBe(true);
        }),
      ),
      fc.constant(new Send('BACK', () => ({ type: 'BACK' }), (m) => void (cur(m).cursor = Math.max(0, cur(m).cursor - 1)))),
      fc.constant(new Send('START', () => ({ type: 'START' }), (m) => void (cur(m).cursor = 0))),
      fc.constant(
        new Send('END', () => ({ type: 'END' }), (m, _b, after) => {
          // Never backwards; the tip grows as far as the end or the user's next decision.
          expect(branchOf(after).cursor).toBeGreaterThanOrEqual(cur(m).cursor);
          follow(m, after);
        }),
      ),
      fc.nat(400).map(
        (n) =>
          new Send(`DATE +${n}`, () => ({ type: 'DATE', day: sc.start + n }), (m, _b, after) => {
            const s = currentState(after);
            if (after !== _b) expect(s.date).toBeLessThanOrEqual(Math.max(sc.start + n, sc.start));
            follow(m, after);
          }),
      ),
      fc.nat(10).map(
        (n) =>
          new Send(n === 10 ? 'ROLL' : `CHOOSE ${n}`, (d): SessionEvent => (n === 10 ? { type: 'ROLL' } : { type: 'CHOOSE', option: optionsHere(d)[n % Math.max(1, optionsHere(d).length)] ?? 'none' }), (m, before, after) => {
            const b = cur(m);
            if (after === before) return; // no decision here, the option unavailable, or not a state that takes it
            if (after.current !== before.current) {
              // A different option at a decision already passed: a new branch, forked at the cursor.
              m.branches.push({ parent: before.current, forkStep: b.cursor, length: b.cursor + 2, cursor: b.cursor + 1 });
              m.current = after.current;
              expect(after.current).toBe(before.branches.length);
            } else {
              if (b.cursor === b.length - 1) b.length++;
              b.cursor++;
            }
          }),
      ),
      fc.nat(9).map(
        (n) =>
          new Send(`REVISE ${n}`, (d) => {
            const e = currentState(d).log.at(-1);
            const dec = e?.kind === 'decision' ? sc.events[e.event]?.decision : undefined;
            const o = [undefined, ...(dec?.options.map((x) => x.id) ?? [])][n % ((dec?.options.length ?? 0) + 1)];
            return o === undefined ? { type: 'REVISE' } : { type: 'REVISE', option: o };
          }, (m, before, after) => {
            if (after === before) return; // nothing taken here, or the same option again (refused with a reason)
            // One event re-decides: a new branch whose cursor is on the step that takes the new option.
            const b = cur(m);
            const at = branchOf(after).forkStep;
            expect([b.cursor - 1, b.cursor]).toContain(at);
            m.branches.push({ parent: before.current, forkStep: at, length: at + 2, cursor: at + 1 });
            m.current = after.current;
          }),
      ),
      fc.tuple(fc.nat(9), fc.nat(40)).map(
        ([a, v]) =>
          new Send(`ASSUME ${a}=${v}`, (d) => {
            const as = sc.assumptions[a % Math.max(1, sc.assumptions.length)];
            if (!as) return { type: 'ASSUME', preset: d.preset, overrides: {} };
            return { type: 'ASSUME', preset: d.preset, overrides: { ...d.overrides, [as.id]: Number(Math.min(as.max, as.min + as.step * v).toFixed(6)) } };
          }, (m, before, after, r) => {
            // Either applied at once (the tree keeps its shape, the branch as far as it went in time) or asked about.
            if (modal(r)) expect(after.branches).toBe(before.branches);
            follow(m, after);
          }),
      ),
      fc.constantFrom('KEEP_BRANCH', 'APPLY', 'CANCEL').map(
        (t) =>
          new Send(t, () => ({ type: t }) as SessionEvent, (m, before, after, _r, wasModal) => {
            if (!wasModal) return expect(after).toBe(before);
            if (t === 'CANCEL') return expect(after.branches).toBe(before.branches);
            if (t === 'KEEP_BRANCH') {
              expect(after.branches.length).toBe(before.branches.length + 1);
              expect(after.branches[before.current]).toBe(before.branches[before.current]); // this branch stays as it was
              expect(branchOf(after).parent).toBe(before.current);
            } else expect(after.branches.length).toBe(before.branches.length);
            follow(m, after);
          }),
      ),
      fc.nat(20).map(
        (n) =>
          new Send(`BRANCH ${n}`, (d) => ({ type: 'BRANCH', id: n % (d.branches.length + 1) }), (m, before, after) => {
            const id = n % (before.branches.length + 1);
            if (id < m.branches.length && id !== m.current) m.current = id;
            else expect(after.current).toBe(before.current);
          }),
      ),
      fc.nat(63).map(
        (mask) =>
          new Send(`ROLES ${mask}`, () => ({ type: 'ROLES', roles: sc.actors.map((a) => a.id).filter((_, i) => mask & (1 << i)) }), () => {
            // Roles change who decides next, never what already happened (the tree keeps its shape).
          }),
      ),
      fc.nat(100).map(
        (x) =>
          new Send(`FORECAST ${x}`, (d) => {
            const ids = optionsHere(d);
            const s = currentState(d);
            if (!s.pending || !ids.length) return { type: 'FORECAST', decision: 'none', p: {} };
            const first = ids.length === 1 ? 1 : x / 100;
            return { type: 'FORECAST', decision: s.pending.decision, p: Object.fromEntries(ids.map((o, i) => [o, i === 0 ? first : (1 - first) / (ids.length - 1)])) };
          }, (_m, before, after, _r, _w, was) => {
            if (!was.has('forecasting')) expect(after).toBe(before); // only asked for where a forecast is due
          }),
      ),
      fc.boolean().map((on) => new Send(`FORECAST_FIRST ${on}`, () => ({ type: 'FORECAST_FIRST', on }), () => {})),
      fc.constant(new Send('SAVED', () => ({ type: 'SAVED' }), (_m, _b, after) => expect(after.dirty).toBe(false))),
    ],
    { maxCommands: 30 },
  );
}

function setup(sc: Scenario, seed: number, roles: string[]): () => { model: Model; real: Real } {
  return () => {
    const actor = createActor(sessionMachine, { input: { scenario: sc, options: { seed, roles } } }).start();
    return { model: { branches: [{ parent: null, forkStep: 0, length: 1, cursor: 0 }], current: 0 }, real: { sc, actor } };
  };
}

describe('session machine, model-based: the tree the model predicts, and the invariants after every event', () => {
  it('on the small scenario', () => {
    const sc = small();
    fc.assert(
      fc.property(fc.nat(1000), fc.subarray(sc.actors.map((a) => a.id)), commands(sc), (seed, roles, cmds) => {
        fc.modelRun(setup(sc, seed, roles), cmds);
      }),
      { numRuns: 60 },
    );
  });

  it('on the flagship', () => {
    const sc = flagship();
    fc.assert(
      fc.property(fc.nat(1000), fc.subarray(['KOR', 'JPN', 'PRK']), commands(sc), (seed, roles, cmds) => {
        fc.modelRun(setup(sc, seed, roles), cmds);
      }),
      { numRuns: 10 },
    );
  });
});

describe('compare, on the sequence the model-based test once found', () => {
  // Seed 0, AAA played by the user: to the end, back to day 91, re-decide, to the end again. Branch #1 then had
  // no state on #0's cursor date, and compare paired two earlier states of the same date after different events.
  it('pairs states of the same date after the same events of that day, both ways', () => {
    const sc = small();
    const actor = createActor(sessionMachine, { input: { scenario: sc, options: { seed: 0, roles: ['AAA'] } } }).start();
    actor.send({ type: 'END' });
    actor.send({ type: 'DATE', day: sc.start + 91 });
    const e = currentState(actor.getSnapshot().context.data).log.at(-1);
    const opts = e?.kind === 'decision' ? (sc.events[e.event]?.decision?.options.map((o) => o.id) ?? []) : [];
    const option = [undefined, ...opts][5 % (opts.length + 1)];
    actor.send(option === undefined ? { type: 'REVISE' } : { type: 'REVISE', option });
    actor.send({ type: 'END' });
    const d = actor.getSnapshot().context.data;
    expect(d.branches.length).toBe(2);
    for (const [x, y] of [[0, 1], [1, 0]] as const)
      for (const fork of [true, false]) {
        const c = comparePoint(d, x, y, fork);
        expect(c.a.state.date).toBe(c.b.state.date);
        expect(dayEvents(c.a.state)).toBe(dayEvents(c.b.state));
        if (!fork) expect(c.note).toContain(`#${x} step ${c.a.step}, #${y} step ${c.b.step}`);
      }
  });
});
