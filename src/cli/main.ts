/**
 * The `geosim` executable (bundled to dist/geosim.js). Everything but process glue lives in app.ts.
 *
 * A closed pipe (`geosim run x | head -1`) ends the process quietly with exit 0: once the reader is gone there
 * is nobody left to tell.
 */
import { runCli } from './app.js';
import { processIo } from './io.js';

for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    process.exit(err.code === 'EPIPE' ? 0 : 1);
  });
}

// Ctrl-C before any command set up its own handling (long work aborts its workers; the UI restores the screen)
// still ends in the documented way: one line and exit 130, never a bare signal death.
process.on('SIGINT', () => {
  if (process.listenerCount('SIGINT') > 1) return; // someone else handles it
  process.stderr.write('geosim: interrupted\n');
  process.exit(130);
});

process.exitCode = await runCli(process.argv.slice(2), processIo());
