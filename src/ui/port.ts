/** The session as the key controller sees it, and the small helpers every screen's keys share. */
import type { SessionEvent } from '../machines/session.js';
import type { SessionData } from '../machines/session-logic.js';
import type { Message, UiState } from './ui-state.js';

/** The live session: its data and error now, and a way to send events. */
export interface SessionPort {
  data(): SessionData;
  error(): string | null;
  send(event: SessionEvent): void;
}

/** What only the root can do: write a file, end the program. */
/** `force`: the user agreed to replace an existing file that is not this session's. */
export type Effect = { readonly kind: 'save'; readonly path: string; readonly quit: boolean; readonly force?: boolean } | { readonly kind: 'quit'; readonly code: number };

export interface KeyResult {
  readonly ui: UiState;
  readonly effects: readonly Effect[];
}

export const info = (text: string): Message => ({ text, tone: 'info' });
export const fail = (text: string): Message => ({ text, tone: 'error' });

/** Sends an event and turns the machine's refusal, if any, into a message. */
export function sendAndReport(ui: UiState, port: SessionPort, event: SessionEvent): UiState {
  port.send(event);
  const err = port.error();
  return err ? { ...ui, message: fail(err) } : ui;
}
