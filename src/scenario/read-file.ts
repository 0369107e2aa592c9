/**
 * Node adapter: reading scenario, run and session files from disk, refusing missing files and files over the
 * size caps before reading them (read-bytes.ts), and checking run and session files. The rest of the scenario
 * layer works on text and runs in a browser too.
 */
import { RunFileError } from './file-errors.js';
import { readTextFile } from './read-bytes.js';
import { MAX_RUN_FILE_BYTES, type RunFile } from './runfile.js';
import { parseRunFile } from './runfile-schema.js';
import { MAX_SESSION_FILE_BYTES, SessionFileError, type SessionFile } from './sessionfile.js';
import { parseSessionFile } from './sessionfile-schema.js';

export { readScenarioBytes, readTextFile } from './read-bytes.js';

/** Reads a run file (refusing directories and oversized files) and validates it. Never writes. */
export function readRunFile(path: string): RunFile {
  return parseRunFile(readTextFile(path, MAX_RUN_FILE_BYTES, 'run file', RunFileError), path);
}

/** Reads and checks a session file (never writes); throws SessionFileError with one line. */
export function readSessionFile(path: string): SessionFile {
  return parseSessionFile(readTextFile(path, MAX_SESSION_FILE_BYTES, 'session file', SessionFileError), path);
}
