/** Reading a run file and finding the scenario it was saved from (for replay and play --load). */
import { existsSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import type { Scenario } from '../core/model.js';
import { ScenarioError } from '../scenario/errors.js';
import { findScenario, loadScenarioFile } from '../scenario/load.js';
import { planReplay, readRunFile, RunFileError, type ReplayPlan, type RunFile } from '../scenario/runfile.js';
import { loadScenarioArg } from './scenarios.js';
import { readSessionFile } from '../scenario/save.js';
import { sessionFromFile, type LoadedSession } from '../machines/session-file.js';
import { SessionFileError } from '../scenario/sessionfile.js';

export interface LoadedRun {
  readonly runFile: RunFile;
  readonly scenario: Scenario;
  readonly scenarioFile: string;
  readonly plan: ReplayPlan;
}

/**
 * The scenario is the file the run file names (relative to the run file's directory); only when that file is
 * gone, the scenario with the same id in scenarios/; `override` (a path or id) replaces both.
 */
export function loadRun(path: string, override?: string): LoadedRun {
  const runFile = readRunFile(path);
  const { scenario, scenarioFile } = scenarioFor(path, runFile.scenario, 'run', override);
  return { runFile, scenario, scenarioFile, plan: planReplay(runFile, scenario, path) };
}

/** The scenario a saved file names: its recorded file, else the same id in scenarios/; `override` replaces both. */
function scenarioFor(path: string, named: { id: string; file: string }, kind: 'run' | 'session', override?: string): { scenario: Scenario; scenarioFile: string } {
  if (override !== undefined) {
    const { scenario, file } = loadScenarioArg(override);
    return { scenario, scenarioFile: file };
  }
  let scenarioFile: string;
  const recorded = resolve(dirname(resolve(path)), named.file);
  if (existsSync(recorded)) scenarioFile = recorded;
  else {
    try {
      scenarioFile = findScenario(named.id);
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      const Err = kind === 'run' ? RunFileError : SessionFileError;
      throw new Err(`${kind} file '${path}' was saved from scenario '${named.id}' at '${named.file}', which is gone and not in scenarios/ either; give it with --scenario FILE`);
    }
  }
  return { scenario: loadScenarioFile(scenarioFile), scenarioFile };
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
