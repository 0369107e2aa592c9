/**
 * Session files (`format: geosim-session/1`): the whole branch tree of a `geosim play` session as INPUTS, enough
 * to rebuild every branch exactly (same states, same cursor, same screens). For each branch: its parent and fork
 * point, seed, preset and assumption overrides, injects, roles, the user's choices and the decisions handed to
 * the engine, how far it was played and its cursor, an optional name. Plus the forecasts and which branch is
 * current. Nothing computed is stored: loading replays each branch from its inputs.
 *
 * The scenario is named by id and file, and identified twice (identity.ts): its text hash and its model hash,
 * with per-part hashes so that a refused load can say what changed.
 *
 * Pure (no `node:` import): parsing and checking work in a browser too. Reading and writing files is in
 * src/scenario/save.ts and the UI's adapter. Every problem is one line (SessionFileError, exit 2 in the CLI).
 * The schema and the parser are in sessionfile-schema.ts (they load zod; writing a session file does not).
 */
import { SessionFileError } from './file-errors.js';
import type { SessionFile } from './sessionfile-schema.js';

export type { SessionFile, SessionFileBranch } from './sessionfile-schema.js';

import { MAX_SESSION_FILE_BYTES, MAX_STEPS, SESSION_FORMAT } from './file-formats.js';
export { MAX_SESSION_FILE_BYTES, MAX_STEPS, SESSION_FORMAT };

export { SessionFileError };

export function serializeSessionFile(f: SessionFile): string {
  return `${JSON.stringify(f, null, 2)}\n`;
}

/** The format field of a JSON text, without validating the rest (to tell session files from run files). */
export function formatOf(text: string): string | undefined {
  try {
    const data: unknown = JSON.parse(text);
    const f = typeof data === 'object' && data !== null ? (data as { format?: unknown }).format : undefined;
    return typeof f === 'string' ? f : undefined;
  } catch {
    return undefined;
  }
}
