import { FORMATS } from '../src/export/formats.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bin, cleanEnv, ensureBuilt, flagshipFile, geosim, root } from './cli-helpers.js';
import { mc } from '../src/cli/commands/mc.js';
import { sweep } from '../src/cli/commands/sweep.js';
import { oddsFor } from '../src/mc/live.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import { resolveAssumptions } from '../src/core/run.js';

const tiny = join(root, 'test', 'fixtures', 'mc', 'tiny-sweep.yaml');
let flagship = '';

beforeAll(() => {
  ensureBuilt();
  flagship = flagshipFile();
});

function badInput(args: string[], pattern: RegExp): void {
  const r = geosim(args);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^geosim: /);
  expect(r.stderr).toMatch(pattern);
}

describe('geosim mc', () => {
  it('gives byte-identical JSON on 1 and 4 workers', () => {
    const one = geosim(['mc', flagship, '--runs', '600', '--seed', '5', '--workers', '1', '--format', 'json']);
    const four = geosim(['mc', flagship, '--runs', '600', '--seed', '5', '--workers', '4', '--format', 'json']);
    expect(one.code, one.stderr).toBe(0);
    expect(four.code, four.stderr).toBe(0);
    expect(four.stdout).toBe(one.stdout);
    const r = JSON.parse(one.stdout);
    expect(r.runs).toBe(600);
    expect(r.seed).toBe(5);
    for (const d of r.decisions) {
      const total = d.options.reduce((a: number, o: { count: number }) => a + o.count, 0);
      expect(total).toBe(d.reached);
    }
  });

  it('prints exactly what the UI live odds compute for the same inputs', async () => {
    const r = geosim(['mc', tiny, '--runs', '300', '--seed', '3', '--preset', 'eager', '--format', 'json']);
    const s = loadScenarioFile(tiny);
    const live = await oddsFor(s, { seed: 3, assumptions: resolveAssumptions(s, 'eager'), choices: {} }, 300);
    expect(r.stdout).toBe(`${JSON.stringify({ format: FORMATS.mcResult, ...live }, null, 2)}\n`);
    expect(live.assumptions.a).toBe(3);
  });

  it('prints text with intervals and CSV in long form', () => {
    const text = geosim(['mc', tiny, '--runs', '300']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/Decisions/);
    expect(text.stdout).toMatch(/yes\s+\d+\.\d%\s+\[\d+\.\d%–\d+\.\d%\]/);
    expect(text.stdout).toMatch(/World tension at the end/);
    expect(text.stderr).toBe('');
    const csv = geosim(['mc', tiny, '--runs', '300', '--format', 'csv']);
    const lines = csv.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('section,id,stat,value');
    expect(lines).toContain('meta,tiny_sweep,runs,300');
    expect(lines.some((l) => /^option,pick\.yes,p,0\.\d+$/.test(l))).toBe(true);
  });

  it("tallies the predictions by origin: the article's nine apart from the scenario author's two", () => {
    const json = geosim(['mc', flagship, '--runs', '200', '--seed', '4', '--format', 'json']);
    expect(json.code, json.stderr).toBe(0);
    const r = JSON.parse(json.stdout) as {
      predictions: { id: string; count: number; origin: string }[];
      tallies: { origin: string; predictions: string[]; meanHold: number; held: number; partly: number; failed: number; open: number }[];
    };
    expect(r.tallies.map((t) => [t.origin, t.predictions.length])).toEqual([['article', 9], ['author', 2]]);
    const author = r.tallies[1]!;
    expect(author.predictions.sort()).toEqual(['beijing_keeps_distance', 'tech_transfer_question']);
    // The article's record in reality, as the report and the UI count it: 4 held, 3 partly, 1 failed, 1 open.
    expect(r.tallies[0]).toMatchObject({ held: 4, partly: 3, failed: 1, open: 1 });
    for (const t of r.tallies) {
      const sum = r.predictions.filter((p) => t.predictions.includes(p.id)).reduce((a, p) => a + p.count, 0);
      expect(t.meanHold).toBeCloseTo(sum / 200, 4);
    }
    const text = geosim(['mc', flagship, '--runs', '200', '--seed', '4']);
    expect(text.stdout).toMatch(/Predictions by origin/);
    expect(text.stdout).toMatch(/The article's 9: \d+(\.\d+)? hold on average per run; 4 held in reality \(3 partly, 1 still open\)/);
    expect(text.stdout).toMatch(/The scenario author's 2: \d+(\.\d+)? holds? on average per run; 0 held in reality \(1 partly\)/);
    const csv = geosim(['mc', flagship, '--runs', '200', '--seed', '4', '--format', 'csv']).stdout.trimEnd().split('\n');
    expect(csv).toContain('tally,article,count,9');
    expect(csv).toContain('tally,author,count,2');
    expect(csv.some((l) => /^tally,article,meanHold,\d+(\.\d+)?$/.test(l))).toBe(true);
  });

  it('honours --choose and --assume', () => {
    const r = JSON.parse(geosim(['mc', tiny, '--runs', '200', '--choose', 'pick=no', '--assume', 'c=0.5', '--format', 'json']).stdout);
    expect(r.decisions[0].options.map((o: { count: number }) => o.count)).toEqual([0, 200]);
    expect(r.assumptions.c).toBe(0.5);
    expect(r.decisions[1].options[0].odds).toBeCloseTo(1 / 3, 6);
  });

  it('refuses bad flags with one line and exit 2', () => {
    badInput(['mc', tiny, '--runs', '0'], /--runs must be a whole number from 1 to 100,000,000, found '0'/);
    badInput(['mc', tiny, '--runs=-5'], /--runs must be a whole number/);
    badInput(['mc', tiny, '--runs', '-5'], /--runs/);
    badInput(['mc', tiny, '--runs', '1e12'], /--runs must be a whole number .* found '1e12'/);
    badInput(['mc', tiny, '--runs', 'abc'], /found 'abc'/);
    badInput(['mc', tiny, '--runs', '2.5'], /found '2.5'/);
    badInput(['mc', tiny, '--workers', '0'], /--workers must be a whole number/);
    badInput(['mc', tiny, '--workers', '999'], /--workers 999 is more than makes sense/);
    badInput(['mc', tiny, '--runs', '3', '--workers', '4'], /more than the 3 runs/);
    badInput(['mc', tiny, '--assume', 'inertt=1'], /unknown assumption 'inertt'.*did you mean 'inert'/);
    badInput(['mc', tiny, '--assume', 'a=99'], /between 0.5 and 4/);
    badInput(['mc', tiny, '--choose', 'pick=maybe'], /no option 'maybe'/);
    badInput(['mc', tiny, '--format', 'xml'], /unknown format 'xml'/);
  });

  /**
   * Resolves once process `pid` is deep in its work: it has used 1.5 s of CPU (Linux: /proc/<pid>/stat; elsewhere
   * after a generous pause). Node catches SIGINT from its first instant (SigCgt says nothing about our handler),
   * so the test waits for work done, not for wall time: a busy machine only makes the wait longer.
   */
  async function sigintHandled(pid: number, ceilingMs = 120_000): Promise<void> {
    const stat = `/proc/${pid}/stat`;
    if (!existsSync(stat)) return void (await new Promise((r) => setTimeout(r, 5000)));
    for (const end = Date.now() + ceilingMs; Date.now() < end; ) {
      const fields = readFileSync(stat, 'utf8').replace(/^.*\) /, '').split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks (100 a second)
      if (ticks >= 150) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`process ${pid} never got going`);
  }

  it('stops on Ctrl-C, workers included, with exit 130', { timeout: 300_000 }, async () => {
    for (const workers of ['1', '2']) {
      const child = spawn(process.execPath, [bin, 'mc', flagship, '--runs', '100000000', '--workers', workers], {
        cwd: root,
        env: cleanEnv(),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      // Wait until the process handles SIGINT (not for a fixed time: a busy machine can take seconds to start).
      await sigintHandled(child.pid!);
      const closed = new Promise<number | null>((r) => child.on('close', (c) => r(c)));
      child.kill('SIGINT');
      // How promptly it stops is measured by `npm run bench`; here the test's ceiling is the only limit.
      const code = await closed;
      expect(code, stderr).toBe(130);
      expect(stderr).toMatch(/interrupted/);
    }
  });
});

describe('geosim sweep', () => {
  it('ranks the assumptions and finds the brink on the tiny scenario', () => {
    const r = geosim(['sweep', tiny, '--target', 'alpha_says_yes', '--runs', '300', '--trajectories', '2', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.oat[0].id).toBe('a');
    expect(s.oat[s.oat.length - 1]).toMatchObject({ id: 'inert', swing: 0 });
    expect(s.brink.map((f: { decision: string }) => f.decision).sort()).toEqual(['lean', 'pick']);
    const text = geosim(['sweep', tiny, '--target', 'pick.yes', '--runs', '200', '--assumption', 'a', '--assumption', 'inert']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/One at a time/);
    expect(text.stdout).toMatch(/█/);
    expect(text.stdout).toMatch(/pick: no → yes when a crosses/);
  });

  it('refuses an unknown target or assumption, suggesting the nearest', () => {
    badInput(['sweep', tiny, '--target', 'alpha_say_yes'], /unknown prediction or option 'alpha_say_yes'.*did you mean 'alpha_says_yes'/);
    badInput(['sweep', tiny, '--target', 'pick.yess'], /did you mean 'pick.yes'/);
    badInput(['sweep', tiny, '--target', 'pick.yes', '--assumption', 'inret'], /unknown assumption 'inret'.*did you mean 'inert'/);
    badInput(['sweep', tiny], /needs --target/);
    badInput(['sweep', tiny, '--target', 'pick.yes', '--steps', '1'], /--steps must be a whole number from 2 to 50/);
  });
});

describe('help examples', () => {
  it('all run (with small sizes appended)', () => {
    for (const [cmd, small] of [[mc, ['--runs', '50']], [sweep, ['--runs', '20', '--steps', '2', '--trajectories', '1']]] as const) {
      for (const e of cmd.examples) {
        const args = e.command.split(' ').slice(1);
        const r = geosim([...args, ...small]);
        expect(r.code, `${e.command}: ${r.stderr}`).toBe(0);
      }
    }
  });
});
