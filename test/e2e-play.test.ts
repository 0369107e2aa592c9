/**
 * End to end: the real bundled CLI (`node dist/geosim.js play`) in a tmux pseudo-terminal, driven by keys as a
 * person would, with the screen checked at each stage and the terminal checked afterwards. Needs tmux; without
 * it the test is skipped with a message saying so.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { Tmux } from '../src/bench/ui.js';
import { findScenario, listScenarios, loadScenarioFile } from '../src/scenario/load.js';
import { sessionMachine } from '../src/machines/session.js';
import { branchOf, currentState } from '../src/machines/session-logic.js';
import { decisionOdds } from '../src/core/odds.js';
import { readSessionFile } from '../src/scenario/read-file.js';
import { root } from './helpers/scenarios.js';

const FLAGSHIP = 'pyongyang-2024';
/**
 * How long to wait for what the screen must show: generous, because on a busy machine a frame can take
 * seconds. Tests wait for text, never for a fixed time, so a quiet machine is not slowed down by this.
 */
const CEILING = 90_000;
const ALL = 'RUS,PRK,KOR,JPN,CHN,USA';
const hasTmux = Tmux.available();

function newestMtime(dir: string): number {
  let t = 0;
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    const st = statSync(p);
    t = Math.max(t, st.isDirectory() ? newestMtime(p) : st.mtimeMs);
  }
  return t;
}

/** Builds dist/ when it is missing or older than the sources. */
function ensureBuilt(): void {
  const bin = join(root, 'dist', 'geosim.js');
  if (existsSync(bin) && statSync(bin).mtimeMs >= newestMtime(join(root, 'src'))) return;
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'ignore', env: { ...process.env, GEOSIM_BUILD_QUIET: '1' } });
}

/**
 * The keys a player presses at each decision when playing every actor: the first available option, except
 * `differ` (decision id → option index) — and what the session then looks like. Computed with the same machine
 * the UI drives, so the test knows what the screen must show.
 */
function plan(differ: Record<string, number> = {}) {
  const scenario = loadScenarioFile(findScenario(FLAGSHIP));
  const actor = createActor(sessionMachine, { input: { scenario, options: { seed: 1, roles: ALL.split(',') } } }).start();
  const picks: { decision: string; actor: string; key: string; option: string }[] = [];
  for (let guard = 0; guard < 1000 && !actor.getSnapshot().matches('ended'); guard++) {
    const snap = actor.getSnapshot();
    if (!snap.matches('deciding')) {
      actor.send({ type: 'END' });
      continue;
    }
    const s = currentState(snap.context.data);
    const dec = scenario.events[s.pending!.event]!.decision!;
    const odds = decisionOdds(scenario, s, dec);
    const open = dec.options.map((o, i) => ({ o, i })).filter(({ i }) => odds[i]!.available);
    const { o, i } = open[Math.min(differ[dec.id] ?? 0, open.length - 1)]!;
    picks.push({ decision: dec.id, actor: dec.actor, key: String(i + 1), option: o.id });
    actor.send({ type: 'CHOOSE', option: o.id });
  }
  const d = actor.getSnapshot().context.data;
  return { scenario, picks, steps: branchOf(d).states.length - 1 };
}

/** Whether a capture (with escapes) sets any foreground colour: SGR 30–37, 90–97 or 38;5/38;2. */
function hasColour(screen: string): boolean {
  const esc = String.fromCharCode(27);
  for (const m of screen.matchAll(new RegExp(`${esc}\\[([0-9;]*)m`, 'g'))) {
    const codes = m[1]!.split(';').map(Number);
    if (codes.some((c, i) => (c >= 30 && c <= 37) || (c >= 90 && c <= 97) || (c === 38 && codes[i + 1] !== undefined))) return true;
  }
  return false;
}

describe.skipIf(!hasTmux)('geosim play in a terminal (tmux)', () => {
  let tmux = new Tmux('e2e');
  let servers = 0;
  const dir = mkdtempSync(join(tmpdir(), 'geosim-e2e-'));
  let n = 0;

  /** Runs a command in the pane's shell; resolves once its exit status is printed back. */
  async function shell(cmd: string): Promise<string> {
    const tag = 100 + n++;
    tmux.keys('clear', 'Enter');
    tmux.keys(`${cmd}; echo "exit-$((${tag}))=$?"`, 'Enter');
    return waitFor((p) => new RegExp(`exit-${tag}=\\d+`).test(p), `${cmd} to finish`, CEILING);
  }

  /** Starts the UI and waits for its first frame on the alternate screen. */
  async function play(args: string): Promise<{ tag: number; pane: string }> {
    const tag = 100 + n++;
    tmux.keys('clear', 'Enter');
    tmux.keys('echo BEFORE-GEOSIM', 'Enter');
    await waitFor((p) => /^BEFORE-GEOSIM$/m.test(p), 'the shell');
    tmux.keys(`node dist/geosim.js play ${args}; echo "exit-$((${tag}))=$?"`, 'Enter');
    const pane = await waitFor((p) => p.includes('Timeline ·') && p.startsWith('geosim │'), 'the first frame');
    expect(tmux.alternateOn()).toBe(true);
    return { tag, pane };
  }

  /** After quitting: the alternate screen is gone, the shell's lines are back, and the exit status is `code`. */
  async function expectRestored(tag: number, code: number): Promise<string> {
    const pane = await waitFor((p) => new RegExp(`exit-${tag}=\\d+`).test(p), 'the UI to exit');
    expect(tmux.alternateOn()).toBe(false);
    expect(pane).toMatch(/^BEFORE-GEOSIM$/m);
    expect(pane).toContain(`exit-${tag}=${code}`);
    expect(pane).not.toContain('Timeline ·');
    return pane;
  }

  /** Polls the screen until `test` holds, for at least CEILING ms. */
  function waitFor(test: (pane: string) => boolean, what: string, ms = CEILING): Promise<string> {
    return tmux.waitFor(test, what, Math.max(ms, CEILING));
  }

  async function press(key: string, until: (p: string) => boolean, what: string): Promise<string> {
    tmux.keys(key);
    return waitFor(until, what);
  }

  /** The step number in the header. */
  function step(pane: string): number {
    return Number(/step (\d+) of /.exec(pane)?.[1] ?? NaN);
  }

  /** Plays on (G) to each decision in turn and presses its key; checks the decision screen each time. */
  async function decide(picks: readonly { decision: string; actor: string; key: string }[]): Promise<void> {
    for (const [i, p] of picks.entries()) {
      const at = await press('G', (s) => s.includes('Your decision:'), `decision ${i + 1} (${p.decision})`);
      expect(at).toContain(`Decision · ${p.actor} ·`);
      expect(at).toMatch(/▶ 0 Let the engine draw by the odds/);
      expect(at).toMatch(/1 .+ +\d+%/);
      const before = step(at);
      await press(p.key, (s) => step(s) === before + 1 && !s.includes('Your decision:'), `choice ${p.key} at ${p.decision}`);
    }
  }

  beforeAll(() => ensureBuilt(), 120_000);
  // A fresh terminal for each test, so that one failing leaves nothing running for the next.
  beforeEach(() => {
    tmux = new Tmux('e2e', `geosim-e2e-${process.pid}-${servers++}`);
    tmux.start(100, 30, root);
    // The autosave goes to a temporary state directory, never the user's.
    tmux.keys(`export XDG_STATE_HOME=${join(dir, 'state')}`, 'Enter');
  });
  afterEach(() => tmux.kill());

  it('plays the whole flagship as all six actors, branches, opens every screen, saves, quits cleanly', async () => {
    const title = listScenarios().find((s) => s.id === FLAGSHIP)!.title;
    const first = plan();
    expect(first.picks.length).toBeGreaterThanOrEqual(5);
    expect(new Set(first.picks.map((p) => p.actor)).size).toBeGreaterThanOrEqual(3);

    const { tag, pane } = await play(`--as ${ALL}`);
    expect(pane).toContain(`geosim │ ${title.slice(0, 8)}`); // the header shortens the title to fit
    expect(pane).toMatch(/step 0 of \d+/);
    expect(pane).toContain('you play all');
    expect(pane).toMatch(/RUS +PRK +KOR +JPN +CHN +USA/);
    expect(pane).toMatch(/→ next {2}G to end/);
    expect(pane).not.toContain('← back'); // nothing to go back to at the start

    // Step through the whole scenario, deciding at each decision.
    await decide(first.picks);
    let s = await press('G', (x) => x.includes('The end of the scenario'), 'the end');
    expect(s).toContain(`step ${first.steps} of ${first.steps}`);
    expect(s).toContain('● unsaved');

    // Back past the last decision, and choose differently there: a new branch.
    const last = first.picks.at(-1)!;
    const second = plan({ [last.decision]: 1 });
    const otherKey = second.picks.at(-1)!.key;
    expect(otherKey).not.toBe(last.key);
    for (let i = 0; i < 200 && !s.includes(`Decision · ${last.actor} ·`); i++) {
      const at = step(s);
      s = await press('Left', (x) => step(x) === at - 1, `step ${at - 1}`);
    }
    expect(s).toContain('Your decision (taken on this branch): → keeps it, 1-3 chooses again');
    expect(s).toContain('[this branch: you]');
    s = await press(otherKey, (x) => x.includes('New branch #1'), 'the new branch');
    expect(s).toMatch(/New branch #1: [^\n]+: /); // named by the choice, in the scenario's words
    await decide(second.picks.slice(first.picks.length));
    s = await press('G', (x) => x.includes('The end of the scenario'), 'the end of branch #1');
    expect(s).toContain(`step ${second.steps} of ${second.steps}`);

    // Why: the ledger of a cell, moved with the keys.
    s = await press('w', (x) => x.includes('How RUS regards PRK'), 'the why screen');
    expect(s).toMatch(/now +start +kind +cause and source/);
    expect(s).toContain('Unbalanced triads:');
    s = await press('j', (x) => x.includes('How PRK regards KOR'), 'the cell cursor to move (one row down, aside from the diagonal)');
    expect(s).toMatch(/initial +initial relation/);
    await press('Escape', (x) => x.includes('Timeline ·'), 'the main view');

    // Assumptions: adjust one, see what changed, and the Monte Carlo odds arrive.
    s = await press('a', (x) => x.includes('Preset '), 'the assumptions screen');
    expect(s).toContain('0 changed');
    tmux.keys('j', 'j', 'j');
    s = await press('Right', (x) => x.includes('1 changed') || x.includes('apply here'), 'an assumption to change');
    // A change that flips what already happened is named and asked about first: here it is applied.
    if (s.includes('apply here')) s = await press('a', (x) => x.includes('1 changed'), 'the change applied');
    expect(s).toMatch(/Odds moved|No odds moved/);
    s = await waitFor((x) => x.includes('Monte Carlo, 1000 runs'), 'the Monte Carlo odds', CEILING);
    expect(s).toMatch(/KOR: [^\n]+ \d+%/); // the odds in the scenario's words
    s = await press('X', (x) => x.includes('0 changed') || x.includes('apply here'), 'the reset');
    if (s.includes('apply here')) s = await press('a', (x) => x.includes('0 changed'), 'the reset applied');
    await press('Escape', (x) => x.includes('Timeline ·'), 'the main view');

    // Branches and the comparison of the two.
    s = await press('b', (x) => x.includes('2 branches'), 'the branch tree');
    expect(s).toMatch(/○ #0 main/);
    expect(s).toMatch(/▶ ● └ #1/);
    s = await press('k', (x) => /▶ ○ #0 main/.test(x), 'branch #0 selected');
    s = await press('c', (x) => x.includes('Just after the fork'), 'the comparison');
    expect(s).toMatch(/\d+ differences? \(cells that differ are marked \*\)/);
    await press('Escape', (x) => x.includes('2 branches'), 'the branch tree again');
    await press('Escape', (x) => x.includes('Timeline ·'), 'the main view');

    // Predictions and help.
    s = await press('p', (x) => x.includes('whose claim'), 'the predictions');
    expect(s).toMatch(/✓ holds|✗ does not/);
    expect(s).toMatch(/held|failed|partly|open/);
    s = await press('?', (x) => x.includes('Step forward one event'), 'the help');
    expect(s).toContain('Main view');
    await press('Escape', (x) => x.includes('whose claim'), 'back to the predictions');
    await press('Escape', (x) => x.includes('Timeline ·'), 'the main view');

    // Save to a file name typed in the prompt, then quit (nothing unsaved: no question).
    const file = join(dir, 'e2e.session.json');
    s = await press('s', (x) => x.includes('Save session as:'), 'the save prompt');
    tmux.keys('C-u');
    tmux.type(file);
    s = await press('Enter', (x) => x.includes(`Saved ${file.slice(0, 20)}`), 'the save');
    expect(s).not.toContain('● unsaved');
    const sf = readSessionFile(file);
    expect(sf.branches).toHaveLength(2);
    expect(sf.current).toBe(1);
    expect(sf.branches[1]!.roles).toEqual(ALL.split(','));
    expect(sf.branches[1]!.choices).toEqual(Object.fromEntries(second.picks.map((p) => [p.decision, p.option])));
    tmux.keys('q');
    const after = await expectRestored(tag, 0);
    expect(after).toContain(`saved run to ${file}`); // said on the user's own screen, once the UI is gone

    // The saved session resumes in the UI: the whole tree is back, each branch where it was.
    const resumed = await play(`--load ${file}`);
    expect(resumed.pane).not.toContain('● unsaved');
    s = await press('b', (x) => x.includes('2 branches'), 'the branch tree, loaded');
    expect(s).toMatch(/○ #0 main/);
    expect(s).toMatch(/#1 \S+: .* step \d+\/\d+/);
    tmux.keys('q');
    await expectRestored(resumed.tag, 0);
    // Every action was autosaved, to the state directory (play --recover reads it back).
    const autosaved = await shell(`test -s ${join(dir, 'state', 'geosim', `${FLAGSHIP}.autosave.session.json`)}`);
    expect(autosaved).toMatch(/exit-\d+=0/);
  }, 900_000);

  it('in role-play, a decision shows no prediction or outcome before the choice, and shows them after', async () => {
    const { tag } = await play('--as KOR');
    let s = await press('G', (x) => x.includes('Your decision:'), "Seoul's first decision");
    expect(s).toContain('Decision · KOR ·');
    expect(s).not.toMatch(/\[happened\]|\[article\]|Happened:|The article predicted/);
    expect(s).toContain('The prediction and what happened show once this decision is made');
    const at = step(s);
    s = await press('1', (x) => step(x) === at + 1 && !x.includes('Your decision:'), 'the choice');
    s = await press('Left', (x) => step(x) === at && x.includes('[this branch: you]'), 'the decision again');
    expect(s).toContain('[happened]');
    expect(s).toContain('[article]');
    s = await press('q', (x) => x.includes('Unsaved work ('), 'the quit question');
    tmux.keys('y');
    await expectRestored(tag, 0);
  });

  it('asks before quitting with unsaved work, and Ctrl-C twice quits with 130', async () => {
    const { tag } = await play('--as KOR');
    await press('G', (s) => s.includes('Your decision:'), 'Seoul’s decision');
    await press('1', (s) => s.includes('● unsaved'), 'the choice');
    let s = await press('q', (x) => x.includes('Unsaved work ('), 'the question');
    expect(s).toMatch(/y quit without saving · s save to \S+/);
    s = await press('n', (x) => !x.includes('Unsaved work ('), 'staying');
    expect(tmux.alternateOn()).toBe(true);
    await press('C-c', (x) => x.includes('Unsaved work (1 branch). Ctrl-C again or y quit without saving'), 'the first Ctrl-C');
    tmux.keys('C-c');
    const after = await expectRestored(tag, 130);
    expect(after).not.toContain('saved run to'); // nothing was saved
  }, 300_000);

  it('adapts to a resize, says when the terminal is too small, and honours NO_COLOR', async () => {
    const { tag, pane } = await play('');
    expect(pane.split('\n').filter((l) => l.length > 0).length).toBeLessThanOrEqual(29);
    const coloured = tmux.capture(true);
    expect(hasColour(coloured)).toBe(true); // colour is on by default
    tmux.resize(80, 24);
    let s = await waitFor((x) => x.split('\n').some((l) => /^→ next/.test(l)) && !x.split('\n').some((l) => l.length > 80), 'the 80×24 layout');
    expect(s.split('\n').findIndex((l) => l.startsWith('→ next'))).toBeLessThanOrEqual(22);
    tmux.resize(60, 20);
    s = await waitFor((x) => x.includes('needs a terminal of at least 80×24'), 'the too-small notice');
    expect(s).toContain('this one is 60×20');
    tmux.resize(100, 30);
    await waitFor((x) => x.includes('Timeline ·'), 'the full view again');
    tmux.keys('q');
    await expectRestored(tag, 0);

    tmux.keys('export NO_COLOR=1', 'Enter');
    const again = await play('');
    tmux.keys(' ');
    await waitFor((x) => /step 1 of \d+/.test(x), 'a step');
    const plain = tmux.capture(true);
    expect(hasColour(plain)).toBe(false); // no colour at all
    expect(plain).toMatch(/(\+\+|--|·) +-?\d+/); // the bands still read by their symbols
    tmux.keys('q');
    await expectRestored(again.tag, 0);
    tmux.keys('unset NO_COLOR', 'Enter');
  }, 300_000);

  it('gives the terminal back when the process is killed (SIGTERM → exit 143)', async () => {
    const { tag } = await play('--seed 4242');
    const pid = execFileSync('pgrep', ['-f', 'geosim.js play --seed 4242'], { encoding: 'utf8' }).trim().split('\n')[0]!;
    process.kill(Number(pid), 'SIGTERM');
    await expectRestored(tag, 143);
  }, 300_000);

  it("draws the bench's reference, the smallest ink app, and quits it on a key: directly and through npm start's switch", async () => {
    for (const cmd of ['node dist/ink-floor.js', 'GEOSIM_BENCH_INK_FLOOR=1 node src/build/start.mjs']) {
      const tag = 100 + n++;
      tmux.keys('clear', 'Enter');
      tmux.keys(`${cmd}; echo "exit-$((${tag}))=$?"`, 'Enter');
      await waitFor((p) => p.includes('the smallest ink app (press any key)'), `${cmd} to draw`);
      tmux.keys('x');
      await waitFor((p) => p.includes(`exit-${tag}=0`), `${cmd} to quit`);
    }
  });

  it('refuses to start without a terminal, pointing to geosim run', () => {
    const r = spawnSync('node', ['dist/geosim.js', 'play'], { cwd: root, encoding: 'utf8', input: '' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('geosim run');
  });
});

if (!hasTmux) {
  describe('geosim play in a terminal', () => {
    it.skip('SKIPPED: tmux is not installed (apt-get install tmux), so the end-to-end test of the terminal UI cannot run', () => {});
  });
}
