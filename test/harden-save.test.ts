// Temporary files of saves (#10 item 8): named clearly as ours, and the ones a killed save left behind are
// removed by the next save to that folder, while nothing else there is touched.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanStaleTemps, tempName, writeFileAtomic } from '../src/scenario/save.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The pid of a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('temporary files of saves', () => {
  it('are hidden and say what they are', () => {
    expect(tempName('/x/run.json')).toMatch(new RegExp(`^\\.geosim-partial-save\\.run\\.json\\.${process.pid}\\.[0-9a-f]{8}\\.tmp$`));
  });

  it("the next save removes a killed save's leftovers, old naming included, and nothing else", () => {
    const dir = mkdtempSync(join(tmpdir(), 'geosim-save-'));
    dirs.push(dir);
    const dead = deadPid();
    const stale = [`.geosim-partial-save.run.json.${dead}.0badf00d.tmp`, `.geosim-tmp-run.json.${dead}.deadbeef`];
    const oldButAlive = `.geosim-partial-save.a.json.${process.pid}.12345678.tmp`;
    const kept = [`.geosim-partial-save.b.json.${process.pid}.abcdef01.tmp`, 'notes.txt', '.geosim-partial-save.c.json.not-a-pid.tmp'];
    for (const f of [...stale, oldButAlive, ...kept]) writeFileSync(join(dir, f), 'partial');
    const hourAgo = (Date.now() - 2 * 60 * 60 * 1000) / 1000;
    utimesSync(join(dir, oldButAlive), hourAgo, hourAgo);
    mkdirSync(join(dir, `.geosim-partial-save.d.json.${dead}.00000000.tmp`)); // a directory: not ours to remove
    writeFileAtomic(join(dir, 'run.json'), '{}\n');
    expect(readdirSync(dir).sort()).toEqual(
      [...kept, `.geosim-partial-save.d.json.${dead}.00000000.tmp`, 'run.json'].sort(),
    );
    expect(cleanStaleTemps(dir)).toEqual([]);
  });
});
