/**
 * Teacher injects: the scenario's optional events, which are inserted in this session and at what date; the
 * highlighted one's text and sources; below, what the last change moved (the machine's report, as on the
 * assumptions screen).
 */
import type { SessionData } from '../../machines/session-logic.js';
import { formatDay } from '../../core/date.js';
import { cursorDate, injectRows } from '../injects.js';
import { sourcesShort } from '../../machines/view/sources.js';
import { padEnd, wrap } from '../../machines/view/text.js';
import { timelineWindow } from '../../machines/view/timeline.js';
import { resimLines } from './AssumptionsScreen.js';
import { Lines, type LineSpec } from './Line.js';
import { scrollWindow } from './scroll.js';

export function injectLines(d: SessionData, selected: number, width: number, height: number): LineSpec[] {
  const rows = injectRows(d);
  if (!rows.length) {
    return [[{ text: 'This scenario declares no injects: a teacher adds them under `injects:` in the scenario file (docs/scenario-format.md).', dim: true }]];
  }
  const here = formatDay(cursorDate(d));
  const lines: LineSpec[] = [
    ...wrap(
      `Step the main view to where the event should happen (now ${here}), then insert it here: space at the cursor's date, d at its default date; space again takes it out. The run re-simulates at once.`,
      width,
    ).map((l): LineSpec => [{ text: l, dim: true }]),
    '',
  ];
  const sel = Math.min(selected, rows.length - 1);
  const titleW = Math.max(16, width - 30);
  const listH = Math.min(rows.length, Math.max(3, height - 10));
  const shown = timelineWindow(rows.map((r, i) => ({ r, cursor: i === sel })), listH).rows;
  for (const { r, cursor } of shown) {
    const on = r.dates.length > 0;
    const def = r.event?.date !== undefined ? `default ${formatDay(r.event.date)}` : 'no default date';
    lines.push([
      { text: cursor ? '▶ ' : '  ', role: 'cursor' },
      { text: on ? '[✚] ' : '[ ] ', bold: true, role: on ? 'warn' : 'dim' },
      { text: padEnd(r.event?.title ?? r.id, titleW), inverse: cursor, bold: on },
      on ? { text: `  on ${r.dates.map(formatDay).join(', ')}`, role: 'warn', bold: true } : { text: `  ${def}`, dim: true },
    ]);
  }
  const row = rows[sel]!;
  lines.push('');
  const src = row.event ? sourcesShort(d.scenario, row.event.sources) : '';
  const def = row.event?.date !== undefined ? ` Default date ${formatDay(row.event.date)}.` : '';
  // The selected one in full (its title too, which the list may cut), then what the last change moved.
  lines.push(...wrap(row.event?.title ?? row.id, width).map((l): LineSpec => [{ text: l, bold: true }]));
  const about = wrap(`${row.id}: ${row.event?.text ?? ''}${def}${src ? ` (${src})` : ''}`, width - 2);
  lines.push(...about.map((l): LineSpec => [{ text: `  ${l}`, dim: true }]));
  lines.push('', ...resimLines(d, width, Infinity, 'Insert an inject: the run re-simulates from the start with the same seed and choices.'));
  return lines;
}

export function InjectsScreen({ data, selected, width, height, scroll = 0 }: { data: SessionData; selected: number; width: number; height: number; scroll?: number }) {
  return <Lines lines={scrollWindow(injectLines(data, selected, width, height), height, scroll)} width={width} height={height} />;
}
