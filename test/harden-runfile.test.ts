// Run files are input from anyone (#10 items 5 and 6): they never choose which file geosim reads, errors never
// quote another file's content, and every command that opens one (replay, report, play --load) applies the
// same checks through one function.
import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveAssumptions } from '../src/core/run.js';
import { runFast } from '../src/machines/engine.js';
import { engineChoices, makeRunFile, RunFileError, serializeRunFile } from '../src/scenario/runfile.js';
import { loadCheckedRun, loadRun } from '../src/cli/runfile-support.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import { fixture, flagship } from './helpers/scenarios.js';

const dirs: string[] = [];
const temp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'geosim-harden-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const minimal = fixture('good/minimal.yaml');
const SECRET = 'TOP-SECRET-CONTENT: do not print me';

/** A valid run file of `scenarioPath`'s scenario (seed 4) at dir/run.json, recording `recorded` as its file. */
function writeRun(dir: string, scenarioPath: string, recorded: string, seed = 4): string {
  const scenario = loadScenarioFile(scenarioPath);
  const assumptions = resolveAssumptions(scenario, 'article');
  const state = runFast(scenario, { seed, assumptions, choices: {} });
  const rf = makeRunFile({
    scenario, file: recorded, seed, preset: 'article', assumptions: {}, choices: {}, until: undefined, injects: [], roles: [], engine: engineChoices(state), saved: '2026-01-01T00:00:00.000Z',
  });
  const file = join(dir, 'run.json');
  writeFileSync(file, serializeRunFile(rf));
  return file;
}

function refusedWithout(run: () => unknown, pattern: RegExp): void {
  let err: unknown;
  try {
    run();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(RunFileError);
  const message = (err as Error).message;
  expect(message).toMatch(pattern);
  expect(message).not.toContain('TOP-SECRET');
}

describe('a run file names its scenario', () => {
  it('a file beside the run file loads', () => {
    const dir = temp();
    copyFileSync(minimal, join(dir, 'minimal.yaml'));
    expect(loadRun(writeRun(dir, minimal, 'minimal.yaml')).scenario.id).toBe('minimal');
    mkdirSync(join(dir, 'sub'));
    copyFileSync(minimal, join(dir, 'sub', 'm.yaml'));
    expect(loadRun(writeRun(dir, minimal, 'sub/m.yaml')).scenario.id).toBe('minimal');
  });

  it('a shipped scenario is found by id and hash wherever the run file is and whatever path it records', () => {
    const file = writeRun(temp(), 'scenarios/pyongyang-2024.yaml', '../../nowhere/else.yaml');
    expect(loadRun(file).scenario.hash).toBe(flagship().hash);
  });

  it('never reads a file outside the run file folder: absolute, ../, or through a symbolic link', () => {
    const outside = temp();
    const secret = join(outside, 'secret.yaml');
    writeFileSync(secret, `${SECRET}\n`);
    const dir = temp();
    refusedWithout(() => loadRun(writeRun(dir, minimal, secret)), /not in scenarios\/ and not beside the run file.*--scenario FILE/);
    refusedWithout(() => loadRun(writeRun(dir, minimal, `../${outside.split('/').pop()}/secret.yaml`)), /not beside the run file/);
    symlinkSync(secret, join(dir, 'link.yaml'));
    refusedWithout(() => loadRun(writeRun(dir, minimal, 'link.yaml')), /not beside the run file/);
    refusedWithout(() => loadRun(writeRun(dir, minimal, '/etc/passwd')), /not beside the run file/);
  });

  it('a file beside it that is not a scenario is refused without quoting it', () => {
    const dir = temp();
    writeFileSync(join(dir, 'notes.yaml'), `${SECRET}\n`);
    refusedWithout(() => loadRun(writeRun(dir, minimal, 'notes.yaml')), /names 'notes\.yaml', which is not a valid scenario/);
  });
});

describe('one check for every command that opens a run file', () => {
  it('refuses a run file whose seed was changed by hand (what play --load used to accept)', () => {
    const dir = temp();
    copyFileSync(minimal, join(dir, 'minimal.yaml'));
    const file = writeRun(dir, minimal, 'minimal.yaml');
    expect(loadCheckedRun(file).runFile.seed).toBe(4);
    const scenario = loadScenarioFile(minimal);
    const assumptions = resolveAssumptions(scenario, 'article');
    const drawn = (seed: number) => JSON.stringify(engineChoices(runFast(scenario, { seed, assumptions, choices: {} })));
    const other = [5, 6, 7, 8, 9, 10, 11, 12].find((s) => drawn(s) !== drawn(4))!;
    const rf = JSON.parse(readFileSync(file, 'utf8')) as { seed: number };
    writeFileSync(file, JSON.stringify({ ...rf, seed: other }));
    expect(() => loadCheckedRun(file)).toThrow(/does not match the scenario's draws/);
  });
});
