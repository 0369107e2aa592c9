/**
 * The session and its country actors, saved and brought back. A session file (inputs only) loaded into a new
 * session gives country actors in the same postures as the session that was saved; XState's own persisted
 * snapshot of the session (sessionLogic) holds the session file as its context, no computed state, and
 * restores to the same session and actors, or is refused when its state or postures are not what its inputs give.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createActor, type AnyActorRef } from 'xstate';
import { sessionMachine, type SessionEvent } from '../src/machines/session.js';
import { restoredSession, sessionLogic, type PersistedSession } from '../src/machines/session-persist.js';
import { sessionFileOf, sessionFromFile } from '../src/machines/session-file.js';
import { serializeSessionFile } from '../src/scenario/sessionfile.js';
import { parseSessionFile } from '../src/scenario/sessionfile-schema.js';
import { currentState } from '../src/machines/session-logic.js';
import { countryMachines } from '../src/machines/country.js';
import { posturesNow } from '../src/machines/selectors.js';
import type { Scenario } from '../src/core/model.js';
import { startSession } from '../src/api/index.js';
import { flagship, small } from './helpers/scenarios.js';

const events: fc.Arbitrary<SessionEvent>[] = [
  fc.constant({ type: 'NEXT' }),
  fc.constant({ type: 'NEXT' }),
  fc.constant({ type: 'BACK' }),
  fc.constant({ type: 'END' }),
  fc.constant({ type: 'ROLL' }),
  fc.nat(3).map((n) => ({ type: 'REVISE', ...(n ? { option: ['talk', 'arm_out', 'sanction'][n - 1]! } : {}) }) as SessionEvent),
  fc.nat(3).map((id) => ({ type: 'BRANCH', id })),
  fc.nat(200).map((n) => ({ type: 'DATE', day: small().start + n })),
];

/** Each country actor's posture, by systemId, looked up in the actor's system. */
function actorPostures(sc: Scenario, actor: { system: { get(id: string): AnyActorRef | undefined } }): Record<string, unknown> {
  return Object.fromEntries(countryMachines(sc).actors.map((a) => [a, actor.system.get(`country:${a}`)?.getSnapshot().value]));
}

const at0 = () => new Date(0);

describe('the country actors of a saved and restored session', () => {
  it('a session file loaded into a new session gives the actors the saved session had', () => {
    const sc = small();
    fc.assert(
      fc.property(fc.nat(1000), fc.array(fc.oneof(...events), { maxLength: 25 }), (seed, evs) => {
        const a = createActor(sessionMachine, { input: { scenario: sc, options: { seed, roles: ['AAA'] } } }).start();
        for (const e of evs) a.send(e);
        const d = a.getSnapshot().context.data;
        const text = serializeSessionFile(sessionFileOf(d, 'x.yaml', at0()));
        const loaded = sessionFromFile(sc, parseSessionFile(text, 'x.session.json'), 'x.session.json').data;
        const b = createActor(sessionMachine, { input: { scenario: sc, data: loaded } }).start();
        const here = currentState(d).postures;
        expect(actorPostures(sc, b)).toEqual(actorPostures(sc, a));
        expect(actorPostures(sc, b)).toEqual(Object.fromEntries(countryMachines(sc).actors.map((x) => [x, here[x]])));
        expect(posturesNow(b.getSnapshot())).toEqual(posturesNow(a.getSnapshot()));
        expect(b.getSnapshot().value).toEqual(a.getSnapshot().value);
        a.stop();
        b.stop();
      }),
      { numRuns: 25 },
    );
  });

  it("XState's persisted snapshot holds inputs only and restores the same session and actors", () => {
    const sc = small();
    const logic = sessionLogic(sc, { file: 'small.yaml', now: at0 });
    fc.assert(
      fc.property(fc.nat(1000), fc.array(fc.oneof(...events), { maxLength: 25 }), (seed, evs) => {
        const a = createActor(logic, { input: { scenario: sc, options: { seed, roles: ['AAA'] } } }).start();
        for (const e of evs) a.send(e);
        const persisted = a.getPersistedSnapshot() as unknown as PersistedSession;
        const json = JSON.parse(JSON.stringify(persisted)) as PersistedSession;
        // Inputs only: the context is a valid session file; no state, ledger or log is stored.
        expect(Object.keys(json.context)).toEqual(['session']);
        expect(() => parseSessionFile(JSON.stringify(json.context.session), 'p.json')).not.toThrow();
        expect(JSON.stringify(json)).not.toMatch(/"(ledger|log|agenda|tension)"/);
        expect(Object.keys(json.children).sort()).toEqual(countryMachines(sc).actors.map((x) => `country:${x}`).sort());
        const b = restoredSession(logic, json).start();
        expect(b.getSnapshot().status).toBe('active');
        expect(b.getSnapshot().value).toEqual(a.getSnapshot().value);
        expect(actorPostures(sc, b)).toEqual(actorPostures(sc, a));
        expect(JSON.stringify(b.getSnapshot().context.data.branches.map((x) => [x.cursor, x.states.length, x.states.at(-1)]))).toBe(
          JSON.stringify(a.getSnapshot().context.data.branches.map((x) => [x.cursor, x.states.length, x.states.at(-1)])),
        );
        // Round trip: persisting the restored session gives the same document.
        expect(JSON.parse(JSON.stringify(b.getPersistedSnapshot()))).toEqual(json);
        // The restored session goes on as the original does.
        a.send({ type: 'NEXT' });
        b.send({ type: 'NEXT' });
        expect(actorPostures(sc, b)).toEqual(actorPostures(sc, a));
        a.stop();
        b.stop();
      }),
      { numRuns: 25 },
    );
  });

  it('refuses a persisted snapshot whose postures or state are not what its inputs give', () => {
    const sc = flagship();
    const logic = sessionLogic(sc, { now: at0 });
    const a = createActor(logic, { input: { scenario: sc, options: { seed: 2 } } }).start();
    a.send({ type: 'END' });
    const good = JSON.parse(JSON.stringify(a.getPersistedSnapshot())) as PersistedSession;
    const restore = (p: unknown) => {
      const b = restoredSession(logic, p);
      return b.getSnapshot() as { status: string; error?: unknown };
    };
    expect(restore(good).status).toBe('active');
    const actor = countryMachines(sc).actors[0]!;
    const other = Object.keys(sc.postures[actor]!.states).find((p) => p !== currentState(a.getSnapshot().context.data).postures[actor])!;
    const moved = structuredClone(good) as { children: Record<string, { snapshot: { value: string } }> };
    moved.children[`country:${actor}`]!.snapshot.value = other;
    const r1 = restore(moved);
    expect(r1.status).toBe('error');
    expect(String(r1.error)).toContain(`persisted session '${sc.id}.yaml' does not match its inputs: country:${actor} is "${other}"`);
    const r2 = restore({ ...good, value: 'deciding' });
    expect(r2.status).toBe('error');
    expect(String(r2.error)).toMatch(/its state is "deciding", the inputs give "\w+"/);
    const gone = structuredClone(good) as { children: Record<string, unknown> };
    delete gone.children[`country:${actor}`];
    expect(String(restore(gone).error)).toMatch(/its actors are /);
    a.stop();
  });
});

describe('the library session', () => {
  it('postures() reads the live country actors, which follow the cursor', () => {
    const sc = small();
    const session = startSession(sc, { seed: 4 });
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++) {
      const here = currentState(session.getSnapshot().context.data).postures;
      expect(session.postures()).toEqual(Object.fromEntries(countryMachines(sc).actors.map((a) => [a, here[a]])));
      seen.add(JSON.stringify(session.postures()));
      session.send({ type: i % 7 === 6 ? 'BACK' : 'NEXT' });
    }
    expect(seen.size).toBeGreaterThan(1); // some posture moved on the way
    session.stop();
  });
});
