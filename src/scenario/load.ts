/**
 * The loader's entry points: find a scenario by id or path, read it, and compile it into a `Scenario`.
 * Every failure is a ScenarioError whose `format()` is one line.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../core/model.js';
import { compileScenario } from './compile.js';
import { nearest, ScenarioError } from './errors.js';
import { parseYaml, readScenarioBytes } from './parse.js';
import { bundledStore, loadPrevalidated, readPrevalidated, type PrevalidatedStore } from './prevalidated.js';
import { validateShape } from './validate.js';
import { rememberValidated } from './validated.js';

export interface LoadOptions {
  /**
   * Where the build's prevalidated entries are (src/scenario/prevalidated.ts): by default beside the running
   * bundle (none when running from the sources); null never uses them.
   */
  readonly prevalidated?: PrevalidatedStore | null;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function storeOf(opts: LoadOptions): PrevalidatedStore | undefined {
  return opts.prevalidated === undefined ? bundledStore() : (opts.prevalidated ?? undefined);
}

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

/** Compiles scenario text; `file` names it in error messages. @throws ScenarioError */
export function parseScenarioText(text: string, file: string): Scenario {
  const bytes = Buffer.from(text, 'utf8');
  return compileBytes(bytes, file, sha256(bytes));
}

function compileBytes(bytes: Buffer, file: string, hash: string): Scenario {
  const { map, data } = parseYaml(bytes.toString('utf8'), file);
  const raw = validateShape(data, map);
  return rememberValidated(compileScenario(raw, map, hash), raw);
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

function display(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

function scenarioFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * The scenarios in `dir` (default: the project's `scenarios/`): id and title as written in each file (the file
 * name and a note when it does not parse).
 */
export function listScenarios(dir: string = scenariosDir(), opts: LoadOptions = {}): { id: string; title: string; file: string }[] {
  const store = storeOf(opts);
  return scenarioFiles(dir).map((file) => {
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
    return { id, title, file: display(file) };
  });
}

/**
 * A scenario file from a path or from the id of a scenario in `scenarios/`. Paths are returned as given;
 * ids resolve to the file in `dir` (relative to the working directory when inside it). @throws ScenarioError
 */
export function findScenario(idOrPath: string, dir: string = scenariosDir()): string {
  const looksLikePath = /[\\/]/.test(idOrPath) || /\.ya?ml$/i.test(idOrPath);
  if (looksLikePath) {
    if (existsSync(idOrPath)) return idOrPath;
    throw new ScenarioError({ file: idOrPath, line: 0, column: 0, path: '', problem: 'no such file', expected: 'a path to a scenario .yaml file or a scenario id' });
  }
  // Scenario ids may be kebab- or snake_case; `pyongyang_2024` also finds `pyongyang-2024` and back.
  const norm = (s: string) => s.replace(/-/g, '_');
  const baseOf = (f: string) => f.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/, '');
  const files = scenarioFiles(dir);
  const byName = files.find((f) => baseOf(f) === idOrPath) ?? files.find((f) => norm(baseOf(f)) === norm(idOrPath));
  if (byName) return display(byName);
  const list = listScenarios(dir);
  const byId = list.find((s) => s.id === idOrPath) ?? list.find((s) => norm(s.id) === norm(idOrPath));
  if (byId) return byId.file;
  if (existsSync(idOrPath) && statSync(idOrPath).isFile()) return idOrPath;
  const ids = list.map((s) => s.id);
  throw new ScenarioError({
    file: idOrPath,
    line: 0,
    column: 0,
    path: '',
    problem: 'unknown scenario',
    expected: ids.length ? `a path or one of the scenario ids ${ids.join(', ')}` : 'a path to a scenario file (scenarios/ is empty)',
    suggestion: nearest(idOrPath, ids),
  });
}
