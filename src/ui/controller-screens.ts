/** Keys of the secondary screens: why, assumptions, branches, roles, the scrolling lists and the text prompt. */
import { resolveAssumptions } from '../core/run.js';
import { parseDay } from '../core/date.js';
import type { Command } from './keys.js';
import type { UiState } from './ui-state.js';
import { fail, info, sendAndReport, type KeyResult, type SessionPort } from './port.js';
import { branchTree } from './view/branches.js';

const PAGE = 8;

export function scrollKey(ui: UiState, cmd: Command): UiState | undefined {
  const by: Partial<Record<Command, number>> = { up: -1, down: 1, pageUp: -PAGE, pageDown: PAGE };
  const d = by[cmd];
  // The views clamp the offset to what there is to show.
  return d === undefined ? undefined : { ...ui, scroll: Math.max(0, ui.scroll + d) };
}

export function whyKey(ui: UiState, cmd: Command, port: SessionPort): UiState | undefined {
  const n = port.data().scenario.actors.length;
  const [r, c] = ui.cell;
  const wrapMove = (x: number) => (x + n) % n;
  switch (cmd) {
    case 'up':
    case 'down': {
      let nr = wrapMove(r + (cmd === 'up' ? -1 : 1));
      if (nr === c) nr = wrapMove(nr + (cmd === 'up' ? -1 : 1));
      return { ...ui, cell: [nr, c], scroll: 0 };
    }
    case 'left':
    case 'right': {
      let nc = wrapMove(c + (cmd === 'left' ? -1 : 1));
      if (nc === r) nc = wrapMove(nc + (cmd === 'left' ? -1 : 1));
      return { ...ui, cell: [r, nc], scroll: 0 };
    }
    case 'next':
    case 'back': {
      const before = port.data();
      const next = sendAndReport(ui, port, { type: cmd === 'next' ? 'NEXT' : 'BACK' });
      return port.data() === before && !next.message ? { ...next, message: info(cmd === 'next' ? 'Cannot step forward here' : 'Already at the start') } : next;
    }
    default:
      return scrollKey(ui, cmd);
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
  const presetValues = resolveAssumptions(d.scenario, d.preset, {});
  const assume = (preset: string, overrides: Record<string, number>) => sendAndReport(ui, port, { type: 'ASSUME', preset, overrides });
  switch (cmd) {
    case 'up':
      return { ...ui, assumption: Math.max(0, sel - 1) };
    case 'down':
      return { ...ui, assumption: Math.min(list.length - 1, sel + 1) };
    case 'left':
    case 'right': {
      const now = resolveAssumptions(d.scenario, d.preset, d.overrides)[a.id]!;
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
      return next.message ? next : { ...next, message: info(`On branch #${ui.branch}: ${d.branches[ui.branch]?.label ?? ''}`) };
    }
    case 'compare':
      if (ui.branch === d.current) return { ...ui, message: info('Select another branch (↑↓) to compare with the current one') };
      return { ...ui, screen: 'compare', compare: [d.current, ui.branch] };
    default:
      return undefined;
  }
}

export function rolesKey(ui: UiState, cmd: Command, port: SessionPort): UiState | undefined {
  const d = port.data();
  const ids = d.scenario.actors.map((a) => a.id);
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

/** The save-file and date prompts: printable keys edit the text. */
export function promptKey(ui: UiState, key: string, cmd: Command | undefined, port: SessionPort): KeyResult {
  const o = ui.overlay;
  if (!o || o.kind === 'quit') return { ui, effects: [] };
  if (cmd === 'interrupt') return { ui: { ...ui, overlay: null }, effects: [] };
  if (cmd === 'close') return { ui: { ...ui, overlay: null, message: info('Cancelled') }, effects: [] };
  if (cmd === 'clear') return { ui: { ...ui, overlay: { ...o, text: '' } }, effects: [] };
  if (cmd === 'submit') {
    const text = o.text.trim();
    if (o.kind === 'save') {
      if (!text) return { ui: { ...ui, message: fail('Type a file name') }, effects: [] };
      return { ui: { ...ui, overlay: null, savePath: text }, effects: [{ kind: 'save', path: text, quit: false }] };
    }
    const day = parseDay(text);
    if (day === undefined) return { ui: { ...ui, message: fail(`'${text}' is not a date YYYY-MM-DD`) }, effects: [] };
    return { ui: sendAndReport({ ...ui, overlay: null }, port, { type: 'DATE', day }), effects: [] };
  }
  const text = key === 'backspace' ? o.text.slice(0, -1) : key === 'space' ? `${o.text} ` : key.length === 1 ? o.text + key : o.text;
  return { ui: { ...ui, overlay: { ...o, text } }, effects: [] };
}
