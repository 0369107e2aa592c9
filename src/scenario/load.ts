/**
 * The loader's entry points: find a scenario by id or path, read it, and compile it into a `Scenario`.
 * Every failure is a ScenarioError whose `format()` is one line.
 */
import type { Scenario } from '../core/model.js';
import { sha256, storeOf, type LoadOptions } from './lookup.js';
import { readScenarioBytes } from './read-file.js';
import { loadPrevalidated } from './prevalidated.js';
import { checkBytes, type Checked } from './text.js';

export type { Checked } from './text.js';
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
  return compileChecked(bytes, file, hash).scenario;
}

/** The check `geosim validate` makes; the same function (text.ts) checks a file dropped on the web page. */
function compileChecked(bytes: Buffer, file: string, hash: string): Checked {
  return checkBytes(bytes, file, hash);
}

/** Reads and compiles a scenario file the full way, with its fidelity warnings (`geosim validate`). @throws ScenarioError */
export function checkScenarioFile(path: string): Checked {
  const bytes = readScenarioBytes(path);
  return compileChecked(bytes, path, sha256(bytes));
}

/** `checkScenarioFile` for bytes read elsewhere (standard input); `file` names them in messages. @throws ScenarioError */
export function checkScenarioBytes(bytes: Buffer, file: string): Checked {
  return compileChecked(bytes, file, sha256(bytes));
}

/** `checkScenarioFile` for text; `file` names it in messages. @throws ScenarioError */
export function checkScenarioText(text: string, file: string): Checked {
  const bytes = Buffer.from(text, 'utf8');
  return compileChecked(bytes, file, sha256(bytes));
}
