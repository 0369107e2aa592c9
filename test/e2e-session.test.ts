/**
 * End to end, in a tmux pseudo-terminal (the real bundled CLI): the branches a session keeps.
 *   - An assumption change that is sure to flip a decision the engine drew: the seed and the key presses are
 *     found first with the session machine the UI drives (searching assumption values until one flips a drawn
 *     decision), so the question must appear, naming the flip; the change is kept as a new branch, compared,
 *     saved, and the tree comes back with --load.
 *   - `geosim play --load FILE --rebase` on a session saved from another version of the scenario (a model edit
 *     sure to move a draw): without --rebase it is refused in one line; with it the UI opens on the rebased tree,
 *     says what moved, and saving writes a file that now loads without --rebase.
 * Needs tmux; without it the tests are skipped.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { Tmux } from '../src/bench/ui.js';
import { findScenario, loadScenarioFile } from '../src/scenario/load.js';
import { sessionMachine } from '../src/machines/session.js';
import type { SessionData } from '../src/machines/session-logic.js';
import { tipOf } from '../src/machines/session-logic.js';
import { assumptionValues } from '../src/machines/selectors.js';
import { saveSession } from '../src/cli/session-files.js';
import { loadSessionFile } from '../src/cli/runfile-support.js';
import { readSessionFile } from '../src/scenario/read-file.js';
import type { Scenario } from '../src/core/model.js';
import { root } from './helpers/scenarios.js';
import { ensureBuilt, geosim } from './cli-helpers.js';

const FLAGSHIP = 'pyongyang-2024';
/** Generous: tests wait for text, never for a fixed time, so a quiet machine is not slowed down by this. */
const CEILING = 90_000;
const hasTmux = Tmux.available();

function ended(sc: Scenario, seed: number, data?: SessionData) {
  const actor = createActor(sessionMachine, { input: { scenario: sc, options: { seed, roles: [] }, ...(data ? { data } : {}) } }).start();
  if (!data) actor.send({ type: 'END' });
  return actor;
}

/** What one → or ← on the assumptions screen sends: the value one step on, clamped, as the controller does. */
function stepped(sc: Scenario, d: SessionData, index: number, dir: 1 | -1): Record<string, number> | null {
  const a = sc.assumptions[index]!;
  const now = assumptionValues(d)[a.id]!;
  const decimals = String(a.step).split('.')[1]?.length ?? 0;
  const v = Number(Math.min(a.max, Math.max(a.min, now + dir * a.step)).toFixed(decimals));
  if (v === now) return null;
  const overrides: Record<string, number> = { ...d.overrides, [a.id]: v };
  if (assumptionValues(d, {})[a.id] === v) delete overrides[a.id];
  return overrides;
}

/**
 * A seed, an assumption (its row on the screen) and a number of presses of one arrow key such that, at the end
 * of the scenario played by the engine alone, the last press flips a decision the engine drew (and the presses
 * before it flip nothing, so they apply without a question). Searched, not hoped for.
 */
function findFlip(sc: Scenario): { seed: number; row: number; key: 'Right' | 'Left'; presses: number; flip: string; assumption: string } {
  for (let seed = 1; seed <= 40; seed++) {
    const base = ended(sc, seed).getSnapshot().context.data;
    for (let row = 0; row < sc.assumptions.length; row++) {
      for (const dir of [1, -1] as const) {
        const actor = ended(sc, seed, base);
        for (let presses = 1; presses <= 40; presses++) {
          const d = actor.getSnapshot().context.data;
          const overrides = stepped(sc, d, row, dir);
          if (!overrides) break;
          actor.send({ type: 'ASSUME', preset: d.preset, overrides });
          const snap = actor.getSnapshot();
          if (!snap.hasTag('modal')) continue;
          const flip = snap.context.data.pendingChange!.flips[0]!;
          if (/decision flips: /.test(flip)) return { seed, row, key: dir === 1 ? 'Right' : 'Left', presses, flip, assumption: sc.assumptions[row]!.id };
          break; // another kind of flip first: the screen would ask about that one
        }
        actor.stop();
      }
    }
  }
  throw new Error('no assumption value flips a drawn decision in seeds 1-40');
}

/**
 * The scenario's text with a model edit sure to move one of the engine's draws on this branch: the weight of an
 * option it drew becomes 0. Returns the edited text and the decision whose draw must move.
 */
function zeroDrawnWeight(text: string, d: SessionData): { text: string; decision: string } {
  for (const [decision, c] of Object.entries(tipOf(d.branches[0]!).choices)) {
    if (c.by !== 'engine') continue;
    const event = Object.values(d.scenario.events).find((e) => e.decision?.id === decision)!;
    const at = text.indexOf(`\n  - id: ${event.id}\n`);
    const opt = text.indexOf(`- id: ${c.option}\n`, at);
    const weight = /\n( +)weight: [^\n]+/g;
    weight.lastIndex = opt;
    const w = weight.exec(text);
    const nextOption = text.indexOf('- id: ', opt + 6);
    if (at < 0 || opt < 0 || !w || w.index > nextOption) continue;
    return { text: `${text.slice(0, w.index)}\n${w[1]}weight: "0"${text.slice(w.index + w[0].length)}`, decision };
  }
  throw new Error('no drawn option with a weight of its own');
}

describe.skipIf(!hasTmux)('branches that last, in a terminal (tmux)', () => {
  let tmux = new Tmux('e2e-session');
  let servers = 0;
  let n = 0;
  const dir = mkdtempSync(join(tmpdir(), 'geosim-e2e-session-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function waitFor(test: (pane: string) => boolean, what: string): Promise<string> {
    return tmux.waitFor(test, what, CEILING);
  }
  async function press(key: string, until: (p: string) => boolean, what: string): Promise<string> {
    tmux.keys(key);
    return waitFor(until, what);
  }
  /** Runs geosim in the pane's shell; resolves with its tag once the UI's first frame (or `until`) shows. */
  async function geosimIn(args: string, until: (p: string) => boolean = (p) => p.includes('Timeline ·') && p.startsWith('geosim │')): Promise<{ tag: number; pane: string }> {
    const tag = 100 + n++;
    tmux.keys('clear', 'Enter');
    tmux.keys(`node dist/geosim.js play ${args}; echo "exit-$((${tag}))=$?"`, 'Enter');
    return { tag, pane: await waitFor(until, `geosim play ${args}`) };
  }
  async function exited(tag: number, code: number): Promise<string> {
    const pane = await waitFor((p) => new RegExp(`exit-${tag}=\\d+`).test(p), 'geosim to exit');
    expect(pane).toContain(`exit-${tag}=${code}`);
    expect(tmux.alternateOn()).toBe(false);
    return pane;
  }

  beforeAll(() => ensureBuilt(), 120_000);
  beforeEach(() => {
    tmux = new Tmux('e2e-session', `geosim-e2e-session-${process.pid}-${servers++}`);
    tmux.start(100, 30, root);
    tmux.keys(`export XDG_STATE_HOME=${join(dir, 'state')}`, 'Enter'); // the autosave stays out of the user's home
  });
  afterEach(() => tmux.kill());

  it('an assumption change that flips a drawn decision is named and kept as a branch; compared, saved, loaded', async () => {
    const sc = loadScenarioFile(findScenario(FLAGSHIP));
    const f = findFlip(sc);
    const { tag } = await geosimIn(`--seed ${f.seed}`);
    await press('G', (x) => x.includes('The end of the scenario'), 'the end');
    await press('a', (x) => x.includes('Preset '), 'the assumptions screen');
    for (let i = 0; i < f.row; i++) tmux.keys('j');
    for (let i = 0; i < f.presses; i++) tmux.keys(f.key);
    // The question names the flip in the scenario's words, and offers a branch, here, or cancel.
    let s = await waitFor((x) => x.includes(f.flip.slice(0, 60)), `the flip "${f.flip}"`);
    expect(s).toMatch(/b new branch +a apply here +esc cancel/);
    s = await press('b', (x) => x.includes('Kept the change as branch #1'), 'the change kept as a branch');
    await press('Escape', (x) => x.includes('Timeline ·'), 'the main view');
    s = await press('b', (x) => x.includes('2 branches'), 'the branch tree');
    s = await press('c', (x) => /Just after the fork|Compared on/.test(x), 'the comparison with the parent');
    expect(s).toMatch(/\d+ differences? \(cells that differ are marked \*\)/);
    await press('Escape', (x) => x.includes('2 branches'), 'the branch tree again');
    await press('Escape', (x) => x.includes('Timeline ·'), 'the main view');
    const file = join(dir, 'flip.session.json');
    await press('s', (x) => x.includes('Save session as:'), 'the save prompt');
    tmux.keys('C-u');
    tmux.type(file);
    await press('Enter', (x) => x.includes(`Saved ${file.slice(0, 20)}`), 'the save');
    tmux.keys('q');
    await exited(tag, 0);
    const saved = readSessionFile(file);
    expect(saved.branches).toHaveLength(2);
    expect(saved.branches[1]!.parent).toBe(0);
    expect(Object.keys(saved.branches[1]!.assumptions)).toContain(f.assumption);
    const resumed = await geosimIn(`--load ${file}`);
    await press('b', (x) => x.includes('2 branches'), 'the tree, loaded');
    tmux.keys('q');
    await exited(resumed.tag, 0);
  }, 600_000);

  it('play --load FILE --rebase opens a session saved from another version of the scenario, saying what moved', async () => {
    const work = join(dir, 'rebase');
    rmSync(work, { recursive: true, force: true });
    const scenarioFile = join(work, `${FLAGSHIP}.yaml`);
    const file = join(work, 'lesson.session.json');
    mkdirSync(work, { recursive: true });
    copyFileSync(findScenario(FLAGSHIP), scenarioFile);
    const d = ended(loadScenarioFile(scenarioFile), 3).getSnapshot().context.data;
    saveSession(file, d, scenarioFile);
    const edit = zeroDrawnWeight(readFileSync(scenarioFile, 'utf8'), d);
    writeFileSync(scenarioFile, edit.text);

    // Without --rebase: refused in one line naming what changed (also without a terminal).
    const refused = geosim(['play', '--load', file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/was saved from another version of scenario 'pyongyang-2024' \(.*weight formula changed.*\); --rebase replays its choices/);
    // With it and no terminal, the rebase itself goes through: only the terminal is missing.
    const headless = geosim(['play', '--load', file, '--rebase']);
    expect(headless.code).toBe(2);
    expect(headless.stderr).toMatch(/needs an interactive terminal/);

    const { tag, pane } = await geosimIn(`--load ${file} --rebase`);
    expect(pane).toMatch(/rebased onto the new version of 'pyongyang-2024': \d+ things? moved/);
    expect(pane).not.toMatch(/nothing moved/);
    await press('s', (x) => x.includes('Save session as:'), 'the save prompt (proposing the file resumed)');
    await press('Enter', (x) => x.includes('Saved '), 'the save over the file resumed');
    tmux.keys('q');
    await exited(tag, 0);

    // The file now belongs to the new version: it loads without --rebase, no note, the draw moved.
    const loaded = loadSessionFile(file);
    expect(loaded.session.note).toBeNull();
    const tip = tipOf(loaded.session.data.branches[0]!);
    expect(tip.choices[edit.decision]?.option).not.toBe(tipOf(d.branches[0]!).choices[edit.decision]!.option);
    const again = await geosimIn(`--load ${file}`);
    expect(again.pane).not.toContain('rebased');
    tmux.keys('q');
    await exited(again.tag, 0);
  }, 600_000);
});
