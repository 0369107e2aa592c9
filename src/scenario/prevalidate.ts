/**
 * The build's side of prevalidated scenarios (prevalidated.ts reads them): src/build/bundle.mjs bundles this
 * module and calls `prevalidateFile` for every shipped scenario. Kept apart from the reading side, which every
 * launch of the UI loads, because this side loads the YAML reader and the schema.
 */
import { compileScenario } from './compile.js';
import { MAX_DEPTH, parseYaml } from './parse.js';
import { readScenarioBytes } from './read-file.js';
import { validateShape } from './validate.js';
import { entryText, sha256 } from './prevalidated.js';

export { entryName, entryText } from './prevalidated.js';

const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The build's side: loads the file the full way and returns its entry text. Returns undefined when the data
 * would not come back identical from JSON (e.g. a -0), so such a file always takes the full path.
 * @throws ScenarioError when the file does not load (it is then not prevalidated).
 */
export function prevalidateFile(path: string, build: string): string | undefined {
  const bytes = readScenarioBytes(path);
  const { map, data } = parseYaml(bytes.toString('utf8'), path);
  const raw = validateShape(data, map);
  compileScenario(raw, map, sha256(bytes));
  return jsonExact(raw, 0) ? entryText(build, sha256(bytes), raw) : undefined;
}

/** True when JSON.parse(JSON.stringify(v)) deep-equals v exactly. */
function jsonExact(v: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH + 1) return false;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
  if (Array.isArray(v)) return v.every((x) => jsonExact(x, depth + 1));
  if (typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype) return false;
  return Object.entries(v).every(([k, x]) => !FORBIDDEN_KEYS.has(k) && jsonExact(x, depth + 1));
}
