/** What `startUi` (main.tsx) prepares for `runApp` (run.tsx): a module of its own, so neither imports the other's types back. */
import type { Scenario } from '../core/model.js';
import type { SessionData, SessionOptions } from '../machines/session-logic.js';

export interface PreparedUi {
  readonly scenario: Scenario;
  readonly scenarioFile: string;
  readonly options: SessionOptions;
  readonly savePath: string;
  /** The file being resumed: saving over it needs no question. */
  readonly loadedFrom?: string;
  /** A session rebuilt from a session file (or the autosave): used instead of `options`. */
  readonly data?: SessionData;
  /** A line to show at the start (the scenario's text changed since the save; what a rebase moved). */
  readonly note?: string;
  /** Where the session is autosaved after every action. */
  readonly autosavePath: string;
}
