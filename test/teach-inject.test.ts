// Teacher injects: an injected event changes the run in the expected way, is marked as injected in the run's
// log, run file and report, and replays exactly.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { score } from '../src/core/ledger.js';
import { choicesOf } from '../src/core/run.js';
import { classroom, classroomFile, day, history } from './fixtures/teach/fixture.js';
import { ensureBuilt, geosim } from './cli-helpers.js';

const s = classroom();

describe('an injected event in the core', () => {
  const plain = history(s).at(-1)!;
  const injected = history(s, {}, [{ event: 'troops', date: day('2024-05-01') }]).at(-1)!;

  it('applies its effects, and the reaction it triggers, and nothing else', () => {
    const delta = (a: string, b: string) => score(injected, a, b) - score(plain, a, b);
    expect(delta('CCC', 'BBB')).toBe(-25); // the inject's own effect
    expect(delta('DDD', 'BBB')).toBe(-10);
    expect(delta('BBB', 'CCC')).toBe(-5); // the protest the reaction schedules 5 days later
    for (const a of s.actors) {
      for (const b of s.actors) {
        if (a.id === b.id || ['CCC>BBB', 'DDD>BBB', 'BBB>CCC'].includes(`${a.id}>${b.id}`)) continue;
        expect(delta(a.id, b.id), `${a.id}>${b.id}`).toBe(0);
      }
    }
  });

  it('is logged as an inject on its date, with the reaction after it', () => {
    const log = injected.log.map((e) => [e.event, e.origin.kind, e.date]);
    expect(log).toContainEqual(['troops', 'inject', day('2024-05-01')]);
    expect(log).toContainEqual(['c_protest', 'reaction', day('2024-05-06')]);
    expect(plain.log.some((e) => e.event === 'troops' || e.event === 'c_protest')).toBe(false);
  });

  it('goes where the teacher puts it, and leaves the engine’s draws alone', () => {
    const late = history(s, {}, [{ event: 'troops', date: day('2024-08-01') }]).at(-1)!;
    expect(late.happened.troops).toBe(day('2024-08-01'));
    expect(late.happened.c_protest).toBe(day('2024-08-06'));
    expect(choicesOf(late)).toEqual(choicesOf(plain));
    expect(choicesOf(injected)).toEqual(choicesOf(plain));
  });
});

describe('injects through the CLI', () => {
  beforeAll(() => ensureBuilt());
  const dirs: string[] = [];
  const temp = () => {
    const d = mkdtempSync(join(tmpdir(), 'geosim-teach-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('are recorded in the run file, replay exactly, and are marked in the report', () => {
    const dir = temp();
    const file = join(dir, 'run.json');
    const copy = join(dir, 'classroom.yaml');
    copyFileSync(classroomFile, copy);
    const args = [copy, '--seed', '5', '--inject', 'troops@2024-05-01', '--inject', 'cyber@2024-03-03', '--format', 'json'];
    const run = geosim(['run', ...args, '--save', file]);
    expect(run.code).toBe(0);
    const rf = JSON.parse(readFileSync(file, 'utf8'));
    expect(rf.injects).toEqual([
      { event: 'troops', date: '2024-05-01' },
      { event: 'cyber', date: '2024-03-03' },
    ]);
    const summary = JSON.parse(run.stdout);
    expect(summary.timeline.filter((e: { origin: string }) => e.origin === 'inject').map((e: { event: string; date: string }) => [e.event, e.date])).toEqual([
      ['cyber', '2024-03-03'],
      ['troops', '2024-05-01'],
    ]);
    const replay = geosim(['replay', file, '--format', 'json']);
    expect(replay).toMatchObject({ code: 0, stderr: '' });
    expect(replay.stdout).toBe(run.stdout);

    const md = geosim(['report', file]);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('| 2024-03-03 | A cyber attack on Cland | **teacher inject** |');
    expect(md.stdout).toContain("| 2024-05-01 | Bland's troops appear in Outland | **teacher inject** |");
    expect(md.stdout).toContain('- Teacher injects: A cyber attack on Cland (`cyber`, 2024-03-03); Bland');
    // The report of the scenario with the same options is the same run.
    const direct = geosim(['report', classroomFile, '--seed', '5', '--inject', 'troops@2024-05-01', '--inject', 'cyber@2024-03-03']);
    expect(direct.stdout.replace(/- Run file: .*\n/, '')).toBe(md.stdout.replace(/- Run file: .*\n/, ''));
  });

  it('refuses an inject without a date when it has no default, or an unknown one', () => {
    const r = geosim(['run', classroomFile, '--inject', 'cyber']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("geosim: --inject: 'cyber' has no default date; write cyber@YYYY-MM-DD\n");
    const u = geosim(['report', classroomFile, '--inject', 'troop']);
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/^geosim: --inject: unknown inject 'troop' \(did you mean 'troops'\?\)/);
  });
});
