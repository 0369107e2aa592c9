/**
 * Where scenarios are found. An id is looked up, in order, in `./scenarios` of the working directory, in each
 * directory of the `GEOSIM_SCENARIOS` variable (separated like PATH), and in the scenarios shipped with
 * geosim; the first file whose name or `id:` matches wins. A path is taken as given.
 */
import { existsSync, statSync } from 'node:fs';
import { nearest, ScenarioError } from './errors.js';
import { parseYaml } from './parse.js';
import { readScenarioBytes } from './read-file.js';
import { readPrevalidated } from './prevalidated.js';
import { dirsOf, display, fileNamed, looksLikePath, scenarioFiles, sha256, storeOf, type LoadOptions, type ScenarioDir } from './scenario-dirs.js';

export { scenarioSearchPath, scenariosDir, sha256, storeOf, type LoadOptions, type ScenarioDir } from './scenario-dirs.js';

export interface ScenarioEntry {
  readonly id: string;
  readonly title: string;
  /** The file, relative to the working directory when inside it. */
  readonly file: string;
  /** Which directory of the search path it was found in (`./scenarios`, `GEOSIM_SCENARIOS`, `shipped`). */
  readonly where: string;
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
  if (looksLikePath(idOrPath)) {
    if (existsSync(idOrPath)) return idOrPath;
    throw new ScenarioError({ file: idOrPath, line: 0, column: 0, path: '', problem: 'no such file', expected: 'a path to a scenario .yaml file or a scenario id' });
  }
  // Scenario ids may be kebab- or snake_case; `pyongyang_2024` also finds `pyongyang-2024` and back.
  const path = dirsOf(dirs);
  for (const { dir } of path) {
    const files = scenarioFiles(dir);
    const byName = fileNamed(files, idOrPath);
    if (byName) return display(byName);
    const list = listScenarios([dir]);
    const norm = (s: string) => s.replace(/-/g, '_');
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
