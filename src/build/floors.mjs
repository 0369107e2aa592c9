// `npm run floors`: rewrites the benchmark's honest floors (src/bench/floors/*.js and .d.ts) from the scenarios as
// compiled today. The generator is TypeScript (src/bench/floor-gen.ts), so it is bundled to a temporary file
// first (into node_modules/, where its packages resolve); it does not import the floors it writes, so it runs even when they are missing or stale.
import { mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// Inside node_modules/, so that the bundle finds the packages it leaves external.
const dir = mkdtempSync(join(root, 'node_modules', '.geosim-floors-'));
try {
  const out = join(dir, 'floor-write.mjs');
  await build({
    entryPoints: [join(root, 'src/bench/floor-write.ts')],
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  const { writeFloors } = await import(pathToFileURL(out).href);
  writeFloors(root, (line) => console.log(`floors: ${line}`));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
