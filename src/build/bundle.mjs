// Builds the CLI into dist/ with esbuild: `npm run build` (must stay well under 3 s).
//
//   src/cli/main.ts  → dist/geosim.js     (the `geosim` bin)
//   src/bench/main.ts → dist/bench.js     (only when the source exists)
//   src/mc/worker.ts  → dist/mc-worker.js (only when the source exists)
//
// ESM with code splitting, so lazily imported modules (the ink UI) become chunks that other commands never load.
import { build } from 'esbuild';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// GEOSIM_BUILD_OUTDIR builds elsewhere (the build test uses it, so it never rewrites dist/ under other tests).
const outdir = process.env.GEOSIM_BUILD_OUTDIR ?? join(root, 'dist');

const entries = [
  { out: 'geosim', in: 'src/cli/main.ts', required: true },
  { out: 'bench', in: 'src/bench/main.ts', required: false },
  { out: 'mc-worker', in: 'src/mc/worker.ts', required: false },
];

const entryPoints = [];
for (const e of entries) {
  if (existsSync(join(root, e.in))) entryPoints.push({ out: e.out, in: join(root, e.in) });
  else if (e.required) {
    console.error(`build: missing entry point ${e.in}`);
    process.exit(1);
  }
}

// The terminal UI (src/ui/main.tsx) is written separately and imported lazily by `geosim play`. Until it
// exists, resolve that import to a stub without `startUi`, and play falls back to the headless run.
const optionalUi = {
  name: 'optional-ui',
  setup(b) {
    b.onResolve({ filter: /(^|\/)ui\/main\.js$/ }, (args) => {
      const base = join(args.resolveDir, args.path.replace(/\.js$/, ''));
      if (existsSync(`${base}.tsx`) || existsSync(`${base}.ts`)) return undefined;
      return { path: 'ui-main-stub', namespace: 'geosim-stub' };
    });
    b.onLoad({ filter: /.*/, namespace: 'geosim-stub' }, () => ({ contents: 'export const startUi = undefined;\n', loader: 'js' }));
  },
};

const started = Date.now();
let result;
try {
  result = await build({
    absWorkingDir: root,
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    jsx: 'automatic',
    sourcemap: 'linked',
    minify: false,
    logLevel: 'warning',
    metafile: true,
    plugins: [optionalUi],
    // ink imports react-devtools-core only when DEV is set; it is not installed and never needed here.
    external: ['react-devtools-core'],
    banner: {
      // Bundled CommonJS dependencies call `require`; ESM has none, so give them one.
      js: "#!/usr/bin/env node\nimport { createRequire as __geosimCreateRequire } from 'module';\nconst require = __geosimCreateRequire(import.meta.url);",
    },
  });
} catch {
  // esbuild has already printed the errors.
  process.exit(1);
}

// Chunk names carry content hashes, so stale chunks from earlier builds would pile up: remove them afterwards
// (not before, so that a CLI already running from dist/ keeps working while we build).
const written = new Set(Object.keys(result.metafile.outputs).map((f) => relative(outdir, join(root, f))));
const chunks = join(outdir, 'chunks');
if (existsSync(chunks)) {
  for (const f of readdirSync(chunks)) {
    if (!written.has(join('chunks', f))) rmSync(join(chunks, f), { force: true });
  }
}

if (process.env.GEOSIM_BUILD_QUIET !== '1') {
  const names = entryPoints.map((e) => relative(root, join(outdir, `${e.out}.js`))).join(', ');
  console.error(`built ${names} in ${Date.now() - started} ms`);
}
