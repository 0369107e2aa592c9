/**
 * Session files, run files and the run summary, as the page saves and opens them: the same bytes the CLI
 * writes and reads (the same functions: machines/session-file.ts, scenario/sessionfile.ts, scenario/runfile.ts),
 * so `geosim replay` and `geosim play --load` read what the page saves, and the page opens what they wrote.
 */
import { summarize } from '../../core/summary.js';
import { runStepped } from '../../machines/engine.js';
import { branchOf, createSession, inputsFor, type SessionData } from '../../machines/session-logic.js';
import { runFileOf, runFileOptions, sessionFileOf, sessionFromFile } from '../../machines/session-file.js';
import { MAX_RUN_FILE_BYTES, checkEngineDraws, planReplay, RUN_FORMAT, serializeRunFile } from '../../scenario/runfile.js';
import { parseRunFile } from '../../scenario/runfile-schema.js';
import { MAX_SESSION_FILE_BYTES, formatOf, SESSION_FORMAT, serializeSessionFile } from '../../scenario/sessionfile.js';
import { parseSessionFile } from '../../scenario/sessionfile-schema.js';
import { json } from '../../cli/format/render.js';
import { oneLine } from './messages.js';
import { fileOf, findLoaded, type Loaded } from './scenarios.js';

/** The whole session (every branch, inputs only) as a session file (geosim-session/1). */
export function sessionFileText(session: SessionData, now: Date = new Date()): string {
  return serializeSessionFile(sessionFileOf(session, fileOf(session.scenario), now));
}

/** The current branch as a run file (geosim-run/1): `geosim replay` reproduces it. */
export function runFileText(session: SessionData, now: Date = new Date()): string {
  return serializeRunFile(runFileOf(session, fileOf(session.scenario), now));
}

/**
 * The current branch played to its end, as `geosim run --format json` prints it for the same scenario, seed,
 * preset, assumptions, injects and choices (the engine draws the rest): byte for byte.
 */
export function runSummaryJson(session: SessionData): string {
  const state = runStepped(session.scenario, inputsFor(session, branchOf(session).choices));
  return json(summarize(session.scenario, state, session.preset));
}

export type Opened =
  | { readonly ok: true; readonly session: SessionData; readonly loaded: Loaded; readonly kind: 'session' | 'run'; readonly note: string | null }
  | { readonly ok: false; readonly message: string };

/**
 * A session file or a run file the user opened, checked as the CLI checks it (`play --load`, `replay`): its
 * scenario (one loaded in this page with its id, else the shipped one) must be the one it was saved from (a
 * text-only edit loads with a note; a changed model is refused), names must exist, draws must match.
 */
export async function openFile(text: string, name: string): Promise<Opened> {
  try {
    const bytes = new TextEncoder().encode(text).length;
    const format = formatOf(text);
    if (format === SESSION_FORMAT) {
      if (bytes > MAX_SESSION_FILE_BYTES) return { ok: false, message: `'${name}' is too large to be a session file (${bytes} bytes)` };
      const f = parseSessionFile(text, name);
      const loaded = await findLoaded(f.scenario.id);
      if (!loaded) return { ok: false, message: `session file '${name}' was saved from scenario '${f.scenario.id}', which this page does not have; open that scenario file first` };
      const s = sessionFromFile(loaded.scenario, f, name);
      return { ok: true, session: s.data, loaded, kind: 'session', note: s.note };
    }
    if (bytes > MAX_RUN_FILE_BYTES) return { ok: false, message: `'${name}' is too large to be a run file (${bytes} bytes)` };
    if (format !== RUN_FORMAT) parseRunFile(text, name); // throws the run file's own message (not JSON, wrong format …)
    const rf = parseRunFile(text, name);
    const loaded = await findLoaded(rf.scenario.id);
    if (!loaded) return { ok: false, message: `run file '${name}' was saved from scenario '${rf.scenario.id}', which this page does not have; open that scenario file first` };
    const plan = planReplay(rf, loaded.scenario, name);
    checkEngineDraws(rf, runStepped(loaded.scenario, plan.inputs), name);
    const session = createSession(loaded.scenario, { seed: rf.seed, preset: rf.preset, roles: rf.roles, ...runFileOptions(rf) });
    return { ok: true, session, loaded, kind: 'run', note: plan.note ?? null };
  } catch (err) {
    return { ok: false, message: oneLine(err) };
  }
}
