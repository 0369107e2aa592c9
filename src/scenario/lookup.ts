/**
 * Where scenarios are found. An id is looked up, in order, in `./scenarios` of the working directory, in each
 * directory of the `GEOSIM_SCENARIOS` variable (separated like PATH), and in the scenarios shipped with
 * geosim; the first file whose name or `id:` matches wins. A path is taken as given.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nearest, ScenarioError } from './errors.js';
import { parseYaml } from './parse.js';
import { readScenarioBytes } from './read-file.js';
import { sha256Hex } from './text.js';
import { bundledStore, readPrevalidated, type PrevalidatedStore } from './prevalidated.js';

export interface LoadOptions {
  /**
   * Where the build's prevalidated entries are (src/scenario/prevalidated.ts): by default beside the running
   * bundle (none when running from the sources); null never uses them.
   */
  readonly prevalidated?: PrevalidatedStore | null;
}

/** The scenario hash: SHA-256 of the file's bytes (text.ts computes it the same way in a browser). */
export const sha256 = (bytes: Uint8Array): string => sha256Hex(bytes);

export function storeOf(opts: LoadOptions): PrevalidatedStore | undefined {
  return opts.prevalidated === undefined ? bundledStore() : (opts.prevalidated ?? undefined);
}

/** One directory of the search path and why it is there. */
export interface ScenarioDir {
  readonly dir: string;
  /** `./scenarios`, `GEOSIM_SCENARIOS` or `shipped`. */
  readonly where: string;
}

export interface ScenarioEntry {
  readonly id: string;
  readonly title: string;
  /** The file, relative to the working directory when inside it. */
  readonly file: string;
  /** Which directory of the search path it was found in (`./scenarios`, `GEOSIM_SCENARIOS`, `shipped`). */
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

function dirsOf(dirs: string | readonly (string | ScenarioDir)[] | undefined): ScenarioDir[] {
  if (dirs === undefined) return scenarioSearchPath();
  const list = typeof dirs === 'string' ? [dirs] : dirs;
  return list.map((d) => (typeof d === 'string' ? { dir: d, where: d } : d));
}

function display(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

function scenarioFiles(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * The scenarios of the search path (or of `dirs`): id and title as written in each file (the file name and a
 * note when it does not parse). An id found in an earlier directory hides the same id further on.
 */
export function listScenarios(dirs?: string | readonly (string | ScenarioDir)[], opts: LoadOptions = {}): ScenarioEntry[] {
  const store = storeOf(opts);
  const seen = new Set<string>();
  const out: ScenarioEntry[] = [];
  for (const { dir, where } of dirsOf(dirs)) {
    for (const file of scenarioFiles(dir)) {
      const base = file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/, '');
      let id = base;
      let title = '';
      try {
        const bytes = readScenarioBytes(file);
        // A prevalidated entry for these bytes has the id and title without parsing the YAML.
        const d = ((store && readPrevalidated(store, file, sha256(bytes))) ?? parseYaml(bytes.toString('utf8'), file).data) as Record<string, unknown>;
        if (typeof d.id === 'string') id = d.id;
        if (typeof d.title === 'string') title = d.title;
      } catch {
        title = '(does not load: run geosim validate)';
      }
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ id, title, file: display(file), where });
    }
  }
  return out;
}

/**
 * A scenario file from a path or from the id of a scenario on the search path (or in `dirs`). Paths are
 * returned as given; ids resolve to the first matching file (relative to the working directory when inside
 * it), by file name first, then by the id inside the file. @throws ScenarioError
 */
export function findScenario(idOrPath: string, dirs?: string | readonly (string | ScenarioDir)[]): string {
  const looksLikePath = /[\\/]/.test(idOrPath) || /\.ya?ml$/i.test(idOrPath);
  if (looksLikePath) {
    if (existsSync(idOrPath)) return idOrPath;
    throw new ScenarioError({ file: idOrPath, line: 0, column: 0, path: '', problem: 'no such file', expected: 'a path to a scenario .yaml file or a scenario id' });
  }
  // Scenario ids may be kebab- or snake_case; `pyongyang_2024` also finds `pyongyang-2024` and back.
  const norm = (s: string) => s.replace(/-/g, '_');
  const baseOf = (f: string) => f.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/, '');
  const path = dirsOf(dirs);
  for (const { dir } of path) {
    const files = scenarioFiles(dir);
    const byName = files.find((f) => baseOf(f) === idOrPath) ?? files.find((f) => norm(baseOf(f)) === norm(idOrPath));
    if (byName) return display(byName);
    const list = listScenarios([dir]);
    const byId = list.find((s) => s.id === idOrPath) ?? list.find((s) => norm(s.id) === norm(idOrPath));
    if (byId) return byId.file;
  }
  if (existsSync(idOrPath) && statSync(idOrPath).isFile()) return idOrPath;
  const ids = listScenarios(path).map((s) => s.id);
  throw new ScenarioError({
    file: idOrPath,
    line: 0,
    column: 0,
    path: '',
    problem: 'unknown scenario',
    expected: ids.length ? `a path or one of the scenario ids ${ids.join(', ')}` : 'a path to a scenario file (no scenarios found)',
    // `pyongyang` for `pyongyang-2024`: the start of exactly one id is as good as a near miss.
    suggestion: nearest(idOrPath, ids) ?? onlyStartingWith(idOrPath, ids),
  });
}

function onlyStartingWith(text: string, ids: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/-/g, '_');
  const hits = text.length >= 3 ? [...new Set(ids)].filter((id) => norm(id).startsWith(norm(text))) : [];
  return hits.length === 1 ? hits[0] : undefined;
}
