/**
 * A scenario without the YAML reader or the schema, for the UI's start (`geosim play`, `npm start`): a
 * scenario found by its file name, whose bytes have a prevalidated entry from this very build, is compiled from
 * that entry (prevalidated.ts) exactly as `loadScenarioFile` would compile it. Anything else (an id written only
 * inside a file, no entry, a stale one, a file that does not load) gives undefined, and the caller takes the
 * full way (load.ts), which gives the same scenario or the same error: this is only a shorter road to it.
 */
import { existsSync } from 'node:fs';
import type { Scenario } from '../core/model.js';
import { loadPrevalidated } from './prevalidated.js';
import { readScenarioBytes } from './read-bytes.js';
import { dirsOf, display, fileNamed, looksLikePath, scenarioFiles, sha256, storeOf, type LoadOptions } from './scenario-dirs.js';

/**
 * The file `findScenario(idOrPath)` gives, when it can be told without reading any scenario: a path, or an id
 * that names a file in the first directory of the search path holding scenarios. Otherwise undefined.
 */
export function quickFind(idOrPath: string): string | undefined {
  if (looksLikePath(idOrPath)) return existsSync(idOrPath) ? idOrPath : undefined;
  for (const { dir } of dirsOf(undefined)) {
    const files = scenarioFiles(dir);
    const byName = fileNamed(files, idOrPath);
    if (byName) return display(byName);
    // findScenario would now look for the id inside these files (reading them): leave that to it.
    if (files.length) return undefined;
  }
  return undefined;
}

/** `loadScenarioFile(file)` when the file has a usable prevalidated entry; undefined when it has none. */
export function quickLoad(file: string, opts: LoadOptions = {}): Scenario | undefined {
  const store = storeOf(opts);
  if (!store) return undefined;
  let bytes: Buffer;
  try {
    bytes = readScenarioBytes(file);
  } catch {
    return undefined; // the full way says why, in its own words
  }
  return loadPrevalidated(store, file, sha256(bytes));
}
