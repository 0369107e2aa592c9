/**
 * Key bindings as data (after gemini-cli's keyBindings table): each row is a command, the keys that trigger it,
 * the modes where it applies and what it does. The help screen, the status line and docs/user-guide.md are
 * generated from this table; the controller only ever asks `commandFor(mode, key)`.
 *
 * Key names (key-names.ts): single characters as typed ('l', 'G', '?'), and 'up' 'down' 'left' 'right' 'space'
 * 'return' 'escape' 'backspace' 'tab' 'home' 'end' 'pageup' 'pagedown' 'ctrl+c'.
 */
import { keyLabel } from './key-names.js';

export type Mode =
  | 'main'
  | 'decision'
  | 'why'
  | 'assumptions'
  | 'branches'
  | 'compare'
  | 'predictions'
  | 'roles'
  | 'injects'
  | 'help'
  | 'prompt'
  | 'confirm'
  | 'overwrite'
  | 'forecast'
  | 'change';

export type Command =
  | 'next'
  | 'back'
  | 'start'
  | 'end'
  | 'date'
  | 'pick'
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'pageUp'
  | 'pageDown'
  | 'activate'
  | 'roll'
  | 'preset'
  | 'reset'
  | 'resetAll'
  | 'compare'
  | 'toggle'
  | 'toggleAll'
  | 'why'
  | 'assumptions'
  | 'branches'
  | 'predictions'
  | 'roles'
  | 'injects'
  | 'atDefault'
  | 'help'
  | 'save'
  | 'close'
  | 'quit'
  | 'interrupt'
  | 'yes'
  | 'no'
  | 'submit'
  | 'clear'
  | 'forecastFirst'
  | 'reveal'
  | 'type'
  | 'erase'
  | 'fill'
  | 'keep'
  | 'keepBranch'
  | 'applyHere'
  | 'export'
  | 'theme';

/**
 * What must hold for a key to matter now (the status line shows it only then; the help always lists it):
 * a step to go forward to, one to go back to, a decision at the cursor (waiting, or taken by the step at the
 * cursor), a decision waiting at the cursor.
 */
export type Need = 'forward' | 'back' | 'decision' | 'pending';

export interface Binding {
  readonly command: Command;
  readonly keys: readonly string[];
  /** Where it applies; 'screens' is every mode but the text prompt and the two questions. */
  readonly modes: readonly Mode[] | 'screens' | 'everywhere';
  readonly description: string;
  /** Label in the status line (bindings without one are only in the help). */
  readonly short?: string;
  /** How the status line writes the keys, when not the first key (e.g. '↑↓'). */
  readonly statusKey?: string;
  /** Shown in the status line only when this holds (see Need). */
  readonly when?: Need;
}

const STEP: readonly Mode[] = ['main', 'decision'];
const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** Mode-specific rows come first: the first row that matches a mode and a key wins. */
export const BINDINGS: readonly Binding[] = [
  // Stepping through the timeline
  { command: 'next', keys: ['right', 'l', 'space'], modes: STEP, description: 'Step forward one event (the engine draws decisions you do not play)', short: 'next', when: 'forward' },
  { command: 'back', keys: ['left', 'h', 'backspace'], modes: STEP, description: 'Step back one event, also past a decision', short: 'back', when: 'back' },
  { command: 'start', keys: ['g', 'home'], modes: STEP, description: 'Go to the start' },
  { command: 'end', keys: ['G', 'end'], modes: STEP, description: 'Play on to the end (stops at decisions you play)', short: 'to end', when: 'forward' },
  { command: 'date', keys: [':', 'd'], modes: STEP, description: 'Go to a date (YYYY-MM-DD)', short: 'date' },
  // Decisions
  { command: 'pick', keys: DIGITS, modes: STEP, description: 'Choose option N of the decision here, or again on the step where it was taken (a different choice starts a branch)', short: 'choose', when: 'decision' },
  { command: 'up', keys: ['up', 'k'], modes: ['decision'], description: 'Highlight the previous option', short: 'highlight', statusKey: '↑↓' },
  { command: 'down', keys: ['down', 'j'], modes: ['decision'], description: 'Highlight the next option' },
  { command: 'activate', keys: ['return'], modes: ['decision'], description: 'Take the highlighted option (the first line lets the engine draw)', short: 'take' },
  { command: 'roll', keys: ['r', 'e'], modes: STEP, description: "Let the engine draw this decision by its odds (seeded: the same seed draws the same)", short: 'engine', when: 'pending' },
  { command: 'reveal', keys: ['v'], modes: STEP, description: "Teacher: reveal the predictions and what happened at every decision, or hide them again (role-play and forecast-first hide them until the decision is made)" },
  // Forecast first (src/ui/forecast.ts): the odds stay hidden until the forecast adds up to 100 %
  { command: 'forecastFirst', keys: ['f'], modes: [...STEP, 'forecast'], description: 'Forecast first: at each decision, give a probability for every option before the odds are shown (saved in the run file)', short: 'forecast' },
  { command: 'up', keys: ['up', 'k'], modes: ['forecast'], description: 'Type into the previous option', short: 'option', statusKey: '↑↓' },
  { command: 'down', keys: ['down', 'j', 'tab'], modes: ['forecast'], description: 'Type into the next option' },
  { command: 'type', keys: ['0', ...DIGITS], modes: ['forecast'], description: "Type the selected option's probability in whole percent", short: 'type %', statusKey: '0-9' },
  { command: 'erase', keys: ['backspace'], modes: ['forecast'], description: 'Delete the last digit typed' },
  { command: 'fill', keys: ['='], modes: ['forecast'], description: 'Give the selected option what is left of 100 %', short: 'the rest' },
  { command: 'clear', keys: ['escape', 'ctrl+u'], modes: ['forecast'], description: 'Clear the whole forecast' },
  { command: 'submit', keys: ['return'], modes: ['forecast'], description: 'Record the forecast (it must add up to 100 %); then the odds are shown', short: 'record' },
  { command: 'back', keys: ['left', 'h'], modes: ['forecast'], description: 'Step back one event (the forecast typed so far is kept)' },
  // Why
  { command: 'up', keys: ['up', 'k'], modes: ['why'], description: 'Move the cell cursor up', short: 'pick a cell', statusKey: '↑↓←→' },
  { command: 'down', keys: ['down', 'j'], modes: ['why'], description: 'Move the cell cursor down' },
  { command: 'left', keys: ['left', 'h'], modes: ['why'], description: 'Move the cell cursor left' },
  { command: 'right', keys: ['right', 'l'], modes: ['why'], description: 'Move the cell cursor right' },
  { command: 'next', keys: ['space', '.'], modes: ['why'], description: 'Step forward and keep explaining', short: 'step', when: 'forward' },
  { command: 'back', keys: ['backspace', ','], modes: ['why'], description: 'Step back and keep explaining' },
  // Assumptions
  { command: 'up', keys: ['up', 'k'], modes: ['assumptions'], description: 'Select the previous assumption', short: 'select', statusKey: '↑↓' },
  { command: 'down', keys: ['down', 'j'], modes: ['assumptions'], description: 'Select the next assumption' },
  { command: 'right', keys: ['right', 'l', '+'], modes: ['assumptions'], description: 'Raise the selected assumption by one step (re-simulates at once)', short: 'raise' },
  { command: 'left', keys: ['left', 'h', '-'], modes: ['assumptions'], description: 'Lower the selected assumption by one step (re-simulates at once)', short: 'lower' },
  { command: 'preset', keys: ['tab', 'n'], modes: ['assumptions'], description: 'Switch to the next preset (clears your changes)', short: 'preset' },
  { command: 'reset', keys: ['x', '0'], modes: ['assumptions'], description: "Reset the selected assumption to the preset's value", short: 'reset' },
  { command: 'resetAll', keys: ['X'], modes: ['assumptions'], description: "Reset every assumption to the preset's values" },
  // Branches and comparison
  { command: 'up', keys: ['up', 'k'], modes: ['branches'], description: 'Select the previous branch', short: 'select', statusKey: '↑↓' },
  { command: 'down', keys: ['down', 'j'], modes: ['branches'], description: 'Select the next branch' },
  { command: 'activate', keys: ['return', 'space'], modes: ['branches'], description: 'Switch to the selected branch', short: 'switch' },
  { command: 'compare', keys: ['c'], modes: ['branches'], description: 'Compare the selected branch with the current one', short: 'compare' },
  { command: 'close', keys: ['escape', 'c'], modes: ['compare'], description: 'Back to the branch tree', short: 'back' },
  // Lists
  { command: 'up', keys: ['up', 'k'], modes: ['predictions', 'help', 'compare'], description: 'Scroll up', short: 'scroll', statusKey: '↑↓' },
  { command: 'down', keys: ['down', 'j'], modes: ['predictions', 'help', 'compare'], description: 'Scroll down' },
  { command: 'pageUp', keys: ['pageup', '['], modes: ['why', 'predictions', 'help', 'compare', 'assumptions', 'injects'], description: 'Scroll a page up (where a screen is taller than the terminal)' },
  { command: 'pageDown', keys: ['pagedown', ']'], modes: ['why', 'predictions', 'help', 'compare', 'assumptions', 'injects'], description: 'Scroll a page down' },
  // Roles
  { command: 'up', keys: ['up', 'k'], modes: ['roles'], description: 'Select the previous actor', short: 'select', statusKey: '↑↓' },
  { command: 'down', keys: ['down', 'j'], modes: ['roles'], description: 'Select the next actor' },
  { command: 'toggle', keys: ['space', 'return', 'x'], modes: ['roles'], description: 'Play the selected actor, or hand it back to the engine', short: 'toggle' },
  { command: 'toggleAll', keys: ['*'], modes: ['roles'], description: 'Play every actor, or none', short: 'all' },
  // Teacher injects
  { command: 'up', keys: ['up', 'k'], modes: ['injects'], description: 'Select the previous inject', short: 'select', statusKey: '↑↓' },
  { command: 'down', keys: ['down', 'j'], modes: ['injects'], description: 'Select the next inject' },
  { command: 'toggle', keys: ['space', 'return', 'x'], modes: ['injects'], description: "Insert the selected inject at the cursor's date, or take it out (re-simulates at once)", short: 'at cursor/off' },
  { command: 'atDefault', keys: ['d'], modes: ['injects'], description: 'Insert the selected inject at its default date, or move it there (re-simulates at once)', short: 'default date' },
  // Text prompt (save file name, date) and the quit question
  { command: 'submit', keys: ['return'], modes: ['prompt'], description: 'Confirm what you typed' },
  { command: 'close', keys: ['escape'], modes: ['prompt'], description: 'Cancel' },
  { command: 'erase', keys: ['backspace'], modes: ['prompt'], description: 'Delete the last character (the whole proposal while it is still selected)' },
  { command: 'keep', keys: ['right', 'end'], modes: ['prompt'], description: 'Keep the proposal (shown selected) and edit it; otherwise the first key typed replaces it' },
  { command: 'clear', keys: ['ctrl+u'], modes: ['prompt'], description: 'Clear what you typed' },
  { command: 'yes', keys: ['y'], modes: ['confirm'], description: 'Quit without saving' },
  { command: 'save', keys: ['s'], modes: ['confirm'], description: 'Save, then quit' },
  { command: 'no', keys: ['n', 'escape'], modes: ['confirm'], description: 'Stay (do not quit)' },
  // An assumption or inject change that flips what already happened (the session machine's modal state)
  { command: 'keepBranch', keys: ['b', 'k'], modes: ['change'], description: 'Keep the change as a new branch (this branch stays as it was)', short: 'new branch' },
  { command: 'applyHere', keys: ['a', 'return'], modes: ['change'], description: 'Apply the change to this branch', short: 'apply here' },
  { command: 'no', keys: ['escape', 'n'], modes: ['change'], description: 'Cancel the change', short: 'cancel' },
  { command: 'yes', keys: ['y'], modes: ['overwrite'], description: 'Replace the existing file with this run' },
  { command: 'no', keys: ['n', 'escape'], modes: ['overwrite'], description: 'Keep it, and type another name' },
  // Screens, from anywhere
  { command: 'help', keys: ['?'], modes: 'screens', description: 'Show or hide this help', short: 'help' },
  { command: 'why', keys: ['w'], modes: 'screens', description: 'Why: the ledger of any relation, and the unbalanced triads', short: 'why' },
  { command: 'assumptions', keys: ['a'], modes: 'screens', description: 'Assumptions: adjust them, switch preset, see what changed', short: 'assume' },
  { command: 'branches', keys: ['b'], modes: 'screens', description: 'Branches: the tree of branches; switch or compare', short: 'branches' },
  { command: 'predictions', keys: ['p'], modes: 'screens', description: "Predictions (the article's, an analyst's or the scenario author's): in this branch and in reality", short: 'predictions' },
  { command: 'roles', keys: ['R'], modes: 'screens', description: 'Roles: choose which actors you play', short: 'roles' },
  { command: 'injects', keys: ['i'], modes: 'screens', description: "Teacher injects: insert the scenario's optional events at the cursor's date, or take them out", short: 'injects' },
  { command: 'save', keys: ['s'], modes: 'screens', description: 'Save the session, every branch, as a session file (geosim play --load reads it)', short: 'save' },
  { command: 'export', keys: ['E'], modes: 'screens', description: 'Export this branch as a run file (geosim replay and geosim report read it)' },
  { command: 'theme', keys: ['T'], modes: 'screens', description: 'Switch the theme: the projector theme paints a light background with high-contrast colours and no dimmed text (geosim play --theme projector starts with it)' },
  { command: 'close', keys: ['escape'], modes: 'screens', description: 'Close this screen, back to the main view', short: 'close' },
  { command: 'quit', keys: ['q'], modes: 'screens', description: 'Quit (asks first when there is unsaved work)', short: 'quit' },
  { command: 'interrupt', keys: ['ctrl+c'], modes: 'everywhere', description: 'Quit now (asks once when there is unsaved work)' },
];

function applies(b: Binding, mode: Mode): boolean {
  if (b.modes === 'everywhere') return true;
  if (b.modes === 'screens') return mode !== 'prompt' && mode !== 'confirm' && mode !== 'overwrite' && mode !== 'change';
  return b.modes.includes(mode);
}

/** The binding a key triggers in a mode, if any. */
export function bindingFor(mode: Mode, key: string): Binding | undefined {
  return BINDINGS.find((b) => applies(b, mode) && b.keys.includes(key));
}

export function commandFor(mode: Mode, key: string): Command | undefined {
  return bindingFor(mode, key)?.command;
}

/** The rows of a mode that are still reachable (a key shadowed by an earlier row is left out). */
export function bindingsIn(mode: Mode): { binding: Binding; keys: string[] }[] {
  const out: { binding: Binding; keys: string[] }[] = [];
  for (const b of BINDINGS) {
    if (!applies(b, mode)) continue;
    const keys = b.keys.filter((k) => bindingFor(mode, k) === b);
    if (keys.length) out.push({ binding: b, keys });
  }
  return out;
}

/** How a row's keys are written in the help: digits collapse to a range. */
export function keysLabel(keys: readonly string[]): string {
  const digits = keys.filter((k) => /^[1-9]$/.test(k));
  const rest = keys.filter((k) => !/^[1-9]$/.test(k)).map(keyLabel);
  return [...(digits.length > 1 ? [`${digits[0]}-${digits[digits.length - 1]}`] : digits), ...rest].join(' ');
}

/**
 * Status-line entries for a mode: the first key of each row that has a short label; with `now` (what holds at
 * the cursor), only the rows that matter now.
 */
export function statusKeys(mode: Mode, now?: ReadonlySet<Need>): { key: string; label: string }[] {
  return bindingsIn(mode)
    .filter((r) => r.binding.short && (!now || !r.binding.when || now.has(r.binding.when)))
    .map((r) => ({
      key: r.binding.statusKey ?? (r.binding.command === 'pick' ? keysLabel(r.keys).split(' ')[0]! : keyLabel(r.keys[0]!)),
      label: r.binding.short!,
    }));
}

export const MODE_TITLES: Record<Mode, string> = {
  main: 'Main view',
  decision: 'At a decision',
  why: 'Why',
  assumptions: 'Assumptions',
  branches: 'Branches',
  compare: 'Comparing two branches',
  predictions: 'Predictions',
  roles: 'Roles',
  injects: 'Teacher injects',
  help: 'Help',
  prompt: 'Typing a file name or a date',
  confirm: 'Quit with unsaved work',
  overwrite: 'Saving over another run file',
  forecast: 'Forecasting a decision (forecast first)',
  change: 'A change that flips what already happened',
};
