/**
 * Scenario text to a compiled `Scenario`, with no file access: what the CLI's loader does after reading the
 * bytes, and what a browser does with a dropped file. The scenario hash is SHA-256 of the UTF-8 bytes, computed
 * with @noble/hashes (pure JavaScript, synchronous, the same digest as node:crypto), so a page and the CLI
 * give a file the same hash and so accept each other's run files.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Scenario } from '../core/model.js';
import { compileScenario } from './compile.js';
import { decodeScenario, parseYaml } from './parse.js';
import { validateShape } from './validate.js';
import type { ScenarioError } from './errors.js';
import { lintScenario } from './lint.js';
import { omittedRelations } from './warnings.js';
import { rememberValidated } from './validated.js';

/** Lowercase hex SHA-256 of bytes, or of a string's UTF-8 encoding. */
export function sha256Hex(data: Uint8Array | string): string {
  return bytesToHex(sha256(typeof data === 'string' ? utf8ToBytes(data) : data));
}

/**
 * Compiles scenario text; `file` names it in error messages; `hash` is the hash of the bytes it was decoded
 * from (by default, of the text's UTF-8 encoding). @throws ScenarioError
 */
export function compileText(text: string, file: string, hash: string = sha256Hex(text)): Scenario {
  return checkText(text, file, hash).scenario;
}

export interface Checked {
  readonly scenario: Scenario;
  /** The fidelity rules' warnings (lint.ts), in file order. */
  readonly warnings: () => ScenarioError[];
  /** The loader's own warnings (warnings.ts: a relation left out), in file order. */
  readonly loaderWarnings: () => ScenarioError[];
}

/**
 * The full check `geosim validate` makes (and the web page makes of a dropped file): YAML, schema, compile, and
 * the warnings on demand. The scenario remembers the validated data (workers compile it again). @throws ScenarioError
 */
export function checkText(text: string, file: string, hash: string = sha256Hex(text)): Checked {
  const { map, data } = parseYaml(text, file);
  const raw = validateShape(data, map);
  return { scenario: rememberValidated(compileScenario(raw, map, hash), raw), warnings: () => lintScenario(raw, map), loaderWarnings: () => omittedRelations(raw, map) };
}

/** `checkText` of a file's bytes (UTF-8 only: UTF-16 and stray bytes are named), hashed as bytes. @throws ScenarioError */
export function checkBytes(bytes: Uint8Array, file: string, hash: string = sha256Hex(bytes)): Checked {
  return checkText(decodeScenario(bytes, file), file, hash);
}

/** Compiles a scenario file's bytes (UTF-8 only: UTF-16 and stray bytes are named); hashed as bytes. @throws ScenarioError */
export function compileBytes(bytes: Uint8Array, file: string): Scenario {
  return checkBytes(bytes, file).scenario;
}
