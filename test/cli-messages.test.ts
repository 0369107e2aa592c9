/**
 * The command line tells the truth (issue 13): dates outside a scenario refused with its range, the same way in
 * every command; conflicting flags with --load refused; suggestions that say what a name is; whole numbers read
 * alike; a garbage run file in one clean line; map --out writes what its file name promises.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { availableParallelism } from 'node:os';
import { ensureBuilt, geosim } from './cli-helpers.js';
import { notJsonWhy } from '../src/scenario/runfile.js';
import { mapFileText } from '../src/cli/commands/map.js';

const RANGE = 'pyongyang-2024 runs from 2024-06-01 to 2026-01-15';
let dir = '';

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'geosim-messages-'));
}, 120_000);

function refused(args: string[], message: string | RegExp): void {
  const r = geosim(args, { cwd: dir });
  expect(r.stdout).toBe('');
  expect(r.code).toBe(2);
  expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  if (typeof message === 'string') expect(r.stderr).toBe(`geosim: ${message}\n`);
  else expect(r.stderr).toMatch(message);
}

describe('dates outside the scenario are refused with its range, in every command', () => {
  it.each([
    [['explain', 'pyongyang-2024', '--pair', 'KOR:RUS', '--at', '2030-01-01'], `--at 2030-01-01 is after its last event; ${RANGE}`],
    [['explain', 'pyongyang-2024', '--pair', 'KOR:RUS', '--at', '2020-01-01'], `--at 2020-01-01 is before the scenario starts; ${RANGE}`],
    [['run', 'pyongyang-2024', '--inject', 'washington_presses_seoul@2027-01-01'], `--inject washington_presses_seoul@2027-01-01 is after its last event; ${RANGE}`],
    [['run', 'pyongyang-2024', '--until', '2020-01-01'], `--until 2020-01-01 is before the scenario starts; ${RANGE}`],
    [['explain', 'pyongyang-2024', '--pair', 'KOR:RUS', '--until', '2027-01-01'], `--until 2027-01-01 is after its last event; ${RANGE}`],
    [['report', 'pyongyang-2024', '--until', '2027-01-01'], `--until 2027-01-01 is after its last event; ${RANGE}`],
  ])('%j', (args, message) => refused(args, message));

  it('accepts the range itself, both ends', () => {
    expect(geosim(['explain', 'pyongyang-2024', '--pair', 'KOR:RUS', '--at', '2026-01-15']).code).toBe(0);
    expect(geosim(['run', 'pyongyang-2024', '--until', '2024-06-01']).code).toBe(0);
  });
});

describe('names are explained, not only matched', () => {
  it('an outside party is named as one, not taken for a typo of an actor', () => {
    const outside = /^geosim: --\w+: UKR \(Ukraine\) is an outside party in pyongyang-2024, without relations of its own; actors: RUS, PRK, KOR, JPN, CHN, USA\n$/;
    refused(['explain', 'pyongyang-2024', '--pair', 'UKR:KOR'], outside);
    refused(['roles', 'pyongyang-2024', '--actor', 'UKR'], outside);
    refused(['play', 'pyongyang-2024', '--as', 'UKR'], outside);
  });

  it('a scenario named by the start of its id is suggested', () => {
    refused(['run', 'pyongyang'], /\(did you mean 'pyongyang-2024'\?\)/);
  });

  it("a sweep target that is a decision lists that decision's options", () => {
    refused(['sweep', 'pyongyang-2024', '--target', 'seoul_response'], /^geosim: --target: 'seoul_response' is a decision; target one of its options: seoul_response\.arm_ukraine, (seoul_response\.\w+, )*seoul_response\.restraint_reengage\n$/);
  });

  it('--workers shows the range that makes sense on this machine', () => {
    const cap = availableParallelism() * 4;
    refused(['mc', 'pyongyang-2024', '--workers', '0'], `--workers must be a whole number from 1 to ${cap} on this machine (4 per core), found '0'`);
    refused(['mc', 'pyongyang-2024', '--workers', String(cap + 1)], `--workers ${cap + 1} is more than makes sense on this machine: from 1 to ${cap} (4 per core)`);
  });
});

describe('whole numbers are read alike', () => {
  it('--seed 1e3 is seed 1000, as --runs 1e3 is 1000 runs', () => {
    const a = geosim(['run', 'pyongyang-2024', '--seed', '1e3', '--format', 'json']);
    const b = geosim(['run', 'pyongyang-2024', '--seed', '1000', '--format', 'json']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout).seed).toBe(1000);
    refused(['run', 'pyongyang-2024', '--seed', '1.5'], "--seed must be a whole number from 0 to 4294967295, found '1.5'");
  });
});

describe('play --load refuses flags that conflict with the run file', () => {
  it('a different --seed or --preset', () => {
    const file = join(dir, 'seed5.run.json');
    expect(geosim(['run', 'pyongyang-2024', '--seed', '5', '--save', file]).code).toBe(0);
    refused(['play', '--load', file, '--seed', '6'], /^geosim: --seed 6: .*seed5\.run\.json was played with --seed 5; a loaded run keeps its own/);
    refused(['play', '--load', file, '--preset', 'hindsight'], /^geosim: --preset hindsight: .* was played with --preset article/);
    // The same values are no conflict: play goes on to ask for a terminal.
    refused(['play', '--load', file, '--seed', '5'], /needs an interactive terminal/);
  });
});

describe('a garbage run file is one clean line', () => {
  const cases: [string, string | Buffer, RegExp][] = [
    ['binary', Buffer.from([0x00, 0xff, 0x13, 0x9b, 0x1b, 0x5b, 0x33, 0x31, 0x6d, 0x80, 0x81]), /is not a geosim run file: it holds binary data, not JSON text$/],
    ['text', 'hello "world, this is not "JSON" at all', /is not a geosim run file: it is not JSON$/],
    ['control bytes in a string', '{"format": "geosim-run/1", "x": "a\u0001\u001b[31mred"}', /is not valid JSON \(corrupt or truncated\?\): it breaks at line 1, column \d+$/],
    ['cut short', '{"format": "geosim-run/1", "seed": "a long str', /is not valid JSON \(corrupt or truncated\?\): it ends too early$/],
  ];
  it.each(cases)('%s', (name, bytes, message) => {
    const file = join(dir, `${name.replace(/\W/g, '_')}.json`);
    writeFileSync(file, bytes);
    const r = geosim(['replay', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd()).toMatch(message);
    // eslint-disable-next-line no-control-regex
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\ufffd"]/);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('names the line and column of a break further down', () => {
    expect(notJsonWhy('{\n  "a": 1,\n  "b" 1\n}')).toMatch(/line 3, column \d+$/);
  });
});

describe('map --out writes what the file name promises', () => {
  it('a Markdown file gets a fenced mermaid block, a .mmd file bare Mermaid, a .dot file dot', () => {
    for (const f of ['map.md', 'map.mmd', 'map.dot']) expect(geosim(['map', 'pyongyang-2024', '--out', join(dir, f)]).code).toBe(0);
    const md = readFileSync(join(dir, 'map.md'), 'utf8');
    expect(md.startsWith('```mermaid\nflowchart')).toBe(true);
    expect(md.endsWith('\n```\n')).toBe(true);
    expect(readFileSync(join(dir, 'map.mmd'), 'utf8').startsWith('flowchart')).toBe(true);
    expect(readFileSync(join(dir, 'map.dot'), 'utf8').startsWith('digraph')).toBe(true);
    expect(md.slice('```mermaid\n'.length, -'```\n'.length)).toBe(readFileSync(join(dir, 'map.mmd'), 'utf8'));
  });

  it('only Mermaid in a Markdown file is fenced', () => {
    expect(mapFileText('flowchart TD', 'mermaid', 'x.markdown')).toBe('```mermaid\nflowchart TD\n```\n');
    expect(mapFileText('digraph {}', 'dot', 'x.md')).toBe('digraph {}');
    expect(mapFileText('flowchart TD\n', 'mermaid', undefined)).toBe('flowchart TD\n');
  });
});
