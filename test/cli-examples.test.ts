/**
 * Every example in every `--help` and in docs/*.md and README.md runs, against the shipped scenarios, and exits
 * 0 (or, for a transcript of a refusal in the docs, exits 2 with the message shown), so no example can rot.
 * See test/helpers/examples.ts for what counts as an example.
 *
 * The examples run in a scratch directory that holds a copy of scenarios/ and the files examples name without
 * making them (run.json, my.run.json, my-run.json, my-scenario.yaml, scenarios/my-case.yaml, docs/examples/). `geosim` is the
 * built CLI. Monte Carlo sizes are cut (`--runs`/`--mc` to 200, sweeps to 50 runs) so the suite stays fast on
 * two cores; every name, flag and value other than those sizes is the example's own. `play` needs a terminal:
 * here it must get past every check of its options and stop only at "needs an interactive terminal". A
 * `--watch` example runs until stopped: it is stopped after 4 s and must not have complained. A `geosim web` that
 * serves (no --no-serve) also runs until stopped: it gets a free port (--port 0) and must print its URL before
 * it is stopped after 4 s, then stop cleanly.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, cleanEnv, ensureBuilt, root } from './cli-helpers.js';
import { allExamples, markdownExamples } from './helpers/examples.js';
import { createSession } from '../src/machines/session-logic.js';
import { sessionFileOf } from '../src/machines/session-file.js';
import { serializeSessionFile } from '../src/scenario/sessionfile.js';
import { autosavePath } from '../src/scenario/save.js';
import { loadScenarioFile } from '../src/scenario/load.js';

const examples = await allExamples(root);
let dir = '';

function sh(command: string): { code: number | null; stdout: string; stderr: string } {
  // The exit status is geosim's even in a pipeline (`geosim map … | dot …`); `a && b` fails when a does.
  const r = spawnSync('bash', ['-c', `${command}\nexit \${PIPESTATUS[0]}`], {
    cwd: dir,
    env: cleanEnv({ PATH: `${join(dir, '.bin')}:${process.env.PATH ?? ''}`, XDG_STATE_HOME: join(dir, 'state') }),
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The example with its Monte Carlo sizes cut (see the header). */
export function smaller(command: string): string {
  let c = command.replace(/(--runs|-n|--mc) \d+/g, '$1 200');
  if (/^geosim (mc|sweep) /.test(c) && !/(--runs|-n) /.test(c)) c = c.replace(/^(geosim (mc|sweep) \S+)/, `$1 --runs ${c.startsWith('geosim sweep') ? 50 : 200}`);
  if (c.startsWith('geosim sweep')) c = c.replace(/--runs 200/, '--runs 50');
  return c;
}

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'geosim-examples-'));
  mkdirSync(join(dir, '.bin'));
  writeFileSync(join(dir, '.bin', 'geosim'), `#!/bin/sh\nexec "${process.execPath}" "${bin}" "$@"\n`);
  chmodSync(join(dir, '.bin', 'geosim'), 0o755);
  cpSync(join(root, 'scenarios'), join(dir, 'scenarios'), { recursive: true });
  copyFileSync(join(root, 'scenarios', 'template.yaml'), join(dir, 'scenarios', 'my-case.yaml'));
  copyFileSync(join(root, 'scenarios', 'template.yaml'), join(dir, 'my-scenario.yaml'));
  mkdirSync(join(dir, 'docs'));
  // The worked example of docs/scenario-format.md, where the docs' commands name it.
  cpSync(join(root, 'docs', 'examples'), join(dir, 'docs', 'examples'), { recursive: true });
  for (const f of ['run.json', 'my.run.json', 'my-run.json']) {
    const r = sh(`geosim run pyongyang-2024 --seed 5 --save ${f} > /dev/null`);
    if (r.code !== 0) throw new Error(`could not make ${f}: ${r.stderr}`);
  }
  // The session file the docs load, and an autosave for --recover (XDG_STATE_HOME points into `dir`).
  const scenarioFile = join(dir, 'scenarios', 'pyongyang-2024.yaml');
  const session = sessionFileOf(createSession(loadScenarioFile(scenarioFile), { seed: 5 }), scenarioFile, new Date(0));
  writeFileSync(join(dir, 'lesson.session.json'), serializeSessionFile(session));
  mkdirSync(join(dir, 'state', 'geosim'), { recursive: true });
  writeFileSync(autosavePath('pyongyang-2024', { XDG_STATE_HOME: join(dir, 'state') }), serializeSessionFile(session));
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the example finder', () => {
  it('finds the examples of every command and of the docs', () => {
    expect(examples.length).toBeGreaterThan(30);
    expect(examples.some((e) => e.where === 'geosim run --help')).toBe(true);
    expect(examples.some((e) => e.where.startsWith('docs/cli.md'))).toBe(true);
    expect(examples.some((e) => e.where.startsWith('README.md'))).toBe(true);
  });

  it('reads command lines from fenced blocks only, skips synopses, and knows a transcript of a refusal', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'geosim-md-')), 'x.md');
    writeFileSync(
      file,
      [
        'Prose `geosim run pyongyang-2024` is not an example.',
        '```',
        'geosim run <scenario> [--seed N]',
        'geosim run pyongyang-2024 --seed 2     # a comment',
        'node dist/geosim.js list',
        '$ geosim run x --sed 3',
        "geosim: unknown option '--sed' … more",
        'geosim │ a screen capture',
        '```',
      ].join('\n'),
    );
    expect(markdownExamples(file, 'x.md')).toEqual([
      { where: 'x.md:4', command: 'geosim run pyongyang-2024 --seed 2' },
      { where: 'x.md:5', command: 'geosim list' },
      { where: 'x.md:6', command: 'geosim run x --sed 3', refusal: "geosim: unknown option '--sed'" },
    ]);
  });

  it('cuts only the Monte Carlo sizes', () => {
    expect(smaller('geosim mc pyongyang-2024 --runs 100000')).toBe('geosim mc pyongyang-2024 --runs 200');
    expect(smaller('geosim mc pyongyang-2024 --format csv')).toBe('geosim mc pyongyang-2024 --runs 200 --format csv');
    expect(smaller('geosim sweep p --target t --steps 9 --runs 4000')).toBe('geosim sweep p --target t --steps 9 --runs 50');
    expect(smaller('geosim report run.json --mc 10000')).toBe('geosim report run.json --mc 200');
  });
});

/** Runs a serving example until it prints its URL (within a minute), then stops it with Ctrl-C (SIGINT). */
function serveAndStop(command: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn('bash', ['-c', `exec ${command}`], {
      cwd: dir,
      env: cleanEnv({ PATH: `${join(dir, '.bin')}:${process.env.PATH ?? ''}`, XDG_STATE_HOME: join(dir, 'state') }),
    });
    let stdout = '';
    let stderr = '';
    const giveUp = setTimeout(() => child.kill('SIGINT'), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('\n')) child.kill('SIGINT');
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => {
      clearTimeout(giveUp);
      done({ code, stdout, stderr });
    });
  });
}

/** Whether the example serves until stopped (`geosim web` without --no-serve). */
export function serves(command: string): boolean {
  return /^geosim web\b/.test(command) && !/ --(no-serve|help|h)\b/.test(command);
}

/** A serving example on a free port (two examples, or a developer's server, may want the same one). */
export function onFreePort(command: string): string {
  return / (--port|-p) \d+/.test(command) ? command.replace(/ (--port|-p) \d+/, ' $1 0') : `${command} --port 0`;
}

describe.each(examples)('$where: $command', (e) => {
  it(e.refusal ? 'is refused as shown' : e.command.startsWith('geosim play') ? 'passes every check of play' : 'runs, exit 0', async () => {
    const untilStopped = / --watch\b/.test(e.command) || serves(e.command);
    const r = untilStopped && !e.refusal ? { code: 0, stdout: '', stderr: '' } : sh(smaller(e.command));
    if (e.refusal) {
      expect(r.code).toBe(2);
      expect(r.stderr.startsWith(e.refusal)).toBe(true);
    } else if (/ --watch\b/.test(e.command)) {
      // A watch runs until stopped: it must start without a complaint and still be running after 4 s.
      const w = sh(`timeout -s INT 4 ${smaller(e.command)}`);
      expect(w.stderr.includes('geosim:') && !/interrupted/.test(w.stderr) ? w.stderr : '').toBe('');
      expect([0, 124, 130]).toContain(w.code);
    } else if (serves(e.command)) {
      const w = await serveAndStop(onFreePort(e.command));
      expect(w.stderr.includes('geosim:') ? w.stderr : '').toBe('');
      expect(w.stdout).toMatch(/^serving \S+ at http:\/\/127\.0\.0\.1:\d+\/ /);
      expect(w.code).toBe(0);
    } else if (e.command.startsWith('geosim play')) {
      expect(r.stderr).toContain("'geosim play' needs an interactive terminal");
      expect(r.code).toBe(2);
    } else {
      expect(r.stderr.includes('geosim:') ? r.stderr : '').toBe('');
      expect(r.code).toBe(0);
    }
  }, 180_000);
});
