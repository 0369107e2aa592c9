/** `geosim web`: writes the static web page (the classroom in a browser, issue 16) into a folder and serves it. */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { EXIT_OK, UsageError, flag, str, type Command } from '../command.js';
import { builtSiteDir, listen, siteServer, writeSite } from '../web-serve.js';

const DEFAULT_PORT = 8080;

function portOf(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PORT;
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, not '${raw}'`);
  return Number(raw);
}

/** Opens the URL in the desktop's browser, quietly: without one, the printed URL is enough. */
function openBrowser(url: string): void {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd as string, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // no browser to open: the URL is printed
  }
}

export const web: Command = {
  name: 'web',
  summary: 'Write the web page (the classroom in a browser) into a folder and serve it on localhost',
  usage: ['geosim web [--out DIR] [--port N] [--no-open] [--no-serve]'],
  description:
    'The folder is a static site: any web server or static host serves it as is (no server code, no requests to anywhere else), and it runs the same engine as the terminal. geosim web serves it on 127.0.0.1 until Ctrl-C and opens it in your browser when run in a terminal. Students open the page or a shared link; nobody installs anything.',
  options: {
    out: { type: 'string', short: 'o', value: 'DIR', description: 'The folder to write (default geosim-web/; made if missing)' },
    port: { type: 'string', short: 'p', value: 'N', description: `The port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free one)` },
    'no-open': { type: 'boolean', description: 'Do not open a browser' },
    'no-serve': { type: 'boolean', description: 'Only write the folder (to copy to a static host), then exit' },
  },
  positionals: { min: 0, max: 0, name: '' },
  examples: [
    { command: 'geosim web', note: 'Write geosim-web/, serve it on http://127.0.0.1:8080/ and open it; Ctrl-C stops.' },
    { command: 'geosim web --out class-page --no-serve', note: 'Only write the folder class-page/, to put on any static host.' },
    { command: 'geosim web --port 9000 --no-open', note: 'Serve on another port without opening a browser (e.g. for a projector machine).' },
  ],
  async run(args, io) {
    const port = portOf(str(args, 'port'));
    const outArg = str(args, 'out') ?? 'geosim-web';
    if (outArg.trim() === '') throw new UsageError('--out needs a folder name');
    const out = resolve(io.cwd, outArg);
    writeSite(builtSiteDir(), out);
    if (flag(args, 'no-serve')) {
      io.out(`wrote the web page to ${outArg}/ (serve it from any static host)\n`);
      return EXIT_OK;
    }
    const server = siteServer(out);
    const actual = await listen(server, port);
    const url = `http://127.0.0.1:${actual}/`;
    io.out(`serving ${outArg}/ at ${url} (Ctrl-C stops)\n`);
    if (!flag(args, 'no-open') && io.stdoutIsTTY) openBrowser(url);
    await new Promise<void>((done) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        server.closeAllConnections();
        server.close(() => done());
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    io.err('stopped\n');
    return EXIT_OK;
  },
};
