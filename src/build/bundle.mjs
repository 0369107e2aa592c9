// Builds the CLI into dist/ with esbuild: `npm run build` (must stay well under 3 s).
//
//   src/cli/main.ts  → dist/geosim.js     (the `geosim` bin)
//   src/bench/main.ts → dist/bench.js     (only when the source exists)
//   src/mc/worker.ts  → dist/mc-worker.js (only when the source exists)
//   src/fuzz/main.ts  → dist/fuzz.js      (npm run fuzz; only when the source exists)
//   src/api/index.ts  → dist/api.js       (the library, browser-safe; its types: npm run types)
//   scenarios/*.yaml  → dist/scenarios/*.json (prevalidated data, see src/scenario/prevalidated.ts)
//   src/web/…         → dist/web/             (the static web page that `geosim web` serves; see web.mjs)
//
// ESM with code splitting, so lazily imported modules (the ink UI) become chunks that other commands never load.
// Afterwards it writes dist/build-stamp.txt (stamp.mjs): what the build was made from.
//
//   node src/build/bundle.mjs [--if-changed]     --if-changed: do nothing when dist/ is already built from these sources
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isFresh, sourceListing, sourceStamp, STAMP_FILE, stampText } from './stamp.mjs';
import { bundlePlugins } from './plugins.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// GEOSIM_BUILD_OUTDIR builds elsewhere (the build test uses it, so it never rewrites dist/ under other tests).
const outdir = process.env.GEOSIM_BUILD_OUTDIR ?? join(root, 'dist');
// GEOSIM_BUILD_SCENARIOS prevalidates another directory of scenarios (a test uses it for a broken one).
const scenarioSource = process.env.GEOSIM_BUILD_SCENARIOS ?? join(root, 'scenarios');

// Taken before building: a source edited while the build runs leaves a stamp that no longer matches. The
// listing (sizes and times, stamp.mjs) first, so that --if-changed on an unchanged checkout reads no source.
const LISTING = sourceListing(root, scenarioSource);
if (process.argv.includes('--if-changed') && isFresh(root, outdir, undefined, scenarioSource)) process.exit(0);
const STAMP = sourceStamp(root, scenarioSource);
// Loaded only when there is something to build (esbuild takes a while to start).
const { build } = await import('esbuild');

const entries = [
  { out: 'geosim', in: 'src/cli/main.ts', required: true },
  { out: 'bench', in: 'src/bench/main.ts', required: false },
  { out: 'mc-worker', in: 'src/mc/worker.ts', required: false },
  { out: 'fuzz', in: 'src/fuzz/main.ts', required: false },
  // The smallest ink app, the reference the bench measures the UI's first frame against (src/bench/ink-floor.tsx).
  { out: 'ink-floor', in: 'src/bench/ink-floor.tsx', required: false },
];

const entryPoints = [];
for (const e of entries) {
  if (existsSync(join(root, e.in))) entryPoints.push({ out: e.out, in: join(root, e.in) });
  else if (e.required) {
    console.error(`build: missing entry point ${e.in}`);
    process.exit(1);
  }
}

// The build id: a hash of everything that decides how a scenario file is read and checked (the sources, the
// locked dependency versions). Prevalidated entries carry it, and the bundle only uses entries with its own.
function buildId() {
  const h = createHash('sha256');
  const add = (p) => {
    h.update(relative(root, p)).update('\0').update(readFileSync(p)).update('\0');
  };
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else add(join(dir, e.name));
    }
  };
  walk(join(root, 'src'));
  for (const f of ['package-lock.json', 'node_modules/yaml/package.json', 'node_modules/zod/package.json']) {
    if (existsSync(join(root, f))) add(join(root, f));
  }
  return h.digest('hex').slice(0, 32);
}
const BUILD_ID = buildId();
const define = { __GEOSIM_BUILD_ID__: JSON.stringify(BUILD_ID) };
const banner = {
  // Bundled CommonJS dependencies call `require`; ESM has none, so give them one.
  js: "#!/usr/bin/env node\nimport { createRequire as __geosimCreateRequire } from 'module';\nconst require = __geosimCreateRequire(import.meta.url);",
};

const started = Date.now();
const quiet = process.env.GEOSIM_BUILD_QUIET === '1';

// Prevalidation: every scenario in scenarios/ that loads without error is written to dist/scenarios/<name>.json
// with the data the YAML reader and the schema produced, so `geosim` can skip those passes for these exact
// bytes. A scenario that does not load is skipped with a note (never a failed build): the loader reports it.
// The entries are computed while esbuild builds the bundle (it works in its own process), written after.
async function prevalidate() {
  const source = scenarioSource;
  const files = existsSync(source) ? readdirSync(source).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
  const entries = new Map();
  const tmp = mkdtempSync(join(tmpdir(), 'geosim-prevalidate-'));
  try {
    const helper = join(tmp, 'prevalidate.mjs');
    await build({
      absWorkingDir: root,
      entryPoints: [join(root, 'src/scenario/prevalidate.ts')],
      outfile: helper,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'warning',
      define,
      banner,
    });
    const { prevalidateFile, entryName } = await import(pathToFileURL(helper).href);
    for (const f of files) {
      const file = relative(process.cwd(), join(source, f)) || join(source, f);
      let text;
      try {
        text = prevalidateFile(file, BUILD_ID);
      } catch (e) {
        if (!quiet) console.error(`build: not prevalidated, does not load: ${String(e?.message ?? e).split('\n')[0]}`);
        continue;
      }
      if (text === undefined) {
        if (!quiet) console.error(`build: ${file} not prevalidated (its data would not survive JSON unchanged)`);
        continue;
      }
      entries.set(entryName(f), text);
    }
  } catch (e) {
    console.error(`build: scenarios not prevalidated (${String(e?.message ?? e).split('\n')[0]}); geosim will load them the full way`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return entries;
}

function writeEntries(entries) {
  const target = join(outdir, 'scenarios');
  mkdirSync(target, { recursive: true });
  for (const [name, text] of entries) {
    // Written beside and renamed, so a geosim running meanwhile reads the old entry or the new, never half.
    const part = join(target, `.${name}.${process.pid}.tmp`);
    writeFileSync(part, text);
    renameSync(part, join(target, name));
  }
  for (const f of readdirSync(target)) if (f.endsWith('.json') && !entries.has(f)) rmSync(join(target, f), { force: true });
}

const prevalidation = prevalidate();
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
    // Whitespace and syntax only: names stay, so a GEOSIM_DEBUG stack trace still reads; the package halves.
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
    metafile: true,
    plugins: bundlePlugins(root),
    // ink imports react-devtools-core only when DEV is set; it is not installed and never needed here.
    // playwright-core and esbuild: only the bench loads them (from the checkout's node_modules), never the CLI.
    external: ['react-devtools-core', 'playwright-core', 'esbuild'],
    define,
    banner,
  });
} catch {
  // esbuild has already printed the errors.
  await prevalidation; // (so that it cleans up its temporary directory)
  process.exit(1);
}

// Chunk names carry content hashes, so stale chunks from earlier builds would pile up: remove them afterwards
// (not before, so that a CLI already running from dist/ keeps working while we build).
// GEOSIM_BUILD_META=FILE writes esbuild's metafile there: which modules each chunk holds and what it imports
// (to see what a launch of the UI loads; https://esbuild.github.io/analyze/ reads it).
if (process.env.GEOSIM_BUILD_META) writeFileSync(process.env.GEOSIM_BUILD_META, JSON.stringify(result.metafile));
const written = new Set(Object.keys(result.metafile.outputs).map((f) => relative(outdir, join(root, f))));
const chunks = join(outdir, 'chunks');
if (existsSync(chunks)) {
  for (const f of readdirSync(chunks)) {
    if (!written.has(join('chunks', f))) rmSync(join(chunks, f), { force: true });
  }
}

// The library (src/api/index.ts → dist/api.js): one self-contained ESM file for browsers and Node alike, so no
// Node banner, no code splitting shared with the CLI, and the browser fields of dependencies honoured.
if (existsSync(join(root, 'src/api/index.ts'))) {
  try {
    const { browserOptions } = await import('./web.mjs');
    await build({ ...browserOptions(root, define), entryPoints: [join(root, 'src/api/index.ts')], outfile: join(outdir, 'api.js') });
  } catch {
    await prevalidation;
    process.exit(1);
  }
}

const scenarioEntries = await prevalidation;

// The web page (issue 16): a static folder any host serves as is; `geosim web` copies it from dist/web/.
let web = '';
if (existsSync(join(root, 'src/web/static/index.html'))) {
  try {
    const { buildWeb } = await import('./web.mjs');
    await buildWeb({ build, root, outdir, scenarioSource, define, entries: scenarioEntries });
    web = ', web/';
  } catch (e) {
    if (e?.errors === undefined) console.error(`build: the web page failed: ${String(e?.message ?? e).split('\n')[0]}`);
    process.exit(1);
  }
}

writeEntries(scenarioEntries);
writeFileSync(join(outdir, `.${STAMP_FILE}.${process.pid}.tmp`), stampText(STAMP, LISTING));
renameSync(join(outdir, `.${STAMP_FILE}.${process.pid}.tmp`), join(outdir, STAMP_FILE));

if (!quiet) {
  const names = entryPoints.map((e) => relative(root, join(outdir, `${e.out}.js`))).join(', ');
  console.error(`built ${names}${web} and ${scenarioEntries.size} prevalidated scenario(s) in ${Date.now() - started} ms`);
}
