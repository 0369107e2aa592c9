/**
 * The session persisted with XState's own persisted snapshots, holding inputs only. `sessionLogic(scenario)` is
 * the session machine (every transition its own) whose persisted snapshot, `actor.getPersistedSnapshot()`, is
 * XState's format (status, the machine's state value, the children, each with its own persisted snapshot and
 * systemId) with one change: its context is the session file document (`geosim-session/1`: each branch's inputs
 * and cursor), never the computed states. Restoring it (`createActor(sessionLogic(scenario), { snapshot })`)
 * rebuilds the branches from those inputs, spawns the country actors in the cursor's postures as a new session
 * does, and refuses (status 'error', one line) a snapshot whose state value or country postures are not the ones
 * the inputs give: the inputs are the source, the rest is checked, as a session file's `drawn` is.
 */
import { createActor, type Actor, type AnyActorRef, type AnyActorScope } from 'xstate';
import type { Scenario } from '../core/model.js';
import { SessionFileError } from '../scenario/sessionfile.js';
import { parseSessionFile, type SessionFile } from '../scenario/sessionfile-schema.js';
import { sessionMachine, type SessionInput } from './session.js';
import { sessionFileOf, sessionFromFile } from './session-file.js';
import { postureOf, type CountrySnapshot } from './country.js';

type SessionMachine = typeof sessionMachine;
type SessionSnapshot = ReturnType<SessionMachine['getInitialSnapshot']>;

/** One child as XState persists it; `src` is its systemId (the country's logic is found again by it). */
export interface PersistedChild {
  readonly snapshot: { readonly value?: unknown };
  readonly src: string;
  readonly systemId?: string;
}

/** The session's persisted snapshot: XState's fields, with the session file as its context. */
export interface PersistedSession {
  readonly status: string;
  readonly value: unknown;
  readonly context: { readonly session: SessionFile };
  readonly children: Readonly<Record<string, PersistedChild>>;
  readonly [other: string]: unknown;
}

export interface SessionLogicOptions {
  /** How the session file in the context names the scenario (default `<id>.yaml`). */
  readonly file?: string;
  /** The time written as the session file's `saved` (default: now). */
  readonly now?: () => Date;
}

function refuse(file: string, why: string): never {
  throw new SessionFileError(`persisted session '${file}' does not match its inputs: ${why}`);
}

/** The session machine, persisted as inputs (see above). Use it wherever `sessionMachine` is used. */
export function sessionLogic(scenario: Scenario, o: SessionLogicOptions = {}): SessionMachine {
  const file = o.file ?? `${scenario.id}.yaml`;
  const now = o.now ?? (() => new Date());
  const base = sessionMachine;
  const getPersistedSnapshot = (snap: SessionSnapshot, options?: unknown): PersistedSession => {
    // The children are persisted here as XState does, each by its own logic, but named by their systemId:
    // XState refuses to persist a child spawned from inline logic (a country machine is made per scenario).
    const live = snap.children as Record<string, AnyActorRef>;
    const p = base.getPersistedSnapshot({ ...snap, children: {} } as SessionSnapshot, options as never) as unknown as PersistedSession;
    const children: Record<string, PersistedChild> = {};
    for (const [id, c] of Object.entries(live)) children[id] = { snapshot: c.getPersistedSnapshot() as PersistedChild['snapshot'], src: id, systemId: id };
    return { ...p, context: { session: sessionFileOf(snap.context.data, file, now()) }, children };
  };
  const restoreSnapshot = (persisted: PersistedSession, scope: AnyActorScope): SessionSnapshot => {
    const f = parseSessionFile(JSON.stringify(persisted.context?.session ?? null), file);
    const input: SessionInput = { scenario, data: sessionFromFile(scenario, f, file).data };
    const snap = base.getInitialSnapshot(scope as never, input);
    if (JSON.stringify(snap.value) !== JSON.stringify(persisted.value)) refuse(file, `its state is ${JSON.stringify(persisted.value)}, the inputs give ${JSON.stringify(snap.value)}`);
    const children = snap.children as Record<string, { getSnapshot(): CountrySnapshot }>;
    const ids = Object.keys(children).sort();
    const saved = Object.keys(persisted.children ?? {}).sort();
    if (JSON.stringify(ids) !== JSON.stringify(saved)) refuse(file, `its actors are ${saved.join(', ') || 'none'}, the scenario has ${ids.join(', ')}`);
    for (const id of ids) {
      const value = persisted.children[id]!.snapshot?.value;
      const posture = postureOf(children[id]!.getSnapshot());
      if (value !== posture) refuse(file, `${id} is ${JSON.stringify(value)}, the inputs give '${posture}'`);
    }
    return snap;
  };
  return Object.create(base, {
    getPersistedSnapshot: { value: getPersistedSnapshot },
    restoreSnapshot: { value: restoreSnapshot },
  }) as SessionMachine;
}

/**
 * A session actor restored from a persisted snapshot of `sessionLogic` (not started). A snapshot that does not
 * match its inputs gives an actor in status 'error' whose error is one line (SessionFileError).
 */
export function restoredSession(logic: SessionMachine, persisted: unknown): Actor<SessionMachine> {
  // The machine's input type is required by createActor's types; a restored actor does not read it.
  return createActor(logic, { snapshot: persisted as never, input: undefined as never });
}
