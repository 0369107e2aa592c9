// The build: an executable ESM bin, optional entries only when their sources exist, and the terminal UI
// (ink, React) out of the static import graph so that no command but `play` loads it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { cleanEnv, root } from './cli-helpers.js';

const out = mkdtempSync(join(tmpdir(), 'geosim-build-'));
let built: ReturnType<typeof spawnSync>;

beforeAll(() => {
  built = spawnSync(process.execPath, [join(root, 'src', 'build', 'bundle.mjs')], {
    cwd: root,
    encoding: 'utf8',
    env: cleanEnv({ GEOSIM_BUILD_OUTDIR: out, GEOSIM_BUILD_QUIET: '1' }),
  });
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Every file reachable from `file` through static imports (not `import()`). */
function staticGraph(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  // Static imports, spaced or minified (`import{a}from"./x.js"`), never a dynamic `import("./x.js")`.
  for (const m of text.matchAll(/(?:^|;)import\s*(?:[^;()]*?from\s*)?"(\.[^"]+)"/gm)) staticGraph(resolve(dirname(file), m[1]!), seen);
  return seen;
}

/** The source files bundled into a chunk, from its linked source map (the minified text names none). */
function sourcesOf(file: string): string[] {
  return (JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] }).sources;
}

/** The chunks `file` imports with `import("./x.js")` whose names start with `prefix`. */
function lazyImports(file: string, prefix: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/import\("(\.[^"]+)"\)/g)].map((m) => resolve(dirname(file), m[1]!)).filter((f) => basename(f).startsWith(prefix));
}

describe('npm run build', () => {
  // How fast it builds is measured by `npm run bench` (the suite "checks"), never asserted here.
  it('succeeds', () => {
    expect(built.status, String(built.stderr)).toBe(0);
  });

  it('writes an executable ESM bin with a shebang and a require shim', () => {
    const bin = readFileSync(join(out, 'geosim.js'), 'utf8');
    expect(bin.startsWith('#!/usr/bin/env node\nimport { createRequire')).toBe(true);
    expect(existsSync(join(out, 'geosim.js.map'))).toBe(true);
    const r = spawnSync(process.execPath, [join(out, 'geosim.js'), '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version}\n`);
  });

  it('builds the optional entries exactly when their sources exist', () => {
    expect(existsSync(join(out, 'bench.js'))).toBe(existsSync(join(root, 'src', 'bench', 'main.ts')));
    expect(existsSync(join(out, 'mc-worker.js'))).toBe(existsSync(join(root, 'src', 'mc', 'worker.ts')));
  });

  it('keeps ink and React out of what every command loads; play imports the UI lazily', () => {
    const graph = staticGraph(join(out, 'geosim.js'));
    expect(graph.size).toBeGreaterThan(1);
    for (const f of graph) {
      for (const src of sourcesOf(f)) expect(src, f).not.toMatch(/node_modules\/(ink|react|react-reconciler)\//);
    }
    expect(readFileSync(join(out, 'geosim.js'), 'utf8')).toMatch(/await import\("\.\/chunks\/[\w-]+\.js"\)/);
  });

  it("starts the UI without the YAML reader or zod, with React's production build only", () => {
    // play → (lazily) src/ui/main.tsx → (lazily) src/ui/run.tsx: what a launch of the UI on the flagship loads.
    const play = lazyImports(join(out, 'geosim.js'), 'play-');
    expect(play).toHaveLength(1);
    const main = lazyImports(play[0]!, 'main-');
    expect(main).toHaveLength(1);
    const ui = lazyImports(main[0]!, 'run-');
    expect(ui).toHaveLength(1);
    const sources = [play[0]!, main[0]!, ui[0]!].flatMap((f) => [...staticGraph(f)]).flatMap(sourcesOf);
    expect(sources.some((s) => s.includes('node_modules/ink/'))).toBe(true);
    expect(sources.some((s) => s.endsWith('react-reconciler.production.js'))).toBe(true);
    expect(sources.some((s) => s.includes('scenario/quick-load.ts'))).toBe(true);
    for (const s of sources) expect(s).not.toMatch(/node_modules\/(zod|yaml)\/|\.development\.js$/);
  });
});
