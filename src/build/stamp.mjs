// What a build of dist/ was made from, so `npm start` (src/build/start.mjs) can skip a build that would change
// nothing. The stamp is a hash of every file the bundle and the prevalidated scenarios are made from: src/ (which
// holds this script and bundle.mjs), scenarios/, package.json and package-lock.json. bundle.mjs writes it to
// dist/build-stamp.txt after a build that succeeded; a missing or different stamp means "build again".
//
// Hashing ~2 MB of sources took a good part of `npm start`'s own budget, so the stamp file also lists each input
// file's size and modification time, as they were when the build started. When every input is still listed with
// the same size and time, and none was modified within a second of that start (too close to tell an edit made
// during the build, as git's "racily clean" entries), the build is fresh without reading a byte; any difference
// falls back to the hash, so a file touched but unchanged costs one hash and never a build.
//
// Only node: built-ins here: the check runs on every `npm start`, before anything else is loaded.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const STAMP_FILE = 'build-stamp.txt';

/** Seconds of modification time closer to the build's start than this are not trusted without the hash. */
const RACY_MS = 1000;

/** The build's input files under `root`, in a fixed order. */
function inputFiles(root, scenarios) {
  const out = [];
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else out.push(join(dir, e.name));
    }
  };
  walk(join(root, 'src'));
  walk(scenarios);
  for (const f of ['package.json', 'package-lock.json']) if (existsSync(join(root, f))) out.push(join(root, f));
  return out;
}

/** The hash of the build's inputs under `root` (the scenarios directory may be another one, as in the tests). */
export function sourceStamp(root, scenarios = join(root, 'scenarios')) {
  const h = createHash('sha256');
  for (const p of inputFiles(root, scenarios)) h.update(relative(root, p)).update('\0').update(readFileSync(p)).update('\0');
  return h.digest('hex').slice(0, 32);
}

/** One line per input file: its path, size and modification time (ms), and the time this listing was taken. */
export function sourceListing(root, scenarios = join(root, 'scenarios')) {
  const at = Date.now();
  const lines = inputFiles(root, scenarios).map((p) => {
    const st = statSync(p);
    return `${relative(root, p)}\t${st.size}\t${st.mtimeMs}`;
  });
  return { at, lines };
}

/** The stamp file's text: the stamp, then the listing (bundle.mjs writes it). */
export function stampText(stamp, listing) {
  return `${stamp}\n${listing.at}\n${listing.lines.join('\n')}\n`;
}

/** True when the listing in a stamp file's text still describes the inputs, none of them racily modified. */
function listingHolds(root, scenarios, text) {
  const [, at, ...lines] = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const since = Number(at);
  if (!Number.isFinite(since) || lines.length === 0) return false;
  const now = sourceListing(root, scenarios).lines;
  if (now.length !== lines.length) return false;
  for (let i = 0; i < now.length; i++) {
    if (now[i] !== lines[i]) return false;
    if (Number(now[i].split('\t')[2]) >= since - RACY_MS) return false;
  }
  return true;
}

/**
 * Whether `outdir` holds a complete build made from exactly these inputs: quickly by the listing when it holds,
 * else by the hash (`stamp` skips computing it).
 */
export function isFresh(root, outdir, stamp, scenarios = join(root, 'scenarios')) {
  const file = join(outdir, STAMP_FILE);
  if (!existsSync(file) || !existsSync(join(outdir, 'geosim.js'))) return false;
  const text = readFileSync(file, 'utf8');
  if (stamp === undefined && listingHolds(root, scenarios, text)) return true;
  return text.split('\n')[0].trim() === (stamp ?? sourceStamp(root, scenarios));
}
