/**
 * Golden ensembles: the final states of many engine-drawn runs, and an ensemble's tallies, pinned by digest for
 * every preset of the shipped scenarios. The Monte Carlo path keeps a lot between steps and between runs
 * (src/core/fast-state.ts, score-memo.ts); any change to it that moves a single bit of any run shows here. A deliberate change
 * to the model or a scenario changes these digests too: update them in the same commit and say why.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../src/core/model.js';
import { resolveAssumptions, runFast, runHistory } from '../src/core/run.js';
import { Accumulator } from '../src/mc/accumulator.js';
import { runRange } from '../src/mc/ensemble.js';
import { flagship, root } from './helpers/scenarios.js';
import { loadScenarioFile } from '../src/scenario/load.js';

const kursk = (): Scenario => loadScenarioFile(`${root}scenarios/kursk-2024.yaml`);

const sha = (parts: readonly string[]): string => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex').slice(0, 16);
};

/** The digests of 100 runs (seeds 0-99) and of a 300-run ensemble, per preset. */
function digests(sc: Scenario): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of sc.presets) {
    const assumptions = resolveAssumptions(sc, p.id);
    const runs = Array.from({ length: 100 }, (_, seed) => JSON.stringify(runFast(sc, { seed, assumptions, choices: {} })));
    const acc = new Accumulator(sc);
    runRange(sc, { seed: 7, assumptions, choices: {} }, 0, 300, acc);
    const tallies = JSON.stringify(Object.entries(acc.data).map(([k, v]) => [k, typeof v === 'number' ? v : Array.from(v as ArrayLike<number>)]));
    out[p.id] = `${sha(runs)} ${sha([tallies])}`;
  }
  return out;
}

describe('golden ensembles', () => {
  it('the flagship, every preset', () => {
    expect(digests(flagship())).toEqual({
      article: 'f0edfeed6a131d3a 545d8e5d037d8b90',
      hindsight: 'fb16c04a724e0b61 344cca706aa23240',
      hawkish: '9df088d10fbc9c67 fbffdd4e79a2970e',
    });
  });

  it('the Kursk scenario, every preset', () => {
    expect(digests(kursk())).toEqual({
      article: '7e011f9bc034c4bc eba9ab6c199e814d',
      hindsight: '338c796d05449a76 13994fb40d1fc808',
      escalation: 'a65d1e0bce0f623d 481cac37e1299523',
    });
  });

  it('runs with other assumptions one after another, as a sweep does, equal their immutable histories', () => {
    const sc = flagship();
    let x = 12345;
    const rnd = (): number => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return x / 4294967296;
    };
    const parts: string[] = [];
    for (let k = 0; k < 40; k++) {
      const overrides: Record<string, number> = {};
      for (const a of sc.assumptions) overrides[a.id] = a.min + (a.max - a.min) * rnd();
      const inputs = { seed: k, assumptions: resolveAssumptions(sc, sc.defaultPreset, overrides), choices: {} };
      const fast = JSON.stringify(runFast(sc, inputs));
      if (k % 8 === 0) expect(fast).toBe(JSON.stringify(runHistory(sc, inputs).at(-1)));
      parts.push(fast);
    }
    expect(sha(parts)).toBe('637951892b0e427d');
  });
});
