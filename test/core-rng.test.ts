import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { drawUniform, runSeed, seedStream, streamSeed } from '../src/core/rng.js';

/** The reference: seedrandom's own alea, as the core used it before it was written out. */
function referenceSeed(seed: string) {
  return seedrandom.alea(seed, { state: true }).state();
}
function referenceDraw(state: seedrandom.State.Alea) {
  const prng = seedrandom.alea('', { state });
  const u = prng();
  return { u, next: prng.state() };
}

describe('rng: the written-out alea is seedrandom.alea bit for bit', () => {
  it('seeds the same states (run seeds, odd strings, long and non-ASCII strings)', () => {
    const seeds = [
      ...Array.from({ length: 300 }, (_, i) => streamSeed(runSeed(7, i))),
      '',
      ' ',
      'geosim:0',
      'x'.repeat(1000),
      'Pyongyang–Moscow ☃ 𝔘',
    ];
    for (const seed of seeds) expect(JSON.stringify(seedStream(seed))).toBe(JSON.stringify(referenceSeed(seed)));
  });

  it('draws the same numbers and next states, many draws deep', () => {
    for (let i = 0; i < 50; i++) {
      let mine = seedStream(streamSeed(runSeed(3, i)));
      let ref = referenceSeed(streamSeed(runSeed(3, i)));
      for (let k = 0; k < 200; k++) {
        const a = drawUniform(mine);
        const b = referenceDraw(ref);
        expect(a.u).toBe(b.u);
        expect(JSON.stringify(a.next)).toBe(JSON.stringify(b.next));
        expect(a.u).toBeGreaterThanOrEqual(0);
        expect(a.u).toBeLessThan(1);
        mine = a.next;
        ref = b.next;
      }
    }
  });

  it('never mutates the state it draws from', () => {
    const s = Object.freeze(seedStream('geosim:1'));
    const before = JSON.stringify(s);
    drawUniform(s);
    expect(JSON.stringify(s)).toBe(before);
  });
});
