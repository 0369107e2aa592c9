// Issue #10, re-checked after `new`, `network` and the document commands' --out landed: a save never replaces
// something that is not a plain file, and a document never overwrites the files it was made from, whatever
// name (a link) it is given. Found by hand in session 2: `geosim new x --out /dev/full --force`, run as root,
// replaced the device with a text file, and `report run.json --out link-to-run.json` replaced the run file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, geosim, root } from './cli-helpers.js';
import { writeFileAtomic } from '../src/scenario/save.js';

const dir = mkdtempSync(join(tmpdir(), 'geosim-harden-targets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(() => ensureBuilt(), 300_000);

const oneLine = (r: { code: number | null; stderr: string }, code: number, text: string) => {
  expect(r.code).toBe(code);
  expect(r.stderr).toContain(text);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
};

describe('saving onto something that is not a plain file', () => {
  const fifo = join(dir, 'pipe.yaml');
  beforeAll(() => execFileSync('mkfifo', [fifo]));

  it('writeFileAtomic refuses a pipe and leaves it a pipe', () => {
    expect(() => writeFileAtomic(fifo, 'x')).toThrow(/not a regular file/);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('refuses a link to a device, and the device stays one', () => {
    const link = join(dir, 'null.md');
    symlinkSync('/dev/null', link);
    expect(() => writeFileAtomic(link, 'x')).toThrow(/not a regular file/);
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('geosim new --force and roles --out refuse it in one line, exit 2', { timeout: 120_000 }, () => {
    oneLine(geosim(['new', 'piped', '--out', fifo, '--force'], { cwd: dir }), 2, 'not a regular file');
    oneLine(geosim(['roles', 'template', '--out', fifo], { cwd: dir }), 2, 'not a regular file');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('a folder where no file can be made is named as the folder', () => {
    expect(() => writeFileAtomic('/proc/version', 'x')).toThrow(/cannot create a file in '\/proc'/);
  });
});

describe('a document never overwrites what it was made from', () => {
  it('report --out through a link to its run file, or onto the scenario beside it, is refused', { timeout: 180_000 }, () => {
    const scenario = join(dir, 'template.yaml');
    copyFileSync(join(root, 'scenarios', 'template.yaml'), scenario);
    expect(geosim(['run', scenario, '--save', join(dir, 'run.json')], { cwd: dir }).code).toBe(0);
    const run = readFileSync(join(dir, 'run.json'), 'utf8');
    symlinkSync('run.json', join(dir, 'alias.json'));
    oneLine(geosim(['report', 'run.json', '--out', 'alias.json'], { cwd: dir }), 2, 'would overwrite the input file');
    oneLine(geosim(['report', 'run.json', '--out', 'template.yaml'], { cwd: dir }), 2, 'would overwrite the input file');
    expect(readFileSync(join(dir, 'run.json'), 'utf8')).toBe(run);
    expect(readFileSync(scenario, 'utf8')).toBe(readFileSync(join(root, 'scenarios', 'template.yaml'), 'utf8'));
  });

  it('network --out through a link to its scenario is refused', { timeout: 120_000 }, () => {
    const scenario = join(dir, 'net.yaml');
    writeFileSync(scenario, readFileSync(join(root, 'scenarios', 'template.yaml')));
    symlinkSync('net.yaml', join(dir, 'net-link.graphml'));
    oneLine(geosim(['network', scenario, '--out', 'net-link.graphml'], { cwd: dir }), 2, 'would overwrite the input file');
    expect(readFileSync(scenario, 'utf8')).toBe(readFileSync(join(root, 'scenarios', 'template.yaml'), 'utf8'));
  });
});

describe('geosim new --from something that is not a scenario', () => {
  it('is refused as itself, with its own name and line, and writes nothing', { timeout: 120_000 }, () => {
    const notes = join(dir, 'notes.yaml');
    writeFileSync(notes, 'just: some\nnotes: [1, 2]\n');
    const r = geosim(['new', 'copied', '--from', notes], { cwd: dir });
    oneLine(r, 2, `${notes}:1:1: `);
    expect(r.stderr).not.toContain('scenarios/copied.yaml');
    expect(() => lstatSync(join(dir, 'scenarios', 'copied.yaml'))).toThrow();
  });
});
