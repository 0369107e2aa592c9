/**
 * Long work on the command line (Monte Carlo, sweeps, reports with odds): a progress bar on stderr (shown only
 * on a terminal, after about a second), Ctrl-C aborts the work and exits 130, and a failed worker pool is a
 * runtime error. One place for what `mc`, `sweep` and `report --mc` all need.
 */
import type { Io } from './command.js';
import { RuntimeError, UsageError } from './command.js';
import { ProgressBar } from '../mc/progress.js';
import { AbortedError } from '../mc/ensemble.js';
import { PoolError } from '../mc/pool.js';
import { abortOnSigint, EXIT_INTERRUPTED } from '../mc/sigint.js';

export interface LongWork {
  readonly signal: AbortSignal;
  readonly progress: (done: number) => void;
}

/** The work's value, or the exit code 130 when the user interrupted it (after saying so on stderr). */
export async function longWork<T>(
  io: Io,
  total: number,
  work: (w: LongWork) => Promise<T>,
  label?: string,
): Promise<{ ok: true; value: T } | { ok: false; exit: number }> {
  const bar = new ProgressBar({ write: (t) => io.err(t), isTTY: process.stderr.isTTY === true, total, ...(label ? { label } : {}) });
  const sigint = abortOnSigint();
  try {
    const value = await work({ signal: sigint.signal, progress: (done) => bar.update(Math.min(done, total)) });
    bar.done();
    return { ok: true, value };
  } catch (error) {
    bar.done();
    if (error instanceof AbortedError) {
      io.err('geosim: interrupted\n');
      return { ok: false, exit: EXIT_INTERRUPTED };
    }
    if (error instanceof PoolError) throw error.badInput ? new UsageError(error.message) : new RuntimeError(error.message);
    throw error;
  } finally {
    sigint.dispose();
  }
}
