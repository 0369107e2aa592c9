/**
 * The validated data each loaded scenario was compiled from (after YAML and schema, before the semantic
 * compile): plain data, so a worker thread can receive it by structured clone and compile it again without
 * reading or parsing the file (src/mc/pool.ts). A compiled scenario holds closures and cannot be sent.
 */
import type { Scenario } from '../core/model.js';
import type { RawScenario } from './schema.js';

const validated = new WeakMap<Scenario, RawScenario>();

export function rememberValidated(scenario: Scenario, raw: RawScenario): Scenario {
  validated.set(scenario, raw);
  return scenario;
}

/** The data `scenario` was compiled from, when the loader made it. */
export function validatedOf(scenario: Scenario): RawScenario | undefined {
  return validated.get(scenario);
}
