/**
 * Session files (geosim-session/1): the whole branch tree round-trips through the file on disk; a write killed
 * with SIGKILL at random moments leaves the old file or the new one, never a broken one; corrupt and tampered
 * files are refused in one line (exit 2 from the CLI); a text-only edit of the scenario loads with a note, a
 * model edit is refused with what changed, and --rebase replays the saved choices against the new version.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { createActor } from 'xstate';
import { sessionMachine } from '../src/machines/session.js';
import { decisionTakenAtCursor, type SessionData } from '../src/machines/session-logic.js';
import { saveSession } from '../src/cli/session-files.js';
import { loadSessionFile } from '../src/cli/runfile-support.js';
import { SessionFileError } from '../src/scenario/sessionfile.js';
import { parseSessionFile, sessionJsonSchemaText } from '../src/scenario/sessionfile-schema.js';
import { autosavePath } from '../src/scenario/save.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import { root } from './helpers/scenarios.js';
import { ensureBuilt, geosim } from './cli-helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'geosim-session-'));
  dirs.push(d);
  return d;
}

const FLAGSHIP = join(root, 'scenarios', 'pyongyang-2024.yaml');

/** A session with three branches on a copy of the flagship: Seoul chooses, then twice differently. */
function threeBranches(scenarioFile: string): SessionData {
  const sc = loadScenarioFile(scenarioFile);
  const actor = createActor(sessionMachine, { input: { scenario: sc, options: { seed: 4, roles: ['KOR'] } } }).start();
  let snap = actor.getSnapshot();
  for (let i = 0; i < 200 && !snap.hasTag('deciding'); i++) snap = (actor.send({ type: 'NEXT' }), actor.getSnapshot());
  const dec = sc.events[snap.context.data.branches[0]!.states.at(-1)!.pending!.event]!.decision!;
  actor.send({ type: 'CHOOSE', option: dec.options[0]!.id });
  actor.send({ type: 'NEXT' });
  actor.send({ type: 'NEXT' });
  // Back to the step that took Seoul's decision, and choose differently there (REVISE): a second branch.
  while (!decisionTakenAtCursor(actor.getSnapshot().context.data)) actor.send({ type: 'BACK' });
  actor.send({ type: 'REVISE', option: dec.options[1]!.id });
  actor.send({ type: 'NEXT' });
  actor.send({ type: 'BRANCH', id: 0 });
  actor.send({ type: 'RENAME', id: 0, name: 'Seoul holds' });
  const d = actor.getSnapshot().context.data;
  actor.stop();
  return d;
}

function sameTree(a: SessionData, b: SessionData): void {
  expect(b.current).toBe(a.current);
  expect(b.branches.map((x) => [x.id, x.parent, x.forkStep, x.cursor, x.states.length, x.name ?? null, x.label])).toEqual(
    a.branches.map((x) => [x.id, x.parent, x.forkStep, x.cursor, x.states.length, x.name ?? null, x.label]),
  );
  a.branches.forEach((x, i) => expect(JSON.stringify(b.branches[i]!.states)).toBe(JSON.stringify(x.states)));
}

describe('session files', () => {
  const dir = tempDir();
  const scenarioFile = join(dir, 'pyongyang-2024.yaml');
  copyFileSync(FLAGSHIP, scenarioFile);
  const d = threeBranches(scenarioFile);
  const path = join(dir, 'lesson.session.json');
  saveSession(path, d, scenarioFile);

  it('round-trips the whole tree: same branches, same states, same cursors, names kept', () => {
    expect(d.branches.length).toBeGreaterThanOrEqual(2);
    const f = parseSessionFile(readFileSync(path, 'utf8'), path);
    expect(f.format).toBe('geosim-session/1');
    expect(f.scenario.file).toBe('pyongyang-2024.yaml');
    expect(f.branches[0]!.name).toBe('Seoul holds');
    const loaded = loadSessionFile(path);
    expect(loaded.session.note).toBeNull();
    sameTree(d, loaded.session.data);
  });

  it('is written atomically: killed at random moments, the file is the old one or the new one, never broken', async () => {
    const child = join(dir, 'writer.mjs');
    buildSync({
      stdin: {
        contents: `import { writeFileAtomic } from './src/scenario/save.ts'; import { readFileSync } from 'node:fs';
const [path, a, b] = process.argv.slice(2); const texts = [readFileSync(a, 'utf8'), readFileSync(b, 'utf8')];
for (let i = 0; ; i++) writeFileAtomic(path, texts[i % 2]);`,
        resolveDir: root,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: child,
      logLevel: 'silent',
    });
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    const textA = readFileSync(path, 'utf8');
    const textB = textA.replace('"Seoul holds"', '"Seoul holds, saved again"') + ' '.repeat(50_000);
    writeFileSync(a, textA);
    writeFileSync(b, textB);
    const target = join(dir, 'target.session.json');
    writeFileSync(target, textA);
    for (let k = 0; k < 8; k++) {
      const p = spawn(process.execPath, [child, target, a, b], { stdio: 'ignore' });
      await new Promise((r) => setTimeout(r, 30 + Math.floor(Math.random() * 120)));
      p.kill('SIGKILL');
      await new Promise((r) => p.on('exit', r));
      const now = readFileSync(target, 'utf8');
      expect(now === textA || now === textB).toBe(true);
      expect(() => parseSessionFile(now, target)).not.toThrow();
    }
  }, 300_000);

  it('refuses corrupt and tampered files in one line, with exit 2 from the CLI', () => {
    ensureBuilt();
    const text = readFileSync(path, 'utf8');
    const cases: [string, string, RegExp][] = [
      ['truncated', text.slice(0, text.length / 2), /is not valid JSON \(corrupt or truncated\?\)/],
      ['unknown field', text.replace('"current":', '"extra": 1, "current":'), /unknown field 'extra'/],
      ['cursor past the steps', text.replace(/"cursor": \d+/, '"cursor": 9999'), /cursor: 9999 is past the \d+ steps played|cursor/],
      ['steps tampered', text.replace(/"steps": (\d+)/, '"steps": 9000').replace(/"cursor": (\d+)/, '"cursor": 1'), /does not match its scenario: branch #0 stops after \d+ steps, the file says 9000/],
      ['unknown option', text.replace(/("choices": \{\s*"[a-z_]+": ")[a-z_]+"/, '$1no_such_option"'), /option '[a-z_]+\.no_such_option' no longer exists/],
    ];
    for (const [name, bad, why] of cases) {
      const f = join(dir, `${name.replace(/ /g, '-')}.session.json`);
      writeFileSync(f, bad);
      const r = geosim(['play', '--load', f]);
      expect(r.code, name).toBe(2);
      expect(r.stderr, name).toMatch(why);
      expect(r.stderr.trim().split('\n'), name).toHaveLength(1);
      expect(r.stdout, name).toBe('');
    }
    // A good file gets as far as asking for a terminal.
    const ok = geosim(['play', '--load', path]);
    expect(ok.code).toBe(2);
    expect(ok.stderr).toMatch(/needs an interactive terminal/);
  });

  it('loads after a text-only edit of the scenario, with a one-line note', () => {
    const edited = join(dir, 'text-edit');
    const p = copyTree(edited);
    writeFileSync(join(edited, 'pyongyang-2024.yaml'), `# a teacher's comment\n${readFileSync(scenarioFile, 'utf8').replace(/^title: .*$/m, 'title: Retitled for the class')}`);
    const loaded = loadSessionFile(p);
    expect(loaded.session.note).toMatch(/^note: scenario 'pyongyang-2024' was edited since this was saved \(text only/);
    sameTree(d, loaded.session.data);
  });

  it('refuses a model edit, saying what changed; --rebase replays the choices and reports what moved', () => {
    const edited = join(dir, 'model-edit');
    const p = copyTree(edited);
    const yaml = readFileSync(scenarioFile, 'utf8');
    const weight = /weight: "(\d+(?:\.\d+)?) \+ seoul_hawkishness/;
    expect(yaml).toMatch(weight);
    writeFileSync(join(edited, 'pyongyang-2024.yaml'), yaml.replace(weight, (_m, n: string) => `weight: "${Number(n) + 0.5} + seoul_hawkishness`));
    let err: unknown;
    try {
      loadSessionFile(p);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SessionFileError);
    expect((err as Error).message).toMatch(/was saved from another version of scenario 'pyongyang-2024' \(option seoul_response\.\w+: weight formula changed\); --rebase replays its choices against this version$/);
    const r = geosim(['play', '--load', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/weight formula changed/);
    const rebased = loadSessionFile(p, undefined, true);
    expect(rebased.session.note).toMatch(/^rebased onto the new version of 'pyongyang-2024'/);
    const data = rebased.session.data;
    expect(data.branches.length).toBe(d.branches.length);
    // The user's choices are kept as they were; the engine's draws may move, and each move is reported.
    data.branches.forEach((b, i) => expect(b.choices).toEqual(d.branches[i]!.choices));
    for (const m of rebased.session.moved) expect(m).toMatch(/^branch #\d+: /);
  });

  it('refuses to rebase when a chosen option no longer exists', () => {
    const edited = join(dir, 'option-gone');
    const p = copyTree(edited);
    const f = JSON.parse(readFileSync(p, 'utf8')) as { branches: { choices: Record<string, string> }[] };
    const [dec, opt] = Object.entries(f.branches[0]!.choices)[0]!;
    const yaml = readFileSync(scenarioFile, 'utf8');
    // Rename the chosen option's id everywhere in the scenario.
    writeFileSync(join(edited, 'pyongyang-2024.yaml'), yaml.replace(new RegExp(`\\b${opt}\\b`, 'g'), `${opt}_renamed`));
    expect(() => loadSessionFile(p, undefined, true)).toThrow(new RegExp(`cannot be rebased: branch #0: option '${dec}\\.${opt}' no longer exists`));
  });

  it('is documented by docs/session.schema.json, generated from the schema the reader enforces', () => {
    const doc = readFileSync(join(root, 'docs', 'session.schema.json'), 'utf8');
    expect(doc).toBe(sessionJsonSchemaText()); // regenerate: see sessionJsonSchemaText in src/scenario/sessionfile.ts
    const schema = JSON.parse(doc) as { required: string[]; additionalProperties: boolean };
    expect(schema.required).toEqual(['format', 'scenario', 'current', 'forecastFirst', 'forecasts', 'branches', 'saved']);
    expect(schema.additionalProperties).toBe(false);
  });

  it('autosaves under $XDG_STATE_HOME/geosim (absolute only), else ~/.local/state/geosim', () => {
    expect(autosavePath('pyongyang-2024', { XDG_STATE_HOME: '/x/state', HOME: '/home/u' })).toBe('/x/state/geosim/pyongyang-2024.autosave.session.json');
    expect(autosavePath('pyongyang-2024', { XDG_STATE_HOME: 'relative', HOME: '/home/u' })).toBe('/home/u/.local/state/geosim/pyongyang-2024.autosave.session.json');
    expect(autosavePath('k', { HOME: '/home/u' })).toBe('/home/u/.local/state/geosim/k.autosave.session.json');
  });

  it('play --recover says so in one line when there is nothing to recover', () => {
    ensureBuilt();
    const state = tempDir();
    const r = geosim(['play', '--recover'], { env: { XDG_STATE_HOME: state } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`geosim: nothing to recover for scenario 'pyongyang-2024': no autosave at '${join(state, 'geosim', 'pyongyang-2024.autosave.session.json')}'\n`);
    expect(existsSync(join(state, 'geosim'))).toBe(false);
  });

  /** A copy of the saved session next to a copy of the scenario, in its own directory. */
  function copyTree(to: string): string {
    rmSync(to, { recursive: true, force: true });
    mkdir(to);
    copyFileSync(scenarioFile, join(to, 'pyongyang-2024.yaml'));
    copyFileSync(path, join(to, 'lesson.session.json'));
    return join(to, 'lesson.session.json');
  }
});

function mkdir(p: string): void {
  mkdirSync(p, { recursive: true });
}
