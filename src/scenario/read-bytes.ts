/**
 * Node adapter: reading a scenario file's bytes and the text of run and session files, refusing missing files
 * and files over the size caps before reading them. Neither the YAML reader nor zod is loaded here (read-file.ts
 * adds the parsers), so the UI's start reads its scenario without them.
 */
import { readFileSync, statSync } from 'node:fs';
import { ScenarioError } from './errors.js';
import { MAX_FILE_BYTES, tooBig } from './file-limits.js';

/** Reads a scenario file's bytes, refusing missing files and files over 16 MB before reading them. */
export function readScenarioBytes(path: string): Buffer {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new ScenarioError({ file: path, line: 0, column: 0, path: '', problem: 'not a file', expected: 'a YAML scenario file' });
    size = st.size;
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    throw unreadable(path, e);
  }
  if (size > MAX_FILE_BYTES) throw tooBig(path, size);
  try {
    return readFileSync(path);
  } catch (e) {
    throw unreadable(path, e);
  }
}

function unreadable(path: string, e: unknown): ScenarioError {
  const code = (e as NodeJS.ErrnoException).code;
  const problem = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : `cannot read file (${code ?? 'error'})`;
  return new ScenarioError({ file: path, line: 0, column: 0, path: '', problem, expected: 'a readable YAML scenario file' });
}

/**
 * Reads a text file of `kind` ("run file", "session file") for a parser, refusing what is not a file and files
 * over `maxBytes` before reading them; every refusal is one line in an `ErrorClass`.
 */
export function readTextFile(path: string, maxBytes: number, kind: string, ErrorClass: new (message: string) => Error): string {
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new ErrorClass(`'${path}' is not a file`);
    if (st.size > maxBytes) throw new ErrorClass(`'${path}' is too large to be a ${kind} (${st.size} bytes)`);
    return readFileSync(path, 'utf8');
  } catch (err) {
    if (err instanceof ErrorClass) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(code ?? err);
    throw new ErrorClass(`cannot read ${kind} '${path}': ${why}`);
  }
}
