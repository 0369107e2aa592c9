/**
 * The scenario reader's size and depth caps, apart from the YAML reader (parse.ts) so that code which only needs
 * the caps (reading a file's bytes, the prevalidated fast path) does not load the YAML library with them.
 */
import { ScenarioError } from './errors.js';

/**
 * Largest scenario file accepted, in bytes: room for about 5,000 events written in the flagship's style (about
 * 1.9 KB each with their texts and effects); the loader's time and memory grow linearly up to it (npm run bench
 * -- --scale).
 */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** Deepest nesting of maps and lists accepted (a scenario needs about ten). */
export const MAX_DEPTH = 64;

export function tooBig(file: string, bytes: number): ScenarioError {
  return new ScenarioError({ file, line: 1, column: 1, path: '', problem: 'file too large', expected: `at most ${MAX_FILE_BYTES} bytes (16 MB)`, found: `${bytes} bytes` });
}
