/**
 * Where the teaching commands (report, roles, map) put their document: stdout, or a file written atomically
 * (temporary file, fsync, rename) so that a half-written handout never replaces a good one.
 */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError, type Io } from './command.js';
import { writeFileAtomic } from '../scenario/save.js';

export const OUT_OPTION = {
  out: { type: 'string', short: 'o', value: 'FILE', description: 'Write to FILE (atomically) instead of standard output' },
} as const;

/** Writes `text` to `out` (or stdout). `inputs` are files the command read: never overwritten. */
export function emit(io: Io, text: string, out: string | undefined, inputs: readonly string[] = []): void {
  if (out === undefined) {
    io.out(text);
    return;
  }
  const target = resolve(io.cwd, out);
  // Compared as real paths: a link (or a second name) to an input must not let the document replace it.
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  for (const input of inputs) {
    if (real(resolve(io.cwd, input)) === real(target)) throw new UsageError(`--out ${out} would overwrite the input file; choose another name`);
  }
  writeFileAtomic(target, text);
  io.err(`wrote ${out}\n`);
}
