/**
 * What a CLI command is. Each command is a module `src/cli/commands/<name>.ts` exporting one `Command`, listed in
 * `registry.ts`. The dispatcher parses the arguments against `options` (strict: unknown flags are refused with a
 * suggestion), answers `--help` from `usage`, `options` and `examples`, and maps errors to exit codes:
 *
 *   0 ok · 1 runtime error · 2 bad input (UsageError, SimError, ScenarioError, RunFileError)
 */
import type { Theme } from './theme.js';

export const EXIT_OK = 0;
export const EXIT_RUNTIME = 1;
export const EXIT_USAGE = 2;

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** The flag may be repeated; its value is then a list. */
  readonly multiple?: boolean;
  /** Placeholder shown in help: `--seed N`. */
  readonly value?: string;
  readonly description: string;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export interface Example {
  readonly command: string;
  readonly note: string;
}

export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | readonly string[] | undefined>>;
  readonly positionals: readonly string[];
}

/** Where a command writes and what it may know about the terminal. Tests and the UI can supply their own. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  readonly stdoutIsTTY: boolean;
  readonly stdinIsTTY: boolean;
  /** Whether colour is on (TTY, no NO_COLOR, or forced by --color). */
  readonly color: boolean;
  readonly theme: Theme;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Terminal width, or 100 when not a terminal. */
  readonly columns: number;
  /** All of standard input as text (`validate -`); when absent, the process's standard input is read. */
  readStdin?(): Promise<string>;
}

export interface Command {
  readonly name: string;
  /** One line for `geosim --help`. */
  readonly summary: string;
  /** Synopsis lines, e.g. `geosim run <scenario> [options]`. */
  readonly usage: readonly string[];
  /** Paragraph(s) shown by `geosim <command> --help`, after the usage. */
  readonly description?: string;
  readonly options: OptionSpecs;
  /** How many positional arguments the command takes. */
  readonly positionals: { readonly min: number; readonly max: number; readonly name: string };
  readonly examples: readonly Example[];
  run(args: ParsedArgs, io: Io): Promise<number>;
}

/** Bad input from the user: printed as `geosim: <message>`, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Something failed that is not the user's input (I/O, an internal fault): `geosim: <message>`, exit 1. */
export class RuntimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuntimeError';
  }
}

/** Typed readers for parsed option values. */
export function str(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  if (Array.isArray(v)) return v[v.length - 1] as string | undefined;
  return typeof v === 'string' ? v : undefined;
}

export function list(args: ParsedArgs, name: string): readonly string[] {
  const v = args.values[name];
  if (Array.isArray(v)) return v as readonly string[];
  return typeof v === 'string' ? [v] : [];
}

export function flag(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}
