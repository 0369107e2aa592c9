/** Reading a run file and finding the scenario it was saved from (for replay and play --load). */
import { existsSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import type { Scenario } from '../core/model.js';
import { ScenarioError } from '../scenario/errors.js';
import { findScenario, loadScenarioFile } from '../scenario/load.js';
import { planReplay, RunFileError, type ReplayPlan, type RunFile } from '../scenario/runfile.js';
import { readRunFile } from '../scenario/read-file.js';
import { loadScenarioArg } from './scenarios.js';

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
  let scenario: Scenario;
  let scenarioFile: string;
  if (override !== undefined) {
    ({ scenario, file: scenarioFile } = loadScenarioArg(override));
  } else {
    const recorded = resolve(dirname(resolve(path)), runFile.scenario.file);
    if (existsSync(recorded)) scenarioFile = recorded;
    else {
      try {
        scenarioFile = findScenario(runFile.scenario.id);
      } catch (err) {
        if (!(err instanceof ScenarioError)) throw err;
        throw new RunFileError(
          `run file '${path}' was saved from scenario '${runFile.scenario.id}' at '${runFile.scenario.file}', which is gone and not in scenarios/ either; give it with --scenario FILE`,
        );
      }
    }
    scenario = loadScenarioFile(scenarioFile);
  }
  return { runFile, scenario, scenarioFile, plan: planReplay(runFile, scenario, path) };
}

/** How a run file saved at `runPath` refers to `scenarioFile`: relative to its own directory, with `/`. */
export function scenarioRef(runPath: string, scenarioFile: string): string {
  return relative(dirname(resolve(runPath)), resolve(scenarioFile)).split(sep).join('/');
}
