/**
 * Seeded random streams. A stream's whole state is a small plain object kept inside the simulation state, so
 * a saved, undone or replayed state draws exactly the same numbers. Alea (Baagøe), because seeding it is cheap.
 *
 * This is seedrandom's `alea` (seedrandom/lib/alea.js, MIT) written out with the same arithmetic in the same
 * order, so the numbers and states are bit for bit those of `seedrandom.alea(seed, { state: true })` (a test
 * checks it); without the library's closures and objects per draw, which showed in Monte Carlo profiles.
 */

export interface StreamState {
  readonly c: number;
  readonly s0: number;
  readonly s1: number;
  readonly s2: number;
}

/** Baagøe's Mash hash; `n` carries over between calls, as in the closure of the original. */
class Mash {
  private n = 0xefc8249d;
  hash(data: string): number {
    let n = this.n;
    for (let i = 0; i < data.length; i++) {
      n += data.charCodeAt(i);
      let h = 0.02519603282416938 * n;
      n = h >>> 0;
      h -= n;
      h *= n;
      n = h >>> 0;
      h -= n;
      n += h * 0x100000000; // 2^32
    }
    this.n = n;
    return (n >>> 0) * 2.3283064365386963e-10; // 2^-32
  }
}

export function seedStream(seed: string): StreamState {
  const mash = new Mash();
  let s0 = mash.hash(' ');
  let s1 = mash.hash(' ');
  let s2 = mash.hash(' ');
  s0 -= mash.hash(seed);
  if (s0 < 0) s0 += 1;
  s1 -= mash.hash(seed);
  if (s1 < 0) s1 += 1;
  s2 -= mash.hash(seed);
  if (s2 < 0) s2 += 1;
  return { c: 1, s0, s1, s2 };
}

/** One uniform draw in [0, 1) and the stream's next state. Never mutates `state`. */
export function drawUniform(state: StreamState): { u: number; next: StreamState } {
  const t = 2091639 * state.s0 + state.c * 2.3283064365386963e-10; // 2^-32
  const c = t | 0;
  const u = t - c;
  return { u, next: { c, s0: state.s1, s1: state.s2, s2: u } };
}

/** The seed string of run `index` of an ensemble seeded with `seed`: the same in every worker and process. */
export function runSeed(seed: number, index: number): number {
  // splitmix32-style integer mix: distinct, well-spread 32-bit seeds, independent of worker layout.
  let z = (seed + Math.imul(index + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

export function streamSeed(seed: number): string {
  return `geosim:${seed}`;
}
