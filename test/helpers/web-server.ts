/** `geosim web` started from tests: the built CLI serving a folder on a free port, stopped with Ctrl-C (SIGINT). */
import { spawn } from 'node:child_process';
import { bin, cleanEnv, root } from '../cli-helpers.js';

export interface WebServer {
  readonly url: string;
  readonly out: string;
  /** Ctrl-C; resolves with the exit code and what it wrote to stderr. */
  stop(): Promise<{ code: number | null; stderr: string }>;
}

export function startWeb(out: string, extra: readonly string[] = []): Promise<WebServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'web', '--out', out, '--port', '0', '--no-open', ...extra], { cwd: root, env: cleanEnv() });
    let stdout = '';
    let stderr = '';
    const closed = new Promise<{ code: number | null; stderr: string }>((done) => child.on('close', (code) => done({ code, stderr })));
    const fail = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`geosim web printed no URL in 60 s: ${stderr}`));
    }, 60_000);
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
      if (!m) return;
      clearTimeout(fail);
      resolve({
        url: m[1]!,
        out,
        stop: () => {
          child.kill('SIGINT');
          return closed;
        },
      });
    });
    void closed.then(({ code }) => {
      clearTimeout(fail);
      reject(new Error(`geosim web ended (exit ${code}) before printing its URL: ${stderr}`));
    });
  });
}
