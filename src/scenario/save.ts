/**
 * Atomic writes: the text goes to a temporary file in the target's directory, is flushed to disk (fsync), and
 * is renamed over the target, so a reader sees the old file or the new one, never a partial one. The temporary
 * file is removed when anything fails. Saving a run file also refuses to replace a file that is not a run file.
 */
import { closeSync, fchmodSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { homedir } from 'node:os';
import { randomBytes } from 'node:crypto';
import { RUN_FORMAT, RunFileError, serializeRunFile, type RunFile } from './runfile.js';
import { SESSION_FORMAT, serializeSessionFile, type SessionFile } from './sessionfile.js';
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
  let st;
  try {
    st = statSync(target);
  } catch {
    return { target, mode: undefined };
  }
  // Renaming over a device, a pipe or a socket would replace it with a plain file (as root, /dev/full was).
  if (!st.isFile()) {
    throw new RunFileError(`cannot save to '${path}': it is ${st.isDirectory() ? 'a directory' : 'not a regular file (a device, pipe or socket)'}; write to standard output instead, or name a file`);
  }
  return { target, mode: st.mode & 0o7777 };
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
  } catch (err) {
    // Saying which file could not be made: the target's own name would mislead (it may well exist).
    throw new SaveError(`cannot save '${path}': cannot create a file in '${dir}': ${why(err)}`);
  }
  try {
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

/** True when the file at `path` looks like a file of one of `formats` (so replacing it loses nothing else). */
function isGeosimFile(path: string, formats: readonly string[]): boolean {
  try {
    const data: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof data === 'object' && data !== null && formats.includes((data as { format?: unknown }).format as string);
  } catch {
    return false;
  }
}

/** Writes `text` atomically over `path`, which may only be a file of geosim's own (a run or session file) or absent. */
function saveOwnFile(path: string, text: string, noun: string): void {
  checkWritable(path);
  let st;
  try {
    st = statSync(path); // through a symbolic link: the file it names is what gets replaced
  } catch {
    st = undefined;
  }
  if (st && !st.isFile()) throw new RunFileError(`refusing to overwrite '${path}': it is not a regular file`);
  if (st && !isGeosimFile(path, [RUN_FORMAT, SESSION_FORMAT])) throw new RunFileError(`refusing to overwrite '${path}': it is not a geosim ${noun}`);
  writeFileAtomic(path, text);
}

/** Saves a run file atomically. An existing file at `path` is replaced only if it is itself a run or session file. */
export function saveRunFile(path: string, rf: RunFile): void {
  saveOwnFile(path, serializeRunFile(rf), 'run file');
}

/** Saves a session file atomically, on the same terms as a run file. */
export function saveSessionFile(path: string, f: SessionFile): void {
  saveOwnFile(path, serializeSessionFile(f), 'session or run file');
}

/**
 * What saving at `path` would do, asked before any question (issue 13): write a new file, replace a geosim file
 * (after asking), or nothing at all, with the reason: a directory, a missing directory, a file that is not a
 * session or run file (replacing it would lose something that is not geosim's).
 */
export type SaveTarget = { readonly kind: 'new' } | { readonly kind: 'replace'; readonly what: string } | { readonly kind: 'refuse'; readonly reason: string };

export function saveTarget(path: string): SaveTarget {
  const dir = dirname(path);
  try {
    if (!statSync(dirname(resolve(path))).isDirectory()) return { kind: 'refuse', reason: `${dir} is not a directory` };
  } catch {
    return { kind: 'refuse', reason: 'its directory does not exist' };
  }
  let st;
  try {
    st = statSync(path); // through a symbolic link, as the save does
  } catch {
    try {
      lstatSync(path);
      return { kind: 'refuse', reason: 'a broken symbolic link' };
    } catch {
      return { kind: 'new' };
    }
  }
  if (st.isDirectory()) return { kind: 'refuse', reason: 'a directory: type a file name' };
  if (!st.isFile()) return { kind: 'refuse', reason: 'not a regular file' };
  const format = fileFormat(path);
  if (format === SESSION_FORMAT) return { kind: 'replace', what: 'a session file' };
  if (format === RUN_FORMAT) return { kind: 'replace', what: 'a run file' };
  return { kind: 'refuse', reason: 'not a geosim session or run file' };
}

/** Writes the autosave (a session file) atomically, making its directory first (see `autosavePath`). */
export function writeAutosave(path: string, f: SessionFile): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, serializeSessionFile(f));
}

/** Removes the autosave, if there is one (the session was saved, or quit with nothing unsaved). */
export function removeAutosave(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* nothing to remove */
  }
}

/**
 * Where the autosave of a scenario's play session lives: $XDG_STATE_HOME/geosim/<scenario>.autosave.session.json
 * (an absolute XDG_STATE_HOME only, as the XDG spec says), else ~/.local/state/geosim/<scenario>.autosave.session.json.
 */
export function autosavePath(scenarioId: string, env: Readonly<Record<string, string | undefined>> = process.env): string {
  const xdg = env.XDG_STATE_HOME;
  const base = xdg && xdg.startsWith('/') ? xdg : join(env.HOME || homedir(), '.local', 'state');
  return join(base, 'geosim', `${scenarioId}.autosave.session.json`);
}

/** The format a JSON file declares, without checking the rest (undefined when unreadable or not JSON). */
export function fileFormat(path: string): string | undefined {
  try {
    const fd = openSync(path, 'r');
    try {
      const buf = Buffer.alloc(4096);
      const n = readSync(fd, buf, 0, buf.length, 0);
      const m = /"format"\s*:\s*"([^"]{1,40})"/.exec(buf.subarray(0, n).toString('utf8'));
      return m?.[1];
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}
