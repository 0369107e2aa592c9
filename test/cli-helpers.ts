/**
 * Spawning the real, built CLI (dist/geosim.js) from tests. `npm test` builds first (pretest); a test file run
 * alone builds when dist/ is missing or older than the sources, under a lock so parallel files build once.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listScenarios } from '../src/scenario/load.js';

export const root = fileURLToPath(new URL('../', import.meta.url));
export const bin = join(root, 'dist', 'geosim.js');
export const minimal = join(root, 'test', 'fixtures', 'good', 'minimal.yaml');

/** The flagship (or whichever scenario scenarios/ holds first), by file, so the rename cannot break tests. */
export function flagshipFile(): string {
  const all = listScenarios();
  const s = all.find((x) => /pyongyang/.test(x.id)) ?? all[0];
  if (!s) throw new Error('scenarios/ is empty');
  return resolve(s.file);
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function ensureBuilt(): void {
  const fresh = () => existsSync(bin) && statSync(bin).mtimeMs >= newestSource(join(root, 'src'));
  if (fresh()) return;
  const lock = join(root, 'dist.build-lock');
  for (let i = 0; i < 600; i++) {
    try {
      mkdirSync(lock);
    } catch {
      sleep(50);
      if (fresh()) return;
      continue;
    }
    try {
      if (fresh()) return;
      const r = spawnSync(process.execPath, [join(root, 'src', 'build', 'bundle.mjs')], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, GEOSIM_BUILD_QUIET: '1' },
      });
      if (r.status !== 0) throw new Error(`build failed:\n${r.stderr}`);
      return;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  throw new Error('timed out waiting for another test file to build dist/');
}

export interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A clean environment: no colour forcing, no debug, unless a test asks. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['NO_COLOR', 'FORCE_COLOR', 'GEOSIM_DEBUG', 'CI_COLOR']) delete env[k];
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export function geosim(args: readonly string[], opts: { env?: Record<string, string | undefined>; cwd?: string; input?: string } = {}): Result {
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [bin, ...args], {
    cwd: opts.cwd ?? root,
    env: cleanEnv(opts.env),
    encoding: 'utf8',
    input: opts.input ?? '',
    // A ceiling against a hung process, not a speed goal: a loaded machine can take a minute for `mc`.
    timeout: 240_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Spawns the CLI with its stdout read end closed at once, so every write hits EPIPE. */
export function geosimClosedStdout(args: readonly string[]): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: '', stderr }));
  });
}

// eslint-disable-next-line no-control-regex
export const ANSI = /\u001b\[/;
