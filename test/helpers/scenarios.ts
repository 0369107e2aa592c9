import { fileURLToPath } from 'node:url';
import { loadScenarioFile, parseScenarioText } from '../../src/scenario/load.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import type { Scenario } from '../../src/core/model.js';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const fixture = (rel: string): string => fileURLToPath(new URL(`../fixtures/${rel}`, import.meta.url));

const cache = new Map<string, Scenario>();
function cached(path: string): Scenario {
  let s = cache.get(path);
  if (!s) cache.set(path, (s = loadScenarioFile(path)));
  return s;
}

/** The small scenario that exercises every core mechanism. */
export const small = (): Scenario => cached(fixture('core/small.yaml'));
/** The flagship scenario. */
export const flagship = (): Scenario => cached(fileURLToPath(new URL('../../scenarios/pyongyang-2024.yaml', import.meta.url)));
/** The second shipped scenario (North Korean troops in Russia's war). */
export const kursk = (): Scenario => cached(fileURLToPath(new URL('../../scenarios/kursk-2024.yaml', import.meta.url)));

/**
 * The one-line message the loader gives for `text` with `from` replaced by `to`, without the file name (it starts
 * at `line:col:`). Fails when the replacement changes nothing or the changed text loads.
 */
export function refusalOf(text: string, from: string | RegExp, to: string): string {
  const changed = text.replace(from, to);
  if (changed === text) throw new Error(`the replacement of ${String(from)} changes nothing`);
  try {
    parseScenarioText(changed, 'x.yaml');
  } catch (e) {
    if (e instanceof ScenarioError) return e.format().replace(/^x\.yaml:/, '');
    throw e;
  }
  throw new Error('expected the change to be refused');
}
