/** The main view's parts as lines: header, timeline, the matrix with postures and tension, and the status line. */
import type { SessionData } from '../../machines/session-logic.js';
import { branchOf } from '../../machines/session-logic.js';
import { formatDay } from '../../core/date.js';
import { statusKeys, type Mode, type Need } from '../keys.js';
import { timelineRows, timelineWindow, type TimelineRow } from '../view/timeline.js';
import { matrixView, worldTension } from '../view/matrix.js';
import { branchLabel, postureShort } from '../view/labels.js';
import { rounded, shownChange } from '../view/numbers.js';
import { padEnd, signed, truncate } from '../view/text.js';
import { matrixLines, type CellW } from './matrix-lines.js';
import type { LineSpec, Seg } from './Line.js';

export interface HeaderExtras {
  readonly forecastFirst?: boolean;
}

/**
 * Where you are in the whole scenario ("step 12 of 50": the steps so far and the events still on the agenda),
 * the seed, the preset (its label), forecast-first, the branch and whom you play. The title gives way first.
 */
export function headerLine(d: SessionData, width: number, extras: HeaderExtras = {}): LineSpec {
  const b = branchOf(d);
  const s = b.states[b.cursor]!;
  const total = Math.max(b.cursor, timelineRows(d).length - 1);
  const who = d.roles.length === d.scenario.actors.length ? 'you play all' : d.roles.length ? `you: ${d.roles.join(',')}` : 'you play no one';
  const preset = d.scenario.presets.find((p) => p.id === d.preset)?.label ?? d.preset;
  const branch = `#${b.id} ${branchLabel(d.scenario, b.label)}`;
  // From the fullest to the most compact; the first that leaves the title some room is used (80 columns take
  // the last ones).
  const variants = [
    [`step ${b.cursor} of ${total}`, `seed ${d.seed}`, truncate(preset, 18), `forecast-first ${extras.forecastFirst ? 'on' : 'off'}`, truncate(branch, 18), who],
    [`step ${b.cursor} of ${total}`, `seed ${d.seed}`, truncate(preset, 14), `forecast-first ${extras.forecastFirst ? 'on' : 'off'}`, truncate(branch, 10), who],
    [`step ${b.cursor} of ${total}`, `seed ${d.seed}`, truncate(preset, 12), `forecast ${extras.forecastFirst ? 'on' : 'off'}`, who],
    [`step ${b.cursor} of ${total}`, `seed ${d.seed}`, truncate(preset, 8), `forecast ${extras.forecastFirst ? 'on' : 'off'}`, truncate(who, 12)],
  ].map((parts) => ` ${[formatDay(s.date), ...parts, ...(d.dirty ? ['● unsaved'] : [])].join(' · ')}`);
  const right = variants.find((v) => v.length <= width - 14) ?? variants[variants.length - 1]!;
  const left = `geosim │ ${d.scenario.title}`;
  return [
    { text: padEnd(left, Math.max(0, width - right.length)), role: 'title', bold: true },
    { text: truncate(right, width), role: d.dirty ? 'warn' : 'dim' },
  ];
}

function mark(r: TimelineRow): string {
  if (r.forks.length) return '⑂';
  if (r.inject && (r.kind === 'event' || r.kind === 'upcoming')) return '✚';
  switch (r.kind) {
    case 'decision':
      return r.by === 'user' ? '◆' : '◇';
    case 'waiting':
      return '?';
    case 'skipped':
      return '×';
    case 'upcoming':
      return '·';
    case 'start':
      return '○';
    default:
      return ' ';
  }
}

function rowTitle(r: TimelineRow, roles: readonly string[]): string {
  const forks = r.forks.length ? ` ⑂#${r.forks.join(',#')}` : '';
  // "(you)" only for an actor you play; a decision you picked for another actor says so.
  if (r.kind === 'decision') return `${r.actor ?? ''}${r.by === 'user' ? (roles.includes(r.actor ?? '') ? ' (you)' : ' (your pick)') : ''}: ${r.option ?? ''}${forks}`;
  return `${r.title}${forks}`;
}

export function timelineLines(d: SessionData, width: number, height: number): LineSpec[] {
  const rows = timelineRows(d);
  const { rows: shown } = timelineWindow(rows, Math.max(1, height - 1));
  const past = rows.filter((r) => r.step !== null).length - 1;
  const lines: LineSpec[] = [[{ text: padEnd(`Timeline · ${past} steps so far`, width), bold: true }]];
  for (const r of shown) {
    const future = r.step === null;
    const text = `${r.cursor ? '▶' : ' '}${mark(r)} ${r.date} ${rowTitle(r, d.roles)}`;
    lines.push([
      {
        text: padEnd(text, width),
        inverse: r.cursor,
        bold: r.kind === 'decision' || r.kind === 'waiting',
        dim: future && r.kind === 'upcoming',
        role: r.cursor ? 'cursor' : r.forks.length ? 'branch' : r.inject && !future ? 'warn' : r.kind === 'waiting' ? 'warn' : r.kind === 'decision' ? 'accent' : r.kind === 'skipped' ? 'dim' : undefined,
      },
    ]);
  }
  return lines;
}

export function sideLines(d: SessionData, width: number, cellW: CellW, perLine: number, postureW = 25): LineSpec[] {
  const b = branchOf(d);
  const s = b.states[b.cursor]!;
  const prev = b.cursor > 0 ? b.states[b.cursor - 1] : undefined;
  const lines = matrixLines(matrixView(d.scenario, s, prev), { cellW });
  const changed = new Set(prev ? Object.keys(s.postures).filter((a) => prev.postures[a] !== s.postures[a]) : []);
  const ids = d.scenario.actors.map((a) => a.id);
  for (let i = 0; i < ids.length; i += perLine) {
    const line: Seg[] = [];
    for (const id of ids.slice(i, i + perLine)) {
      const p = s.postures[id];
      line.push({ text: `${id} `, bold: true });
      line.push({ text: padEnd(`${postureShort(p)}${changed.has(id) ? '*' : ''}`, postureW - 5) + ' ', role: changed.has(id) ? 'warn' : p ? 'accent' : 'dim' });
    }
    lines.push(line);
  }
  const t = worldTension(d.scenario, s);
  const dt = prev ? shownChange(worldTension(d.scenario, prev), t, 1) : 0;
  const barW = Math.max(5, Math.min(30, width - 28));
  const filled = Math.round((t / 100) * barW);
  lines.push([
    { text: 'World tension ', bold: true },
    { text: '█'.repeat(filled), role: t >= 60 ? 'bad' : t >= 40 ? 'warn' : 'good' },
    { text: '░'.repeat(barW - filled), dim: true },
    { text: ` ${rounded(t, 1).toFixed(1)}` },
    { text: dt !== 0 ? ` ${dt > 0 ? '▲' : '▼'}${signed(dt, 1)}` : '', role: dt > 0 ? 'bad' : 'good' },
  ]);
  return lines;
}

const DECIDING = new Set(['choose', 'highlight', 'take', 'engine']);

/**
 * The keys that matter now: this mode's own first, then the other screens as room allows; help and quit are
 * always there (at the end, their room kept).
 */
export function statusLine(mode: Mode, width: number, now?: ReadonlySet<Need>): LineSpec {
  const all = statusKeys(mode, now).filter((k) => !(k.label === 'close' && (mode === 'main' || mode === 'decision')));
  const globals = new Set(['help', 'close', 'quit']);
  const screens = new Set(['why', 'assume', 'branches', 'predictions', 'roles', 'injects', 'save']);
  const size = (k: { key: string; label: string }) => k.key.length + 1 + k.label.length + 2;
  const tail = all.filter((k) => globals.has(k.label));
  let room = width - tail.reduce((a, k) => a + size(k), 0);
  const head: typeof all = [];
  // At a decision, its own keys first: they are what the user is asked for.
  const own = all.filter((x) => !globals.has(x.label) && !screens.has(x.label));
  const first = mode === 'decision' ? own.filter((x) => DECIDING.has(x.label)) : [];
  for (const k of [...first, ...own.filter((x) => !first.includes(x)), ...all.filter((x) => screens.has(x.label))]) {
    if (size(k) > room) continue;
    head.push(k);
    room -= size(k);
  }
  return [...head, ...tail].flatMap((k): Seg[] => [
    { text: k.key, role: 'accent', bold: true },
    { text: ` ${k.label}  `, dim: true },
  ]);
}
