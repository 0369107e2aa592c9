// `npm start` skips the build when dist/ was built from the same sources (src/build/stamp.mjs): quickly, by the
// sizes and times the build listed, and by the hash whenever the listing cannot vouch for the sources.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error: a plain .mjs build script without types
import { isFresh, sourceListing, sourceStamp, STAMP_FILE, stampText } from '../src/build/stamp.mjs';

const tmp = mkdtempSync(join(tmpdir(), 'geosim-stamp-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;

const HOUR_AGO = Date.now() / 1000 - 3600;

/** A checkout with a few sources, all last modified an hour ago, and a dist/ "built" from them now. */
function checkout(): { root: string; dist: string; file: (p: string) => string } {
  const root = join(tmp, `c${n++}`);
  const file = (p: string) => join(root, p);
  mkdirSync(file('src/core'), { recursive: true });
  mkdirSync(file('scenarios'));
  mkdirSync(file('dist'));
  writeFileSync(file('src/core/a.ts'), 'export const a = 1;\n');
  writeFileSync(file('src/b.ts'), 'export const b = 2;\n');
  writeFileSync(file('scenarios/x.yaml'), 'id: x\n');
  writeFileSync(file('package.json'), '{}\n');
  for (const p of ['src/core/a.ts', 'src/b.ts', 'scenarios/x.yaml', 'package.json']) utimesSync(file(p), HOUR_AGO, HOUR_AGO);
  build(root);
  return { root, dist: file('dist'), file };
}

function build(root: string): void {
  const listing = sourceListing(root);
  writeFileSync(join(root, 'dist', 'geosim.js'), '');
  writeFileSync(join(root, 'dist', STAMP_FILE), stampText(sourceStamp(root), listing));
}

/** Rewrites a file with other bytes of the same size, keeping its modification time. */
function forge(path: string, text: string): void {
  const { mtime } = statSync(path);
  writeFileSync(path, text);
  utimesSync(path, mtime, mtime);
}

describe('the build stamp', () => {
  it('an unchanged checkout is fresh; a missing bundle or stamp is not', () => {
    const c = checkout();
    expect(isFresh(c.root, c.dist)).toBe(true);
    rmSync(join(c.dist, 'geosim.js'));
    expect(isFresh(c.root, c.dist)).toBe(false);
  });

  it('an edit, a new file or a removed one means build again', () => {
    const edit = checkout();
    writeFileSync(edit.file('src/core/a.ts'), 'export const a = 10;\n');
    expect(isFresh(edit.root, edit.dist)).toBe(false);
    const added = checkout();
    writeFileSync(added.file('scenarios/y.yaml'), 'id: y\n');
    expect(isFresh(added.root, added.dist)).toBe(false);
    const removed = checkout();
    rmSync(removed.file('src/b.ts'));
    expect(isFresh(removed.root, removed.dist)).toBe(false);
  });

  it('a file touched but unchanged is still fresh (the hash decides)', () => {
    const c = checkout();
    utimesSync(c.file('src/b.ts'), new Date(), new Date());
    expect(isFresh(c.root, c.dist)).toBe(true);
  });

  it('a file modified around the build is checked by its bytes, even with the same size and time', () => {
    const c = checkout();
    // Modified just before this build: the listing cannot tell an edit made during the build, so the hash decides.
    writeFileSync(c.file('src/b.ts'), 'export const b = 2;\n');
    build(c.root);
    forge(c.file('src/b.ts'), 'export const b = 3;\n');
    expect(isFresh(c.root, c.dist)).toBe(false);
    // Long before the build, the same forgery goes unseen: the listing's documented limit (no editor does this).
    const old = checkout();
    forge(old.file('src/b.ts'), 'export const b = 3;\n');
    expect(isFresh(old.root, old.dist)).toBe(true);
  });

  it('a stamp file of the older format (the hash alone) still counts by its hash', () => {
    const c = checkout();
    writeFileSync(join(c.dist, STAMP_FILE), `${sourceStamp(c.root)}\n`);
    expect(isFresh(c.root, c.dist)).toBe(true);
    writeFileSync(c.file('src/b.ts'), 'export const b = 4;\n');
    expect(isFresh(c.root, c.dist)).toBe(false);
  });
});
