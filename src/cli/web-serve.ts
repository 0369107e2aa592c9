/**
 * What `geosim web` does with files and sockets: finds the prebuilt page (dist/web/, made by src/build/web.mjs),
 * copies it into a folder, and serves that folder on 127.0.0.1 with node:http. The folder is static: any host
 * serves it as is; this server only adds the headers a careful static host would (types, nosniff, the CSP).
 */
import { copyFileSync, cpSync, existsSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuntimeError, UsageError } from './command.js';

/** The page's Content-Security-Policy (the same as the meta element of src/web/static/index.html). */
export const WEB_CSP =
  "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

/** The entries of a built page: `--out` may replace a folder that holds only these (an earlier `geosim web`). */
const SITE_ENTRIES = ['index.html', 'app.js', 'app.css', 'odds-worker.js', 'scenarios'];

export const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.yml': 'text/yaml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** dist/web/ of this geosim: next to the nearest package.json above this module (src/cli or dist/chunks). */
export function builtSiteDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'dist', 'web');
    const up = dirname(dir);
    if (up === dir) return resolve('dist', 'web');
    dir = up;
  }
}

/** Copies the built page into `out` (made if missing). Refuses a file, or a folder holding anything else. */
export function writeSite(from: string, out: string): void {
  if (!existsSync(join(from, 'index.html')) || !existsSync(join(from, 'app.js'))) {
    throw new RuntimeError(`the web page is not built (no ${join(from, 'index.html')}); run npm run build`);
  }
  if (existsSync(out)) {
    if (!statSync(out).isDirectory()) throw new UsageError(`--out ${out} is a file; give a folder (it is made if missing)`);
    if (realpathSync(out) === realpathSync(from)) throw new UsageError(`--out ${out} is geosim's own build of the page; give another folder`);
    const other = readdirSync(out).filter((f) => !SITE_ENTRIES.includes(f));
    if (other.length > 0) {
      throw new UsageError(`--out ${out} holds other files (${other[0]}${other.length > 1 ? ', …' : ''}); give an empty or new folder, or one an earlier geosim web wrote`);
    }
    for (const f of SITE_ENTRIES) rmSync(join(out, f), { recursive: true, force: true });
  }
  try {
    cpSync(from, out, { recursive: true });
    completeScenarios(from, out);
  } catch (e) {
    throw new UsageError(`could not write --out ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

interface IndexEntry {
  readonly file: string;
  prevalidated?: string;
}

/**
 * The installed package leaves the page's copies of the scenarios out (package.json `files`: they would repeat
 * scenarios/ and dist/scenarios/ byte for byte, and the package keeps under 5 MB): they are taken from there.
 * An entry that is nowhere is left out of the index, so the page never asks for a missing file.
 */
function completeScenarios(from: string, out: string): void {
  const pkg = dirname(dirname(from));
  const indexFile = join(out, 'scenarios', 'index.json');
  if (!existsSync(indexFile)) return;
  const index = JSON.parse(readFileSync(indexFile, 'utf8')) as IndexEntry[];
  let changed = false;
  const listed = index.filter((e) => {
    const target = join(out, 'scenarios', e.file);
    if (!existsSync(target)) {
      const source = join(pkg, 'scenarios', e.file);
      if (!existsSync(source)) return !(changed = true);
      copyFileSync(source, target);
    }
    if (e.prevalidated && !existsSync(join(out, 'scenarios', e.prevalidated))) {
      const entry = join(pkg, 'dist', 'scenarios', `${e.file.replace(/\.ya?ml$/i, '')}.json`);
      if (existsSync(entry)) copyFileSync(entry, join(out, 'scenarios', e.prevalidated));
      else {
        delete e.prevalidated;
        changed = true;
      }
    }
    return true;
  });
  if (changed) writeFileSync(indexFile, `${JSON.stringify(listed, null, 2)}\n`);
}

/**
 * The file a request path names inside `root`, or undefined: only GET-able files under root (after decoding and
 * following links), never a path that climbs out, never a dot-file; `/` and a folder mean its index.html.
 */
export function fileFor(root: string, urlPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split(/[?#]/)[0] ?? '/');
  } catch {
    return undefined;
  }
  if (path.includes('\0') || path.includes('\\') || !path.startsWith('/')) return undefined;
  if (path.split('/').some((part) => part === '..' || part.startsWith('.'))) return undefined;
  const base = realpathSync(root);
  let file = resolve(base, `.${path}`);
  if (file !== base && !file.startsWith(base + sep)) return undefined;
  if (!existsSync(file)) return undefined;
  if (statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) return undefined;
  // A link inside the folder that leads out of it is not served either.
  const real = realpathSync(file);
  return real.startsWith(base + sep) && statSync(real).isFile() ? real : undefined;
}

/** The server for `root` (not yet listening). */
export function siteServer(root: string): Server {
  return createServer((req, res) => {
    const headers = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache', 'Referrer-Policy': 'no-referrer' };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
      return;
    }
    const file = fileFor(root, req.url ?? '/');
    if (!file) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    const body = readFileSync(file);
    res.writeHead(200, {
      ...headers,
      'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': body.length,
      'Content-Security-Policy': WEB_CSP,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
}

/** Listens on 127.0.0.1:port; a port in use or not allowed is the user's to change (UsageError). */
export function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') reject(new UsageError(`port ${port} is in use; choose another with --port N (--port 0 picks a free one)`));
      else if (e.code === 'EACCES') reject(new UsageError(`not allowed to listen on port ${port}; choose one above 1023 with --port N`));
      else reject(new RuntimeError(`could not serve on 127.0.0.1:${port}: ${e.code ?? e.message}`));
    });
    server.listen(port, '127.0.0.1', () => {
      const a = server.address();
      resolvePort(typeof a === 'object' && a ? a.port : port);
    });
  });
}
