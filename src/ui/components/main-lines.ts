/** The main view's parts as lines: header, timeline, the matrix with postures and tension, and the status line. */
import type { SessionData } from '../../machines/session-logic.js';
import { branchOf, currentState, cursorOf, previousState } from '../../machines/selectors.js';
import { formatDay } from '../../core/date.js';
import { statusKeys, type Mode, type Need } from '../keys.js';
import { timelineRows, timelineWindow, type TimelineRow } from '../../machines/view/timeline.js';
import { matrixView, worldTension } from '../../machines/view/matrix.js';
import { branchLabel } from '../../machines/view/labels.js';
import { postureLineGroups, postureText, posturesView } from '../../machines/view/postures.js';
import { rounded, shownChange } from '../../machines/view/numbers.js';
import { padEnd, signed, truncate } from '../../machines/view/text.js';
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
  const s = cursorOf(b);
  const total = Math.max(b.cursor, timelineRows(d).length - 1);
  const who = d.roles.length === d.scenario.actors.length ? 'you play all' : d.roles.length ? `you: ${d.roles.join(',')}` : 'you play no one';
  const preset = d.scenario.presets.find((p) => p.id === d.preset)?.label ?? d.preset;
  const branch = `#${b.id} ${b.name ?? branchLabel(d.scenario, b.label)}`;
  // From the fullest to the most compact; the first that leaves the title some room is used (80 columns take
  // the last ones).
  const variants = [
    [`step ${b.cursor} of ${total}`, `seed ${d.seed}`, truncate(preset, 18), `forecast-first ${(extras.forecastFirst ?? d.forecastFirst) ? 'on' : 'off'}`, truncate(branch, 18), who],
    [`step ${b.cursor} of ${total}`, `seed ${d.seed}`, truncate(preset, 14), `forecast-first ${(extras.forecastFirst ?? d.forecastFirst) ? 'on' : 'off'}`, truncate(branch, 10), who],
    [`step ${b.cursor} of ${total}`, `seed ${d.seed}`, truncate(preset, 12), `forecast ${(extras.forecastFirst ?? d.forecastFirst) ? 'on' : 'off'}`, who],
    [`step ${b.cursor} of ${total}`, `seed ${d.seed}`, truncate(preset, 8), `forecast ${(extras.forecastFirst ?? d.forecastFirst) ? 'on' : 'off'}`, truncate(who, 12)],
  ].map((parts) => ` ${[formatDay(s.date), ...parts, ...(d.dirty ? ['● unsaved'] : [])].join(' · ')}`);
  // The most compact: the preset by its id, forecast-first only when on, and at last ● alone for unsaved work.
  const ff = (extras.forecastFirst ?? d.forecastFirst) ? ['forecast on'] : [];
  const compactWho = d.roles.length === d.scenario.actors.length ? ['you: all'] : d.roles.length ? [truncate(`you: ${d.roles.join(',')}`, 12)] : [];
  for (const mark of d.dirty ? ['● unsaved', '●'] : ['']) {
    variants.push(` ${[formatDay(s.date), `step ${b.cursor} of ${total}`, `seed ${d.seed}`, truncate(d.preset, 8), ...ff, ...compactWho, ...(mark ? [mark] : [])].join(' · ')}`);
  }
  // The title keeps at least 14 columns; where even the most compact line leaves it less (80 columns with
  // unsaved work), the title gives way to the facts, which are never cut (the start screen has the title).
  const fits = variants.find((v) => v.length <= width - 14);
  const right = fits ?? variants.find((v) => v.length <= width - 7) ?? variants[variants.length - 1]!;
  const left = fits ? `geosim │ ${d.scenario.title}` : 'geosim';
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

/**
 * The matrix, the postures and the tension at the cursor. `postures`: each actor's posture now, as the session's
 * country actors hold it (selectors.ts `posturesNow`); what changed is read against the step before.
 */
export function sideLines(d: SessionData, postures: Readonly<Record<string, string>>, width: number, cellW: CellW, perLine: number, postureW = 25): LineSpec[] {
  const s = currentState(d);
  const prev = previousState(d);
  const lines = matrixLines(matrixView(d.scenario, s, prev), { cellW });
  // Every chart of each actor (its own and its named ones, ACTOR.chart); an actor with several has a line of its own.
  for (const group of postureLineGroups(d.scenario, posturesView(d.scenario, { postures }, prev), perLine)) {
    const slot = group.own ? Math.max(postureW, width) : postureW;
    lines.push(
      group.items.flatMap((p): Seg[] => {
        const changed = p.charts.some((c) => c.changed);
        return [
          { text: `${p.actor} `, bold: true },
          { text: padEnd(postureText(p), slot - 5) + ' ', role: changed ? 'warn' : p.charts.some((c) => c.state !== undefined) ? 'accent' : 'dim' },
        ];
      }),
    );
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
/** The other screens in the order a class needs them (issue 13: s, p, i, b, R reachable at 100 columns). */
const SCREEN_ORDER = ['save', 'predictions', 'injects', 'branches', 'roles', 'why', 'assume'];
/** Keys of this mode that give way to the screens above when room is short. */
const LESSER = new Set(['date', 'forecast']);

/**
 * The keys that matter now, by priority: at a decision its own keys; then this mode's moves; then the screens
 * (save, predictions, injects, branches, roles, why, assume); then the lesser keys of the mode. Help and quit
 * are always there, at the end; when a key had no room, `… ?` says the rest is in the help.
 */
export function statusLine(mode: Mode, width: number, now?: ReadonlySet<Need>): LineSpec {
  const all = statusKeys(mode, now).filter((k) => !(k.label === 'close' && (mode === 'main' || mode === 'decision')));
  const globals = new Set(['help', 'close', 'quit']);
  const screens = new Set(SCREEN_ORDER);
  const size = (k: { key: string; label: string }) => k.key.length + 1 + k.label.length + 2;
  const tail = all.filter((k) => globals.has(k.label));
  const MORE = { key: '…', label: '?' };
  let room = width - tail.reduce((a, k) => a + size(k), 0) - size(MORE);
  const own = all.filter((x) => !globals.has(x.label) && !screens.has(x.label));
  const first = mode === 'decision' ? own.filter((x) => DECIDING.has(x.label)) : [];
  const moves = own.filter((x) => !first.includes(x) && !LESSER.has(x.label));
  const byScreen = all.filter((x) => screens.has(x.label)).sort((a, b) => SCREEN_ORDER.indexOf(a.label) - SCREEN_ORDER.indexOf(b.label));
  const wanted = [...first, ...moves, ...byScreen, ...own.filter((x) => LESSER.has(x.label))];
  const kept = new Set<(typeof all)[number]>();
  for (const k of wanted) {
    if (size(k) > room) continue;
    kept.add(k);
    room -= size(k);
  }
  // Shown in the order of priority: what the user is asked for first, help and quit last.
  const head = wanted.filter((k) => kept.has(k));
  const dropped = kept.size < wanted.length;
  return [...head, ...(dropped ? [MORE] : []), ...tail].flatMap((k): Seg[] => [
    { text: k.key, role: 'accent', bold: true },
    { text: ` ${k.label}  `, dim: true },
  ]);
}
