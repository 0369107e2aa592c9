/**
 * Random sequences of every session event (steps, back, start, end, date, choose, roll, revise, assume, inject,
 * answers to a flip, fork, switch, roles, forecast, save, load), for the property tests of the session
 * (session-property.test.ts) and of share links (web-share.test.ts).
 */
import fc from 'fast-check';
import type { SessionEvent } from '../../src/machines/session.js';
import type { SessionData } from '../../src/machines/session-logic.js';
import { currentState } from '../../src/machines/session-logic.js';
import type { Scenario } from '../../src/core/model.js';

export type Step = (d: SessionData) => SessionEvent | 'SAVE' | 'LOAD';

/** Arbitrary events, each drawn from numbers so that shrinking stays meaningful. */
export function steps(sc: Scenario): fc.Arbitrary<Step[]> {
  const actors = sc.actors.map((a) => a.id);
  const pick = <T>(xs: readonly T[], n: number): T | undefined => (xs.length ? xs[n % xs.length] : undefined);
  const decisionAt = (d: SessionData) => {
    const s = currentState(d);
    return s.pending ? sc.events[s.pending.event]!.decision! : undefined;
  };
  const step = fc.oneof(
    fc.constant<Step>(() => ({ type: 'NEXT' })),
    fc.constant<Step>(() => ({ type: 'NEXT' })),
    fc.constant<Step>(() => ({ type: 'NEXT' })),
    fc.constant<Step>(() => ({ type: 'BACK' })),
    fc.constant<Step>(() => ({ type: 'START' })),
    fc.constant<Step>(() => ({ type: 'END' })),
    fc.nat(400).map<Step>((n) => () => ({ type: 'DATE', day: sc.start + n })),
    fc.nat(9).map<Step>((n) => (d) => ({ type: 'CHOOSE', option: pick(decisionAt(d)?.options.map((o) => o.id) ?? ['none'], n)! })),
    fc.constant<Step>(() => ({ type: 'ROLL' })),
    fc.nat(9).map<Step>((n) => (d) => {
      const s = currentState(d);
      const e = s.log.at(-1);
      const dec = e?.kind === 'decision' ? sc.events[e.event]?.decision : undefined;
      const o = pick([undefined, ...(dec?.options.map((x) => x.id) ?? [])], n);
      return o === undefined ? { type: 'REVISE' } : { type: 'REVISE', option: o };
    }),
    fc.tuple(fc.nat(9), fc.nat(40), fc.boolean()).map<Step>(([a, v, preset]) => (d) => {
      const as = pick(sc.assumptions, a);
      const p = preset ? pick(sc.presets, v)!.id : d.preset;
      if (!as) return { type: 'ASSUME', preset: p, overrides: {} };
      const value = Math.min(as.max, as.min + as.step * v);
      return { type: 'ASSUME', preset: p, overrides: { ...d.overrides, [as.id]: Number(value.toFixed(6)) } };
    }),
    fc.tuple(fc.nat(9), fc.nat(300)).map<Step>(([i, day]) => (d) => {
      const id = pick(sc.injects, i);
      if (!id) return { type: 'INJECT', injects: [] };
      const has = d.injects.some((x) => x.event === id);
      return { type: 'INJECT', injects: has ? d.injects.filter((x) => x.event !== id) : [...d.injects, { event: id, date: sc.start + day }] };
    }),
    fc.constantFrom<Step>(() => ({ type: 'KEEP_BRANCH' }), () => ({ type: 'APPLY' }), () => ({ type: 'CANCEL' })),
    fc.nat(20).map<Step>((n) => (d) => ({ type: 'BRANCH', id: n % (d.branches.length + 1) })),
    fc.nat(63).map<Step>((mask) => () => ({ type: 'ROLES', roles: actors.filter((_, i) => mask & (1 << i)) })),
    fc.boolean().map<Step>((on) => () => ({ type: 'FORECAST_FIRST', on })),
    fc.nat(100).map<Step>((x) => (d) => {
      const dec = decisionAt(d);
      if (!dec) return { type: 'FORECAST', decision: 'none', p: {} };
      const first = x / 100;
      const rest = (1 - first) / Math.max(1, dec.options.length - 1);
      return { type: 'FORECAST', decision: dec.id, p: Object.fromEntries(dec.options.map((o, i) => [o.id, dec.options.length === 1 ? 1 : i === 0 ? first : rest])) };
    }),
    fc.constant<Step>(() => 'SAVE'),
    fc.constant<Step>(() => 'LOAD'),
  );
  return fc.array(step, { minLength: 1, maxLength: 40 });
}

