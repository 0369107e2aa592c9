// Run files in-process: the save/load round trip is exact (a property over seeds, choices, assumptions and stop
// dates), replacement is atomic (a rename, never an in-place rewrite) and failures leave no temporary file.
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import type * as NodeFs from 'node:fs';
import { linkSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenarioFile } from '../src/scenario/load.js';
import { resolveAssumptions, type RunInputs } from '../src/core/run.js';
import { runFast } from '../src/machines/engine.js';
import { SimError } from '../src/core/errors.js';
import { formatDay } from '../src/core/date.js';
import {
  checkEngineDraws,
  decisionsOf,
  engineChoices,
  makeRunFile,
  planReplay,
  RunFileError,
  serializeRunFile,
} from '../src/scenario/runfile.js';
import { parseRunFile } from '../src/scenario/runfile-schema.js';
import { readRunFile } from '../src/scenario/read-file.js';
import { saveRunFile, SaveError, writeFileAtomic } from '../src/scenario/save.js';
import { flagshipFile, minimal } from './cli-helpers.js';

const failRename = { on: false };
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof NodeFs>();
  return {
    ...fs,
    renameSync: (from: string, to: string) => {
      if (failRename.on) throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
      fs.renameSync(from, to);
    },
  };
});

const root = mkdtempSync(join(tmpdir(), 'geosim-runfile-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => {
  failRename.on = false;
});

describe('round trip', () => {
  const scenario = loadScenarioFile(flagshipFile());
  const decisions = [...decisionsOf(scenario).values()];
  const lastDay = Math.max(...scenario.timeline.map((id) => scenario.events[id]!.date!));

  const arbChoices = fc
    .subarray(decisions)
    .chain((ds) => fc.tuple(...ds.map((d) => fc.constantFrom(...d.options.map((o) => [d.id, o.id] as const)))))
    .map((pairs) => Object.fromEntries(pairs));
  // Assumption overrides on each one's grid of steps, within [min, max].
  const arbOverrides = fc
    .subarray([...scenario.assumptions])
    .chain((as) =>
      fc.tuple(...as.map((a) => fc.integer({ min: 0, max: Math.floor((a.max - a.min) / a.step) }).map((k) => [a.id, Math.min(a.max, Number((a.min + k * a.step).toFixed(6)))] as const))),
    )
    .map((pairs) => Object.fromEntries(pairs));
  const arbUntil = fc.option(fc.integer({ min: scenario.start, max: lastDay + 30 }), { nil: undefined });
  const arbPreset = fc.constantFrom(...scenario.presets.map((p) => p.id));

  it('save then load gives back exactly the same inputs, and replay accepts the draws', () => {
    let checked = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4294967295 }), arbChoices, arbOverrides, arbUntil, arbPreset, (seed, choices, overrides, until, preset) => {
        const inputs: RunInputs = { seed, assumptions: resolveAssumptions(scenario, preset, overrides), choices, ...(until !== undefined ? { until } : {}) };
        let state;
        try {
          state = runFast(scenario, inputs);
        } catch (err) {
          if (err instanceof SimError) return; // a chosen option that is not available in this run
          throw err;
        }
        const path = join(root, 'prop.json');
        const rf = makeRunFile({ scenario, file: 'x.yaml', seed, preset, assumptions: overrides, choices, until, injects: [], roles: [], engine: engineChoices(state), saved: '2025-01-01T00:00:00.000Z' });
        saveRunFile(path, rf);
        const back = readRunFile(path);
        expect(back).toEqual(rf);
        const plan = planReplay(back, scenario, path);
        expect(plan.preset).toBe(preset);
        expect(plan.inputs).toEqual(inputs);
        const again = runFast(scenario, plan.inputs);
        checkEngineDraws(back, again, path);
        expect(engineChoices(again)).toEqual(rf.engine);
        checked++;
      }),
      { numRuns: 150, seed: 20240619 },
    );
    expect(checked).toBeGreaterThan(50);
  });

  it('keeps injects, roles and forecasts', () => {
    const s = loadScenarioFile(minimal);
    const injects = [{ event: 'border_incident', date: s.start + 30 }];
    const state = runFast(s, { seed: 3, assumptions: resolveAssumptions(s), choices: {}, injects });
    const rf = makeRunFile({
      scenario: s, file: 'm.yaml', seed: 3, preset: 'article', assumptions: {}, choices: {}, until: undefined, injects, roles: ['KOR'],
      forecasts: { seoul_response: { arm_ukraine: 0.25, hold_back: 0.75 } }, engine: engineChoices(state), saved: '2025-01-01T00:00:00.000Z',
    });
    const back = parseRunFile(serializeRunFile(rf), 'm.json');
    expect(back.injects).toEqual([{ event: 'border_incident', date: formatDay(s.start + 30) }]);
    expect(back.roles).toEqual(['KOR']);
    expect(back.forecasts).toEqual({ seoul_response: { arm_ukraine: 0.25, hold_back: 0.75 } });
    expect(planReplay(back, s, 'm.json').inputs.injects).toEqual(injects);
  });
});

describe('atomic writes', () => {
  it('replaces by rename: a hard link to the old file still sees the old bytes', () => {
    const dir = mkdtempSync(join(root, 'atomic-'));
    const target = join(dir, 'f.txt');
    writeFileSync(target, 'old\n');
    linkSync(target, join(dir, 'old-link.txt'));
    writeFileAtomic(target, 'new\n');
    expect(readFileSync(target, 'utf8')).toBe('new\n');
    expect(readFileSync(join(dir, 'old-link.txt'), 'utf8')).toBe('old\n');
    expect(readdirSync(dir).sort()).toEqual(['f.txt', 'old-link.txt']);
  });

  it('a failed write leaves the old file intact and no temporary file behind', () => {
    const dir = mkdtempSync(join(root, 'fail-'));
    const target = join(dir, 'f.txt');
    writeFileSync(target, 'old\n');
    failRename.on = true;
    expect(() => writeFileAtomic(target, 'new\n')).toThrow(SaveError);
    expect(() => writeFileAtomic(target, 'new\n')).toThrow(/cannot save '.*f\.txt': EIO/);
    expect(readFileSync(target, 'utf8')).toBe('old\n');
    expect(readdirSync(dir)).toEqual(['f.txt']);
  });

  it('refuses a missing directory, a directory target, and replacing a file that is not a run file', () => {
    const dir = mkdtempSync(join(root, 'refuse-'));
    expect(() => writeFileAtomic(join(dir, 'nope', 'f.txt'), 'x')).toThrow(RunFileError);
    expect(() => writeFileAtomic(dir, 'x')).toThrow(/it is a directory/);
    const other = join(dir, 'other.json');
    writeFileSync(other, '{"format":"something-else"}');
    const s = loadScenarioFile(minimal);
    const rf = makeRunFile({ scenario: s, file: 'm.yaml', seed: 1, preset: 'article', assumptions: {}, choices: {}, until: undefined, injects: [], roles: [], engine: {}, saved: '2025-01-01T00:00:00.000Z' });
    expect(() => saveRunFile(other, rf)).toThrow(/refusing to overwrite .* not a geosim run file/);
    expect(readFileSync(other, 'utf8')).toBe('{"format":"something-else"}');
  });
});
