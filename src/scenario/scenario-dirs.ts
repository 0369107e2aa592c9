/**
 * The directories scenarios are looked up in, and what a lookup by file name needs (lookup.ts does the rest:
 * ids written inside files, the list of scenarios). No YAML reader here: `geosim play` finds the flagship by
 * its file name and loads it from its prevalidated entry (see quick-load.ts) without loading one.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledStore, type PrevalidatedStore } from './prevalidated.js';

export interface LoadOptions {
  /**
   * Where the build's prevalidated entries are (src/scenario/prevalidated.ts): by default beside the running
   * bundle (none when running from the sources); null never uses them.
   */
  readonly prevalidated?: PrevalidatedStore | null;
}

/**
 * The scenario hash: SHA-256 of the file's bytes, as hex. text.ts computes the same in a browser (@noble/hashes);
 * here, a Node adapter, node:crypto does it natively (a flagship's bytes in well under a millisecond, where the
 * pure-JS hash took tens of them at start-up, before its code was warm).
 */
export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export function storeOf(opts: LoadOptions): PrevalidatedStore | undefined {
  return opts.prevalidated === undefined ? bundledStore() : (opts.prevalidated ?? undefined);
}

/** One directory of the search path and why it is there. */
export interface ScenarioDir {
  readonly dir: string;
  /** `./scenarios`, `GEOSIM_SCENARIOS` or `shipped`. */
  readonly where: string;
}

/** The project's `scenarios/` directory: next to the nearest package.json above this module (src/ or dist/). */
export function scenariosDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'scenarios');
    const up = dirname(dir);
    if (up === dir) return resolve('scenarios');
    dir = up;
  }
}

/**
 * The directories an id is looked up in, in order, without repeats: `./scenarios`, then `GEOSIM_SCENARIOS`,
 * then the shipped ones (a directory that is also the shipped one is labelled `shipped`).
 */
export function scenarioSearchPath(env: Readonly<Record<string, string | undefined>> = process.env, cwd: string = process.cwd()): ScenarioDir[] {
  const shipped = scenariosDir();
  const dirs: ScenarioDir[] = [{ dir: join(cwd, 'scenarios'), where: './scenarios' }];
  for (const d of (env.GEOSIM_SCENARIOS ?? '').split(delimiter)) if (d.trim()) dirs.push({ dir: resolve(cwd, d.trim()), where: 'GEOSIM_SCENARIOS' });
  dirs.push({ dir: shipped, where: 'shipped' });
  const out: ScenarioDir[] = [];
  for (const d of dirs) {
    if (out.some((o) => resolve(o.dir) === resolve(d.dir))) continue;
    out.push(resolve(d.dir) === resolve(shipped) ? { dir: d.dir, where: 'shipped' } : d);
  }
  return out;
}

export function dirsOf(dirs: string | readonly (string | ScenarioDir)[] | undefined): ScenarioDir[] {
  if (dirs === undefined) return scenarioSearchPath();
  const list = typeof dirs === 'string' ? [dirs] : dirs;
  return list.map((d) => (typeof d === 'string' ? { dir: d, where: d } : d));
}

export function display(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

export function scenarioFiles(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** Whether `idOrPath` is written as a path (a separator, or a .yaml/.yml ending) rather than an id. */
export function looksLikePath(idOrPath: string): boolean {
  return /[\\/]/.test(idOrPath) || /\.ya?ml$/i.test(idOrPath);
}

/** The file of `files` named `id` (`pyongyang_2024` also finds `pyongyang-2024.yaml` and back), if any. */
export function fileNamed(files: readonly string[], id: string): string | undefined {
  const norm = (s: string) => s.replace(/-/g, '_');
  const baseOf = (f: string) => f.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/, '');
  return files.find((f) => baseOf(f) === id) ?? files.find((f) => norm(baseOf(f)) === norm(id));
}
