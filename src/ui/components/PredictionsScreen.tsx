/** The predictions (the article's, an analyst's, the scenario author's): does each hold in this branch at the cursor, and what actually happened. */
import type { SessionData } from '../../machines/session-logic.js';
import { branchOf } from '../../machines/session-logic.js';
import { predictionOrigin, predictionStatus } from '../../core/predictions.js';
import { formatDay } from '../../core/date.js';
import { sourcesShort } from '../view/sources.js';
import { padEnd, wrap } from '../view/text.js';
import type { Role } from '../theme.js';
import { Lines, type LineSpec } from './Line.js';

const ACTUAL: Record<string, Role> = { held: 'good', failed: 'bad', partly: 'warn', open: 'dim' };

export function predictionLines(d: SessionData, width: number): LineSpec[] {
  const b = branchOf(d);
  const s = b.states[b.cursor]!;
  const status = predictionStatus(d.scenario, s);
  const out: LineSpec[] = [];
  const textW = width - 22;
  d.scenario.predictions.forEach((p, i) => {
    const st = status[i]!;
    const src = sourcesShort(d.scenario, p.sources);
    const claim = wrap(`${predictionOrigin(d.scenario, p).who}: ${p.claim}${src ? ` (${src})` : ''}`, textW, 3);
    claim.forEach((l, j) =>
      out.push(
        j === 0
          ? [
              { text: padEnd(st.holds ? ' ✓ holds' : ' ✗ does not', 12), bold: true, role: st.holds ? 'good' : 'bad' },
              { text: padEnd(p.actual.status, 10), role: ACTUAL[p.actual.status] },
              { text: l },
            ]
          : `${' '.repeat(22)}${l}`,
      ),
    );
    const asrc = sourcesShort(d.scenario, p.actual.sources);
    for (const l of wrap(`Actually: ${p.actual.text}${asrc ? ` (${asrc})` : ''}`, textW, 3)) out.push([{ text: `${' '.repeat(22)}${l}`, dim: true }]);
  });
  return [[{ text: padEnd(` ${'here'.padEnd(11)}${'actually'.padEnd(10)}whose claim · in branch #${b.id} on ${formatDay(s.date)}`, width), bold: true, inverse: true }], ...out];
}

export function PredictionsScreen({ data, scroll, width, height }: { data: SessionData; scroll: number; width: number; height: number }) {
  const all = predictionLines(data, width);
  const room = height - 1;
  const maxScroll = Math.max(0, all.length - 1 - room);
  const off = Math.min(scroll, maxScroll);
  const body = all.slice(1 + off, 1 + off + room);
  if (off < maxScroll) body[room - 1] = [{ text: `  … more below: ↓ or ] to scroll`, dim: true }];
  return <Lines lines={[all[0]!, ...body]} width={width} height={height} />;
}
