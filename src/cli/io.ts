/** The process-backed Io: stdout/stderr, terminal detection and the colour decision. */
import type { Io } from './command.js';
import { colorEnabled, makeTheme } from './theme.js';
import { cleanText } from './output.js';

export type IoBase = Omit<Io, 'color' | 'theme'>;

export function withColor(base: IoBase, flag: boolean | undefined): Io {
  const color = colorEnabled(base.stdoutIsTTY, base.env, flag);
  // The output edge: nothing raw reaches the terminal or a redirected file (see output.ts).
  return { ...base, out: (t) => base.out(cleanText(t, color)), err: (t) => base.err(cleanText(t, color)), color, theme: makeTheme(color) };
}

export function processIo(): IoBase {
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    stdoutIsTTY: process.stdout.isTTY === true,
    stdinIsTTY: process.stdin.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
    columns: process.stdout.isTTY ? (process.stdout.columns ?? 100) : 100,
  };
}
