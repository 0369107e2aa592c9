/** Keys of the secondary screens: why, assumptions, branches, roles, the scrolling lists and the text prompt. */
import { formatDay, parseDay } from '../core/date.js';
import { assumptionValues, atEnd, blockedAtTip, branchOf, currentState } from '../machines/selectors.js';
import type { Command } from './keys.js';
import type { UiState } from './ui-state.js';
import { info, sendAndReport, type KeyResult, type SessionPort } from './port.js';
import { branchTree } from '../machines/view/branches.js';
import { branchLabel, playableActors } from '../machines/view/labels.js';
import { pageFrom } from '../machines/view/ledger.js';
import { fitEntries, ledgerEntries, whyGeometry } from './components/why-lines.js';
import { postureLineCount } from '../machines/view/postures.js';
import { mainLayout, postureWidth, screenBox, type View } from './layout.js';
import { helpLines } from './components/HelpScreen.js';
import { predictionLines } from './components/PredictionsScreen.js';
import { assumptionLines } from './components/AssumptionsScreen.js';
import { injectLines } from './components/InjectsScreen.js';
import { compareLines } from './components/CompareScreen.js';
import { scrollMax } from './components/scroll.js';
import type { SessionData } from '../machines/session-logic.js';

const PAGE = 8;

/**
 * Scrolls help and predictions within what there is to show: past the end the offset stays at the last page,
 * so the first key back moves at once (issue 13: no hidden offset growing under `]`).
 */
export function scrollKey(ui: UiState, cmd: Command, max = Infinity): UiState | undefined {
  const by: Partial<Record<Command, number>> = { up: -1, down: 1, pageUp: -PAGE, pageDown: PAGE };
  const d = by[cmd];
  return d === undefined ? undefined : { ...ui, scroll: clampScroll(ui.scroll + d, max) };
}

export function clampScroll(offset: number, max: number): number {
  return Math.max(0, Math.min(offset, Math.max(0, max)));
}

/** The largest useful offset of the scrolling screen open now (help or predictions), as its view lays it out. */
export function maxScroll(ui: UiState, d: SessionData, view: View): number {
  const { width, height } = screenBox(view);
  if (ui.screen === 'help') return helpLines(width, d.scenario.bands).length - height;
  if (ui.screen === 'predictions') return predictionLines(d, width).length - 1 - (height - 1);
  if (ui.screen === 'assumptions') return scrollMax(assumptionLines(d, ui.assumption, view.live ?? { status: 'off' }, width, height).length, height);
  if (ui.screen === 'injects') return scrollMax(injectLines(d, ui.inject, width, height).length, height);
  if (ui.screen === 'compare' && ui.compare) return scrollMax(compareLines(d, ui.compare, width, height).length, height);
  return Infinity;
}

/** A page of the why ledger: the first entry of the next or previous screenful, as the screen lays it out. */
function whyPage(ui: UiState, d: SessionData, view: View, dir: 1 | -1): number {
  const box = screenBox(view);
  const L = mainLayout(view.columns, view.rows, d.scenario.actors.length, postureWidth(d.scenario), (n) => postureLineCount(d.scenario, n));
  const g = whyGeometry(d, ui.cell, box.width, box.height, L.cellW);
  const heights = fitEntries(ledgerEntries(d, g.from, g.to, box.width).entries, g.room - 2).map((e) => e.length);
  return pageFrom(heights, ui.scroll, g.room - 1, dir);
}

export function whyKey(ui: UiState, cmd: Command, port: SessionPort, view: View): UiState | undefined {
  const n = port.data().scenario.actors.length;
  const [r, c] = ui.cell;
  const wrapMove = (x: number) => (x + n) % n;
  switch (cmd) {
    case 'up':
    case 'down': {
      // One row per press, never two: on the diagonal the cursor steps aside to the next column, and comes
      // back to the column aimed at on the following row.
      const aim = ui.cellAim ?? c;
      const nr = wrapMove(r + (cmd === 'up' ? -1 : 1));
      const nc = nr !== aim ? aim : aim + 1 < n ? aim + 1 : aim - 1;
      return { ...ui, cell: [nr, nc], cellAim: aim, scroll: 0 };
    }
    case 'left':
    case 'right': {
      let nc = wrapMove(c + (cmd === 'left' ? -1 : 1));
      if (nc === r) nc = wrapMove(nc + (cmd === 'left' ? -1 : 1));
      return { ...ui, cell: [r, nc], cellAim: nc, scroll: 0 };
    }
    case 'next':
    case 'back': {
      const before = port.data();
      const next = sendAndReport(ui, port, { type: cmd === 'next' ? 'NEXT' : 'BACK' });
      return port.data() === before && !next.message ? { ...next, message: info(cmd === 'next' ? 'Cannot step forward here' : 'Already at the start') } : next;
    }
    case 'pageDown':
    case 'pageUp':
      // By whole entries, a screenful at a time: a term's detail line never shows without the term.
      return { ...ui, scroll: whyPage(ui, port.data(), view, cmd === 'pageDown' ? 1 : -1) };
    default:
      return undefined;
  }
}

function decimals(step: number): number {
  const s = String(step);
  return s.includes('.') ? s.length - s.indexOf('.') - 1 : 0;
}

export function assumptionsKey(ui: UiState, cmd: Command, port: SessionPort): UiState | undefined {
  const d = port.data();
  const list = d.scenario.assumptions;
  if (!list.length) return undefined;
  const sel = Math.min(ui.assumption, list.length - 1);
  const a = list[sel]!;
  const presetValues = assumptionValues(d, {});
  const assume = (preset: string, overrides: Record<string, number>) => sendAndReport(ui, port, { type: 'ASSUME', preset, overrides });
  switch (cmd) {
    case 'up':
      return { ...ui, assumption: Math.max(0, sel - 1), scroll: 0 };
    case 'down':
      return { ...ui, assumption: Math.min(list.length - 1, sel + 1), scroll: 0 };
    case 'left':
    case 'right': {
      const now = assumptionValues(d)[a.id]!;
      const raw = now + (cmd === 'right' ? a.step : -a.step);
      const v = Number(Math.min(a.max, Math.max(a.min, raw)).toFixed(decimals(a.step)));
      if (v === now) return { ...ui, message: info(`${a.label} is already at its ${cmd === 'right' ? 'maximum' : 'minimum'} (${v})`) };
      const overrides: Record<string, number> = { ...d.overrides, [a.id]: v };
      if (presetValues[a.id] === v) delete overrides[a.id];
      return assume(d.preset, overrides);
    }
    case 'preset': {
      const i = d.scenario.presets.findIndex((p) => p.id === d.preset);
      const p = d.scenario.presets[(i + 1) % d.scenario.presets.length]!;
      return { ...assume(p.id, {}), message: info(`Preset: ${p.label}`) };
    }
    case 'reset': {
      if (!(a.id in d.overrides)) return { ...ui, message: info(`${a.label} already has the preset's value`) };
      const { [a.id]: _gone, ...rest } = d.overrides;
      return assume(d.preset, rest);
    }
    case 'resetAll':
      return assume(d.preset, {});
    default:
      return undefined;
  }
}

export function branchesKey(ui: UiState, cmd: Command, port: SessionPort): UiState | undefined {
  const d = port.data();
  const rows = branchTree(d);
  const at = Math.max(0, rows.findIndex((r) => r.id === ui.branch));
  switch (cmd) {
    case 'up':
    case 'down': {
      const i = Math.max(0, Math.min(rows.length - 1, at + (cmd === 'up' ? -1 : 1)));
      return { ...ui, branch: rows[i]!.id };
    }
    case 'activate': {
      const next = sendAndReport(ui, port, { type: 'BRANCH', id: ui.branch });
      return next.message ? next : { ...next, message: info(`On branch #${ui.branch}: ${branchLabel(d.scenario, d.branches[ui.branch]?.label ?? '')}`) };
    }
    case 'compare': {
      // The selected branch against the current one; the current one alone: against its parent, just after the fork.
      const parent = d.branches[d.current]!.parent;
      if (ui.branch === d.current && parent === null) return { ...ui, message: info('Select another branch (↑↓) to compare with the current one') };
      return { ...ui, screen: 'compare', scroll: 0, compare: [d.current, ui.branch === d.current ? parent! : ui.branch] };
    }
    default:
      return undefined;
  }
}

export function rolesKey(ui: UiState, cmd: Command, port: SessionPort): UiState | undefined {
  const d = port.data();
  const ids = playableActors(d.scenario).map((a) => a.id);
  const sel = Math.min(ui.role, ids.length - 1);
  switch (cmd) {
    case 'up':
      return { ...ui, role: Math.max(0, sel - 1) };
    case 'down':
      return { ...ui, role: Math.min(ids.length - 1, sel + 1) };
    case 'toggle': {
      const id = ids[sel]!;
      const roles = d.roles.includes(id) ? d.roles.filter((r) => r !== id) : ids.filter((x) => x === id || d.roles.includes(x));
      return sendAndReport(ui, port, { type: 'ROLES', roles });
    }
    case 'toggleAll':
      return sendAndReport(ui, port, { type: 'ROLES', roles: d.roles.length === ids.length ? [] : ids });
    default:
      return undefined;
  }
}

/** Why a typed date cannot be gone to, or undefined when it can. */
function dateError(text: string, start: number): string | undefined {
  const day = parseDay(text);
  if (day === undefined) return `not a date: ${text || '(empty)'} (YYYY-MM-DD)`;
  if (day < start) return `before the scenario starts (${formatDay(start)})`;
  return undefined;
}

/** After going to `day`: where the cursor stopped, when that is not simply the last step on or before it. */
function dateReport(port: SessionPort, day: number): UiState['message'] {
  const d = port.data();
  const b = branchOf(d);
  const s = currentState(d);
  if (s.date >= day || b.cursor < b.states.length - 1) return null;
  if (atEnd(d)) return info(`The scenario ends on ${formatDay(s.date)}: the cursor is at its end`);
  if (blockedAtTip(d)) return info(`Stopped at your decision on ${formatDay(s.date)}: choose to go on`);
  return null;
}

/**
 * The save-file and date prompts: printable keys edit the text (the first one replaces a proposal still
 * selected); enter confirms, or says in the prompt why it cannot.
 */
export function promptKey(ui: UiState, key: string, cmd: Command | undefined, port: SessionPort): KeyResult {
  const o = ui.overlay;
  if (!o || o.kind === 'quit' || o.kind === 'overwrite') return { ui, effects: [] };
  const quitAfter = o.quit ? { quit: true } : {};
  const edit = (text: string): KeyResult => ({ ui: { ...ui, overlay: { kind: o.kind, text, ...quitAfter } }, effects: [] });
  if (cmd === 'close') return { ui: { ...ui, overlay: null, message: info('Cancelled') }, effects: [] };
  if (cmd === 'clear') return edit('');
  if (cmd === 'keep') return edit(o.text);
  if (cmd === 'erase') return edit(o.fresh ? '' : o.text.slice(0, -1));
  if (cmd === 'submit') {
    const text = o.text.trim();
    const refuse = (error: string): KeyResult => ({ ui: { ...ui, overlay: { ...o, error } }, effects: [] });
    if (o.kind === 'save') {
      if (!text) return refuse('type a file name');
      return { ui: { ...ui, overlay: null, savePath: text }, effects: [{ kind: 'save', path: text, quit: o.quit ?? false, format: 'session' }] };
    }
    if (o.kind === 'export') {
      if (!text) return refuse('type a file name');
      return { ui: { ...ui, overlay: null }, effects: [{ kind: 'save', path: text, quit: o.quit ?? false, format: 'run' }] };
    }
    const error = dateError(text, port.data().scenario.start);
    if (error) return refuse(error);
    const day = parseDay(text)!;
    const next = sendAndReport({ ...ui, overlay: null }, port, { type: 'DATE', day });
    return { ui: next.message ? next : { ...next, message: dateReport(port, day) }, effects: [] };
  }
  const typed = key === 'space' ? ' ' : key.length === 1 ? key : '';
  if (!typed) return { ui: o.error ? { ...ui, overlay: { ...o, error: undefined } } : ui, effects: [] };
  return edit(o.fresh ? typed : o.text + typed);
}
