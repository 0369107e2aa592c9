/**
 * Atomic writes: the text goes to a temporary file in the target's directory, is flushed to disk (fsync), and
 * is renamed over the target, so a reader sees the old file or the new one, never a partial one. The temporary
 * file is removed when anything fails. Saving a run file also refuses to replace a file that is not a run file.
 */
import { closeSync, fchmodSync, fsyncSync, lstatSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { RUN_FORMAT, RunFileError, serializeRunFile, type RunFile } from './runfile.js';
import { SaveError } from './file-errors.js';

export { SaveError } from './file-errors.js';

function why(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const known: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOSPC: 'no space left on the device',
    EROFS: 'read-only file system',
    EISDIR: 'it is a directory',
    ENOENT: 'no such file or directory',
  };
  return (e.code && known[e.code]) ?? e.message ?? String(err);
}

/** Checks that `path` can be written: its directory exists, and it is not itself a directory. */
export function checkWritable(path: string): void {
  const dir = dirname(resolve(path));
  let st;
  try {
    st = statSync(dir);
  } catch {
    throw new RunFileError(`cannot save to '${path}': directory '${dirname(path)}' does not exist`);
  }
  if (!st.isDirectory()) throw new RunFileError(`cannot save to '${path}': '${dirname(path)}' is not a directory`);
  try {
    if (lstatSync(path).isDirectory()) throw new RunFileError(`cannot save to '${path}': it is a directory`);
  } catch (err) {
    if (err instanceof RunFileError) throw err;
  }
}

/**
 * Temporary files of a save: `.geosim-partial-save.<target>.<pid>.<8 hex>.tmp`, hidden, named for what they
 * are, and recognisable so that a later save can remove the ones a killed process left behind (as can the
 * `.geosim-tmp-<target>.<pid>.<8 hex>` names of earlier versions).
 */
const TEMP = /^(?:\.geosim-partial-save\..+\.(\d+)\.[0-9a-f]{8}\.tmp|\.geosim-tmp-.+\.(\d+)\.[0-9a-f]{8})$/;
/** A temporary file older than this is stale even if a process with its pid is running (pids are reused). */
const STALE_MS = 60 * 60 * 1000;

export function tempName(target: string): string {
  return `.geosim-partial-save.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes, from `dir`, the temporary files of saves that never finished: our own naming only, regular files
 * only, and only when the process that wrote one is gone or the file is over an hour old. Best effort: a
 * file that cannot be removed stays.
 */
export function cleanStaleTemps(dir: string, now = Date.now()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = TEMP.exec(name);
    if (!m) continue;
    const file = join(dir, name);
    try {
      const st = lstatSync(file);
      if (!st.isFile()) continue;
      const pid = Number(m[1] ?? m[2]);
      if (alive(pid) && now - st.mtimeMs < STALE_MS) continue;
      unlinkSync(file);
      removed.push(name);
    } catch {
      /* gone already, or not ours to remove */
    }
  }
  return removed;
}

/**
 * Where a write to `path` must land, and with which permissions: through a symbolic link to the file it names
 * (replacing the link itself would leave the real file stale), keeping an existing file's mode (a 0600 file
 * stays 0600); a new file gets 0644 less the umask, as any other program's would.
 */
function landing(path: string): { target: string; mode: number | undefined } {
  let target = resolve(path);
  try {
    target = realpathSync(target);
  } catch {
    /* does not exist yet (or a dangling link: then the link itself is replaced) */
  }
  try {
    return { target, mode: statSync(target).mode & 0o7777 };
  } catch {
    return { target, mode: undefined };
  }
}

/** Writes `text` to `path` atomically (temp file in the same directory, fsync, rename). */
export function writeFileAtomic(path: string, text: string): void {
  checkWritable(path);
  const { target, mode } = landing(path);
  const dir = dirname(target);
  cleanStaleTemps(dir);
  const temp = join(dir, tempName(target));
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', mode ?? 0o644);
    // openSync's mode is masked by the umask; an existing file's mode is restored exactly.
    if (mode !== undefined) fchmodSync(fd, mode);
    const bytes = Buffer.from(text, 'utf8');
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, target);
  } catch (err) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        /* already failing */
      }
    }
    try {
      unlinkSync(temp);
    } catch {
      /* never created, or already renamed */
    }
    throw new SaveError(`cannot save '${path}': ${why(err)}`);
  }
  // Make the rename itself durable. Not every platform can fsync a directory; the file is complete either way.
  try {
    const dfd = openSync(dir, 'r');
    try {
      fsyncSync(dfd);
    } finally {
      closeSync(dfd);
    }
  } catch {
    /* best effort */
  }
}

/** True when the file at `path` looks like a run file (so replacing it loses nothing else). */
function isRunFile(path: string): boolean {
  try {
    const data: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof data === 'object' && data !== null && (data as { format?: unknown }).format === RUN_FORMAT;
  } catch {
    return false;
  }
}

/** Saves a run file atomically. An existing file at `path` is replaced only if it is itself a run file. */
export function saveRunFile(path: string, rf: RunFile): void {
  checkWritable(path);
  let st;
  try {
    st = statSync(path); // through a symbolic link: the file it names is what gets replaced
  } catch {
    st = undefined;
  }
  if (st && !st.isFile()) throw new RunFileError(`refusing to overwrite '${path}': it is not a regular file`);
  if (st && !isRunFile(path)) throw new RunFileError(`refusing to overwrite '${path}': it is not a geosim run file`);
  writeFileAtomic(path, serializeRunFile(rf));
}
