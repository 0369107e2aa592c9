/**
 * The one place where an error becomes what `geosim` prints: `geosim: <one line>` and an exit code. Bad input
 * (UsageError, SimError, ScenarioError, RunFileError, SessionFileError) is exit 2; anything else exit 1. The line is cleaned for
 * the terminal (no control characters, no runaway length: see output.ts).
 */
import { SimError } from '../core/errors.js';
import { ScenarioError } from '../scenario/errors.js';
import { RunFileError, SaveError, SessionFileError } from '../scenario/file-errors.js';
import { EXIT_RUNTIME, EXIT_USAGE, RuntimeError, UsageError } from './command.js';
import { messageLine } from './output.js';

export function isBadInput(err: unknown): boolean {
  return err instanceof UsageError || err instanceof SimError || err instanceof ScenarioError || err instanceof RunFileError || err instanceof SessionFileError;
}

/** The exit code and the line (`geosim: …`, newline included) that `err` stands for. */
export function errorLine(err: unknown, debug = false): { code: number; line: string } {
  let code: number;
  let message: string;
  if (err instanceof ScenarioError) [code, message] = [EXIT_USAGE, err.format()];
  else if (isBadInput(err)) [code, message] = [EXIT_USAGE, (err as Error).message];
  else if (err instanceof RuntimeError || err instanceof SaveError) [code, message] = [EXIT_RUNTIME, err.message];
  else {
    code = EXIT_RUNTIME;
    const m = err instanceof Error ? err.message : String(err);
    message = `internal error: ${m}${debug ? '' : ' (set GEOSIM_DEBUG=1 for details)'}`;
  }
  return { code, line: `geosim: ${messageLine(message)}\n` };
}
