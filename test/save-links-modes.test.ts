/** Atomic saves keep what the user set up: a symbolic link stays a link to the updated file, a file keeps its mode. */
import { chmodSync, lstatSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../src/scenario/save.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'geosim-save-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('writes through a symbolic link: the link stays, the file it names gets the new text', () => {
    const real = join(dir, 'real.md');
    const link = join(dir, 'link.md');
    writeFileSync(real, 'old\n');
    symlinkSync('real.md', link);
    writeFileAtomic(link, 'new\n');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('real.md');
    expect(readFileSync(real, 'utf8')).toBe('new\n');
  });

  it.each([0o600, 0o640, 0o755])('keeps an existing file mode %o', (mode) => {
    const f = join(dir, 'private.json');
    writeFileSync(f, 'old\n');
    chmodSync(f, mode);
    writeFileAtomic(f, 'new\n');
    expect(statSync(f).mode & 0o7777).toBe(mode);
    expect(readFileSync(f, 'utf8')).toBe('new\n');
  });

  it('gives a new file the usual mode (0644 less the umask)', () => {
    const f = join(dir, 'new.json');
    writeFileAtomic(f, 'x\n');
    const umask = process.umask();
    expect(statSync(f).mode & 0o777).toBe(0o644 & ~umask);
  });
});
