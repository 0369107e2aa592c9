// Writing a scenario from the command line: validate's formats, standard input, --strict and --watch; the
// lookup order of ids and `list`; `geosim new`. All through the built CLI.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newScenario } from '../src/cli/commands/new.js';
import { list } from '../src/cli/commands/list.js';
import { validate } from '../src/cli/commands/validate.js';
import { bin, cleanEnv, ensureBuilt, flagshipFile, geosim, minimal, root } from './cli-helpers.js';
import { loadScenarioFile } from '../src/scenario/load.js';

/** How many events the flagship has (its data changes; the count in `validate`'s line must follow it). */
const flagshipEvents = (): number => Object.keys(loadScenarioFile(flagshipFile()).events).length;

beforeAll(() => ensureBuilt());
const tmp = mkdtempSync(join(tmpdir(), 'geosim-author-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const bad = join(root, 'test', 'fixtures', 'bad', 'unknown-key.yaml');
const template = join(root, 'scenarios', 'template.yaml');

describe('geosim validate for CI and editors', () => {
  it('--format json reports every file with its problems and severity', () => {
    const r = geosim(['validate', template, bad, '--format', 'json']);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout) as { format: string; files: { arg: string; ok: boolean; id?: string; problems: { line: number; column: number; path: string; message: string; severity: string }[] }[] };
    expect(doc.format).toBe('geosim-validate-report/1');
    const out = doc.files;
    expect(out.map((v) => [v.ok, v.id])).toEqual([[true, 'template'], [false, undefined]]);
    expect(out[1]?.problems[0]).toMatchObject({ line: 4, column: 1, path: 'tittle', severity: 'error' });
    expect(out[1]?.problems[0]?.message).toMatch(/^unknown key 'tittle'; expected one of the 24 keys allowed here: title, /);
  });

  it('--format github prints workflow annotations with the position, escaped', () => {
    const r = geosim(['validate', bad, minimal, '--format', 'github']);
    expect(r.code).toBe(2);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      `::error file=${bad},line=4,col=1,title=geosim validate%3A tittle::unknown key 'tittle'; expected one of the 24 keys allowed here: title, article, ties, timeline, id, … (did you mean 'title'?)`,
    );
    expect(lines[1]).toMatch(new RegExp(`^::warning file=${minimal},line=68,col=1,title=geosim validate%3A relations::no initial relation for 3 directions \\(RUS → KOR, PRK → KOR, KOR → PRK\\), which start at 0`));
  });

  it('- reads the scenario from standard input', () => {
    const ok = geosim(['validate', '-'], { input: readFileSync(template, 'utf8') });
    expect(ok).toMatchObject({ code: 0, stdout: 'ok <stdin> (template: 5 events, 1 decision)\n', stderr: '' });
    const r = geosim(['validate', '-'], { input: readFileSync(bad, 'utf8') });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^geosim: <stdin>:4:1: tittle: unknown key 'tittle'/);
  });

  it('a relation left out is a warning, and an error under --strict', () => {
    const warn = geosim(['validate', minimal]);
    expect(warn.code).toBe(0);
    expect(warn.stdout).toMatch(/\(minimal: 4 events, 1 decision, 1 warning\)/);
    expect(warn.stderr).toBe(
      `geosim: warning: ${minimal}:68:1: relations: no initial relation for 3 directions (RUS → KOR, PRK → KOR, KOR → PRK), which start at 0; expected a relation for every pair of actors (write value: 0 to mean neutral)\n`,
    );
    const strict = geosim(['validate', minimal, '--strict']);
    expect(strict.code).toBe(2);
    expect(strict.stdout).toBe('');
    expect(strict.stderr).toContain(`geosim: ${minimal}:68:1: relations: no initial relation for 3 directions`);
  });

  it('refuses what it cannot do in one line', () => {
    expect(geosim(['validate', minimal, '--format', 'xml'])).toMatchObject({ code: 2, stderr: "geosim: unknown format 'xml'; expected text, json or github\n" });
    expect(geosim(['validate', '-', '--watch']).stderr).toBe("geosim: --watch cannot watch standard input ('-'); give a file\n");
  });

  it('--watch checks the file again when it is saved', async () => {
    const file = join(tmp, 'watched.yaml');
    copyFileSync(template, file);
    const child = spawn(process.execPath, [bin, 'validate', '--watch', file], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const until = async (cond: () => boolean) => {
      // A ceiling of two minutes: a busy machine can take long to start node and to notice the save.
      for (const end = Date.now() + 120_000; Date.now() < end && !cond(); ) await new Promise((r) => setTimeout(r, 50));
    };
    await until(() => err.includes('watching'));
    expect(out).toContain('ok ');
    writeFileSync(file, readFileSync(template, 'utf8').replace(/^title: /m, 'leader: x\ntitle: '));
    await until(() => err.includes("unknown key 'leader'"));
    expect(err).toContain(`${file} changed:`);
    expect(err).toMatch(/watched\.yaml:\d+:1: leader: unknown key 'leader'; expected one of the 24 keys allowed here: /);
    const code = await new Promise<number | null>((r) => {
      child.on('close', r);
      child.kill('SIGINT');
    });
    expect(code).toBe(2);
  }, 300_000);
});

describe('finding scenarios by id', () => {
  const work = join(tmp, 'lookup');
  const extra = join(tmp, 'extra');
  mkdirSync(join(work, 'scenarios'), { recursive: true });
  mkdirSync(extra, { recursive: true });
  // ./scenarios has its own `kursk-2024` (hiding the shipped one); GEOSIM_SCENARIOS adds `minimal`.
  writeFileSync(join(work, 'scenarios', 'kursk-2024.yaml'), readFileSync(minimal, 'utf8').replace('id: minimal', 'id: kursk-2024').replace('title: A treaty and a reply', 'title: Local copy'));
  copyFileSync(minimal, join(extra, 'minimal.yaml'));

  it('looks in ./scenarios, then GEOSIM_SCENARIOS, then the shipped ones, and list says where', () => {
    const r = geosim(['list', '--format', 'json'], { cwd: work, env: { GEOSIM_SCENARIOS: extra } });
    const items = (JSON.parse(r.stdout) as { scenarios: { id: string; title: string; where: string }[] }).scenarios;
    expect(items.map((s) => [s.id, s.where])).toEqual([
      ['kursk-2024', './scenarios'],
      ['minimal', 'GEOSIM_SCENARIOS'],
      ['pyongyang-2024', 'shipped'],
      ['template', 'shipped'],
    ]);
    expect(items[0]?.title).toBe('Local copy');
    const text = geosim(['list'], { cwd: work, env: { GEOSIM_SCENARIOS: extra } }).stdout;
    expect(text).toMatch(/^ {2}minimal +A treaty and a reply +\S+minimal\.yaml +\(GEOSIM_SCENARIOS\)$/m);
    expect(geosim(['validate', 'kursk-2024', 'minimal', 'pyongyang-2024'], { cwd: work, env: { GEOSIM_SCENARIOS: extra } }).stdout).toBe(
      `ok kursk-2024 (kursk-2024: 4 events, 1 decision, 1 warning)\nok minimal (minimal: 4 events, 1 decision, 1 warning)\nok pyongyang-2024 (pyongyang-2024: ${flagshipEvents()} events, 6 decisions)\n`,
    );
    expect(geosim(['validate', 'minimal'], { cwd: work }).stderr).toMatch(/^geosim: minimal: unknown scenario; expected a path or one of the scenario ids kursk-2024, pyongyang-2024, template/);
  });
});

describe('geosim new', () => {
  it('writes a starter for the actors that validates with no warning, runs and explains', () => {
    const cwd = join(tmp, 'new1');
    mkdirSync(cwd);
    const r = geosim(['new', 'camp-david', '--actors', 'USA,JPN,KOR'], { cwd });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(
      'wrote scenarios/camp-david.yaml (3 actors: USA, JPN, KOR)\nnext:\n  geosim validate --watch scenarios/camp-david.yaml   # re-checks it every time you save\n  geosim run camp-david\n  geosim explain camp-david --pair USA:JPN\n',
    );
    const text = readFileSync(join(cwd, 'scenarios', 'camp-david.yaml'), 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=\S+docs\/scenario\.schema\.json\n/);
    expect(geosim(['validate', '--strict', 'camp-david'], { cwd }).code).toBe(0);
    expect(geosim(['run', 'camp-david'], { cwd }).code).toBe(0);
    expect(geosim(['explain', 'camp-david', '--pair', 'USA:JPN'], { cwd }).code).toBe(0);
  });

  it('copies the template or a scenario under the new id, and never overwrites without --force', () => {
    const cwd = join(tmp, 'new2');
    mkdirSync(cwd);
    expect(geosim(['new', 'border-crisis'], { cwd }).code).toBe(0);
    expect(geosim(['validate', 'border-crisis'], { cwd }).stdout).toBe('ok border-crisis (border-crisis: 5 events, 1 decision)\n');
    expect(geosim(['new', 'my-pyongyang', '--from', 'pyongyang-2024'], { cwd }).code).toBe(0);
    expect(geosim(['validate', 'my-pyongyang'], { cwd }).stdout).toBe(`ok my-pyongyang (my-pyongyang: ${flagshipEvents()} events, 6 decisions)\n`);
    expect(geosim(['new', 'border-crisis'], { cwd })).toMatchObject({ code: 2, stderr: 'geosim: scenarios/border-crisis.yaml exists; choose another id or add --force to overwrite it\n' });
    expect(geosim(['new', 'Bad Id'], { cwd }).stderr).toBe("geosim: 'Bad Id' is not a scenario id; expected lower case letters, digits, - or _ ([a-z][a-z0-9_-]*), like border-crisis\n");
    expect(geosim(['new', 'x', '--actors', 'USA,usa'], { cwd }).stderr).toBe("geosim: --actors: 'usa' is not an actor id; expected 2–4 capital letters, like USA\n");
    expect(geosim(['new', 'x', '--actors', 'USA'], { cwd }).stderr).toBe('geosim: --actors: expected 2 to 12 actor ids, found 1\n');
  });
});

describe('help examples of validate, list and new run', () => {
  it.each([validate, list, newScenario].flatMap((c) => c.examples.map((e) => [c.name, e.command])))('%s: %s', (_name, command) => {
    const cwd = join(tmp, `ex-${Math.abs([...command].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) | 0, 7))}`);
    mkdirSync(cwd, { recursive: true });
    mkdirSync(join(cwd, 'scenarios'), { recursive: true });
    copyFileSync(template, join(cwd, 'scenarios', 'template.yaml'));
    const sh = command.replace(/(^|\| )geosim /g, `$1"${process.execPath}" "${bin}" `);
    const r = spawnSync('sh', ['-c', sh], { cwd, env: cleanEnv(), encoding: 'utf8', timeout: 240_000 });
    expect(r.status, `${command}: ${r.stderr}`).toBe(0);
  });
});

describe('geosim explain --indicator (fading indicators)', () => {
  const example = join(root, 'docs', 'examples', 'alignment.yaml');

  it('lists the base and each fading addition with its cause; the lines add up to the value', () => {
    const r = geosim(['explain', example, '--indicator', 'troops_in_russia', '--choose', 'reinforcements=reinforce', '--at', '2025-06-01']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('North Korean troops in Russia (troops_in_russia) on 2025-06-01: 8854.79 troops');
    const values = [...r.stdout.matchAll(/^ +(-?\d+(?:\.\d+)?) {2}(?:base|North|Does)/gm)].map((m) => Number(m[1]));
    expect(values).toEqual([0, 7235.62, 1619.18]);
    expect(r.stdout).toContain('option, since 2024-12-15, fades 3000/yr from 3000');
  });

  it('gives the same terms as JSON, CSV and Markdown, the numbers of the text, adding up to the value', () => {
    const args = ['explain', example, '--indicator', 'troops_in_russia', '--choose', 'reinforcements=reinforce', '--at', '2025-06-01'];
    const doc = JSON.parse(geosim([...args, '--format', 'json']).stdout) as {
      format: string;
      indicator: string;
      unit: string;
      value: number;
      terms: { kind: string; now: number; start: number; since: string | null; fadePerYear: number; option: string | null; sources: { ref: string }[] }[];
    };
    expect(doc).toMatchObject({ format: 'geosim-explain-indicator/1', indicator: 'troops_in_russia', unit: 'troops', value: 8854.79 });
    expect(doc.terms.map((t) => [t.kind, t.now, t.start, t.since, t.fadePerYear])).toEqual([
      ['base', 0, 0, null, 0],
      ['event', 7235.62, 11000, '2024-10-15', 6000],
      ['option', 1619.18, 3000, '2024-12-15', 3000],
    ]);
    expect(doc.terms[2]!.option).toBe('reinforce');
    // Each term and the value are rounded to 2 decimals on their own: they agree to within the rounding.
    expect(doc.terms.reduce((a, t) => a + t.now, 0)).toBeCloseTo(doc.value, 1);
    const csv = geosim([...args, '--format', 'csv']);
    expect(csv.code, csv.stderr).toBe(0);
    const rows = csv.stdout.trimEnd().split('\n');
    expect(rows[0]).toBe('date,indicator,kind,label,event,option,reaction,now,start,since,fade_per_year,sources');
    expect(rows.slice(1).map((r) => r.split(',').slice(-5))).toEqual([
      ['0', '0', '', '0', 'troops'],
      ['7235.62', '11000', '2024-10-15', '6000', 'troops'],
      ['1619.18', '3000', '2024-12-15', '3000', 'troops'],
    ]);
    const md = geosim([...args, '--format', 'md']);
    expect(md.stdout).toContain('# North Korean troops in Russia (`troops_in_russia`) on 2025-06-01: 8854.79 troops');
    expect(md.stdout).toContain('| 1619.18 | Does Pyongyang send a second contingent? → Send three thousand more | option, since 2024-12-15, fades 3000/yr from 3000 |');
  });

  it('refuses in one line: an unknown indicator (with the nearest), an unknown format, --pair with it', () => {
    const unknown = geosim(['explain', example, '--indicator', 'troops']);
    expect([unknown.code, unknown.stderr.trim()]).toEqual([2, "geosim: --indicator: unknown indicator 'troops' (did you mean 'troops_in_russia'?); the scenario has troops_in_russia"]);
    const xml = geosim(['explain', example, '--indicator', 'troops_in_russia', '--format', 'xml']);
    expect([xml.code, xml.stderr.trim()]).toEqual([2, "geosim: unknown format 'xml'; expected text, json, markdown or csv"]);
    const both = geosim(['explain', example, '--indicator', 'troops_in_russia', '--pair', 'KOR:PRK']);
    expect([both.code, both.stderr.trim().split('\n').length]).toEqual([2, 1]);
  });
});
