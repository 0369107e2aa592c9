/** What `startUi` (main.tsx) prepares for `runApp` (run.tsx): a module of its own, so neither imports the other's types back. */
import type { Scenario } from '../core/model.js';
import type { SessionData, SessionOptions } from '../machines/session-logic.js';
import type { SaveTarget } from '../scenario/save.js';

/**
 * The files of a play session, handed to the UI (cli/session-files.ts makes them): the UI reads and writes no
 * file itself. Every method throws an Error with a one-line message on failure, except the autosave's, which
 * reports its first failure through `onError` and never stops the session.
 */
export interface SessionFiles {
  /** Writes the session (`format` 'session', every branch) or the current branch as a run file ('run'). */
  save(path: string, data: SessionData, format: 'session' | 'run'): void;
  /** Whether a file exists (to ask before saving over one). */
  exists(path: string): boolean;
  /** What saving at a path would do: a new file, a geosim file replaced after asking, or refused with a reason. */
  inspect(path: string): SaveTarget;
  /** The autosave: the session file rewritten after every action when what it holds changed. */
  autosaver(onError: (message: string) => void): { save(d: SessionData): void; clear(): void };
}

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
  /** Saving, exporting and autosaving. */
  readonly files: SessionFiles;
}
