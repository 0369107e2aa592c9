/**
 * The decision panel while a forecast is due: the question and the options with the student's percentages, and
 * no odds, no article prediction and no real outcome (they would give the answer away).
 */
import type { SessionData } from '../../machines/session-logic.js';
import { decisionHere, draftSum, type Draft } from '../forecast.js';
import { padEnd, wrap } from '../../machines/view/text.js';
import type { LineSpec } from './Line.js';

export function forecastLines(d: SessionData, draft: Draft, width: number, height: number): LineSpec[] {
  const dec = decisionHere(d);
  if (!dec) return [];
  const actor = d.scenario.actors.find((a) => a.id === dec.actor);
  const lines: LineSpec[] = [[{ text: padEnd(` Forecast first · ${dec.actor} · ${dec.question}`, width), role: 'warn', bold: true, inverse: true }]];
  const intro = `How likely is each option for ${actor?.name ?? dec.actor}? The model's odds stay hidden until your forecast adds up to 100 %.`;
  lines.push(...wrap(intro, width, 2).map((l): LineSpec => [{ text: l, dim: true }]));
  const labelW = Math.max(12, Math.min(Math.max(...dec.options.map((o) => o.label.length)), width - 20));
  dec.options.forEach((o, i) => {
    const sel = draft.row === i;
    const v = draft.values[i] ?? '';
    lines.push([
      { text: sel ? '▶ ' : '  ', role: 'cursor' },
      { text: padEnd(o.label, labelW), inverse: sel },
      { text: ` [${v.padStart(3)}${sel ? '▏' : ' '}] %`, bold: true, role: sel ? 'accent' : undefined },
    ]);
  });
  const sum = draftSum(draft.values);
  lines.push([
    { text: `  Sum ${sum} %`, bold: true, role: sum === 100 ? 'good' : 'warn' },
    { text: sum === 100 ? '  enter records your forecast' : `  ${100 - sum > 0 ? `${100 - sum} % to place` : `${sum - 100} % too many`}`, dim: sum !== 100 },
  ]);
  const sel = dec.options[draft.row];
  const room = height - lines.length;
  if (sel && room > 0) lines.push(...wrap(sel.explain, width - 4, room).map((l): LineSpec => [{ text: `    ${l}`, dim: true }]));
  return lines.slice(0, height);
}
