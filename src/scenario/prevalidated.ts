/**
 * Prevalidated scenarios. The build (src/build/bundle.mjs) runs every shipped scenario through the full loader
 * and writes, beside the bundle, `dist/scenarios/<name>.json`: the data that passed the YAML reader (parse.ts)
 * and the schema (validate.ts), keyed by the SHA-256 of the YAML bytes. Loading a file whose bytes have that
 * hash can skip both passes (most of a load) and go straight to the semantic compile, which always runs.
 *
 * What keeps this as safe as the full path:
 * - an entry is used only when its YAML hash equals the file's and its build id equals the running bundle's
 *   (the id hashes the sources, so a schema change makes every old entry stale); otherwise it is ignored;
 * - the data's own SHA-256 is checked, so an edited or truncated entry is ignored;
 * - the data is JSON (it can hold no code), is parsed with JSON.parse, and is refused if any key is
 *   `__proto__`, `constructor` or `prototype`, or if it is nested deeper than the YAML reader allows;
 * - the compile runs with a source map that refuses to give positions: any problem at all (a wrongly shaped
 *   entry included) abandons the fast path, and the caller loads the file the full way, so the user sees
 *   exactly the positioned message the full path gives. Files with errors are never prevalidated.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../core/model.js';
import type { RawScenario } from './schema.js';
import { compileValidated, DATA_KEY, entryData, entryHead as head } from './compile-validated.js';

export { compileValidated, PREVALIDATED_FORMAT } from './compile-validated.js';


/** Where entries live and which build wrote them. */
export interface PrevalidatedStore {
  readonly dir: string;
  readonly build: string;
}

// Defined by the build (esbuild `define`): a hash of the sources the bundle was built from. Absent when the
// sources run unbundled (tests), so the fast path is off there unless a store is passed explicitly.
declare const __GEOSIM_BUILD_ID__: string | undefined;

export const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * The entries the running bundle's build wrote (`<dist>/scenarios`), or undefined when not running from a
 * build, or when GEOSIM_PREVALIDATED=0 turns the fast path off.
 */
export function bundledStore(): PrevalidatedStore | undefined {
  const build = typeof __GEOSIM_BUILD_ID__ === 'string' ? __GEOSIM_BUILD_ID__ : undefined;
  if (!build || process.env.GEOSIM_PREVALIDATED === '0') return undefined;
  // The loader is bundled into dist/ itself or into a shared chunk under dist/chunks/.
  const here = dirname(fileURLToPath(import.meta.url));
  return { dir: join(basename(here) === 'chunks' ? dirname(here) : here, 'scenarios'), build };
}

/** The entry file name for a scenario file: `scenarios/x.yaml` → `x.json`. */
export function entryName(file: string): string {
  return `${basename(file).replace(/\.ya?ml$/i, '')}.json`;
}

/** The text of an entry: one JSON object `{ format, build, hash, digest, data }`, data last. */
export function entryText(build: string, hash: string, data: RawScenario): string {
  const body = JSON.stringify(data);
  return `${head(build, hash)}${sha256(body)}${DATA_KEY}${body}}\n`;
}

/**
 * The prevalidated data for the scenario file `file` whose bytes hash to `hash`, or undefined when there is
 * no usable entry (missing, stale, from another build, edited, or holding a forbidden key).
 */
export function readPrevalidated(store: PrevalidatedStore, file: string, hash: string): RawScenario | undefined {
  let text: string;
  try {
    text = readFileSync(join(store.dir, entryName(file)), 'utf8');
  } catch {
    return undefined;
  }
  return entryData(text, store.build, hash, sha256);
}

/**
 * The fast path: the scenario compiled from its prevalidated entry, or undefined when there is no usable
 * entry or the compile meets any problem (the caller then loads the file the full way, which reports it).
 */
export function loadPrevalidated(store: PrevalidatedStore, file: string, hash: string): Scenario | undefined {
  const raw = readPrevalidated(store, file, hash);
  if (!raw) return undefined;
  try {
    return compileValidated(raw, file, hash);
  } catch {
    return undefined;
  }
}
