/**
 * What each key does, as a function of the UI state and the session: `handleKey(ui, key, port)` looks the key up
 * in the binding table (keys.ts) for the current mode, sends the session machine the events it implies and
 * returns the new UI state plus the effects only the root can perform (saving a file, quitting).
 * It never renders and never touches the terminal, so every binding is testable without ink.
 */
import type { SessionEvent } from '../machines/session.js';
import { fail, info, sendAndReport, type Effect, type KeyResult, type SessionPort } from './port.js';
import type { SessionData } from '../machines/session-logic.js';
import { awaitingUser, branchOf } from '../machines/session-logic.js';
import { isFinished } from '../core/step.js';
import { formatDay } from '../core/date.js';
import { commandFor, type Command } from './keys.js';
import { tooSmall, type View } from './layout.js';
import { decisionAt, modeOf, optionIndex, takenHere, type Message, type UiState } from './ui-state.js';

export type { Effect, KeyResult, SessionPort } from './port.js';
import { assumptionsKey, branchesKey, promptKey, rolesKey, scrollKey, whyKey } from './controller-screens.js';
import { decisionView } from './view/decision.js';
import { forecastKey, toggleForecastFirst } from './forecast.js';
import { injectsKey } from './injects.js';

const SCREENS: Partial<Record<Command, UiState['screen']>> = {
  why: 'why',
  assumptions: 'assumptions',
  branches: 'branches',
  predictions: 'predictions',
  roles: 'roles',
  injects: 'injects',
};

function quit(ui: UiState, port: SessionPort, code: number): KeyResult {
  if (port.data().dirty || ui.forecast.unsaved) return { ui: { ...ui, overlay: { kind: 'quit' } }, effects: [] };
  return { ui, effects: [{ kind: 'quit', code }] };
}

/** Global commands: screens, help, save, quit. Undefined when `cmd` is not one of them. */
function globalCommand(ui: UiState, cmd: Command, port: SessionPort): KeyResult | undefined {
  const screen = SCREENS[cmd];
  if (screen) {
    const d = port.data();
    const open = ui.screen === screen ? 'main' : screen;
    return { ui: { ...ui, screen: open, scroll: 0, branch: open === 'branches' ? d.current : ui.branch }, effects: [] };
  }
  switch (cmd) {
    case 'help':
      return { ui: ui.screen === 'help' ? { ...ui, screen: ui.back } : { ...ui, screen: 'help', back: ui.screen, scroll: 0 }, effects: [] };
    case 'save':
      return { ui: { ...ui, overlay: { kind: 'save', text: ui.savePath, fresh: true } }, effects: [] };
    case 'close':
      return { ui: { ...ui, screen: ui.screen === 'help' ? ui.back : ui.screen === 'compare' ? 'branches' : 'main' }, effects: [] };
    case 'quit':
      return quit(ui, port, 0);
    case 'interrupt':
      if (ui.interrupted || !(port.data().dirty || ui.forecast.unsaved)) return { ui, effects: [{ kind: 'quit', code: 130 }] };
      return { ui: { ...ui, overlay: { kind: 'quit' }, interrupted: true, message: info('Unsaved work: Ctrl-C again quits without saving') }, effects: [] };
    default:
      return undefined;
  }
}

function stuckMessage(d: SessionData): Message {
  if (awaitingUser(d)) {
    const dv = decisionView(d);
    return info(`You play ${dv?.actor ?? 'this actor'}: choose 1-${dv?.options.length ?? 1}, or r to let the engine draw`);
  }
  const b = branchOf(d);
  if (isFinished(b.states[b.cursor]!)) return info('This is the end of the scenario: ← goes back, b shows the branches, s saves');
  return info('Already at the start');
}

/**
 * Option `index` (0: the engine's draw) of the decision at the cursor. On the step where a decision was taken
 * (the timeline's ◆/◇ line), it is chosen again from the state it was taken at: the same option just comes back
 * to this step, another one starts a branch.
 */
function choose(ui: UiState, port: SessionPort, index: number): UiState {
  const here = port.data();
  const taken = decisionView(here) ? null : takenHere(here);
  if (!decisionView(here) && !taken) return { ...ui, message: info('No decision here: step forward (→) to the next one') };
  if (taken) {
    const n = taken.options.length;
    if (index > n) return { ...ui, message: fail(`This decision has ${n} options`) };
    const same = index === 0 ? taken.by === 'engine' : taken.options[index - 1]!.id === taken.option;
    if (same) {
      const label = taken.options.find((o) => o.id === taken.option)?.label ?? taken.option;
      return { ...ui, message: info(`Already ${taken.by === 'user' ? 'your choice' : "the engine's draw"} here: another option starts a branch (this one is “${label}”)`) };
    }
    port.send({ type: 'BACK' });
  }
  const r = chooseAtCursor(ui, port, index);
  if (taken && branchOf(port.data()).cursor < branchOf(here).cursor) port.send({ type: 'NEXT' }); // refused: back where it was
  return r;
}

function chooseAtCursor(ui: UiState, port: SessionPort, index: number): UiState {
  const before = port.data();
  const dv = decisionView(before)!;
  if (index === 0) {
    const next = sendAndReport(ui, port, { type: 'ROLL' });
    return next.message ? next : { ...next, message: drawnMessage(port.data(), before, dv.id) };
  }
  const opt = dv.options[index - 1];
  if (!opt) return { ...ui, message: fail(`This decision has ${dv.options.length} options`) };
  const next = sendAndReport(ui, port, { type: 'CHOOSE', option: opt.id });
  if (next.message) return next;
  const after = port.data();
  if (after.branches.length > before.branches.length) {
    return { ...next, message: { text: `New branch #${after.current}: ${branchOf(after).label} (b: branches)`, tone: 'good' } };
  }
  return next;
}

function drawnMessage(after: SessionData, before: SessionData, decision: string): Message {
  const s = branchOf(after).states[branchOf(after).cursor]!;
  const c = s.choices[decision];
  const label = after.scenario.events[s.log[s.log.length - 1]?.event ?? '']?.decision?.options.find((o) => o.id === c?.option)?.label;
  const forked = after.branches.length > before.branches.length ? ` — new branch #${after.current}` : '';
  return info(c ? `The engine drew “${label ?? c.option}” (${Math.round((c.odds[c.option] ?? 0) * 100)}%)${forked}` : 'The engine drew');
}

function stepCommand(ui: UiState, cmd: Command, key: string, port: SessionPort): UiState | undefined {
  const d = port.data();
  const move = (event: SessionEvent): UiState => {
    const next = sendAndReport(ui, port, event);
    return port.data() === d && !next.message ? { ...next, message: stuckMessage(d) } : next;
  };
  switch (cmd) {
    case 'next':
      return move({ type: 'NEXT' });
    case 'back':
      return move({ type: 'BACK' });
    case 'start':
      return sendAndReport(ui, port, { type: 'START' });
    case 'end':
      return move({ type: 'END' });
    case 'date':
      return { ...ui, overlay: { kind: 'date', text: formatDay(branchOf(d).states[branchOf(d).cursor]!.date), fresh: true } };
    case 'pick':
      return choose(ui, port, Number(key));
    case 'roll':
      return choose(ui, port, 0);
    case 'up':
    case 'down': {
      const n = decisionView(d)?.options.length ?? 0;
      const at = optionIndex(ui, d) + (cmd === 'up' ? -1 : 1);
      return { ...ui, option: Math.max(0, Math.min(n, at)), optionAt: decisionAt(d) };
    }
    case 'activate':
      return choose(ui, port, optionIndex(ui, d));
    default:
      return undefined;
  }
}

const VIEW: View = { columns: 80, rows: 24 };

/** One key (in a terminal of `view`'s size). Commands that do not apply in the current mode are ignored. */
export function handleKey(ui0: UiState, key: string, port: SessionPort, view: View = VIEW): KeyResult {
  const ui: UiState = { ...ui0, message: null };
  const mode = modeOf(ui, port.data());
  const cmd = commandFor(mode, key);
  if (mode === 'prompt') return promptKey(ui, key, cmd, port);
  if (!cmd) return { ui, effects: [] };
  if (mode === 'overwrite' && ui.overlay?.kind === 'overwrite') {
    const o = ui.overlay;
    if (cmd === 'yes') return { ui: { ...ui, overlay: null }, effects: [{ kind: 'save', path: o.path, quit: o.quit, force: true }] };
    return { ui: { ...ui, overlay: { kind: 'save', text: o.path }, message: info('Kept it: type another name') }, effects: [] };
  }
  if (mode === 'confirm') {
    if (cmd === 'yes' || cmd === 'interrupt') return { ui, effects: [{ kind: 'quit', code: cmd === 'interrupt' ? 130 : 0 }] };
    if (cmd === 'save') return { ui, effects: [{ kind: 'save', path: ui.savePath, quit: true }] };
    return { ui: { ...ui, overlay: null, interrupted: false }, effects: [] };
  }
  if (cmd === 'forecastFirst') return { ui: toggleForecastFirst(ui), effects: [] };
  if (cmd === 'reveal') {
    const text = ui.revealed
      ? 'Hidden again: in role-play and forecast-first, predictions and outcomes show once a decision is made (v reveals)'
      : "Revealed: every decision shows its prediction and what happened (v hides them again)";
    return { ui: { ...ui, revealed: !ui.revealed, message: info(text) }, effects: [] };
  }
  const local =
    mode === 'forecast'
      ? forecastKey(ui, cmd, key, port)
      : mode === 'main' || mode === 'decision'
      ? stepCommand(ui, cmd, key, port)
      : mode === 'why'
        ? whyKey(ui, cmd, port, view)
        : mode === 'assumptions'
          ? assumptionsKey(ui, cmd, port)
          : mode === 'branches'
            ? branchesKey(ui, cmd, port)
            : mode === 'roles'
              ? rolesKey(ui, cmd, port)
              : mode === 'injects'
                ? injectsKey(ui, cmd, port)
                : scrollKey(ui, cmd);
  if (local) return { ui: local, effects: [] };
  return globalCommand(ui, cmd, port) ?? { ui, effects: [] };
}

/**
 * One key while the terminal is too small to show the UI: only q and Ctrl-C act (and the answer to the quit
 * question they may ask); everything else would act on a screen the user cannot see.
 */
export function handleKeyTooSmall(ui0: UiState, key: string, port: SessionPort, view: View = VIEW): KeyResult {
  const ui: UiState = { ...ui0, message: null };
  const mode = modeOf(ui, port.data());
  if (mode === 'confirm' || mode === 'overwrite') return handleKey(ui, key, port, view);
  const cmd = key === 'q' ? 'quit' : key === 'ctrl+c' ? 'interrupt' : undefined;
  return cmd ? globalCommand({ ...ui, overlay: null }, cmd, port)! : { ui: ui0, effects: [] };
}

/**
 * A whole chunk of input, key by key: each key sees the session as the previous one left it. `view` is the
 * terminal's size (below the minimum, only q and Ctrl-C act).
 */
export function handleKeys(ui: UiState, keys: readonly string[], port: SessionPort, view: View = VIEW): KeyResult {
  let cur = ui;
  const effects: Effect[] = [];
  const small = tooSmall(view.columns, view.rows);
  for (const k of keys) {
    const r = (small ? handleKeyTooSmall : handleKey)(cur, k, port, view);
    cur = r.ui;
    effects.push(...r.effects);
    if (r.effects.some((e) => e.kind === 'quit' || e.kind === 'save')) break;
  }
  return { ui: cur, effects };
}
