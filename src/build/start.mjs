// `npm start [-- <play options>]`: builds dist/ only when its sources changed since the last build (see
// stamp.mjs), then runs `geosim play` in this same process, so a second `npm start` goes straight to the UI.
// On a built checkout the check reads no source (sizes and times, stamp.mjs) and nothing else is loaded first.
//
//   node src/build/start.mjs [play options]      (what `npm start` runs)
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isFresh } from './stamp.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'dist');

if (!isFresh(root, dist)) {
  process.stderr.write('geosim: the sources changed since the last build; building dist/ first\n');
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync(process.execPath, [join(root, 'src', 'build', 'bundle.mjs')], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// GEOSIM_BENCH_INK_FLOOR=1 (npm run bench only) starts the smallest ink app (src/bench/ink-floor.tsx) instead of
// the UI: npm, the shell and this check are then all there is, the floor under any `npm start` of an ink UI.
const floor = process.env.GEOSIM_BENCH_INK_FLOOR === '1' ? join(dist, 'ink-floor.js') : undefined;
const cli = floor ?? join(dist, 'geosim.js');
process.argv = [process.argv[0], cli, ...(floor ? [] : ['play']), ...process.argv.slice(2)];
await import(pathToFileURL(cli).href);
