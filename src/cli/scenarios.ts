/** The CLI's way to a scenario: `<scenario>` is a path or the id of a scenario in scenarios/. */
import { findScenario, loadScenarioFile } from '../scenario/load.js';

import type { LoadedScenario } from './scenario-quick.js';
export type { LoadedScenario };

/** @throws ScenarioError (exit 2) */
export function loadScenarioArg(idOrPath: string): LoadedScenario {
  const file = findScenario(idOrPath);
  return { scenario: loadScenarioFile(file), file };
}

