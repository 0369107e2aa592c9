// The CLI's frame: help, version, exit codes, one-line errors with suggestions, colour rules, TTY checks, EPIPE.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCommands } from '../src/cli/registry.js';

const commands = await loadCommands();
import { ANSI, bin, cleanEnv, ensureBuilt, geosim, geosimClosedStdout, minimal, root } from './cli-helpers.js';

beforeAll(() => ensureBuilt());

const pkgVersion = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

/** Bad input: exit 2, exactly one line on stderr starting with `geosim: `, no stack, nothing on stdout. */
function expectUsageError(r: { code: number | null; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^geosim: [^\n]+\n$/);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('help and version', () => {
  it('--help lists every command with a summary, exit codes and examples', () => {
    const r = geosim(['--help']);
    expect(r.code).toBe(0);
    // Summaries are text, not patterns: `web`'s has a parenthesis.
    const literal = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const c of commands) expect(r.stdout).toMatch(new RegExp(`^  ${c.name}\\s+${literal(c.summary.slice(0, 20))}`, 'm'));
    expect(r.stdout).toMatch(/Exit codes: 0 ok, 1 runtime error, 2 bad input/);
    expect(r.stdout).toMatch(/Examples:\n {2}geosim /);
    expect(r.stderr).toBe('');
  });

  it('no arguments prints the same help', () => {
    expect(geosim([]).stdout).toBe(geosim(['--help']).stdout);
  });

  it.each(commands.map((c) => c.name))('geosim %s --help lists its options and examples', (name) => {
    const cmd = commands.find((c) => c.name === name)!;
    const r = geosim([name, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`geosim ${name}`);
    for (const opt of Object.keys(cmd.options)) expect(r.stdout).toContain(`--${opt}`);
    for (const e of cmd.examples) expect(r.stdout).toContain(e.command);
    expect(cmd.examples.length).toBeGreaterThan(0);
    // `geosim help <command>` is the same page.
    expect(geosim(['help', name]).stdout).toBe(r.stdout);
  });

  it('--version and -v print the package version', () => {
    expect(geosim(['--version'])).toMatchObject({ code: 0, stdout: `${pkgVersion}\n`, stderr: '' });
    expect(geosim(['-v']).stdout).toBe(`${pkgVersion}\n`);
  });

  it('the bin starts with a shebang', () => {
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});

describe('bad input: one line, exit 2, a suggestion when one is close', () => {
  const cases: [string, string[], RegExp][] = [
    ['unknown command', ['rnu'], /unknown command 'rnu' \(did you mean 'run'\?\)/],
    ['unknown global option', ['--verison'], /unknown option '--verison' \(did you mean '--version'\?\)/],
    ['unknown flag', ['run', minimal, '--sed', '3'], /unknown option '--sed' for 'geosim run' \(did you mean '--seed'\?\)/],
    ['format as a flag', ['run', minimal, '--markdown'], /did you mean '--format markdown'/],
    ['missing scenario', ['run'], /'geosim run' needs <scenario>/],
    ['extra argument', ['run', minimal, 'extra'], /unexpected argument 'extra'/],
    ['missing value', ['run', minimal, '--seed'], /option '--seed' needs a value/],
    ['negative seed', ['run', minimal, '--seed=-1'], /--seed must be a whole number from 0 to 4294967295, found '-1'/],
    ['seed too big', ['run', minimal, '--seed', '4294967296'], /--seed must be a whole number/],
    ['fractional seed', ['run', minimal, '--seed', '1.5'], /--seed must be a whole number/],
    ['unknown decision', ['run', minimal, '--choose', 'seoul_respons=hold_back'], /unknown decision 'seoul_respons' \(did you mean 'seoul_response'\?\)/],
    ['unknown option id', ['run', minimal, '--choose', 'seoul_response=hold_bak'], /has no option 'hold_bak' \(did you mean 'hold_back'\?\)/],
    ['malformed choose', ['run', minimal, '--choose', 'seoul_response'], /--choose expects DECISION=OPTION/],
    ['contradictory choose', ['run', minimal, '-c', 'seoul_response=hold_back', '-c', 'seoul_response=arm_ukraine'], /chosen twice/],
    ['unknown assumption', ['run', minimal, '--assume', 'k_goldstien=5'], /unknown assumption 'k_goldstien' \(did you mean 'k_goldstein'\?\)/],
    ['assumption out of range', ['run', minimal, '--assume', 'k_goldstein=11'], /'k_goldstein' must be between 1 and 10, found 11/],
    ['assumption not a number', ['run', minimal, '--assume', 'k_goldstein=abc'], /needs a number, found 'abc'/],
    ['unknown preset', ['run', minimal, '--preset', 'dovsh'], /unknown preset 'dovsh' \(did you mean 'dovish'\?\)/],
    ['impossible date', ['run', minimal, '--until', '2024-02-30'], /--until must be a real date YYYY-MM-DD, found '2024-02-30'/],
    ['unknown inject', ['run', minimal, '--inject', 'border_incidnt'], /unknown inject 'border_incidnt' \(did you mean 'border_incident'\?\)/],
    ['unknown format', ['run', minimal, '--format', 'jsno'], /unknown format 'jsno'.*\(did you mean 'json'\?\)/],
    ['unknown scenario', ['run', 'no_such_scenario'], /unknown scenario/],
    ['missing scenario file', ['run', 'nowhere/x.yaml'], /nowhere\/x\.yaml: no such file/],
    ['explain without --pair', ['explain', minimal], /needs --pair FROM:TO/],
    ['explain unknown actor', ['explain', minimal, '--pair', 'KOR:RUZ'], /unknown actor 'RUZ' \(did you mean 'RUS'\?\)/],
    ['explain same actor', ['explain', minimal, '--pair', 'KOR:KOR'], /two different actors/],
    ['explain bad --at', ['explain', minimal, '--pair', 'KOR:RUS', '--at', '2024-13-01'], /--at must be a real date/],
    ['save into a missing directory', ['run', minimal, '--save', 'no/such/dir/run.json'], /cannot save to 'no\/such\/dir\/run\.json': directory 'no\/such\/dir' does not exist/],
    ['replay a missing file', ['replay', 'no-such-run.json'], /cannot read run file 'no-such-run\.json': no such file/],
    ['unavailable choice', ['run', minimal, '--choose', 'seoul_response=hold_back', '--inject', 'border_incident@2024-06-20', '--inject', 'border_incident@2024-06-21', '--inject', 'border_incident@2024-06-22', '--inject', 'border_incident@2024-06-23', '--inject', 'border_incident@2024-06-24', '--inject', 'border_incident@2024-06-25'], /option 'hold_back' of decision 'seoul_response' is not available now/],
  ];
  it.each(cases)('%s', (_name, args, pattern) => expectUsageError(geosim(args), pattern));

  it('GEOSIM_DEBUG=1 adds the stack after the one-line message', () => {
    const r = geosim(['run', minimal, '--seed', 'x'], { env: { GEOSIM_DEBUG: '1' } });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(/^geosim: --seed must be/);
    expect(r.stderr).toMatch(/\n\s+at /);
  });
});

describe('runtime errors: exit 1', () => {
  it('a save the file system refuses is one line and exit 1, not a crash', () => {
    const r = geosim(['run', minimal, '--save', '/proc/geosim-cannot-write-here.json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^geosim: cannot save '\/proc\/geosim-cannot-write-here\.json': [^\n]+\n$/);
  });
});

describe('colour', () => {
  it('is off when stdout is not a terminal', () => {
    const r = geosim(['run', minimal]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(ANSI);
  });

  it('--color forces it on, and NO_COLOR beats FORCE_COLOR', () => {
    expect(geosim(['run', minimal, '--color']).stdout).toMatch(ANSI);
    expect(geosim(['run', minimal], { env: { FORCE_COLOR: '1' } }).stdout).toMatch(ANSI);
    const off = geosim(['run', minimal], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(off.code).toBe(0);
    expect(off.stdout).not.toMatch(ANSI);
    expect(geosim(['run', minimal, '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout).not.toMatch(ANSI);
  });

  const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
  it.runIf(hasScript)('on a real terminal it is on, and NO_COLOR turns it off', () => {
    const tty = (env: string) =>
      spawnSync('script', ['-qec', `${env} '${process.execPath}' '${bin}' run '${minimal}'`, '/dev/null'], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '', NO_COLOR: '' } });
    const on = tty('env -u NO_COLOR -u FORCE_COLOR');
    expect(on.status).toBe(0);
    expect(on.stdout).toMatch(ANSI);
    const off = tty('env -u FORCE_COLOR NO_COLOR=1');
    expect(off.status).toBe(0);
    expect(off.stdout).toContain('Relations on');
    expect(off.stdout).not.toMatch(ANSI);
  });
});

describe('play', () => {
  it('refuses without a terminal: one line pointing to geosim run, exit 2', () => {
    expectUsageError(geosim(['play']), /needs an interactive terminal.*geosim run/);
    expectUsageError(geosim(['play', minimal, '--seed', '3']), /geosim run/);
  });

  it('still checks its flags first', () => {
    expectUsageError(geosim(['play', '--sede', '1']), /did you mean '--seed'/);
  });
});

describe('closed pipes', () => {
  it('exits quietly when the reader goes away (geosim run x | head -1)', async () => {
    const r = await geosimClosedStdout(['run', minimal, '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('prints nothing on stderr through a real shell pipe into head -1', () => {
    const r = spawnSync('sh', ['-c', `'${process.execPath}' '${bin}' run '${minimal}' --format json | head -1`], { encoding: 'utf8', env: cleanEnv() });
    expect(r.stdout).toBe('{\n');
    expect(r.stderr).toBe('');
  });
});
