import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadScenarioFile } from '../src/scenario/load.js';
import { resolveAssumptions, type RunInputs } from '../src/core/run.js';
import { McPool } from '../src/mc/pool.js';
import { oddsFor } from '../src/mc/live.js';
import { ensureBuilt, root } from './cli-helpers.js';

// The pool runs the built worker (dist/mc-worker.js); the main thread here runs the sources.
const file = join(root, 'test', 'fixtures', 'mc', 'tiny-sweep.yaml');
const tiny = loadScenarioFile(file);
const inputs: RunInputs = { seed: 4, assumptions: resolveAssumptions(tiny), choices: {} };
let pool: McPool;

beforeAll(async () => {
  ensureBuilt();
  pool = await McPool.start(file, tiny.hash, 3, pathToFileURL(join(root, 'dist', 'mc-worker.js')));
});
afterAll(() => pool?.close());

describe('a pool started from a loaded scenario', () => {
  it('ships its validated data (no file read in the workers) and tallies the same as workers that load the file', async () => {
    const { validatedOf } = await import('../src/scenario/validated.js');
    expect(validatedOf(tiny)).toBeDefined();
    const shipped = await McPool.start('/nonexistent/only-named-in-messages.yaml', tiny, 2, pathToFileURL(join(root, 'dist', 'mc-worker.js')));
    try {
      expect(JSON.stringify(await oddsFor(tiny, inputs, 700, { pool: shipped }))).toBe(JSON.stringify(await oddsFor(tiny, inputs, 700, { pool })));
    } finally {
      await shipped.close();
    }
  });
});

describe('live odds on a warm worker pool', () => {
  it('equals the in-thread result, whatever the range size', async () => {
    const thread = JSON.stringify(await oddsFor(tiny, inputs, 900));
    expect(JSON.stringify(await oddsFor(tiny, inputs, 900, { pool }))).toBe(thread);
    const odd = await pool.run(tiny, inputs, 900, { chunk: 7 });
    const alt = await oddsFor(tiny, inputs, 900, { pool });
    expect(odd.runs).toBe(900);
    expect(JSON.stringify(alt)).toBe(thread);
  });

  it('queues concurrent requests and survives a drained abort', async () => {
    const other: RunInputs = { ...inputs, assumptions: { ...inputs.assumptions, a: 4 } };
    const ac = new AbortController();
    const stale = oddsFor(tiny, inputs, 200_000, { pool, signal: ac.signal });
    const fresh = oddsFor(tiny, other, 500, { pool });
    setTimeout(() => ac.abort(), 20);
    await expect(stale).rejects.toMatchObject({ name: 'AbortError' });
    expect(JSON.stringify(await fresh)).toBe(JSON.stringify(await oddsFor(tiny, other, 500)));
  });

  it('refuses a file that does not load, with its one-line message', async () => {
    await expect(McPool.start(join(root, 'test', 'fixtures', 'mc', 'nope.yaml'), 'x', 1, pathToFileURL(join(root, 'dist', 'mc-worker.js')))).rejects.toMatchObject({
      name: 'PoolError',
      message: expect.stringMatching(/nope\.yaml/),
    });
  });
});
