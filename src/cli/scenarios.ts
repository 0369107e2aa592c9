/** The CLI's way to a scenario: `<scenario>` is a path or the id of a scenario in scenarios/. */
import type { Scenario } from '../core/model.js';
import { findScenario, loadScenarioFile } from '../scenario/load.js';

export interface LoadedScenario {
  readonly scenario: Scenario;
  /** The file it was read from, as findScenario gives it (relative to the working directory when inside it). */
  readonly file: string;
}

/** @throws ScenarioError (exit 2) */
export function loadScenarioArg(idOrPath: string): LoadedScenario {
  const file = findScenario(idOrPath);
  return { scenario: loadScenarioFile(file), file };
}
