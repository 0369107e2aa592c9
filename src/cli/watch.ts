/**
 * Watching files for `validate --watch`: each file's directory is watched (editors often save by writing a new
 * file and renaming it over the old one, which a watch on the file itself would lose), changes are debounced,
 * and a save that leaves the bytes as they were is ignored. Resolves on Ctrl-C (SIGINT) or SIGTERM.
 */
import { createHash } from 'node:crypto';
import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

const DEBOUNCE_MS = 120;

function digest(file: string): string {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return 'missing';
  }
}

export function watchFiles(files: readonly string[], changed: (file: string, index: number) => void): Promise<void> {
  return new Promise((done) => {
    const watchers: FSWatcher[] = [];
    const last = files.map((f) => digest(f));
    const timers = new Map<number, NodeJS.Timeout>();
    const fire = (i: number) => {
      const file = files[i] as string;
      const now = digest(file);
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
    const stop = () => {
      for (const w of watchers) w.close();
      for (const t of timers.values()) clearTimeout(t);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
