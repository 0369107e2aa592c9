/**
 * What the UI itself remembers, apart from the session: which screen is open, where the cursors are, what the
 * user is typing, the last message. Everything about the simulation lives in the session machine.
 */
import type { SessionData } from '../machines/session-logic.js';
import type { SessionTag } from '../machines/session.js';
import { atEnd, blockedAtTip, branchOf, pendingHere, takenHere } from '../machines/selectors.js';
import type { Mode, Need } from './keys.js';
import { spoilersHidden as spoilersRule } from '../machines/view/predictions.js';

export { pendingHere, takenHere };
export type { Draft, ForecastUi } from './forecast-state.js';
import type { ForecastUi } from './forecast-state.js';

export type Screen = 'main' | 'why' | 'assumptions' | 'branches' | 'compare' | 'predictions' | 'roles' | 'injects' | 'help';

/**
 * A text prompt. `fresh`: the text is the proposal (the last file name, the date at the cursor), shown selected:
 * the first character typed replaces it, backspace clears it, → or end keeps it for editing. `error`: why the
 * last enter was refused, shown in the prompt line until the next key.
 */
export interface Prompt {
  readonly kind: 'save' | 'export' | 'date';
  readonly text: string;
  readonly fresh?: boolean;
  readonly error?: string;
  /** Quit once saved (the quit question's `s`, kept while the user types another name). */
  readonly quit?: boolean;
}

/** The save would replace a file that is not this session's: ask first (then save, and quit when `quit`). */
export interface Overwrite {
  readonly kind: 'overwrite';
  readonly path: string;
  readonly quit: boolean;
  readonly format?: 'session' | 'run';
  /** What the existing file is ("a session file"), for the question. */
  readonly what?: string;
}

export type Overlay = Prompt | Overwrite | { readonly kind: 'quit' } | null;

export interface Message {
  readonly text: string;
  readonly tone: 'info' | 'good' | 'error';
}

export interface UiState {
  readonly screen: Screen;
  /** The screen help returns to. */
  readonly back: Screen;
  readonly overlay: Overlay;
  /** Highlighted line of the decision: 0 lets the engine draw, 1… are the options. */
  readonly option: number;
  /** Which decision `option` belongs to (branch:step); another decision starts at 0 again. */
  readonly optionAt: string;
  /** Why: the selected cell (row, column of the matrix). */
  readonly cell: readonly [number, number];
  /** Why: the column ↑↓ keep to (the cursor steps aside from the diagonal, then comes back to it). */
  readonly cellAim?: number;
  /** Scroll offset of the why ledger, the predictions and the help. */
  readonly scroll: number;
  readonly assumption: number;
  /** Branches: the selected branch id. */
  readonly branch: number;
  readonly compare: readonly [number, number] | null;
  readonly role: number;
  /** Teacher injects: the selected row (an index into `scenario.injects`). */
  readonly inject: number;
  readonly message: Message | null;
  readonly savePath: string;
  /** Ctrl-C was pressed once with unsaved work: the next one quits. */
  readonly interrupted: boolean;
  /** Forecast-first mode and the forecasts recorded (forecast.ts). */
  readonly forecast: ForecastUi;
  /** The teacher revealed the predictions and outcomes that role-play and forecast-first hide (key v). */
  readonly revealed: boolean;
  /** The other theme than the one the UI started with (key T: default ↔ projector). */
  readonly themeSwitched: boolean;
}

export function initialUi(savePath: string): UiState {
  return {
    screen: 'main',
    back: 'main',
    overlay: null,
    option: 0,
    optionAt: '',
    cell: [0, 1],
    scroll: 0,
    assumption: 0,
    branch: 0,
    compare: null,
    role: 0,
    inject: 0,
    message: null,
    savePath,
    interrupted: false,
    forecast: { draft: null },
    revealed: false,
    themeSwitched: false,
  };
}

/**
 * Whether a decision's answers (the article's prediction, what happened) stay hidden until it is made: in
 * role-play (the user plays an actor) and in forecast-first mode, unless the teacher revealed them.
 */
export function spoilersHidden(ui: UiState, d: SessionData): boolean {
  return spoilersRule(d, ui.revealed);
}

/** Where the decision cursor is anchored: the branch and the step. */
export function decisionAt(d: SessionData): string {
  return `${d.current}:${branchOf(d).cursor}`;
}

/** The highlighted decision line, reset to 0 when the decision at the cursor is another one. */
export function optionIndex(ui: UiState, d: SessionData): number {
  return ui.optionAt === decisionAt(d) ? ui.option : 0;
}

/** What holds at the cursor, for the status line to show only the keys that matter now (keys.ts, Need). */
export function needsNow(d: SessionData): Set<Need> {
  const b = branchOf(d);
  const now = new Set<Need>();
  if (b.cursor > 0) now.add('back');
  if (b.cursor < b.states.length - 1 || !(atEnd(d) || blockedAtTip(d))) now.add('forward');
  if (pendingHere(d)) now.add('pending').add('decision');
  else if (takenHere(d)) now.add('decision');
  return now;
}

/**
 * The key-binding mode the UI is in: the UI's own overlays first, then the session machine's state (its tags):
 * a change waiting for an answer, a forecast due, a decision here.
 */
export function modeOf(ui: UiState, d: SessionData, tags: ReadonlySet<SessionTag>): Mode {
  if (ui.overlay?.kind === 'quit') return 'confirm';
  if (ui.overlay?.kind === 'overwrite') return 'overwrite';
  if (ui.overlay) return 'prompt';
  if (tags.has('modal')) return 'change';
  if (ui.screen === 'main') return tags.has('forecasting') ? 'forecast' : tags.has('deciding') || pendingHere(d) ? 'decision' : 'main';
  return ui.screen;
}
