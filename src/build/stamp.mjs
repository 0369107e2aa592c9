// What a build of dist/ was made from, so `npm start` (src/build/start.mjs) can skip a build that would change
// nothing. The stamp is a hash of every file the bundle and the prevalidated scenarios are made from: src/ (which
// holds this script and bundle.mjs), scenarios/, package.json and package-lock.json. bundle.mjs writes it to
// dist/build-stamp.txt after a build that succeeded; a missing or different stamp means "build again".
//
// Only node: built-ins here: the check runs on every `npm start`, before anything else is loaded.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const STAMP_FILE = 'build-stamp.txt';

/** The hash of the build's inputs under `root` (the scenarios directory may be another one, as in the tests). */
export function sourceStamp(root, scenarios = join(root, 'scenarios')) {
  const h = createHash('sha256');
  const add = (p) => {
    h.update(relative(root, p)).update('\0').update(readFileSync(p)).update('\0');
  };
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else add(join(dir, e.name));
    }
  };
  walk(join(root, 'src'));
  walk(scenarios);
  for (const f of ['package.json', 'package-lock.json']) if (existsSync(join(root, f))) add(join(root, f));
  return h.digest('hex').slice(0, 32);
}

/** Whether `outdir` holds a complete build made from exactly these inputs. */
export function isFresh(root, outdir, stamp = sourceStamp(root)) {
  const file = join(outdir, STAMP_FILE);
  if (!existsSync(file) || !existsSync(join(outdir, 'geosim.js'))) return false;
  return readFileSync(file, 'utf8').trim() === stamp;
}
