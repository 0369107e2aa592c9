/**
 * The alternate screen (after Shopify cli-kit's FullScreen): the UI draws on a screen of its own, and the
 * user's terminal comes back as it was on every way out: quit, Ctrl-C, a signal, an uncaught error, or the
 * process simply exiting. Restoring is idempotent and synchronous.
 */
export const ENTER = '\u001b[?1049h\u001b[H\u001b[2J\u001b[?25l';
export const LEAVE = '\u001b[?25h\u001b[?1049l';

export interface Terminal {
  write(text: string): unknown;
}

export interface FullScreen {
  /** Leaves the alternate screen and shows the cursor again (once; later calls do nothing). */
  leave(): void;
  readonly active: boolean;
}

export function enterFullScreen(out: Terminal): FullScreen {
  out.write(ENTER);
  let active = true;
  return {
    leave() {
      if (!active) return;
      active = false;
      out.write(LEAVE);
    },
    get active() {
      return active;
    },
  };
}

const SIGNALS = { SIGTERM: 15, SIGHUP: 1, SIGINT: 2 } as const;

export interface ExitGuard {
  /** Removes the handlers (the normal way out already restored the terminal). */
  dispose(): void;
}

/**
 * Makes sure `restore` runs before the process goes: on SIGTERM, SIGHUP and SIGINT (exit 128+n), on an uncaught
 * exception or unhandled rejection (the error printed as one line after restoring, exit 1), and on exit.
 */
export function guardExit(restore: () => void, report: (line: string) => void, proc: NodeJS.Process = process): ExitGuard {
  const handlers: [string, (...args: never[]) => void][] = [];
  const on = (event: string, fn: (...args: never[]) => void) => {
    proc.on(event as 'exit', fn as () => void);
    handlers.push([event, fn]);
  };
  const fatal = (err: unknown) => {
    restore();
    const message = err instanceof Error ? err.message : String(err);
    report(`geosim: internal error: ${message.replace(/\s*[\r\n]+\s*/g, ' ')}`);
    proc.exit(1);
  };
  for (const [sig, n] of Object.entries(SIGNALS)) {
    on(sig, () => {
      restore();
      proc.exit(128 + n);
    });
  }
  on('uncaughtException', fatal);
  on('unhandledRejection', fatal);
  on('exit', () => restore());
  return {
    dispose() {
      for (const [event, fn] of handlers) proc.off(event as 'exit', fn as () => void);
    },
  };
}
