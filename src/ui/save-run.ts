/**
 * The UI's files (Node adapter):
 *   - saving the session, every branch, as a session file (geosim-session/1): inputs only, no engine run;
 *   - exporting the current branch as a run file (geosim-run/1), the format `geosim replay` and `geosim report`
 *     read. A run file records the engine's draws of the whole run to its end, so this export (and only it)
 *     plays the branch's inputs to the end once;
 *   - the autosave: the session file rewritten atomically after every action, at `autosavePath()`
 *     (src/scenario/save.ts), which `geosim play --recover` reads back.
 */
import { lstatSync, mkdirSync, statSync, unlinkSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import type { SessionData } from '../machines/session-logic.js';
import { inputsKey } from '../machines/session-logic.js';
import { runFileOf as runFileOfSession, sessionFileOf } from '../machines/session-file.js';
import type { RunFile } from '../scenario/runfile.js';
import type { SessionFile } from '../scenario/sessionfile.js';
import { fileFormat, saveRunFile, saveSessionFile, writeFileAtomic } from '../scenario/save.js';
import { RUN_FORMAT } from '../scenario/runfile.js';
import { SESSION_FORMAT } from '../scenario/sessionfile.js';
import { serializeSessionFile } from '../scenario/sessionfile.js';

/**
 * What saving at `path` would do, asked before any question (issue 13): write a new file, replace a geosim file
 * (after asking), or nothing at all, with the reason: a directory, a missing directory, a file that is not a
 * session or run file (replacing it would lose something that is not geosim's).
 */
export type SaveTarget = { readonly kind: 'new' } | { readonly kind: 'replace'; readonly what: string } | { readonly kind: 'refuse'; readonly reason: string };

export function saveTarget(path: string): SaveTarget {
  const dir = dirname(path);
  try {
    if (!statSync(dirname(resolve(path))).isDirectory()) return { kind: 'refuse', reason: `${dir} is not a directory` };
  } catch {
    return { kind: 'refuse', reason: 'its directory does not exist' };
  }
  let st;
  try {
    st = statSync(path); // through a symbolic link, as the save does
  } catch {
    try {
      lstatSync(path);
      return { kind: 'refuse', reason: 'a broken symbolic link' };
    } catch {
      return { kind: 'new' };
    }
  }
  if (st.isDirectory()) return { kind: 'refuse', reason: 'a directory: type a file name' };
  if (!st.isFile()) return { kind: 'refuse', reason: 'not a regular file' };
  const format = fileFormat(path);
  if (format === SESSION_FORMAT) return { kind: 'replace', what: 'a session file' };
  if (format === RUN_FORMAT) return { kind: 'replace', what: 'a run file' };
  return { kind: 'refuse', reason: 'not a geosim session or run file' };
}

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
        mkdirSync(dirname(path), { recursive: true });
        writeFileAtomic(path, serializeSessionFile(sessionFileAt(path, d, scenarioFile)));
        last = key;
      } catch (err) {
        if (!failed) onError(`autosave failed: ${err instanceof Error ? err.message : String(err)}`);
        failed = true;
      }
    },
    clear() {
      try {
        unlinkSync(path);
      } catch {
        /* nothing to clear */
      }
    },
  };
}
