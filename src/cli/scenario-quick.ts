/**
 * `geosim play`'s way to its scenario: the quick road (src/scenario/quick-load.ts) when it applies, else the
 * same loader every command uses (src/scenario/load.ts), loaded only then. The UI's first frame thus needs neither the
 * YAML reader nor the schema for a shipped scenario; the result, and every error, is the same either way.
 */
import type { Scenario } from '../core/model.js';
import { quickFind, quickLoad } from '../scenario/quick-load.js';

/** The flagship scenario, the default of `geosim play`. */
export const FLAGSHIP = 'pyongyang-2024';

export interface LoadedScenario {
  readonly scenario: Scenario;
  /** The file it was read from, as findScenario gives it (relative to the working directory when inside it). */
  readonly file: string;
}

/** `loadScenarioArg(idOrPath)`, by the quick road when it applies. @throws ScenarioError (exit 2) */
export async function loadScenarioArgQuick(idOrPath: string): Promise<LoadedScenario> {
  const file = quickFind(idOrPath);
  const scenario = file === undefined ? undefined : quickLoad(file);
  if (file !== undefined && scenario) return { scenario, file };
  // The loader every command uses (as scenarios.ts's loadScenarioArg), loaded only now.
  const { findScenario, loadScenarioFile } = await import('../scenario/load.js');
  const found = findScenario(idOrPath);
  return { scenario: loadScenarioFile(found), file: found };
}
