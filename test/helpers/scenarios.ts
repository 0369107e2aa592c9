import { fileURLToPath } from 'node:url';
import { loadScenarioFile } from '../../src/scenario/load.js';
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
