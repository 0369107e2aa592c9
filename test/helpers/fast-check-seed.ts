/**
 * Property and model-based tests run the same cases on every machine: fast-check's seed is fixed, so `npm test`
 * passes or fails the same way in CI as here. To look for new counterexamples, run with GEOSIM_FC_SEED=random
 * (`npm run explore`) or a number; a failure prints its seed, which reproduces it.
 */
import fc from 'fast-check';

const given = process.env.GEOSIM_FC_SEED;
if (given !== 'random') {
  const seed = given === undefined || given === '' ? 20240619 : Number(given);
  if (!Number.isSafeInteger(seed)) throw new Error(`GEOSIM_FC_SEED must be an integer or "random", not ${JSON.stringify(given)}`);
  fc.configureGlobal({ seed });
}
