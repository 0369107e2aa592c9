/**
 * The terminal UI's files, made here on the command line's side (src/ui reads and writes no files itself: it is
 * handed `SessionFiles`, ui/prepared.ts). The documents come from machines/session-file.ts; the writing is
 * scenario/save.ts's, the Node adapter every command saves through:
 *   - saving the session, every branch, as a session file (geosim-session/1): inputs only, no engine run;
 *   - exporting the current branch as a run file (geosim-run/1), the format `geosim replay` and `geosim report`
 *     read. A run file records the engine's draws of the whole run to its end, so this export (and only it)
 *     plays the branch's inputs to the end once;
 *   - the autosave: the session file rewritten atomically after every action, at `autosavePath()`
 *     (src/scenario/save.ts), which `geosim play --recover` reads back.
 */
import { existsSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import type { SessionData } from '../machines/session-logic.js';
import { inputsKey } from '../machines/session-logic.js';
import { runFileOf as runFileOfSession, sessionFileOf } from '../machines/session-file.js';
import type { RunFile } from '../scenario/runfile.js';
import type { SessionFile } from '../scenario/sessionfile.js';
import { removeAutosave, saveRunFile, saveSessionFile, saveTarget, writeAutosave } from '../scenario/save.js';
import type { SessionFiles } from '../ui/prepared.js';
import type { PlayOptions } from './play-options.js';

export { saveTarget, type SaveTarget } from '../scenario/save.js';

/** How a file saved at `runPath` names `scenarioFile`: relative to its own directory, with `/`. */
export function scenarioRef(runPath: string, scenarioFile: string): string {
  return relative(dirname(resolve(runPath)), resolve(scenarioFile)).split(sep).join('/');
}

export function runFileOf(d: SessionData, runPath: string, scenarioFile: string, now: Date): RunFile {
  return runFileOfSession(d, scenarioRef(runPath, scenarioFile), now);
}

/** Writes the current branch as a run file, atomically; throws RunFileError / SaveError with one-line messages. */
export function exportRun(runPath: string, d: SessionData, scenarioFile: string): void {
  saveRunFile(runPath, runFileOf(d, runPath, scenarioFile, new Date()));
}

export function sessionFileAt(path: string, d: SessionData, scenarioFile: string, now = new Date()): SessionFile {
  return sessionFileOf(d, scenarioRef(path, scenarioFile), now);
}

/** Writes the whole session as a session file, atomically; throws with one-line messages. */
export function saveSession(path: string, d: SessionData, scenarioFile: string): void {
  saveSessionFile(path, sessionFileAt(path, d, scenarioFile));
}

/**
 * Autosaves after each action: the session file is rewritten atomically when anything it holds (inputs or
 * cursors) changed. Failures are reported once, through `onError`, and never stop the session.
 */
export function autosaver(path: string, scenarioFile: string, onError: (message: string) => void): { save(d: SessionData): void; clear(): void } {
  let last = '';
  let failed = false;
  return {
    save(d) {
      const key = JSON.stringify([inputsKey(d), d.current, d.forecastFirst, d.branches.map((b) => [b.cursor, b.states.length])]);
      if (key === last) return;
      try {
        writeAutosave(path, sessionFileAt(path, d, scenarioFile));
        last = key;
      } catch (err) {
        if (!failed) onError(`autosave failed: ${err instanceof Error ? err.message : String(err)}`);
        failed = true;
      }
    },
    clear() {
      removeAutosave(path);
    },
  };
}

/** The files of a play session on `scenarioFile`, autosaved at `autosavePath`: what the UI is handed. */
export function sessionFiles(scenarioFile: string, autosavePath: string): SessionFiles {
  return {
    save: (path, data, format) => (format === 'run' ? exportRun(path, data, scenarioFile) : saveSession(path, data, scenarioFile)),
    exists: existsSync,
    inspect: saveTarget,
    autosaver: (onError) => autosaver(autosavePath, scenarioFile, onError),
  };
}

/** Play options with the session's files (see `sessionFiles`), at the autosave place they name. */
export function withFiles<T extends Omit<PlayOptions, 'files'>>(o: T): T & { readonly files: SessionFiles } {
  return { ...o, files: sessionFiles(o.scenarioFile, o.autosavePath) };
}
