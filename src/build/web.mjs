// Builds the static web page (issue 16) into <outdir>/web/, called by bundle.mjs. The folder is served as is by
// any static host (`geosim web` copies it and serves it on localhost): no server code, no external requests.
//
//   src/web/static/index.html        → web/index.html   (the shell, with the strict Content-Security-Policy)
//   src/web/app/main.ts              → web/app.js       (the page: ESM, browser, minified)
//   src/web/app/style.css            → web/app.css
//   src/web/platform/odds-worker.ts  → web/odds-worker.js (live odds in Web Workers)
//   scenarios/*.yaml                 → web/scenarios/<file>.yaml, byte for byte (so the hash equals the CLI's),
//                                      their prevalidated entries (as dist/scenarios/ has them for the CLI: the
//                                      page compiles those, skipping the YAML reader, when they match the bytes),
//                                      and web/scenarios/index.json: [{ id, title, file, prevalidated? }]
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The files of the folder (the tests and `geosim web` check for these). */
export const WEB_FILES = ['index.html', 'app.js', 'app.css', 'odds-worker.js', 'scenarios/index.json'];

/** `id:` and `title:` at the top level of a scenario, read with the yaml package (the loader validates later). */
async function scenarioIndex(source) {
  const { parse } = await import('yaml');
  const files = existsSync(source) ? readdirSync(source).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
  const index = [];
  for (const file of files) {
    const text = readFileSync(join(source, file), 'utf8');
    let doc;
    try {
      doc = parse(text);
    } catch {
      continue; // a broken scenario is not offered (the CLI's list does the same)
    }
    if (!doc || typeof doc.id !== 'string') continue;
    index.push({ id: doc.id, title: typeof doc.title === 'string' ? doc.title : doc.id, file, text });
  }
  return index;
}

/**
 * zod's `z` namespace re-exports all 64 of its message locales (`z.locales`), about 260 KB minified that the
 * page never uses: geosim words its own messages and configures zod's English only (zod imports en.js itself).
 * The page's bundles and the library (dist/api.js) get `locales` with English alone.
 */
const englishOnlyZod = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!/[\\/]zod[\\/]v4[\\/]/.test(args.importer)) return undefined;
      return { path: 'zod-locales-en', namespace: 'zod-en', pluginData: join(args.resolveDir, '..', 'locales') };
    });
    b.onLoad({ filter: /.*/, namespace: 'zod-en' }, (args) => ({ contents: "export { default as en } from './en.js';\n", loader: 'js', resolveDir: args.pluginData }));
  },
};

/** What every bundle a browser loads is built with (the page's, and the library dist/api.js). */
export function browserOptions(root, define) {
  return {
    absWorkingDir: root,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    // Minified: a page loads it (and the library is a third of the package); the CLI's bundle stays readable.
    minify: true,
    sourcemap: false,
    logLevel: 'warning',
    define,
    plugins: [englishOnlyZod],
  };
}

/**
 * Builds into `${outdir}/web.tmp-<pid>` and renames it over `${outdir}/web`, so a `geosim web` copying the folder
 * meanwhile sees the old one or the new one, never half.
 */
export async function buildWeb({ build, root, outdir, scenarioSource, define, entries = new Map() }) {
  const target = join(outdir, 'web');
  const tmp = join(outdir, `.web.${process.pid}.tmp`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(join(tmp, 'scenarios'), { recursive: true });
  const src = (p) => join(root, p);
  const browser = {
    ...browserOptions(root, define),
    // The page is not Node: a module that reaches for node: built-ins (the scenario's file adapters) fails the
    // build here rather than in a browser.
    define: { ...define, 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
  };
  try {
    await build({ ...browser, entryPoints: [src('src/web/app/main.ts')], outfile: join(tmp, 'app.js') });
    await build({ ...browser, entryPoints: [src('src/web/platform/odds-worker.ts')], outfile: join(tmp, 'odds-worker.js') });
    copyFileSync(src('src/web/static/index.html'), join(tmp, 'index.html'));
    copyFileSync(src('src/web/app/style.css'), join(tmp, 'app.css'));
    const index = await scenarioIndex(scenarioSource);
    const listed = [];
    for (const s of index) {
      copyFileSync(join(scenarioSource, s.file), join(tmp, 'scenarios', s.file));
      // The entry's name as prevalidated.ts's entryName makes it (x.yaml → x.json).
      const entry = `${s.file.replace(/\.ya?ml$/i, '')}.json`;
      const text = entries.get(entry);
      if (text !== undefined) writeFileSync(join(tmp, 'scenarios', `${entry.replace(/\.json$/, '')}.prevalidated.json`), text);
      listed.push({ id: s.id, title: s.title, file: s.file, ...(text !== undefined ? { prevalidated: `${entry.replace(/\.json$/, '')}.prevalidated.json` } : {}) });
    }
    writeFileSync(join(tmp, 'scenarios', 'index.json'), `${JSON.stringify(listed, null, 2)}\n`);
    rmSync(target, { recursive: true, force: true });
    renameSync(tmp, target);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return target;
}
