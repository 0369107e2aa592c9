// The fuzzer's small fixed-seed campaign (#10): mutants of the shipped scenarios, each refused in one clean
// line or run to a bounded, deterministic end by run, explain and mc. `npm run fuzz` runs long campaigns.
import { describe, expect, it } from 'vitest';
import { runCampaign, shippedBases } from '../src/fuzz/campaign.js';
import { mutant } from '../src/fuzz/mutate.js';
import { checkText } from '../src/fuzz/check.js';

const MUTANTS = 200;

describe('fuzz campaign (seed 1)', () => {
  const bases = shippedBases();

  it('mutants are a pure function of (seed, index)', () => {
    for (const i of [0, 1, 7, 123]) expect(mutant(bases, 1, i).text).toBe(mutant(bases, 1, i).text);
    expect(mutant(bases, 1, 3).text).not.toBe(mutant(bases, 2, 3).text);
  });

  it('making a mutant never throws, whatever earlier operators left (mutant 98,589 of seed 2030 stopped a campaign)', () => {
    // growFollowups read the id of a timeline entry an earlier operator had made null; the fuzzer died on it.
    const m = mutant(bases, 2030, 98_589);
    expect(m.ops.length).toBeGreaterThan(0);
    expect(mutant(bases, 2030, 98_589).text).toBe(m.text);
  });

  it('the oracle tells a failure from a clean refusal', () => {
    expect(checkText('format: geosim/1\n').verdict).toBe('refused');
    expect(checkText(bases[0]!.text).verdict).toBe('bounded');
  });

  it(`${MUTANTS} mutants: only clean refusals and bounded, deterministic runs`, { timeout: 900_000 }, () => {
    const { counts, failures } = runCampaign(1, 0, MUTANTS, bases);
    expect(failures.map((f) => `${f.verdict} #${f.index} (${f.ops.join(', ')}): ${f.detail}`)).toEqual([]);
    expect(counts.refused + counts.bounded).toBe(MUTANTS);
    expect(counts.refused).toBeGreaterThan(MUTANTS / 4);
    expect(counts.bounded).toBeGreaterThan(MUTANTS / 20);
  });
});
