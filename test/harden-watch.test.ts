// `validate --watch` lost a save made between the first check and the start of the watch (it took the file's
// digest only when the watch began), so on a busy machine test/cli-author.test.ts's watch test waited forever
// for a re-check. The digest is now taken before the first check, and the watch compares at once when it starts.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileDigest, watchFiles } from '../src/cli/watch.js';

const dir = mkdtempSync(join(tmpdir(), 'geosim-harden-watch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('validate --watch', () => {
  it('re-checks a file saved after its first check but before the watch began', async () => {
    const file = join(dir, 'a.yaml');
    writeFileSync(file, 'one');
    const before = [fileDigest(file)];
    writeFileSync(file, 'two'); // saved while the first check ran
    const seen: string[] = [];
    const ac = new AbortController();
    let ready = false;
    await watchFiles([file], before, () => (ready = true), (f) => {
      seen.push(f);
      ac.abort();
    }, ac.signal);
    expect(ready).toBe(true);
    expect(seen).toEqual([file]);
  });

  it('does not re-check a file that did not change', async () => {
    const file = join(dir, 'b.yaml');
    writeFileSync(file, 'same');
    const seen: string[] = [];
    const ac = new AbortController();
    const done = watchFiles([file], [fileDigest(file)], () => ac.abort(), (f) => void seen.push(f), ac.signal);
    await done;
    expect(seen).toEqual([]);
  });
});
