/**
 * The loader's entry points: find a scenario by id or path, read it, and compile it into a `Scenario`.
 * Every failure is a ScenarioError whose `format()` is one line.
 */
import type { Scenario } from '../core/model.js';
import { compileScenario } from './compile.js';
import { sha256, storeOf, type LoadOptions } from './lookup.js';
import { decodeScenario, parseYaml, readScenarioBytes } from './parse.js';
import { loadPrevalidated } from './prevalidated.js';
import { validateShape } from './validate.js';

export { warningsOf } from './compile.js';
export { findScenario, listScenarios, scenarioSearchPath, scenariosDir, type LoadOptions, type ScenarioDir, type ScenarioEntry } from './lookup.js';

/**
 * Reads and compiles a scenario file. When the build prevalidated these exact bytes, the YAML and schema
 * passes are skipped (the semantic compile always runs); anything unexpected there falls back to the full
 * path, so results and error messages are the same either way. @throws ScenarioError
 */
export function loadScenarioFile(path: string, opts: LoadOptions = {}): Scenario {
  const bytes = readScenarioBytes(path);
  const hash = sha256(bytes);
  const store = storeOf(opts);
  return (store && loadPrevalidated(store, path, hash)) ?? compileBytes(bytes, path, hash);
}

/** Compiles a scenario file's bytes (UTF-8 only); `file` names it in error messages. @throws ScenarioError */
export function parseScenarioBytes(bytes: Buffer, file: string): Scenario {
  return compileBytes(bytes, file, sha256(bytes));
}

/** Compiles scenario text; `file` names it in error messages. @throws ScenarioError */
export function parseScenarioText(text: string, file: string): Scenario {
  const bytes = Buffer.from(text, 'utf8');
  return compileBytes(bytes, file, sha256(bytes));
}

function compileBytes(bytes: Buffer, file: string, hash: string): Scenario {
  const { map, data } = parseYaml(decodeScenario(bytes, file), file);
  const raw = validateShape(data, map);
  return compileScenario(raw, map, hash);
}
