/** Checking the Monte Carlo flags (`--runs`, `--workers`, `--steps` …): one-line UsageErrors, exit 2. */
import { availableParallelism } from 'node:os';
import { UsageError } from './command.js';

export const MAX_RUNS = 100_000_000;
/**
 * Below this many runs, one thread beats starting workers (each compiles the scenario and warms up its JIT).
 * Measured with `geosim mc` on the flagship, 2 cores, best of 3 (load about 24): 20,000 runs took 10.1 s on
 * one thread and 13.8 s on two workers; 50,000 runs 14.1 s and 13.8 s; 100,000 runs 37.1 s and 28.0 s.
 */
export const WORKERS_FROM_RUNS = 50_000;

/** A whole number written in digits (underscores allowed: 1_000_000) or as 1e6. */
export function parseWhole(flag: string, text: string | undefined, def: number, min: number, max: number, range?: string): number {
  if (text === undefined) return def;
  const n = wholeNumber(text);
  if (n === undefined || n < min || n > max) {
    throw new UsageError(`${flag} must be a whole number ${range ?? `from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`}, found '${text}'`);
  }
  return n;
}

/** The value of a whole number written in digits (1_000_000) or as 1e6, or undefined (--seed reads it too). */
export function wholeNumber(text: string): number | undefined {
  const t = text.trim().replace(/_/g, '');
  const n = /^\d+$/.test(t) || /^\d+(\.\d+)?e\d+$/i.test(t) ? Number(t) : NaN;
  return Number.isSafeInteger(n) ? n : undefined;
}

export function parseRuns(text: string | undefined, def: number): number {
  return parseWhole('--runs', text, def, 1, MAX_RUNS);
}

export function maxWorkers(): number {
  return availableParallelism() * 4;
}

/** `--workers K`: 1 … min(4 × cores, runs); default: all cores for large ensembles, else this thread only. */
export function parseWorkers(text: string | undefined, runs: number): number {
  if (text === undefined) return runs >= WORKERS_FROM_RUNS ? availableParallelism() : 1;
  const cap = maxWorkers();
  // The range shown is this machine's sensible one (1 to 4 per core), not the largest number JavaScript can hold.
  const k = parseWhole('--workers', text, 1, 1, Number.MAX_SAFE_INTEGER, `from 1 to ${cap} on this machine (4 per core)`);
  if (k > cap) throw new UsageError(`--workers ${k} is more than makes sense on this machine: from 1 to ${cap} (4 per core)`);
  if (k > runs) throw new UsageError(`--workers ${k} is more than the ${runs} run${runs === 1 ? '' : 's'} to share out`);
  return k;
}

