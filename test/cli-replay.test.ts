// Run files through the built CLI: save then replay reproduces the output byte for byte; replay refuses
// changed scenarios and bad run files with one line, exit 2, and never touches the file.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, appendFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenarioFile } from '../src/scenario/load.js';
import { resolveAssumptions } from '../src/core/run.js';
import { runFast } from '../src/machines/engine.js';
import { engineChoices } from '../src/scenario/runfile.js';
import { ensureBuilt, flagshipFile, geosim, minimal } from './cli-helpers.js';

beforeAll(() => ensureBuilt());

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'geosim-cli-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/**
 * Runs with --save and returns the printed output and the run file's path. A run file finds its scenario in
 * scenarios/ or beside itself, so the minimal fixture is copied into the run file's folder first.
 */
function saveRun(args: string[], dir = tempDir(), format = 'json'): { out: string; file: string; dir: string } {
  const file = join(dir, 'run.json');
  if (args[0] === minimal) copyFileSync(minimal, join(dir, 'minimal.yaml'));
  const given = args.map((a) => (a === minimal ? join(dir, 'minimal.yaml') : a));
  const r = geosim(['run', ...given, '--format', format, '--save', file]);
  expect(r.code).toBe(0);
  expect(r.stderr).toMatch(/^saved .*run\.json/);
  return { out: r.stdout, file, dir };
}

describe('save then replay', () => {
  const cases: [string, () => string[]][] = [
    ['default seed', () => [minimal]],
    ['choices, assumptions, preset, until, inject', () => [minimal, '--seed', '9', '--choose', 'seoul_response=arm_ukraine', '--preset', 'dovish', '--assume', 'k_goldstein=7.5', '--inject', 'border_incident@2024-06-25']],
    ['stopped early', () => [minimal, '--until', '2024-06-20']],
    ['flagship, seed 42', () => [flagshipFile(), '--seed', '42']],
  ];
  it.each(cases)('replay --format json is byte-identical to run --format json (%s)', (_n, args) => {
    const { out, file } = saveRun(args());
    const r = geosim(['replay', file, '--format', 'json']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(out);
  });

  it('text and markdown replay match too, from any working directory', () => {
    const { out, file, dir } = saveRun([minimal, '--seed', '3'], tempDir(), 'text');
    expect(geosim(['replay', file], { cwd: tempDir() }).stdout).toBe(out);
    expect(geosim(['replay', 'run.json', '--format', 'markdown'], { cwd: dir }).stdout).toBe(geosim(['run', minimal, '--seed', '3', '--format', 'markdown']).stdout);
  });

  it('writes the geosim-run/1 format: only the given overrides and choices, the engine draws, a timestamp', () => {
    const { file } = saveRun([minimal, '--seed', '5', '--assume', 'k_goldstein=3', '--until', '2024-07-31']);
    const rf = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const scenario = loadScenarioFile(minimal);
    expect(Object.keys(rf.scenario as object)).toEqual(['id', 'hash', 'model', 'file']);
    expect(Object.keys(rf)).toEqual(['format', 'scenario', 'seed', 'preset', 'assumptions', 'choices', 'until', 'injects', 'roles', 'engine', 'saved']);
    expect(rf).toMatchObject({
      format: 'geosim-run/1',
      scenario: { id: 'minimal', hash: scenario.hash },
      seed: 5,
      preset: 'article',
      assumptions: { k_goldstein: 3 },
      choices: {},
      until: '2024-07-31',
      injects: [],
      roles: [],
    });
    const state = runFast(scenario, { seed: 5, assumptions: resolveAssumptions(scenario, 'article', { k_goldstein: 3 }), choices: {} });
    expect(rf.engine).toEqual(engineChoices(state));
    expect(Date.parse(rf.saved as string)).not.toBeNaN();
    expect(readdirSync(join(file, '..')).filter((f) => f !== 'minimal.yaml')).toEqual(['run.json']); // no temporary file left behind
  });

  it('overwrites an earlier run file, but refuses to overwrite anything else', () => {
    const { file, dir } = saveRun([minimal, '--seed', '1']);
    saveRun([minimal, '--seed', '2'], dir);
    expect((JSON.parse(readFileSync(file, 'utf8')) as { seed: number }).seed).toBe(2);
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'precious\n');
    const r = geosim(['run', minimal, '--save', notes]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`geosim: refusing to overwrite '${notes}': it is not a geosim run file\n`);
    expect(readFileSync(notes, 'utf8')).toBe('precious\n');
  });
});

describe('replay refuses, and never modifies the run file', () => {
  /** Replays `file`, expects exit 2 with one line matching `pattern`, and the file unchanged (bytes and mtime). */
  function expectRefused(file: string, pattern: RegExp, extra: string[] = []): void {
    const before = { bytes: readFileSync(file), mtime: statSync(file).mtimeMs };
    const r = geosim(['replay', file, ...extra, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^geosim: [^\n]+\n$/);
    expect(r.stderr).toMatch(pattern);
    expect(readFileSync(file).equals(before.bytes)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(before.mtime);
  }

  function tamper(file: string, change: (rf: Record<string, unknown>) => void): void {
    const rf = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    change(rf);
    writeFileSync(file, JSON.stringify(rf, null, 2));
  }

  it('a scenario edited since the run was saved: a text-only edit replays with a note, a model edit is refused', () => {
    const dir = tempDir();
    const copy = join(dir, 'minimal.yaml');
    copyFileSync(minimal, copy);
    const { file } = saveRun([copy, '--seed', '4'], dir);
    const before = geosim(['replay', file, '--format', 'json']);
    const oldHash = loadScenarioFile(copy).hash;
    appendFileSync(copy, '# an innocent-looking edit\n');
    const text = geosim(['replay', file, '--format', 'json']);
    expect(text.code).toBe(0);
    const sansHash = (out: string) => ({ ...(JSON.parse(out) as Record<string, unknown>), hash: undefined });
    expect(sansHash(text.stdout)).toEqual(sansHash(before.stdout));
    expect(text.stderr).toBe("geosim: note: scenario 'minimal' was edited since this run was saved (text only: comments, titles, descriptions or sources); the numbers are the same\n");
    writeFileSync(copy, readFileSync(copy, 'utf8').replace('value: -10, why: Seoul kept', 'value: -11, why: Seoul kept'));
    const newHash = loadScenarioFile(copy).hash;
    expectRefused(
      file,
      new RegExp(`scenario 'minimal' has changed since this run was saved \\(hash ${oldHash.slice(0, 12)}… ≠ ${newHash.slice(0, 12)}…\\); replay needs the original file`),
    );
  });

  it('a scenario file that is gone (and not in scenarios/), unless --scenario points to it', () => {
    const dir = tempDir();
    const copy = join(dir, 'minimal.yaml');
    copyFileSync(minimal, copy);
    const { out, file } = saveRun([copy], dir);
    const moved = join(dir, 'moved.yaml');
    renameSync(copy, moved);
    expectRefused(file, /saved from scenario 'minimal', which is not in scenarios\/ and not beside the run file.*--scenario FILE/);
    expect(geosim(['replay', file, '--scenario', moved, '--format', 'json']).stdout).toBe(out);
  });

  const bad: [string, (file: string) => void, RegExp][] = [
    ['corrupt JSON', (f) => writeFileSync(f, '{ "format": "geosim-run/1", oops }'), /is not valid JSON \(corrupt or truncated\?\)/],
    ['truncated', (f) => writeFileSync(f, readFileSync(f).subarray(0, 60)), /is not valid JSON \(corrupt or truncated\?\)/],
    ['empty', (f) => writeFileSync(f, ''), /is not valid JSON/],
    ['not an object', (f) => writeFileSync(f, '[1, 2]'), /not a geosim run file: expected a JSON object/],
    ['wrong format', (f) => tamper(f, (rf) => (rf.format = 'geosim-run/9')), /not a geosim run file: format is "geosim-run\/9", expected 'geosim-run\/1'/],
    ['unknown field', (f) => tamper(f, (rf) => (rf.extra = 1)), /unknown field 'extra'/],
    ['bad seed', (f) => tamper(f, (rf) => (rf.seed = -3)), /seed: /],
    ['bad date', (f) => tamper(f, (rf) => (rf.until = '2024-02-30')), /until: expected a real date/],
    ['changed hash', (f) => tamper(f, (rf) => Object.assign(rf.scenario as object, { hash: 'ab'.repeat(32), model: 'cd'.repeat(32) })), /has changed since this run was saved \(hash abababababab… ≠/],
    ['other scenario', (f) => tamper(f, (rf) => ((rf.scenario as { id: string }).id = 'other')), /is for scenario 'other', not 'minimal'/],
    ['unknown decision', (f) => tamper(f, (rf) => (rf.choices = { seoul_reply: 'hold_back' })), /choices: unknown decision 'seoul_reply'/],
    ['unknown option', (f) => tamper(f, (rf) => (rf.choices = { seoul_response: 'surrender' })), /choices: decision 'seoul_response' has no option 'surrender'/],
    ['unknown preset', (f) => tamper(f, (rf) => (rf.preset = 'hawkish')), /unknown preset 'hawkish'/],
    ['assumption out of range', (f) => tamper(f, (rf) => (rf.assumptions = { k_goldstein: 99 })), /'k_goldstein' must be between 1 and 10/],
    ['unknown role', (f) => tamper(f, (rf) => (rf.roles = ['ZZZ'])), /roles: unknown actor 'ZZZ'/],
    ['forecast not summing to 1', (f) => tamper(f, (rf) => (rf.forecasts = { seoul_response: { arm_ukraine: 0.5, hold_back: 0.4 } })), /forecasts\.seoul_response: forecast probabilities must sum to 1/],
    ['forecast for an unknown option', (f) => tamper(f, (rf) => (rf.forecasts = { seoul_response: { arm_ukraine: 0.5, hold: 0.5 } })), /forecasts: decision 'seoul_response' has no option 'hold'/],
    ['prototype key', (f) => writeFileSync(f, readFileSync(f, 'utf8').replace('"choices": {}', '"choices": {"__proto__": "x"}')), /run file '.*run\.json': forbidden key '__proto__'/],
    ['engine draws that do not match', (f) => tamper(f, (rf) => {
      const e = rf.engine as Record<string, string>;
      e.seoul_response = e.seoul_response === 'hold_back' ? 'arm_ukraine' : 'hold_back';
    }), /does not match the scenario's draws: decision 'seoul_response' drew '\w+', the file says '\w+'/],
  ];
  it.each(bad)('%s', (_name, damage, pattern) => {
    const { file } = saveRun([minimal]);
    damage(file);
    expectRefused(file, pattern);
  });

  it('a seed changed by hand no longer matches the recorded draws', () => {
    const scenario = loadScenarioFile(flagshipFile());
    const draws = (seed: number) => JSON.stringify(engineChoices(runFast(scenario, { seed, assumptions: resolveAssumptions(scenario), choices: {} })));
    const other = [2, 3, 4, 5, 6, 7, 8, 9].find((s) => draws(s) !== draws(1))!;
    const { file } = saveRun([flagshipFile(), '--seed', '1']);
    tamper(file, (rf) => (rf.seed = other));
    expectRefused(file, /does not match the scenario's draws/);
  });

  it('a valid forecast is accepted', () => {
    const { out, file } = saveRun([minimal]);
    tamper(file, (rf) => (rf.forecasts = { seoul_response: { arm_ukraine: 0.3, hold_back: 0.7 } }));
    expect(geosim(['replay', file, '--format', 'json']).stdout).toBe(out);
  });
});
