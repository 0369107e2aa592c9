/** What each key does in each mode, through the controller and a real session machine (no rendering). */
import { describe, expect, it } from 'vitest';
import { handleKey, handleKeys, type Effect, type SessionPort } from '../src/ui/controller.js';
import { initialUi, modeOf, type UiState } from '../src/ui/ui-state.js';
import { branchOf, currentState } from '../src/machines/session-logic.js';
import { formatDay } from '../src/core/date.js';
import { small } from './helpers/scenarios.js';
import { messageLine } from '../src/ui/components/message-line.js';
import { lineText } from '../src/ui/components/Line.js';
import { startSession } from './helpers/ui.js';
import { portOf } from '../src/ui/port.js';

function rig(roles: string[] = ['CCC']) {
  const actor = startSession(small(), 3, roles);
  const port: SessionPort = portOf(actor);
  let ui: UiState = initialUi('run.json');
  let effects: Effect[] = [];
  const press = (...keys: string[]) => {
    effects = [];
    for (const k of keys) {
      const r = handleKey(ui, k, port);
      ui = r.ui;
      effects.push(...r.effects);
    }
    return ui;
  };
  return {
    actor,
    port,
    press,
    get ui() {
      return ui;
    },
    get effects() {
      return effects;
    },
    cursor: () => branchOf(port.data()).cursor,
    mode: () => modeOf(ui, port.data(), port.tags()),
  };
}

/** Steps until the decision CCC plays (c_choice, at step 3). */
function toDecision(r: ReturnType<typeof rig>) {
  r.press('G');
  expect(r.mode()).toBe('decision');
  expect(currentState(r.port.data()).pending?.decision).toBe('c_choice');
}

describe('main view keys', () => {
  it('steps forward with → l space and back with ← h backspace, to the start with g and on with G', () => {
    const r = rig([]);
    r.press('right');
    expect(r.cursor()).toBe(1);
    r.press('l', 'space');
    expect(r.cursor()).toBe(3);
    r.press('left');
    expect(r.cursor()).toBe(2);
    r.press('h', 'backspace');
    expect(r.cursor()).toBe(0);
    r.press('backspace');
    expect(r.ui.message?.text).toBe('Already at the start');
    r.press('G');
    expect(r.actor.getSnapshot().matches('ended')).toBe(true);
    r.press('space');
    expect(r.ui.message?.text).toMatch(/end of the scenario/);
    r.press('g');
    expect(r.cursor()).toBe(0);
  });

  it('handles a burst of keys one by one, each seeing the session the previous one left', () => {
    const r = rig([]);
    const out = handleKeys(r.ui, ['space', 'space', 'space', 'space', 'space'], r.port);
    expect(branchOf(r.port.data()).cursor).toBe(5);
    expect(out.effects).toEqual([]);
  });

  it('jumps to a typed date: the proposal is selected, so what is typed replaces it', () => {
    const r = rig([]);
    r.press('d');
    expect(r.ui.overlay).toEqual({ kind: 'date', text: '2024-01-01', fresh: true });
    expect(r.mode()).toBe('prompt');
    r.press(...'2024-03-15'.split(''));
    expect(r.ui.overlay).toEqual({ kind: 'date', text: '2024-03-15' });
    r.press('return');
    expect(r.ui.overlay).toBeNull();
    expect(formatDay(currentState(r.port.data()).date)).toBe('2024-03-01');
    // → keeps the proposal for editing; backspace then deletes one character.
    r.press(':', 'right', 'backspace', '2');
    expect(r.ui.overlay).toMatchObject({ kind: 'date', text: '2024-03-02' });
    // Backspace on the selected proposal clears it; Ctrl-U clears what was typed.
    r.press('escape', 'd', 'backspace');
    expect(r.ui.overlay).toMatchObject({ text: '' });
    r.press('1', 'ctrl+u');
    expect(r.ui.overlay).toMatchObject({ text: '' });
    r.press('escape');
    expect(r.ui.overlay).toBeNull();
  });

  it('refuses a date with its reason in the prompt, and the reason goes at the next key', () => {
    const r = rig([]);
    r.press('d', 'x', 'return');
    expect(r.ui.overlay).toEqual({ kind: 'date', text: 'x', error: 'not a date: x (YYYY-MM-DD)' });
    r.press('backspace', ...'2024-02-30'.split(''), 'return');
    expect(r.ui.overlay).toMatchObject({ error: 'not a date: 2024-02-30 (YYYY-MM-DD)' });
    r.press('ctrl+u', ...'2023-12-31'.split(''), 'return');
    expect(r.ui.overlay).toMatchObject({ error: 'before the scenario starts (2024-01-01)' });
    r.press('left');
    expect(r.ui.overlay).toEqual({ kind: 'date', text: '2023-12-31' });
    expect(r.cursor()).toBe(0);
  });

  it('says where a date beyond the reach of the branch stopped', () => {
    const r = rig();
    r.press('d', ...'2030-01-01'.split(''), 'return');
    expect(r.ui.message?.text).toBe('Stopped at your decision on 2024-04-01: choose to go on');
    r.press('2', 'd', ...'2030-01-01'.split(''), 'return');
    expect(r.ui.message?.text).toBe('The scenario ends on 2024-12-01: the cursor is at its end');
  });
});

describe('decision keys', () => {
  it('waits at a decision the user plays: → explains, a number chooses', () => {
    const r = rig();
    toDecision(r);
    const at = r.cursor();
    r.press('space');
    expect(r.cursor()).toBe(at);
    expect(r.ui.message?.text).toBe('You play CCC: choose 1-3, or r to let the engine draw');
    r.press('2');
    expect(currentState(r.port.data()).choices.c_choice).toMatchObject({ option: 'talk', by: 'user' });
    expect(r.port.data().dirty).toBe(true);
  });

  it('lets the engine draw with r, e, or enter on the first line', () => {
    for (const keys of [['r'], ['e'], ['return']]) {
      const r = rig();
      toDecision(r);
      r.press(...keys);
      expect(currentState(r.port.data()).choices.c_choice?.by).toBe('engine');
      expect(r.ui.message?.text).toMatch(/^The engine drew “(Arm Outland|Talk)” \(\d+%\)$/);
    }
  });

  it('moves the highlight with ↓ ↑ j k and takes the highlighted option with enter', () => {
    const r = rig();
    toDecision(r);
    r.press('down', 'j', 'j', 'k');
    expect(r.ui.option).toBe(2);
    r.press('return');
    expect(currentState(r.port.data()).choices.c_choice).toMatchObject({ option: 'talk', by: 'user' });
  });

  it('reports an unavailable option and an option number out of range without moving', () => {
    const r = rig();
    toDecision(r);
    r.press('3');
    expect(r.ui.message).toEqual({ text: "option 'never' of decision 'c_choice' is not available now", tone: 'error' });
    r.press('7');
    expect(r.ui.message?.text).toBe('This decision has 3 options');
    expect(currentState(r.port.data()).pending).not.toBeNull();
  });

  it('goes back past a decision and forks a branch by choosing differently', () => {
    const r = rig();
    toDecision(r);
    r.press('2', 'G');
    r.press('g');
    r.press('G'); // history replays to the end of the branch: the decision is decided already
    while (currentState(r.port.data()).pending?.decision !== 'c_choice') r.press('left');
    expect(r.mode()).toBe('decision');
    r.press('1');
    expect(r.port.data().branches).toHaveLength(2);
    expect(r.ui.message).toEqual({ text: 'New branch #1: Ccity: Arm Outland (b: branches)', tone: 'good' });
  });

  it('on the step of a decision the engine drew, a number chooses it again: the same comes back, another forks', () => {
    const r = rig([]);
    r.press('G');
    while (currentState(r.port.data()).log.at(-1)?.event !== 'c_choice' || currentState(r.port.data()).log.at(-1)?.kind !== 'decision') r.press('left');
    const s = currentState(r.port.data());
    expect(s.log.at(-1)).toMatchObject({ kind: 'decision', by: 'engine' });
    expect(s.pending).toBeNull();
    const drawn = s.choices.c_choice!.option;
    expect(lineText(messageLine(r.ui, r.port.data()))).toBe('The engine drew this: 1-3 chooses differently (a new branch), ← shows the odds');
    const at = r.cursor();
    const same = drawn === 'arm_out' ? '1' : '2';
    r.press(same);
    expect(r.cursor()).toBe(at);
    expect(r.port.data().branches).toHaveLength(1);
    expect(r.ui.message?.text).toMatch(/^Already the engine's draw here: another option starts a branch \(this one is “.+”\)$/);
    r.press('3'); // not available: refused, and the cursor stays on the step
    expect(r.ui.message?.tone).toBe('error');
    expect(r.cursor()).toBe(at);
    r.press(drawn === 'arm_out' ? '2' : '1');
    expect(r.port.data().branches).toHaveLength(2);
    expect(r.port.data().current).toBe(1);
    expect(r.ui.message?.text).toMatch(/^New branch #1: Ccity: /);
    expect(currentState(r.port.data()).choices.c_choice).toMatchObject({ by: 'user' });
  });

  it('tells the user when there is no decision to choose', () => {
    const r = rig([]);
    r.press('1');
    expect(r.ui.message?.text).toMatch(/^No decision here/);
  });
});

describe('screen keys', () => {
  it('why: opens with w, moves the cell with arrows and hjkl, one row per ↑↓ and past the diagonal in a row, steps with space', () => {
    const r = rig([]);
    r.press('w');
    expect(r.mode()).toBe('why');
    expect(r.ui.cell).toEqual([0, 1]);
    r.press('l');
    expect(r.ui.cell).toEqual([0, 2]);
    r.press('right'); // wraps past the diagonal (0,0)
    expect(r.ui.cell).toEqual([0, 1]);
    r.press('down'); // (1,1) is the diagonal: the next row all the same, one column aside
    expect(r.ui.cell).toEqual([1, 2]);
    r.press('down'); // and back to the column aimed at
    expect(r.ui.cell).toEqual([2, 1]);
    r.press('j'); // wraps to the first row
    expect(r.ui.cell).toEqual([0, 1]);
    r.press('k', 'k');
    expect(r.ui.cell).toEqual([1, 2]);
    r.press('k', 'h');
    expect(r.ui.cell).toEqual([0, 2]);
    r.press('space', '.');
    expect(r.cursor()).toBe(2);
    r.press(',');
    expect(r.cursor()).toBe(1);
    r.press('w');
    expect(r.ui.screen).toBe('main');
  });

  it('assumptions: ↓ selects, → raises by one step and re-simulates, x resets, tab switches preset', () => {
    const r = rig([]);
    r.press('G', 'a');
    expect(r.mode()).toBe('assumptions');
    r.press('j', 'down');
    expect(r.ui.assumption).toBe(2);
    r.press('l');
    expect(r.port.data().overrides).toEqual({ hawk: 3.5 });
    expect(r.port.data().resim).not.toBeNull();
    r.press('right', 'left');
    expect(r.port.data().overrides).toEqual({ hawk: 3.5 });
    r.press('x');
    expect(r.port.data().overrides).toEqual({});
    r.press('x');
    expect(r.ui.message?.text).toBe("Hawkishness of C already has the preset's value");
    r.press('tab');
    expect(r.port.data().preset).toBe('hindsight');
    expect(r.ui.message?.text).toBe('Preset: Hindsight');
    r.press('k', 'k');
    // A change that flips what already happened asks first (the session machine's modal state): apply it here.
    for (let i = 0; i < 12; i++) {
      r.press('h');
      if (r.mode() === 'change') r.press('a');
    }
    expect(r.port.data().overrides).toEqual({ k: 0 });
    expect(r.ui.message?.text).toBe('Points per Goldstein unit is already at its minimum (0)');
    r.press('X');
    if (r.mode() === 'change') r.press('a');
    expect(r.port.data().overrides).toEqual({});
  });

  it('branches: selects with ↑↓, switches with enter, compares with c', () => {
    const r = rig();
    toDecision(r);
    r.press('2', 'left', '1'); // two branches, on #1
    r.press('b');
    expect(r.ui.branch).toBe(1);
    r.press('c'); // the current branch alone: against its parent, just after the fork
    expect(r.ui.compare).toEqual([1, 0]);
    r.press('escape');
    r.press('k');
    expect(r.ui.branch).toBe(0);
    r.press('c');
    expect(r.ui.screen).toBe('compare');
    expect(r.ui.compare).toEqual([1, 0]);
    r.press('escape');
    expect(r.ui.screen).toBe('branches');
    r.press('return');
    expect(r.port.data().current).toBe(0);
    r.press('c'); // #0 has no parent
    expect(r.ui.message?.text).toMatch(/^Select another branch/);
    r.press('escape');
    expect(r.ui.screen).toBe('main');
  });

  it('roles: space toggles the selected actor, * plays all or none', () => {
    const r = rig([]);
    r.press('R');
    r.press('space');
    expect(r.port.data().roles).toEqual(['AAA']);
    // Only actors with a decision are offered: BBB has none, so CCC is next after AAA.
    r.press('j', 'x');
    expect(r.port.data().roles).toEqual(['AAA', 'CCC']);
    r.press('j', 'x');
    expect(r.port.data().roles).toEqual(['AAA']);
    r.press('*');
    expect(r.port.data().roles).toEqual(['AAA', 'CCC']);
    r.press('*');
    expect(r.port.data().roles).toEqual([]);
  });

  it('help: ? opens it over any screen and returns there; esc too', () => {
    const r = rig([]);
    r.press('p', '?');
    expect(r.ui.screen).toBe('help');
    r.press('j', 'pagedown');
    expect(r.ui.scroll).toBe(9);
    r.press('?');
    expect(r.ui.screen).toBe('predictions');
    r.press('?', 'escape');
    expect(r.ui.screen).toBe('predictions');
    r.press('escape');
    expect(r.ui.screen).toBe('main');
  });
});

describe('save and quit', () => {
  it('s asks for a file name (proposing the last one), enter saves it', () => {
    const r = rig();
    r.press('s');
    expect(r.ui.overlay).toEqual({ kind: 'save', text: 'run.json', fresh: true });
    r.press('a', '.', 'j', 's', 'o', 'n'); // the first key replaces the proposal
    expect(r.ui.overlay).toEqual({ kind: 'save', text: 'a.json' });
    r.press('q'); // typed, not quit
    r.press('backspace', 'return');
    expect(r.effects).toEqual([{ kind: 'save', path: 'a.json', quit: false, format: 'session' }]);
    expect(r.ui.savePath).toBe('a.json');
    r.press('s', 'ctrl+u', 'return');
    expect(r.ui.overlay).toEqual({ kind: 'save', text: '', error: 'type a file name' });
  });

  it('q quits at once when nothing is unsaved', () => {
    const r = rig([]);
    r.press('space', 'q');
    expect(r.effects).toEqual([{ kind: 'quit', code: 0 }]);
  });

  it('q asks first when there is unsaved work: n stays, y quits, s saves then quits', () => {
    const r = rig();
    toDecision(r);
    r.press('1', 'q');
    expect(r.mode()).toBe('confirm');
    expect(r.effects).toEqual([]);
    r.press('n');
    expect(r.ui.overlay).toBeNull();
    r.press('q', 'y');
    expect(r.effects).toEqual([{ kind: 'quit', code: 0 }]);
    r.press('q', 's');
    expect(r.effects).toEqual([{ kind: 'save', path: 'run.json', quit: true, format: 'session' }]);
  });

  it('Ctrl-C quits at once when clean, and asks once when there is unsaved work', () => {
    const clean = rig([]);
    clean.press('ctrl+c');
    expect(clean.effects).toEqual([{ kind: 'quit', code: 130 }]);
    const r = rig();
    toDecision(r);
    r.press('1', 'ctrl+c');
    expect(r.mode()).toBe('confirm');
    expect(r.ui.message?.text).toMatch(/Ctrl-C again/);
    r.press('ctrl+c');
    expect(r.effects).toEqual([{ kind: 'quit', code: 130 }]);
  });

  it('Ctrl-C means the same on every screen, prompt and question: clean, it quits with 130; unsaved, it asks once, then quits', () => {
    const opens: [string, string[]][] = [
      ['main', []],
      ['help', ['?']],
      ['why', ['w']],
      ['assumptions', ['a']],
      ['branches', ['b']],
      ['predictions', ['p']],
      ['roles', ['R']],
      ['injects', ['i']],
      ['prompt', ['s']],
      ['prompt', [':']],
      ['prompt', ['E']],
      ['confirm', ['q']],
    ];
    for (const [mode, keys] of opens) {
      const clean = rig([]);
      clean.press(...keys);
      expect(clean.mode(), keys.join('')).toBe(mode === 'confirm' ? 'main' : mode); // clean: q quits, no question
      clean.press('ctrl+c');
      expect(clean.effects, `clean ${keys.join('')}`).toEqual([{ kind: 'quit', code: 130 }]);

      const r = rig();
      toDecision(r);
      r.press('1', ...keys);
      expect(r.mode(), keys.join('')).toBe(mode);
      r.press('ctrl+c');
      if (mode === 'confirm') {
        // The quit question is already asked: Ctrl-C is its answer.
        expect(r.effects).toEqual([{ kind: 'quit', code: 130 }]);
        continue;
      }
      expect(r.effects, `unsaved ${keys.join('')}`).toEqual([]);
      expect(r.mode()).toBe('confirm');
      expect(lineText(messageLine(r.ui, r.port.data()))).toContain('Ctrl-C again or y quit without saving');
      r.press('ctrl+c');
      expect(r.effects, `unsaved ${keys.join('')}, twice`).toEqual([{ kind: 'quit', code: 130 }]);
    }
  });

  it('Ctrl-C at the overwrite question, in a too-small terminal and at a change that flips history asks like everywhere else', () => {
    const r = rig();
    toDecision(r);
    r.press('1');
    const overwrite: UiState = { ...r.ui, overlay: { kind: 'overwrite', path: 'x.json', quit: false } };
    let res = handleKey(overwrite, 'ctrl+c', r.port);
    expect(res.effects).toEqual([]);
    expect(res.ui.overlay).toEqual({ kind: 'quit' });
    res = handleKey(res.ui, 'ctrl+c', r.port);
    expect(res.effects).toEqual([{ kind: 'quit', code: 130 }]);
    // Too small a terminal: the same.
    res = handleKeys(r.ui, ['ctrl+c'], r.port, { columns: 60, rows: 20 });
    expect(res.effects).toEqual([]);
    expect(res.ui.overlay).toEqual({ kind: 'quit' });
    expect(handleKeys(res.ui, ['ctrl+c'], r.port, { columns: 60, rows: 20 }).effects).toEqual([{ kind: 'quit', code: 130 }]);
    // A change that flips what already happened waits for an answer: Ctrl-C asks the quit question over it, n
    // goes back to that answer, and a second Ctrl-C quits.
    r.press('G', 'a', 'k', 'k');
    for (let i = 0; i < 12 && r.mode() !== 'change'; i++) r.press('h');
    expect(r.mode()).toBe('change');
    r.press('ctrl+c');
    expect(r.effects).toEqual([]);
    expect(r.mode()).toBe('confirm');
    r.press('n');
    expect(r.mode()).toBe('change');
    r.press('ctrl+c', 'ctrl+c');
    expect(r.effects).toEqual([{ kind: 'quit', code: 130 }]);
  });

  it("after a refused or failed save, n at the overwrite question goes back to the export prompt for a run file", () => {
    const r = rig();
    const o: UiState = { ...r.ui, overlay: { kind: 'overwrite', path: 'b.run.json', quit: true, format: 'run' } };
    const res = handleKey(o, 'n', r.port);
    expect(res.ui.overlay).toMatchObject({ kind: 'export', text: 'b.run.json', quit: true });
    // enter saves under that name and then quits, as the quit question's s asked
    const done = handleKey(res.ui, 'return', r.port);
    expect(done.effects).toEqual([{ kind: 'save', path: 'b.run.json', quit: true, format: 'run' }]);
  });
});
