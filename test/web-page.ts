/**
 * Helpers of the web page's browser tests: the static folder (`geosim web`'s, built by the project's build into
 * dist/web/ when that pipeline is there; otherwise built here from the same sources with esbuild), a static
 * HTTP server for it on 127.0.0.1 (nothing else is served), and Chromium's launch arguments.
 */
import { createServer, type Server } from 'node:http';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { parse } from 'yaml';
import { ensureBuilt, root } from './cli-helpers.js';

export const CHROMIUM = '/usr/bin/chromium';
export const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const CSP = "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

async function buildHere(): Promise<string> {
  const { build } = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'geosim-web-'));
  mkdirSync(join(dir, 'scenarios'));
  await build({
    absWorkingDir: root,
    entryPoints: ['src/web/app/main.ts'],
    outfile: join(dir, 'app.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    logLevel: 'error',
  });
  copyFileSync(join(root, 'src/web/app/style.css'), join(dir, 'app.css'));
  const index = join(root, 'src/web/static/index.html');
  writeFileSync(
    join(dir, 'index.html'),
    existsSync(index)
      ? readFileSync(index, 'utf8')
      : `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="Content-Security-Policy" content="${CSP}"><title>geosim</title><link rel="stylesheet" href="app.css"><script type="module" src="app.js"></script></head><body><main id="app"></main></body></html>`,
  );
  const list: { id: string; title: string; file: string }[] = [];
  for (const file of readdirSync(join(root, 'scenarios')).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const text = readFileSync(join(root, 'scenarios', file), 'utf8');
    const doc = parse(text) as { id?: string; title?: string };
    if (typeof doc?.id !== 'string') continue;
    copyFileSync(join(root, 'scenarios', file), join(dir, 'scenarios', file));
    list.push({ id: doc.id, title: doc.title ?? doc.id, file });
  }
  writeFileSync(join(dir, 'scenarios', 'index.json'), JSON.stringify(list));
  return dir;
}

/** The page's static folder. */
export async function webFolder(): Promise<string> {
  if (existsSync(join(root, 'src/build/web.mjs'))) {
    ensureBuilt();
    const dir = join(root, 'dist', 'web');
    if (existsSync(join(dir, 'app.js'))) return dir;
  }
  return buildHere();
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.yaml': 'text/yaml', '.yml': 'text/yaml' };

/** Serves `dir` on 127.0.0.1 (a free port). */
export async function serve(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path === '/' ? 'index.html' : path);
    readFile(file).then(
      (body) => {
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      },
      () => {
        res.writeHead(404);
        res.end();
      },
    );
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}
