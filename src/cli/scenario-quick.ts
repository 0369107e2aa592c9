/**
 * `geosim play`'s way to its scenario: the quick road (src/scenario/quick-load.ts) when it applies, else the
 * same loader every command uses (scenarios.ts), loaded only then. The UI's first frame thus needs neither the
 * YAML reader nor the schema for a shipped scenario; the result, and every error, is the same either way.
 */
import { quickFind, quickLoad } from '../scenario/quick-load.js';
import type { LoadedScenario } from './scenarios.js';

/** The flagship scenario, the default of `geosim play`. */
export const FLAGSHIP = 'pyongyang-2024';

/** `loadScenarioArg(idOrPath)`, by the quick road when it applies. @throws ScenarioError (exit 2) */
export async function loadScenarioArgQuick(idOrPath: string): Promise<LoadedScenario> {
  const file = quickFind(idOrPath);
  const scenario = file === undefined ? undefined : quickLoad(file);
  if (file !== undefined && scenario) return { scenario, file };
  const { loadScenarioArg } = await import('./scenarios.js');
  return loadScenarioArg(idOrPath);
}
