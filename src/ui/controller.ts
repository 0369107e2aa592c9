/**
 * What each key does, as a function of the UI state and the session: `handleKey(ui, key, port)` looks the key up
 * in the binding table (keys.ts) for the current mode, sends the session machine the events it implies and
 * returns the new UI state plus the effects only the root can perform (saving a file, quitting).
 * It never renders and never touches the terminal, so every binding is testable without ink.
 */
import { branchLabel } from '../machines/view/labels.js';
import type { SessionEvent } from '../machines/session.js';
import { fail, info, sendAndReport, type Effect, type KeyResult, type SessionPort } from './port.js';
import type { SessionData } from '../machines/session-logic.js';
import { awaitingUser, branchOf, currentState, atEnd } from '../machines/selectors.js';
import { formatDay } from '../core/date.js';
import { commandFor, type Command } from './keys.js';
import { tooSmall, type View } from './layout.js';
import { decisionAt, modeOf, optionIndex, takenHere, type Message, type UiState } from './ui-state.js';

export type { Effect, KeyResult, SessionPort } from './port.js';
import { assumptionsKey, branchesKey, maxScroll, promptKey, rolesKey, scrollKey, whyKey } from './controller-screens.js';
import { decisionView } from '../machines/view/decision.js';
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
  if (port.data().dirty) return { ui: { ...ui, overlay: { kind: 'quit' } }, effects: [] };
  return { ui, effects: [{ kind: 'quit', code }] };
}

/**
 * Ctrl-C, the same on every screen, prompt and question (issue 13): it quits at once (exit 130) when nothing is
 * unsaved or when the quit question is already showing; otherwise it closes whatever is open and asks once, and
 * the next Ctrl-C quits without saving.
 */
function interrupt(ui: UiState, port: SessionPort): KeyResult {
  if (ui.interrupted || ui.overlay?.kind === 'quit' || !port.data().dirty) return { ui, effects: [{ kind: 'quit', code: 130 }] };
  return { ui: { ...ui, overlay: { kind: 'quit' }, interrupted: true, message: info('Unsaved work: Ctrl-C again quits without saving') }, effects: [] };
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
    case 'export':
      return { ui: { ...ui, overlay: { kind: 'export', text: ui.savePath.replace(/\.session\.json$/, '').replace(/\.json$/, '') + `-branch${port.data().current}.run.json`, fresh: true } }, effects: [] };
    case 'close':
      return { ui: { ...ui, screen: ui.screen === 'help' ? ui.back : ui.screen === 'compare' ? 'branches' : 'main' }, effects: [] };
    case 'quit':
      return quit(ui, port, 0);
    case 'theme':
      return { ui: { ...ui, themeSwitched: !ui.themeSwitched, message: info('Theme switched (T switches back)') }, effects: [] };
    case 'interrupt':
      return interrupt(ui, port);
    default:
      return undefined;
  }
}

function stuckMessage(d: SessionData): Message {
  if (awaitingUser(d)) {
    const dv = decisionView(d);
    return info(`You play ${dv?.actor ?? 'this actor'}: choose 1-${dv?.options.length ?? 1}, or r to let the engine draw`);
  }
  if (atEnd(d)) return info('This is the end of the scenario: ← goes back, b shows the branches, s saves');
  return info('Already at the start');
}

/**
 * Option `index` (0: the engine's draw) of the decision at the cursor. On the step where a decision was taken
 * (the timeline's ◆/◇ line), or on a decision already passed, it is chosen again (REVISE): the same option is
 * refused with a reason, another one starts a branch.
 */
function choose(ui: UiState, port: SessionPort, index: number): UiState {
  const here = port.data();
  const dv = decisionView(here);
  const taken = dv ? null : takenHere(here);
  if (!dv && !taken) return { ...ui, message: info('No decision here: step forward (→) to the next one') };
  const options = dv ? dv.options : taken!.options;
  if (index > options.length) return { ...ui, message: fail(`This decision has ${options.length} options`) };
  const option = index === 0 ? undefined : options[index - 1]!.id;
  if (taken) {
    const next = sendAndReport(ui, port, option === undefined ? { type: 'REVISE' } : { type: 'REVISE', option });
    if (next.message) return next;
    const after = port.data();
    if (index === 0) return { ...next, message: drawnMessage(after, here, taken.decision) };
    return { ...next, message: { text: `New branch #${after.current}: ${branchOf(after).label} (b: branches)`, tone: 'good' } };
  }
  return chooseAtCursor(ui, port, index);
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
    return { ...next, message: { text: `New branch #${after.current}: ${branchLabel(after.scenario, branchOf(after).label)} (b: branches)`, tone: 'good' } };
  }
  return next;
}

function drawnMessage(after: SessionData, before: SessionData, decision: string): Message {
  const s = currentState(after);
  const c = s.choices[decision];
  const label = after.scenario.events[s.log[s.log.length - 1]?.event ?? '']?.decision?.options.find((o) => o.id === c?.option)?.label;
  const forked = after.branches.length > before.branches.length ? ` — new branch #${after.current}` : '';
  return info(c ? `The engine drew “${label ?? c.option}” (${Math.round((c.odds[c.option] ?? 0) * 100)}%)${forked}` : 'The engine drew');
}

function stepCommand(ui: UiState, cmd: Command, key: string, port: SessionPort): UiState | undefined {
  const d = port.data();
  // A step the machine ignores here (its reason is generic): the UI says it with the keys that help.
  const move = (event: SessionEvent): UiState => {
    const next = sendAndReport(ui, port, event);
    return port.data() === d && !port.error() ? { ...next, message: stuckMessage(d) } : next;
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
      return { ...ui, overlay: { kind: 'date', text: formatDay(currentState(d).date), fresh: true } };
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

/** The answer to "this change flips what already happened": a new branch, here, or not at all. */
function changeKey(ui: UiState, cmd: Command, port: SessionPort): UiState {
  switch (cmd) {
    case 'keepBranch': {
      const next = sendAndReport(ui, port, { type: 'KEEP_BRANCH' });
      const d = port.data();
      return next.message ? next : { ...next, message: { text: `Kept the change as branch #${d.current} (b: branches; #${branchOf(d).parent ?? 0} is as it was)`, tone: 'good' } };
    }
    case 'applyHere': {
      const next = sendAndReport(ui, port, { type: 'APPLY' });
      return next.message ? next : { ...next, message: info('Applied the change to this branch') };
    }
    case 'no': {
      const next = sendAndReport(ui, port, { type: 'CANCEL' });
      return next.message ? next : { ...next, message: info('Cancelled: nothing changed') };
    }
    default:
      return ui;
  }
}

const VIEW: View = { columns: 80, rows: 24 };

/** One key (in a terminal of `view`'s size). Commands that do not apply in the current mode are ignored. */
export function handleKey(ui0: UiState, key: string, port: SessionPort, view: View = VIEW): KeyResult {
  const ui: UiState = { ...ui0, message: null };
  const mode = modeOf(ui, port.data(), port.tags());
  const cmd = commandFor(mode, key);
  if (cmd === 'interrupt') return interrupt(ui, port);
  if (mode === 'prompt') return promptKey(ui, key, cmd, port);
  if (!cmd) return { ui, effects: [] };
  if (mode === 'change') return { ui: changeKey(ui, cmd, port), effects: [] };
  if (mode === 'overwrite' && ui.overlay?.kind === 'overwrite') {
    const o = ui.overlay;
    if (cmd === 'yes') return { ui: { ...ui, overlay: null }, effects: [{ kind: 'save', path: o.path, quit: o.quit, force: true, format: o.format }] };
    return { ui: { ...ui, overlay: { kind: o.format === 'run' ? 'export' : 'save', text: o.path, quit: o.quit }, message: info('Kept it: type another name') }, effects: [] };
  }
  if (mode === 'confirm') {
    if (cmd === 'yes') return { ui, effects: [{ kind: 'quit', code: 0 }] };
    if (cmd === 'save') return { ui, effects: [{ kind: 'save', path: ui.savePath, quit: true, format: 'session' }] };
    return { ui: { ...ui, overlay: null, interrupted: false }, effects: [] };
  }
  if (cmd === 'forecastFirst') return { ui: toggleForecastFirst(ui, port), effects: [] };
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
          ? (assumptionsKey(ui, cmd, port) ?? scrollKey(ui, cmd, maxScroll(ui, port.data(), view)))
          : mode === 'branches'
            ? branchesKey(ui, cmd, port)
            : mode === 'roles'
              ? rolesKey(ui, cmd, port)
              : mode === 'injects'
                ? (injectsKey(ui, cmd, port) ?? scrollKey(ui, cmd, maxScroll(ui, port.data(), view)))
                : scrollKey(ui, cmd, maxScroll(ui, port.data(), view));
  if (local) return { ui: local, effects: [] };
  return globalCommand(ui, cmd, port) ?? { ui, effects: [] };
}

/**
 * One key while the terminal is too small to show the UI: only q and Ctrl-C act (and the answer to the quit
 * question they may ask); everything else would act on a screen the user cannot see.
 */
export function handleKeyTooSmall(ui0: UiState, key: string, port: SessionPort, view: View = VIEW): KeyResult {
  const ui: UiState = { ...ui0, message: null };
  const mode = modeOf(ui, port.data(), port.tags());
  if (mode === 'confirm' || mode === 'overwrite') return handleKey(ui, key, port, view);
  if (key === 'ctrl+c') return interrupt({ ...ui, overlay: null }, port);
  return key === 'q' ? quit({ ...ui, overlay: null }, port, 0) : { ui: ui0, effects: [] };
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
