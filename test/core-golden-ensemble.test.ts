/**
 * Golden ensembles: the final states of many engine-drawn runs, and an ensemble's tallies, pinned by digest for
 * every preset of the shipped scenarios. The Monte Carlo path keeps a lot between steps and between runs
 * (src/core/fast-state.ts, score-memo.ts); any change to it that moves a single bit of any run shows here. A deliberate change
 * to the model or a scenario changes these digests too: regenerate them only with
 * `npx vitest run test/core-golden-ensemble.test.ts test/flagship.test.ts -u` (vitest rewrites the inline
 * snapshots), in the commit that changes the data, and say there which digests moved and why.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../src/core/model.js';
import { resolveAssumptions } from '../src/core/run.js';
import { runFast, runHistory } from '../src/machines/engine.js';
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

/** The tension-path tallies (#11) are derived from the final states pinned here; test/core-tension-path.test.ts checks them against the runs. */
const PATH_TALLIES: ReadonlySet<string> = new Set(['peakSum', 'peakHist', 'daysAbove', 'runsAbove']);

/** The digests of 100 runs (seeds 0-99) and of a 300-run ensemble, per preset. */
function digests(sc: Scenario): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of sc.presets) {
    const assumptions = resolveAssumptions(sc, p.id);
    const runs = Array.from({ length: 100 }, (_, seed) => JSON.stringify(runFast(sc, { seed, assumptions, choices: {} })));
    const acc = new Accumulator(sc);
    runRange(sc, { seed: 7, assumptions, choices: {} }, 0, 300, acc);
    const tallies = JSON.stringify(Object.entries(acc.data).filter(([k]) => !PATH_TALLIES.has(k)).map(([k, v]) => [k, typeof v === 'number' ? v : Array.from(v as ArrayLike<number>)]));
    out[p.id] = `${sha(runs)} ${sha([tallies])}`;
  }
  return out;
}

describe('golden ensembles', () => {
  it('the flagship, every preset', () => {
    expect(digests(flagship())).toMatchInlineSnapshot(`
      {
        "article": "33753268278ed8b8 9de8e1662f6cd7b5",
        "hawkish": "9bffb654b0759b06 fe2e87126ef312a4",
        "hindsight": "56c1b0ee901f8009 8e935bb8f70c2ee5",
      }
    `);
  });

  it('the Kursk scenario, every preset', () => {
    expect(digests(kursk())).toMatchInlineSnapshot(`
      {
        "article": "7d2238149f21ee9d 5e8d007616727120",
        "escalation": "be82814ac647de23 7545aa108c58be6d",
        "hindsight": "67271bbc68ae8730 91031286c6d7a4f0",
      }
    `);
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
    expect(sha(parts)).toMatchInlineSnapshot(`"a4dcb8f018d0ee4f"`);
  });
});
