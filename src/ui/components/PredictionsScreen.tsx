/** The predictions (the article's, an analyst's, the scenario author's): does each hold in this branch at the cursor, and what actually happened. */
import type { SessionData } from '../../machines/session-logic.js';
import { currentState, predictionOrigin, predictionsAt } from '../../machines/selectors.js';
import { formatDay } from '../../core/date.js';
import { sourcesShort } from '../../machines/view/sources.js';
import { padEnd, wrap } from '../../machines/view/text.js';
import { predictionTally, recurrenceShown } from '../../machines/view/predictions.js';
import type { Role } from '../theme.js';
import { Lines, type LineSpec } from './Line.js';

const ACTUAL: Record<string, Role> = { held: 'good', failed: 'bad', partly: 'warn', open: 'dim' };
/** The "in reality" column, read across from "here": "✗ does not hold · held"; an open one is a question. */
const REALITY: Record<string, string> = { held: 'held', failed: 'failed', partly: 'partly', open: 'open ?' };

export { predictionTally };

export function predictionLines(d: SessionData, width: number): LineSpec[] {
  const s = currentState(d);
  const status = predictionsAt(d.scenario, s);
  const out: LineSpec[] = predictionTally(d.scenario, status.map((x) => x.holds)).flatMap((t) => wrap(t, width - 1).map((l): LineSpec => [{ text: ` ${l}`, bold: true }]));
  const textW = width - 26;
  d.scenario.predictions.forEach((p, i) => {
    const st = status[i]!;
    const src = sourcesShort(d.scenario, p.sources);
    // In full: the screen scrolls (80×24 shows a few at a time).
    const claim = wrap(`${predictionOrigin(d.scenario, p).who}: ${p.claim}${src ? ` (${src})` : ''}`, textW);
    claim.forEach((l, j) =>
      out.push(
        j === 0
          ? [
              { text: padEnd(st.holds ? ' ✓ holds' : ' ✗ does not hold', 18), bold: true, role: st.holds ? 'good' : 'bad' },
              { text: padEnd(REALITY[p.actual.status] ?? p.actual.status, 8), role: ACTUAL[p.actual.status] },
              { text: l },
            ]
          : `${' '.repeat(26)}${l}`,
      ),
    );
    // A recurring prediction's counts, period by period, as `geosim run` prints them.
    const counts = recurrenceShown(p, st);
    if (counts) for (const l of wrap(`In your branch: ${counts}`, textW)) out.push([{ text: `${' '.repeat(26)}${l}`, role: st.holds ? 'good' : 'bad' }]);
    const asrc = sourcesShort(d.scenario, p.actual.sources);
    const actually = p.actual.status === 'open' ? `Open question, not yet settled: ${p.actual.text}` : `Actually: ${p.actual.text}`;
    for (const l of wrap(`${actually}${asrc ? ` (${asrc})` : ''}`, textW)) out.push([{ text: `${' '.repeat(26)}${l}`, dim: true }]);
  });
  return [[{ text: padEnd(` ${'in your branch'.padEnd(17)}${'reality'.padEnd(8)}whose claim · branch #${d.current} on ${formatDay(s.date)}`, width), bold: true, inverse: true }], ...out];
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
