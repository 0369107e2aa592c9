/** Every screen rendered with ink-testing-library: what it shows, that it fits, and how keys change it. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flagship, small } from './helpers/scenarios.js';
import { KEY, mount, tick, type Harness } from './helpers/ui.js';
import type { LiveOddsFn } from '../src/ui/use-live-odds.js';
import type { McResult } from '../src/mc/result.js';

let h: Harness | undefined;
afterEach(() => {
  h?.unmount();
  h = undefined;
});

function lines(frame: string): string[] {
  return frame.split('\n');
}

/** The frame is at most rows-1 lines and no line is wider than the terminal. */
function expectFits(frame: string, columns: number, rows: number) {
  const ls = lines(frame);
  expect(ls.length).toBeLessThanOrEqual(rows - 1);
  for (const l of ls) expect(l.length, l).toBeLessThanOrEqual(columns);
}

describe('main view', () => {
  it('shows the timeline, the matrix with band symbols, postures, tension and the keys, within 80×24', async () => {
    h = mount(flagship(), { columns: 80, rows: 24 });
    await tick();
    const f = h.frame();
    expectFits(f, 80, 24);
    expect(f).toMatch(/Timeline · 0 steps so far/);
    expect(f).toMatch(/RUS\s+PRK\s+KOR\s+JPN\s+CHN\s+USA/);
    expect(f).toMatch(/▶○ \d{4}-\d\d-\d\d Start/);
    expect(f).toContain('World tension');
    expect(f).toMatch(/RUS \w+/); // a posture
    // Only the keys that matter at the start: nothing to go back to, no decision to choose or draw.
    expect(lines(f).at(-1)).toMatch(/^→ next {2}G to end {2}s save {2}p predictions .*… \? {2}\? help {2}q quit\s*$/); // the screens before the lesser keys, … for the rest
    expect(lines(f).at(-1)).not.toMatch(/back|choose|engine/);
    expect(f).toMatch(/(\+\+|--|·|\+|-) +-?\d+/); // cells carry the band symbol
  });

  it('stays within the terminal for every step of the flagship, at 80×24 and 100×30', async () => {
    for (const [c, r] of [
      [80, 24],
      [100, 30],
    ] as const) {
      h = mount(flagship(), { columns: c, rows: r, roles: ['RUS', 'PRK', 'KOR', 'JPN', 'CHN', 'USA'] });
      await tick();
      for (let i = 0; i < 80 && !h.actor.getSnapshot().matches('ended'); i++) {
        const f = await h.press(h.actor.getSnapshot().matches('deciding') ? '1' : ' ');
        expectFits(f, c, r);
      }
      expect(h.actor.getSnapshot().matches('ended')).toBe(true);
      h.unmount();
    }
    h = undefined;
  });

  it('shows the step at the cursor: date, title, paraphrase, CAMEO, what it applied and its sources', async () => {
    h = mount(small());
    const f = await h.press(' ');
    expect(f).toContain('2024-02-01 · A and B sign a treaty');
    expect(f).toContain('CAMEO 057 Sign formal agreement · Goldstein +8.0 · AAA → BBB');
    expect(f).toContain('They sign.');
    // The tie's +15 is part of the +55, and says so: it does not read as a further change.
    expect(f).toMatch(/Applied: AAA→BBB \+55 \(of which tie \+15\) BBB→AAA \+55 \(of which tie \+15\) CCC→AAA\s+−18 · tension \+5\.0/);
    expect(f).toMatch(/Ammunition: \+2 → 2/);
    expect(f).toMatch(/tie begins: A–B treaty\s+\(\+15 each way, included above\)/);
    expect(f).toMatch(/CCC now: Alarmed \(was:\s+Calm\)/); // postures in the scenario's words
    expect(f).toContain('Source: ¶1 A treaty is coming.');
    expect(f).toContain('Source A <https://example.org/a>');
    expect(f).toMatch(/▶ {2}2024-02-01 A and B sign a treaty/);
    expect(f).toMatch(/AAA +· +\+\+ +95 ▲55 +· +0/); // the matrix cell with its change since the previous step
  });

  it('handles a burst of keys in one chunk: five spaces are five steps', async () => {
    h = mount(small());
    await tick();
    const f = await h.write('   ');
    expect(f).toMatch(/step 3 of \d+/); // of the whole scenario
    expect(h.data().branches[0]!.cursor).toBe(3);
  });

  it('reads Esc and a key sent together (an Alt-key sequence) as Esc, then the key', async () => {
    h = mount(small());
    await h.press(' ', ' ', 'a');
    const f = await h.write('\u001bg');
    expect(f).toContain('Timeline ·');
    expect(f).toMatch(/step 0 of \d+/);
  });

  it('adapts to a resize, and says so instead of garbling below 80×24', async () => {
    h = mount(small(), { columns: 80, rows: 24 });
    await h.press(' ');
    let f = await h.resize(60, 20);
    expect(f).toContain('geosim needs a terminal of at least 80×24');
    expect(f).toContain('this one is 60×20');
    expectFits(f, 60, 20);
    f = await h.resize(120, 40);
    expectFits(f, 120, 40);
    expect(f).toContain('A and B sign a treaty');
    expect(lines(f).length).toBe(39);
  });

  it('while too small, shows only the notice and lets only q and Ctrl-C act', async () => {
    h = mount(small(), { columns: 80, rows: 24, roles: ['CCC'] });
    await h.press('G');
    expect(h.frame()).toContain('Your decision: press 1-3');
    let f = await h.resize(79, 24);
    expect(f).not.toContain('Your decision');
    expect(lines(f).filter((l) => l.trim()).length).toBe(4);
    const cursor = h.data().branches[0]!.cursor;
    await h.press('2', 'r', ' ', KEY.left, 'g', 's', 'w');
    expect(h.data().branches[0]!.cursor).toBe(cursor);
    expect(h.data().dirty).toBe(false);
    expect(h.saved).toEqual([]);
    await h.resize(80, 24);
    await h.press('2'); // now it chooses: unsaved work
    await h.resize(60, 20);
    f = await h.press('q');
    expect(f).toContain('Unsaved work (1 branch). y quit without saving');
    await h.press('n');
    expect(h.quits).toEqual([]);
    f = await h.press('q', 'y');
    expect(h.quits).toEqual([0]);
  });
});

describe('decisions', () => {
  it('lists the options with their odds, the article’s prediction and what happened', async () => {
    h = mount(small(), { roles: ['CCC'] });
    // Role-play: no prediction or outcome before the decision is made (issue #11) until the teacher reveals them.
    const hidden = await h.press('G');
    expect(hidden).toMatch(/1 Arm Outland +75% *\n/);
    expect(hidden).not.toMatch(/\[article\]|\[happened\]/);
    expect(hidden).toContain('The prediction and what happened show once this decision is made (v: the');
    const f = await h.press('v');
    expect(f).toContain('Revealed: every decision shows its prediction and what happened');
    expect(f).toContain('Decision · CCC · How does C answer? (your decision)');
    expect(f).toMatch(/▶ 0 Let the engine draw by the odds \(r\)/);
    expect(f).toMatch(/1 Arm Outland +75% \[article\]/);
    expect(f).toMatch(/2 Talk +25% \[happened\]/);
    expect(f).toMatch(/3 Never available +0% \[not available now\]/);
    expect(hidden).toContain('Your decision: press 1-3 to choose');
    expect(lines(f).at(-1)).toMatch(/^1-9 choose .*r engine {2}← back .*\? help {2}q quit\s*$/); // help and quit always keep their room
    expect(lines(f).at(-1)).not.toContain('→ next'); // the session waits for the choice
    expect(f).toMatch(/\? 2024-04-01 CCC: How does C answer\?/);
    const g = await h.press(KEY.down, KEY.down);
    expect(g).toMatch(/▶ 2 Talk/);
    expect(g).toContain('Dovish answer');
    expect(g).toContain('Happened: C talked (Source A)');
  });

  it('gives option labels the width the odds and the marks leave, at 80 columns', async () => {
    h = mount(flagship(), { columns: 80, rows: 24, roles: ['KOR'] });
    const f = await h.press('G', 'v');
    expect(f).toContain('Decision · KOR ·');
    // 80 characters: cut at 60 (the longest mark here is [happened]), not at 41 as before.
    expect(f).toMatch(/3 Help Ukraine only indirectly, through the US and shared int… {2}17% \[happened\]/);
    expectFits(f, 80, 24);
  });

  it('shows a recorded forecast beside the odds, and on the step where the decision was taken', async () => {
    h = mount(small(), { roles: ['CCC'] });
    await h.press('f', 'G', '7', '0', KEY.down, '=', KEY.enter, 'v');
    const f = h.frame();
    expect(f).toContain("Let the engine draw by the odds (r)   (the model's odds, then yours)");
    expect(f).toMatch(/1 Arm Outland +75% you {2}70% \[article\]/);
    expect(f).toMatch(/2 Talk +25% you {2}30% \[happened\]/);
    expect(await h.press('1')).toContain('you chose “Arm Outland” (odds 75%, your forecast 70%)');
  });

  it('shows in the status line only the keys that matter at the cursor', async () => {
    h = mount(small());
    let f = await h.press(' ');
    expect(lines(f).at(-1)).toMatch(/^→ next {2}← back {2}G to end {2}s save/);
    f = await h.press('G');
    expect(lines(f).at(-1)).toMatch(/^← back {2}s save {2}p predictions/); // the end: nothing ahead, no decision
    while (!/KCCC: Talk|CCC: (Arm Outland|Talk)/.test(lines(f).find((l) => l.includes('▶')) ?? '')) f = await h.press(KEY.left);
    expect(lines(f).at(-1)).toMatch(/^→ next {2}← back {2}G to end {2}1-9 choose {2}s save/); // on a drawn decision
    f = await h.press(KEY.left);
    expect(lines(f).at(-1)).toMatch(/^1-9 choose {2}↑↓ highlight {2}enter take {2}r engine {2}→ next {2}.*… \? {2}\? help/); // the decision waiting here
  });

  it('going back to a decision of an actor you play still calls it yours, and says it was taken', async () => {
    h = mount(small(), { roles: ['CCC'] });
    await h.press('G', '2');
    const f = await h.press(KEY.left);
    expect(f).toContain('(your decision)');
    expect(f).toContain('Your decision (taken on this branch): → keeps it, 1-3 chooses again');
    const other = await h.press('g', ' ', ' ', ' ', ' ', ' ', ' ');
    expect(other).not.toContain('Your decision');
  });

  it('marks a chosen option in the timeline, and the branch this choice started', async () => {
    h = mount(small(), { roles: ['CCC'], columns: 100, rows: 30 });
    await h.press('G');
    let f = await h.press('2');
    expect(f).toMatch(/▶◆ 2024-04-01 CCC \(you\): Talk/);
    expect(f).toContain('● unsaved');
    await h.press(KEY.left);
    f = await h.press('1');
    expect(f).toContain('New branch #1: Ccity: Arm Outland');
    expect(f).toMatch(/⑂ 2024-04-01 CCC \(you\): Arm Outland ⑂#0/);
    await h.press(KEY.left);
    f = await h.frame();
    expect(f).toMatch(/1 Arm Outland +75% \[article\] \[this branch: you\]/);
  });
});

describe('why', () => {
  it('shows the ledger of the selected cell and the unbalanced triads', async () => {
    h = mount(small());
    await h.press(' ', ' ');
    let f = await h.press('w');
    expect(f).toContain('How AAA regards BBB');
    expect(f).toMatch(/BBB▾/); // the selected column and row are marked in the labels too
    expect(f).toMatch(/^AAA▸/m);
    expect(f).toMatch(/initial +initial relation/);
    expect(f).toMatch(/\+39\.0 +\+40\.0 +event +A and B sign a treaty/);
    expect(f).toMatch(/since 2024-02-01, fades 12\/yr\n +source: article ¶1\n +Source A <https:\/\/example\.org\/a>/);
    expect(f).toContain('Unbalanced triads:');
    expect(await h.press(']')).toMatch(/tie +A–B pact \(partnership\)/);
    f = await h.press('[');
    expect(f).toMatch(/Unbalanced triads:\n.*none: no balance pressure/);
    f = await h.press(KEY.down); // (1,1) is the diagonal: the next row, one column aside
    expect(f).toContain('How BBB regards CCC');
    f = await h.press(KEY.down); // and back to the column: CCC → BBB
    expect(f).toContain('How CCC regards BBB');
    expect(f).toMatch(/-- +-60/);
    expectFits(f, 80, 24);
  });
});

const fakeResult = (runs: number, p: number): McResult => ({
  scenario: 'core_small',
  hash: 'x',
  seed: 1,
  runs,
  assumptions: {},
  choices: {},
  decisions: [
    {
      id: 'c_choice',
      actor: 'CCC',
      question: 'How does C answer?',
      reached: runs,
      options: [
        { id: 'arm_out', label: 'Arm Outland', count: runs * p, p, lo: 0, hi: 1, odds: p },
        { id: 'talk', label: 'Talk', count: runs * (1 - p), p: 1 - p, lo: 0, hi: 1, odds: 1 - p },
      ],
    },
  ],
  predictions: [],
  tallies: [],
  relations: [],
  tension: { mean: 30, p5: 30, p50: 30, p95: 30 },
  tensionPath: { peak: { mean: 35, p5: 35, p50: 35, p95: 35 }, above: [] },
});

describe('assumptions', () => {
  it('lists every assumption with value, range and unit, re-simulates on → and shows what moved', async () => {
    h = mount(small(), { roles: ['CCC'] });
    await h.press('G', '2');
    let f = await h.press('a');
    expect(f).toContain("Preset The article's view (article) · 0 changed");
    expect(f).toMatch(/▶ Points per Goldstein unit +5 \[0–10, step 0\.5\] points/);
    expect(f).toMatch(/Hawkishness of C +3 \[0–10, step 0\.5\]/);
    f = await h.press('j', 'j', KEY.right);
    // The change flips what already happened (the machine asks first): apply it to this branch.
    if (f.includes('apply here')) f = await h.press('a');
    expect(f).toMatch(/▶ Hawkishness of C +\* +3\.5/);
    expect(f).toContain('1 changed');
    expect(f).toMatch(/Odds moved: CCC: Arm Outland 75%→78% · CCC: Talk 25%→22%/);
    expect(f).toMatch(/C arms OUT/); // the selected assumption's description
    f = await h.press(KEY.tab);
    expect(f).toContain('Preset Hindsight (hindsight)');
    expectFits(f, 80, 24);
  });

  it('computes Monte Carlo odds in the background: debounced, the stale run aborted, “computing…” meanwhile', async () => {
    const calls: { signal: AbortSignal; assumptions: Record<string, number> }[] = [];
    const pending: ((r: McResult) => void)[] = [];
    const live: LiveOddsFn = (_s, inputs, runs, opts) => {
      calls.push({ signal: opts.signal!, assumptions: { ...inputs.assumptions } });
      return new Promise((res) => pending.push(() => res(fakeResult(runs, inputs.assumptions.hawk! / 10))));
    };
    // A debounce far longer than a busy machine takes between two keys of one burst, so that "nothing started
    // yet" and "two quick changes, one computation" do not depend on the machine's speed; waits are ceilings.
    const DEBOUNCE = 3000;
    h = mount(small(), { liveOdds: live, liveOddsDelayMs: DEBOUNCE });
    const x = h;
    await x.press('a');
    // Effects run after the frame: wait for them rather than for a fixed number of ticks.
    await vi.waitFor(() => expect(x.frame()).toContain('Monte Carlo: computing… 0%'), { timeout: 60_000 });
    expect(calls).toHaveLength(0); // debounced: nothing started yet
    await vi.waitFor(() => expect(calls).toHaveLength(1), { timeout: 60_000 });
    await x.press('j', 'j', KEY.right, KEY.right);
    await vi.waitFor(() => expect(calls).toHaveLength(2), { timeout: 60_000 }); // two quick changes: one new computation
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(calls[1]!.assumptions.hawk).toBe(4);
    pending[1]!({} as McResult);
    await vi.waitFor(() => expect(x.frame()).toMatch(/Monte Carlo, 1000 runs, the engine drawing every decision/), { timeout: 60_000 });
    expect(x.frame()).toMatch(/CCC: Arm Outland 40% · Talk 60%/);
    // Nothing more starts once the result is in (waiting past the debounce).
    await new Promise((r) => setTimeout(r, DEBOUNCE + 500));
    expect(calls).toHaveLength(2);
  }, 120_000);
});

describe('branches, comparison, predictions, roles, help', () => {
  async function twoBranches(): Promise<Harness> {
    const x = mount(small(), { roles: ['CCC'] });
    await x.press('G', '2', 'G', 'g', 'G');
    while (x.data().branches[0]!.states[x.data().branches[0]!.cursor]!.pending?.decision !== 'c_choice') await x.press(KEY.left);
    await x.press('1', 'G');
    return x;
  }

  it('draws the tree of branches and switches with enter', async () => {
    h = await twoBranches();
    let f = await h.press('b');
    expect(f).toContain('2 branches');
    expect(f).toMatch(/ {2}○ #0 main +step 3\/\d+ · 2024-04-01/);
    expect(f).toMatch(/▶ ● └ #1 Ccity: Arm Outland +step \d+\/\d+ · \d{4}-\d\d-\d\d · from #0 at step 3/);
    expect(f).toContain('Your choices on #1: CCC: Arm Outland');
    f = await h.press('k', KEY.enter);
    expect(f).toContain('On branch #0: main');
    expect(f).toMatch(/▶ ● #0 main/);
  });

  it('compares two branches: both matrices, the differing cells marked, where they part', async () => {
    h = await twoBranches();
    const f = await h.press('b', 'k', 'c');
    expect(f).toMatch(/Just after the fork, on \d{4}-\d\d-\d\d: #1 and #0 both at step \d+, after the same/);
    expect(f).toMatch(/#1 · step \d+ · tension \d+\.\d · Ccity/);
    expect(f).toMatch(/#0 · step \d+ · tension \d+\.\d · main/);
    expect(f).toMatch(/\d+ differences? \(cells that differ are marked \*\):/);
    expect(f).toMatch(/Ccity's decision: Arm Outland \(#1\) vs /);
    expect(f).toMatch(/-?\d+\*/);
    expect(f).toContain('they part at “How does C answer? (2024-04-01)”');
    expect(f).toContain("Ccity's decision: Arm Outland (#1) vs Talk (#0)");
    expectFits(f, 80, 24);
  });

  it('shows each prediction’s status in this branch beside what actually happened', async () => {
    h = mount(small(), { roles: ['CCC'] });
    await h.press('G', '1');
    let f = await h.press('p');
    expect(f).toMatch(/The article's \d+: 1 holds in your branch; 0 held in reality/);
    expect(f).toMatch(/✓ holds +failed +the article: C will arm Outland\. \(¶2\)/);
    expect(f).toContain('Actually: C talked instead. (Source A)');
    await h.press(KEY.esc, KEY.left, '2');
    f = await h.press('p');
    expect(f).toMatch(/✗ does not hold +failed +the article: C will arm Outland/);
  });

  it('toggles the actors the user plays', async () => {
    h = mount(small());
    let f = await h.press('R');
    expect(f).toMatch(/▶ \[ \] AAA {2}Aland \(Acity\)/);
    expect(f).not.toContain('BBB'); // Bland owns no decision: nothing to play
    f = await h.press(' ', 'j', ' ');
    expect(f).toMatch(/\[x\] AAA/);
    expect(f).toMatch(/▶ \[x\] CCC/);
    expect(f).toContain('you: AAA,CCC');
  });

  it('shows the help generated from the key table, scrollable', async () => {
    h = mount(small());
    let f = await h.press('?');
    expect(f).toContain('Main view');
    expect(f).toMatch(/→ l space +Step forward one event/);
    expect(f).toContain('more below');
    for (let i = 0; i < 16; i++) f = await h.press(']');
    expect(f).toContain('What the marks mean');
    expect(f).toMatch(/-- Hostile \(from -100\)/);
    expectFits(f, 80, 24);
  });
});

describe('the date prompt', () => {
  it('replaces the proposed date with what is typed, pasted after Ctrl-U too, and says why a date is refused', async () => {
    h = mount(small());
    let f = await h.press('d');
    expect(f).toContain('Go to date (YYYY-MM-DD): 2024-01-01▏  enter goes · typing replaces · → edits');
    f = await h.write('2024-03-15');
    expect(f).toContain('Go to date (YYYY-MM-DD): 2024-03-15▏');
    f = await h.press(KEY.enter);
    expect(f).toMatch(/step 2 of \d+/);
    // Ctrl-U and a pasted date arrive as one chunk: every character counts, in order.
    f = await h.press(':');
    f = await h.write('\x152024-13-01\r');
    expect(f).toContain('Go to date (YYYY-MM-DD): 2024-13-01▏  not a date: 2024-13-01 (YYYY-MM-DD)');
    f = await h.write('\x152023-06-01\r');
    expect(f).toContain('before the scenario starts (2024-01-01)');
    f = await h.write('\x152024-02-01\r');
    expect(f).toMatch(/step 1 of \d+/);
    expect(f).not.toContain('Go to date');
  });
});

describe('save and quit', () => {
  it('saves to the typed file name and is clean again', async () => {
    h = mount(small(), { roles: ['CCC'] });
    await h.press('G', '2');
    let f = await h.press('s');
    expect(f).toContain('Save session as: run.json▏  enter saves · typing replaces · → edits');
    f = await h.press(KEY.right, KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace, 'x', 't', KEY.enter);
    expect(h.saved).toEqual(['runxt']);
    expect(f).toContain('Saved runxt (1 branch; geosim play --load runxt');
    expect(f).not.toContain('● unsaved');
    expect(h.data().dirty).toBe(false);
  });

  it('reports a failed save in the prompt, which stays open with the name, and keeps the work unsaved', async () => {
    h = mount(small(), {
      roles: ['CCC'],
      save: () => {
        throw new Error("cannot save to 'x/run.json': directory 'x' does not exist");
      },
    });
    await h.press('G', '2', 's');
    const f = await h.press(KEY.enter);
    expect(f).toContain("Save session as: run.json▏  directory 'x' does not exist");
    expect(h.data().dirty).toBe(true);
  });

  it('quits through onQuit, asking first when there is unsaved work', async () => {
    h = mount(small(), { roles: ['CCC'] });
    await h.press('G', '2');
    const f = await h.press('q');
    expect(f).toContain('Unsaved work (1 branch). y quit without saving · s save to run.json and quit · n');
    expect(h.quits).toEqual([]);
    await h.press('y');
    expect(h.quits).toEqual([0]);
    await h.press('q', 'y');
    expect(h.quits).toEqual([0]); // once only
  });

  it('Ctrl-C quits with 130', async () => {
    h = mount(small());
    await h.press(KEY.ctrlC);
    expect(h.quits).toEqual([130]);
  });
});
