// The teaching commands through the built CLI: bad run files are refused with one line and exit 2 and are
// never touched; --out writes atomically and never over an input; forecasts in a run file reach the report.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classroomFile } from './fixtures/teach/fixture.js';
import { ensureBuilt, geosim } from './cli-helpers.js';

beforeAll(() => ensureBuilt());

const dirs: string[] = [];
function temp(): string {
  const d = mkdtempSync(join(tmpdir(), 'geosim-teach-cli-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A valid run file of the classroom (seed 2, the student chose to arm Outland) in a fresh directory. */
function saved(): { dir: string; file: string; text: string } {
  const dir = temp();
  const file = join(dir, 'run.json');
  // Beside the run file: a run file only finds its scenario in scenarios/ or in its own folder.
  const copy = join(dir, 'classroom.yaml');
  copyFileSync(classroomFile, copy);
  const r = geosim(['run', copy, '--seed', '2', '--choose', 'c_choice=arm_out', '--save', file]);
  expect(r.code).toBe(0);
  return { dir, file, text: readFileSync(file, 'utf8') };
}

type Tamper = (text: string) => string;
// A run file as loosely typed JSON, to tamper with.
interface LooseRunFile {
  scenario: { hash: string; model?: string };
  choices: Record<string, string>;
  engine: Record<string, string>;
  injects: { event: string; date: string }[];
  forecasts?: Record<string, Record<string, number>>;
}
const edit = (f: (rf: LooseRunFile) => void): Tamper => (text) => {
  const rf = JSON.parse(text) as LooseRunFile;
  f(rf);
  return JSON.stringify(rf, null, 2);
};

const bad: [string, Tamper, RegExp][] = [
  ['corrupt', () => '{"format": "geosim-run/1", seed: }', /is not valid JSON \(corrupt or truncated\?\)/],
  ['truncated', (t) => t.slice(0, Math.floor(t.length / 2)), /is not valid JSON \(corrupt or truncated\?\)/],
  ['empty', () => '', /is not valid JSON/],
  ['a changed scenario hash', edit((rf) => ((rf.scenario.hash = 'ab'.repeat(32)), (rf.scenario.model = 'cd'.repeat(32)))), /has changed since this run was saved/],
  ['an unknown option', edit((rf) => (rf.choices.c_choice = 'surrender')), /choices: decision 'c_choice' has no option 'surrender'/],
  ['an unknown decision', edit((rf) => (rf.choices.no_such = 'x')), /unknown decision 'no_such'/],
  ['a forecast that does not sum to 1', edit((rf) => (rf.forecasts = { c_choice: { arm_out: 0.7, talk: 0.2 } })), /forecasts\.c_choice: forecast probabilities must sum to 1/],
  ['a forecast for an unknown option', edit((rf) => (rf.forecasts = { c_choice: { arm_out: 0.5, sing: 0.5 } })), /forecasts: decision 'c_choice' has no option 'sing'/],
  ['a negative probability', edit((rf) => (rf.forecasts = { c_choice: { arm_out: 1.5, talk: -0.5 } })), /forecasts\.c_choice\.arm_out/],
  ['engine draws that no longer match', edit((rf) => (rf.engine.d_stance = rf.engine.d_stance === 'neutral' ? 'side_a' : 'neutral')), /does not match the scenario's draws: decision 'd_stance'/],
  ['an unknown inject', edit((rf) => rf.injects.push({ event: 'aliens', date: '2024-05-01' })), /injects: unknown inject 'aliens'/],
];

describe('geosim report refuses bad run files', () => {
  it.each(bad)('%s: one line, exit 2, file untouched, nothing written', (_name, tamper, message) => {
    const { dir, text } = saved();
    const badFile = join(dir, 'bad.json');
    writeFileSync(badFile, tamper(text));
    const past = new Date('2020-01-02T03:04:05Z');
    utimesSync(badFile, past, past);
    const before = { bytes: readFileSync(badFile), mtime: statSync(badFile).mtimeMs };
    for (const format of ['markdown', 'html']) {
      const r = geosim(['report', badFile, '--format', format, '--out', join(dir, 'out.html')]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^geosim: [^\n]+\n$/);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
    }
    expect(readFileSync(badFile).equals(before.bytes)).toBe(true);
    expect(statSync(badFile).mtimeMs).toBe(before.mtime);
    expect(readdirSync(dir).sort()).toEqual(['bad.json', 'classroom.yaml', 'run.json']);
  });

  it('refuses run options next to a run file, and --scenario next to a scenario', () => {
    const { file } = saved();
    expect(geosim(['report', file, '--seed', '3'])).toMatchObject({ code: 2, stderr: `geosim: --seed applies to a scenario, not a run file: '${file}' already records its inputs\n` });
    expect(geosim(['report', classroomFile, '--scenario', classroomFile]).code).toBe(2);
    expect(geosim(['report', classroomFile, '--format', 'pdf'])).toMatchObject({ code: 2, stderr: "geosim: unknown format 'pdf'; expected markdown or html\n" });
    expect(geosim(['report', classroomFile, '--mc', 'lots']).code).toBe(2);
  });
});

describe('--out', () => {
  it('writes the file atomically, leaves no temporary file, and prints nothing on stdout', () => {
    const { dir, file } = saved();
    const out = join(dir, 'debrief.html');
    const r = geosim(['report', file, '--format', 'html', '--out', out]);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).toBe(`wrote ${out}\n`);
    expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>[\s\S]*<\/html>\n$/);
    expect(readdirSync(dir).sort()).toEqual(['classroom.yaml', 'debrief.html', 'run.json']);
    // The same report as on stdout.
    expect(readFileSync(out, 'utf8')).toBe(geosim(['report', file, '--format', 'html']).stdout);
  });

  it('never overwrites the run file it reads', () => {
    const { file, text } = saved();
    const r = geosim(['report', file, '--out', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/would overwrite the input file/);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('refuses a missing directory with one line', () => {
    const r = geosim(['roles', classroomFile, '--out', join(temp(), 'nope', 'roles.md')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^geosim: cannot save to .*does not exist\n$/);
  });
});

describe('forecasts in a run file', () => {
  it('are scored in the report', () => {
    const { dir, text } = saved();
    const withForecasts = join(dir, 'forecast.json');
    writeFileSync(withForecasts, edit((rf) => {
      rf.forecasts = { c_choice: { arm_out: 0.4, talk: 0.6 }, d_stance: { side_a: 0.9, neutral: 0.1 } };
    })(text));
    const r = geosim(['report', withForecasts]);
    expect(r.code).toBe(0);
    // c_choice: real outcome talk → 0.4² + 0.4² = 0.32; model 0.75/0.25 → 1.125. d_stance: side_a → 0.1² × 2 = 0.02.
    expect(r.stdout).toContain('| How does Cland answer the pact? | 0.320 | 1.125 |');
    expect(r.stdout).toMatch(/\| Which side does Dland take\? \| 0\.020 \| /);
    expect(r.stdout).toContain('your mean Brier score 0.170 over 2 forecasts');
    expect(r.stdout).toContain('A calibration table needs at least 10 option-forecasts');
  });
});

describe('roles and map', () => {
  it('prints the sheets asked for, and refuses unknown actors with a suggestion', () => {
    const r = geosim(['roles', classroomFile, '--actor', 'ccc,BBB']);
    expect(r.code).toBe(0);
    expect([...r.stdout.matchAll(/^# Role sheet: (.+)$/gm)].map((m) => m[1])).toEqual(['Bland (BBB)', 'Cland (CCC)']);
    const bad = geosim(['roles', classroomFile, '--actor', 'CCD']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^geosim: --actor: unknown actor 'CCD' \(did you mean 'CCC'\?\); actors: AAA, BBB, CCC, DDD\n$/);
  });

  it('draws the map in both formats and refuses others', () => {
    expect(geosim(['map', classroomFile]).stdout).toMatch(/^flowchart TD\n/);
    expect(geosim(['map', classroomFile, '--format', 'dot']).stdout).toMatch(/^digraph scenario \{\n[\s\S]*\}\n$/);
    expect(geosim(['map', classroomFile, '--format', 'svg']).code).toBe(2);
    expect(existsSync(classroomFile)).toBe(true);
  });
});
