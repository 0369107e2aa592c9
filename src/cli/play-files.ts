/**
 * The files side of starting the terminal UI, kept out of src/ui (which reads and writes no scenario files
 * itself): where a scenario's session is autosaved, and the older path-based form of the play options (a
 * scenario path and perhaps a run file to resume), turned into checked `PlayOptions`.
 */
import { withAutosave, type PlayOptions } from './play-options.js';
import { withFiles } from './session-files.js';
import { findScenario, loadScenarioFile } from '../scenario/load.js';
import { planReplay } from '../scenario/runfile.js';
import { readRunFile } from '../scenario/read-file.js';

/** The older, path-based form of the options (still accepted). */
export interface PathUiOptions {
  readonly scenarioPath: string;
  readonly seed: number;
  readonly preset?: string;
  readonly roles: readonly string[];
  readonly load?: string;
}


export function playOptionsFromPath(o: PathUiOptions): PlayOptions {
  const scenarioFile = findScenario(o.scenarioPath);
  const scenario = loadScenarioFile(scenarioFile);
  if (o.load === undefined) return withFiles(withAutosave({ scenario, scenarioFile, seed: o.seed, preset: o.preset ?? scenario.defaultPreset, roles: o.roles }));
  const runFile = readRunFile(o.load);
  planReplay(runFile, scenario, o.load); // same scenario, same content, known names
  return withFiles(withAutosave({ scenario, scenarioFile, seed: o.seed, preset: o.preset ?? runFile.preset, roles: o.roles.length ? o.roles : runFile.roles, runFile, runFilePath: o.load }));
}
