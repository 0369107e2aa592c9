/**
 * Reading a run or session file and finding the scenario it was saved from (replay, report, play --load,
 * --recover). A saved file is input from anyone, so it never chooses which file geosim reads outside its own
 * folder: its scenario is the file it names by a path relative to its own folder that stays inside that folder
 * (symbolic links resolved), else the one in scenarios/ with the recorded id (the same content hash first).
 * Errors never quote another file's content.
 */
import { createHash } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Scenario } from '../core/model.js';
import { runStepped } from '../machines/engine.js';
import type { SimState } from '../core/state.js';
import { ScenarioError } from '../scenario/errors.js';
import { listScenarios, loadScenarioFile } from '../scenario/load.js';
import { checkEngineDraws, planReplay, RunFileError, type ReplayPlan, type RunFile } from '../scenario/runfile.js';
import { readRunFile, readScenarioBytes, readSessionFile } from '../scenario/read-file.js';
import { loadScenarioArg } from './scenarios.js';
import { sessionFromFile, type LoadedSession } from '../machines/session-file.js';
import { SessionFileError } from '../scenario/sessionfile.js';

export interface LoadedRun {
  readonly runFile: RunFile;
  readonly scenario: Scenario;
  readonly scenarioFile: string;
  readonly plan: ReplayPlan;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The scenario in scenarios/ with this id and content hash, if any. */
function knownScenario(id: string, hash: string): string | undefined {
  for (const s of listScenarios()) {
    if (s.id !== id) continue;
    try {
      if (sha256(readScenarioBytes(s.file)) === hash) return s.file;
    } catch {
      // unreadable: not this one
    }
  }
  return undefined;
}

/** The recorded path, when it is relative, names a .yaml file, and stays inside the run file's folder. */
function besideRunFile(runPath: string, recorded: string): string | undefined {
  if (isAbsolute(recorded) || !/\.ya?ml$/i.test(recorded)) return undefined;
  const folder = dirname(resolve(runPath));
  const target = resolve(folder, recorded);
  if (!existsSync(target)) return undefined;
  let real: string;
  let realFolder: string;
  try {
    real = realpathSync(target);
    realFolder = realpathSync(folder);
  } catch {
    return undefined;
  }
  const rel = relative(realFolder, real);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? target : undefined;
}

/**
 * The scenario is the known one with the recorded id and hash, else the file beside the run file that it names;
 * `override` (a path or id) replaces both.
 */
export function loadRun(path: string, override?: string): LoadedRun {
  const runFile = readRunFile(path);
  const { scenario, scenarioFile } = scenarioFor(path, runFile.scenario, 'run', override);
  return { runFile, scenario, scenarioFile, plan: planReplay(runFile, scenario, path) };
}

/**
 * The scenario a saved file names: the file it names inside its own folder, else the one in scenarios/ with
 * its id and text hash, else the one in scenarios/ with its id (an edited scenario: the plan then says whether
 * only its text changed, with a note, or its model, refused); `override` replaces all three.
 */
function scenarioFor(
  path: string,
  named: { id: string; file: string; hash?: string; text?: string },
  kind: 'run' | 'session',
  override?: string,
): { scenario: Scenario; scenarioFile: string } {
  if (override !== undefined) {
    const { scenario, file } = loadScenarioArg(override);
    return { scenario, scenarioFile: file };
  }
  const hash = named.hash ?? named.text;
  const found =
    besideRunFile(path, named.file) ??
    (hash !== undefined ? knownScenario(named.id, hash) : undefined) ??
    listScenarios().find((s) => s.id === named.id)?.file;
  const Err = kind === 'run' ? RunFileError : SessionFileError;
  if (found === undefined) {
    throw new Err(
      `${kind} file '${path}' was saved from scenario '${named.id}', which is not in scenarios/ and not beside the ${kind} file (a path inside its folder); give it with --scenario FILE`,
    );
  }
  try {
    return { scenario: loadScenarioFile(found), scenarioFile: found };
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    throw new Err(`${kind} file '${path}' names '${named.file}', which is not a valid scenario (run geosim validate on it)`);
  }
}

/**
 * A run file loaded and checked the way replay checks it: its scenario found and unchanged, every name known,
 * and the engine's draws the ones it recorded (a changed seed, choice or draw is refused). The one check every
 * command that opens a run file uses (replay, report, play --load).
 */
export function loadCheckedRun(path: string, override?: string, play: (s: Scenario, r: LoadedRun) => SimState = (s, r) => runStepped(s, r.plan.inputs)): LoadedRun & { readonly state: SimState } {
  const loaded = loadRun(path, override);
  const state = play(loaded.scenario, loaded);
  checkEngineDraws(loaded.runFile, state, path);
  return { ...loaded, state };
}

export interface LoadedSessionFile {
  readonly scenario: Scenario;
  readonly scenarioFile: string;
  readonly session: LoadedSession;
}

/** Reads a session file, finds its scenario and rebuilds the branch tree (with `rebase`, onto a changed model). */
export function loadSessionFile(path: string, override?: string, rebase = false): LoadedSessionFile {
  const file = readSessionFile(path);
  const { scenario, scenarioFile } = scenarioFor(path, file.scenario, 'session', override);
  return { scenario, scenarioFile, session: sessionFromFile(scenario, file, path, rebase) };
}

/** How a run file saved at `runPath` refers to `scenarioFile`: relative to its own directory, with `/`. */
export function scenarioRef(runPath: string, scenarioFile: string): string {
  return relative(dirname(resolve(runPath)), resolve(scenarioFile)).split(sep).join('/');
}
