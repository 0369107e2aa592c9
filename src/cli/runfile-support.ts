/**
 * Reading a run file and finding the scenario it was saved from (replay, report, play --load). A run file is
 * input from anyone, so it never chooses which file geosim reads: its scenario is the one in scenarios/ with
 * the recorded id and content hash, or else the file it names by a path relative to its own folder that stays
 * inside that folder (symbolic links resolved). Errors never quote another file's content.
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
import { readRunFile, readScenarioBytes } from '../scenario/read-file.js';
import { loadScenarioArg } from './scenarios.js';

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
  let scenario: Scenario;
  let scenarioFile: string;
  if (override !== undefined) {
    ({ scenario, file: scenarioFile } = loadScenarioArg(override));
  } else {
    const found = knownScenario(runFile.scenario.id, runFile.scenario.hash) ?? besideRunFile(path, runFile.scenario.file);
    if (found === undefined) {
      throw new RunFileError(
        `run file '${path}' was saved from scenario '${runFile.scenario.id}', which is not in scenarios/ and not beside the run file (a path inside its folder); give it with --scenario FILE`,
      );
    }
    scenarioFile = found;
    try {
      scenario = loadScenarioFile(scenarioFile);
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      throw new RunFileError(`run file '${path}' names '${runFile.scenario.file}', which is not a valid scenario (run geosim validate on it)`);
    }
  }
  return { runFile, scenario, scenarioFile, plan: planReplay(runFile, scenario, path) };
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

/** How a run file saved at `runPath` refers to `scenarioFile`: relative to its own directory, with `/`. */
export function scenarioRef(runPath: string, scenarioFile: string): string {
  return relative(dirname(resolve(runPath)), resolve(scenarioFile)).split(sep).join('/');
}
