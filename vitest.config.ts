import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Tests that spawn the built CLI need `npm run build` first; `npm test` does it in `pretest`.
    // Ceilings, not speed goals (those are in `npm run bench`): generous, so that a busy machine (two cores shared
    // by many processes) still passes. A hung test still fails, only later.
    testTimeout: 300_000,
    hookTimeout: 600_000,
    pool: 'forks',
    // fast-check's seed: fixed unless GEOSIM_FC_SEED says otherwise (see the file).
    setupFiles: ['./test/helpers/fast-check-seed.ts'],
    reporters: ['default', './test/helpers/count-reporter.ts'],
  },
});
