/**
 * Every ```js example of docs/api.md runs against the built library (dist/api.js) as a user's module would,
 * with `from 'geosim'` pointing at it, from the checkout's root (so the examples' relative paths work).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, root } from './cli-helpers.js';

const doc = readFileSync(join(root, 'docs', 'api.md'), 'utf8');
const blocks = [...doc.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!);
let dir: string;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'geosim-api-doc-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('docs/api.md', () => {
  it('has examples', () => expect(blocks.length).toBeGreaterThanOrEqual(4));

  it.each(blocks.map((b, i) => [i + 1, b] as const))('example %i runs', (i, code) => {
    const api = pathToFileURL(join(root, 'dist', 'api.js')).href;
    expect(code).toMatch(/from 'geosim'/);
    const file = join(dir, `example-${i}.mjs`);
    writeFileSync(file, code.replaceAll("from 'geosim'", `from '${api}'`));
    const r = spawnSync(process.execPath, [file], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    if (code.includes('scenarioHash(text) === result.hash')) expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('true');
    if (code.includes("'broken.yaml'")) expect(r.stdout).toMatch(/^broken\.yaml:\d+:\d+: invalid YAML/);
  }, 120_000);
});
