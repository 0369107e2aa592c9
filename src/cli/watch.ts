/**
 * Watching files for `validate --watch`: each file's directory is watched (editors often save by writing a new
 * file and renaming it over the old one, which a watch on the file itself would lose), changes are debounced,
 * and a save that leaves the bytes as they were is ignored. Resolves on Ctrl-C (SIGINT), SIGTERM or `signal`.
 */
import { createHash } from 'node:crypto';
import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

const DEBOUNCE_MS = 120;

/** The SHA-256 of a file's bytes ('missing' when it cannot be read): what tells a real change from a touch. */
export function fileDigest(file: string): string {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return 'missing';
  }
}

/**
 * Watches `files`, whose digests were `before` when they were last checked (taken BEFORE that check, so that a
 * save made during it or before the watch starts is not lost: on a busy machine a user, or a test, can save
 * between the first check and the watch). Calls `ready` once watching, then checks at once for such a save.
 */
export function watchFiles(
  files: readonly string[],
  before: readonly string[],
  ready: () => void,
  changed: (file: string, index: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((done) => {
    const watchers: FSWatcher[] = [];
    const last = [...before];
    const timers = new Map<number, NodeJS.Timeout>();
    const fire = (i: number) => {
      const file = files[i] as string;
      const now = fileDigest(file);
      if (now === last[i]) return;
      last[i] = now;
      changed(file, i);
    };
    const dirs = new Map<string, number[]>();
    files.forEach((f, i) => {
      const d = dirname(resolve(f));
      dirs.set(d, [...(dirs.get(d) ?? []), i]);
    });
    for (const [dir, indexes] of dirs) {
      watchers.push(
        watch(dir, (_event, name) => {
          for (const i of indexes) {
            if (name !== null && name !== basename(files[i] as string)) continue;
            clearTimeout(timers.get(i));
            timers.set(i, setTimeout(() => fire(i), DEBOUNCE_MS));
          }
        }),
      );
    }
    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      for (const w of watchers) w.close();
      for (const t of timers.values()) clearTimeout(t);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      signal?.removeEventListener('abort', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    signal?.addEventListener('abort', stop, { once: true });
    ready();
    for (let i = 0; i < files.length && !stopped; i++) fire(i);
    if (signal?.aborted) stop();
  });
}
