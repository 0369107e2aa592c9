/**
 * The package as users get it: `npm pack` of the built checkout, installed into a temporary prefix with
 * `npm install -g` (offline: the tarball must need nothing else), then the installed `geosim` run from another
 * directory. Checks that everything the CLI needs is inside dist/ and that the tarball stays lean.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, minimal, root } from './cli-helpers.js';

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
  // The declarations (prepack makes them; --ignore-scripts below skips prepack, so make them here).
  const types = sh('npm', ['run', '--silent', 'types'], root);
  expect(types.code, types.stdout + types.stderr).toBe(0);
  // --ignore-scripts: pack the dist/ that `npm test` has just built instead of building again.
  const pack = sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], root);
  expect(pack.code, pack.stderr).toBe(0);
  const tarball = join(dir, (JSON.parse(pack.stdout) as { filename: string }[])[0]!.filename);
  prefix = join(dir, 'prefix');
  const install = sh('npm', ['install', '-g', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, tarball], dir);
  expect(install.code, install.stderr).toBe(0);
  geosim = join(prefix, 'bin', 'geosim');
}, 400_000);

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
    expect(JSON.parse(mc.stdout)).toMatchObject({ format: 'geosim-mc-result/2', runs: 100 });
  });

  it('writes the web page with every scenario file and entry, taken from the package (not copied twice into it)', () => {
    const cwd = mkdtempSync(join(dir, 'web-'));
    const r = sh(geosim, ['web', '--out', 'page', '--no-serve'], cwd);
    expect(r.code, r.stderr).toBe(0);
    const page = join(cwd, 'page');
    const built = join(root, 'dist', 'web');
    // The folder the installed package writes is the one the checkout built, byte for byte.
    const files = (d: string): string[] => readdirSync(d, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(d.length)).sort();
    expect(files(page)).toEqual(files(built));
    for (const f of files(built)) expect(readFileSync(join(page, f)).equals(readFileSync(join(built, f))), f).toBe(true);
  });

  it('play with no terminal refuses in one line, exit 2', () => {
    const play = sh(geosim, ['play'], dir);
    expect(play.code).toBe(2);
    expect(play.stderr.trim().split('\n')).toHaveLength(1);
    expect(play.stderr).toMatch(/needs an interactive terminal/);
  });
});

describe('the installed package from a user\'s project', () => {
  it('finds a scenario in ./scenarios of the working directory', () => {
    const cwd = mkdtempSync(join(dir, 'project-'));
    mkdirSync(join(cwd, 'scenarios'));
    copyFileSync(minimal, join(cwd, 'scenarios', 'minimal.yaml'));
    const r = sh(geosim, ['run', 'minimal', '--json'], cwd);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'geosim-run-result/1', scenario: 'minimal' });
  });

  it('a TypeScript project imports the typed API and gets the CLI numbers', () => {
    const cwd = mkdtempSync(join(dir, 'ts-'));
    mkdirSync(join(cwd, 'node_modules'));
    symlinkSync(join(prefix, 'lib', 'node_modules', 'geosim'), join(cwd, 'node_modules', 'geosim'));
    writeFileSync(join(cwd, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(
      join(cwd, 'main.ts'),
      [
        "import { readFileSync } from 'node:fs';",
        "import { loadScenario, run, type RunSummary } from 'geosim';",
        `const scenario = loadScenario(readFileSync(${JSON.stringify(join(root, 'scenarios', 'pyongyang-2024.yaml'))}, 'utf8'));`,
        'const result: RunSummary = run(scenario, { seed: 3 });',
        'const score: number = result.final.relations.RUS!.KOR!;',
        'console.log(JSON.stringify(result, null, 2));',
        'console.log(score);',
        '',
      ].join('\n'),
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const flags = ['--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--strict', '--skipLibCheck', '--types', 'node', '--typeRoots', join(root, 'node_modules', '@types'), '--outDir', 'out', 'main.ts'];
    const compiled = sh(process.execPath, [tsc, ...flags], cwd);
    expect(compiled.code, compiled.stdout + compiled.stderr).toBe(0);
    // A type error is caught (so the check above can fail).
    writeFileSync(join(cwd, 'bad.ts'), "import { run } from 'geosim';\nconst n: number = run;\n");
    expect(sh(process.execPath, [tsc, ...flags.slice(0, -3), '--noEmit', 'bad.ts'], cwd).code).not.toBe(0);
    const ran = sh(process.execPath, [join(cwd, 'out', 'main.js')], cwd);
    expect(ran.code, ran.stderr).toBe(0);
    const cli = sh(process.execPath, [join(root, 'dist', 'geosim.js'), 'run', 'pyongyang-2024', '--seed', '3', '--json'], root);
    const rusKor = (JSON.parse(cli.stdout) as { final: { relations: { RUS: { KOR: number } } } }).final.relations.RUS.KOR;
    expect(ran.stdout).toBe(`${cli.stdout}${rusKor}\n`);
  }, 240_000);
});
