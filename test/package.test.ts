/**
 * The package as users get it: `npm pack` of the built checkout, installed into a temporary prefix with
 * `npm install -g` (offline: the tarball must need nothing else), then the installed `geosim` run from another
 * directory. Checks that everything the CLI needs is inside dist/ and that the tarball stays lean.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, root } from './cli-helpers.js';

let dir: string;
let geosim: string;
let prefix: string;

function sizeOf(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.size;
  return readdirSync(path).reduce((n, f) => n + sizeOf(join(path, f)), 0);
}

function sh(cmd: string, args: readonly string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false' }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'geosim-pack-'));
  // --ignore-scripts: pack the dist/ that `npm test` has just built instead of building again.
  const pack = sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], root);
  expect(pack.code, pack.stderr).toBe(0);
  const tarball = join(dir, (JSON.parse(pack.stdout) as { filename: string }[])[0]!.filename);
  prefix = join(dir, 'prefix');
  const install = sh('npm', ['install', '-g', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, tarball], dir);
  expect(install.code, install.stderr).toBe(0);
  geosim = join(prefix, 'bin', 'geosim');
}, 240_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the installed package', () => {
  it('is one package of less than 5 MB, with no dependencies to fetch', () => {
    const modules = join(prefix, 'lib', 'node_modules');
    expect(readdirSync(modules)).toEqual(['geosim']);
    expect(readdirSync(join(modules, 'geosim'))).not.toContain('node_modules');
    expect(sizeOf(join(modules, 'geosim'))).toBeLessThan(5 * 1024 * 1024);
  });

  it('leaves out the benchmark, the source maps and the sources', () => {
    const pkg = join(prefix, 'lib', 'node_modules', 'geosim');
    const dist = readdirSync(join(pkg, 'dist'));
    expect(dist).toContain('geosim.js');
    expect(dist.filter((f) => f.startsWith('bench') || f.endsWith('.map'))).toEqual([]);
    expect(readdirSync(join(pkg, 'dist', 'chunks')).filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(readdirSync(pkg)).not.toContain('src');
  });

  it('runs from another directory: --version, list, run, mc', () => {
    const cwd = mkdtempSync(join(dir, 'elsewhere-'));
    const version = sh(geosim, ['--version'], cwd);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const list = sh(geosim, ['list', '--json'], cwd);
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as { scenarios: { id: string }[] }).scenarios.map((s) => s.id)).toContain('pyongyang-2024');
    const run = sh(geosim, ['run', 'pyongyang-2024', '--seed', '3', '--json'], cwd);
    expect(run.code, run.stderr).toBe(0);
    // The installed CLI gives the checkout's numbers.
    const here = sh(process.execPath, [join(root, 'dist', 'geosim.js'), 'run', 'pyongyang-2024', '--seed', '3', '--json'], root);
    expect(run.stdout).toBe(here.stdout);
    const mc = sh(geosim, ['mc', 'pyongyang-2024', '--runs', '100', '--json'], cwd);
    expect(mc.code, mc.stderr).toBe(0);
    expect(JSON.parse(mc.stdout)).toMatchObject({ format: 'geosim-mc-result/1', runs: 100 });
  });

  it('play with no terminal refuses in one line, exit 2', () => {
    const play = sh(geosim, ['play'], dir);
    expect(play.code).toBe(2);
    expect(play.stderr.trim().split('\n')).toHaveLength(1);
    expect(play.stderr).toMatch(/needs an interactive terminal/);
  });
});
