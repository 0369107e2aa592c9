/** The session as the key controller sees it, and the small helpers every screen's keys share. */
import type { SessionEvent, SessionTag } from '../machines/session.js';
import type { SessionData } from '../machines/session-logic.js';
import type { Message, UiState } from './ui-state.js';

/** The live session: its data, the machine's tags, why the last event was refused or ignored, and a way to send events. */
export interface SessionPort {
  data(): SessionData;
  tags(): ReadonlySet<SessionTag>;
  error(): string | null;
  /** Why the last event was ignored in the machine's state (shown as information, not as an error). */
  reason(): string | null;
  send(event: SessionEvent): void;
}

/** Anything with an XState snapshot of the session machine. */
interface SessionActorLike {
  getSnapshot(): { context: { data: SessionData; error: string | null; reason: string | null }; tags: Set<string> };
  send(event: SessionEvent): void;
}

export function portOf(actor: SessionActorLike): SessionPort {
  return {
    data: () => actor.getSnapshot().context.data,
    tags: () => actor.getSnapshot().tags as ReadonlySet<SessionTag>,
    error: () => actor.getSnapshot().context.error,
    reason: () => actor.getSnapshot().context.reason,
    send: (e) => actor.send(e),
  };
}

/** What only the root can do: write a file, end the program. */
/** `force`: the user agreed to replace an existing file that is not this session's. `format`: session (default) or a run file of the current branch. */
export type Effect =
  | { readonly kind: 'save'; readonly path: string; readonly quit: boolean; readonly force?: boolean; readonly format?: 'session' | 'run' }
  | { readonly kind: 'quit'; readonly code: number };

export interface KeyResult {
  readonly ui: UiState;
  readonly effects: readonly Effect[];
}

export const info = (text: string): Message => ({ text, tone: 'info' });
export const fail = (text: string): Message => ({ text, tone: 'error' });

/** Sends an event and turns the machine's refusal (error) or reason for ignoring it (information), if any, into a message. */
export function sendAndReport(ui: UiState, port: SessionPort, event: SessionEvent): UiState {
  port.send(event);
  const err = port.error();
  if (err) return { ...ui, message: fail(err) };
  const why = port.reason();
  return why ? { ...ui, message: info(why) } : ui;
}
