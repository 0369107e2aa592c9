/**
 * Predictions against what happened: does each hold in this branch at the cursor, and what happened in
 * reality. Role-play and forecast-first hide reality until the teacher reveals it (the terminal's rule,
 * machines/view/predictions.ts).
 */
import { formatDay } from '../../core/date.js';
import { currentState, predictionOrigin, predictionsAt } from '../../machines/selectors.js';
import { predictionTally, recurrenceShown, spoilersHidden } from '../../machines/view/predictions.js';
import { sourcesShort } from '../../machines/view/sources.js';
import { button, h, type Child } from './dom.js';
import { title } from './shell.js';
import type { Store } from './store.js';

const REALITY: Record<string, string> = { held: '✓ held', failed: '✗ failed', partly: '◐ partly', open: '? open' };

export function predictionsScreen(store: Store): Child[] {
  const d = store.data();
  const sc = d.scenario;
  const s = currentState(d);
  const status = predictionsAt(sc, s);
  const hidden = spoilersHidden(d, store.ui.revealed);
  // Reality's half of each tally stays hidden with the rest of reality.
  const tally = predictionTally(sc, status.map((x) => x.holds)).map((t) => (hidden ? t.split(';')[0]! : t));
  return [
    title('Predictions'),
    h('p', { class: 'lead' }, `Branch #${d.current} on ${formatDay(s.date)}`),
    h('ul', { class: 'tally' }, tally.map((t) => h('li', null, t))),
    hidden ? h('p', { class: 'meta' }, 'In role-play and forecast-first, what happened in reality stays hidden until the teacher reveals it.') : null,
    button(store.ui.revealed ? 'Hide the answers again' : 'Reveal the answers (teacher)', () => store.set({ revealed: !store.ui.revealed }), {
      key: 'reveal-p',
      attrs: { 'aria-pressed': store.ui.revealed ? 'true' : 'false' },
    }),
    h(
      'div',
      { class: 'table-wrap', attrs: { role: 'region', 'aria-label': 'The predictions', tabindex: 0 } },
      h(
        'table',
        { class: 'predictions' },
        h('caption', null, 'Each prediction: whose claim, whether it holds in your branch, and what happened'),
        h('thead', null, h('tr', null, ['whose claim', 'in your branch', 'in reality'].map((x) => h('th', { attrs: { scope: 'col' } }, x)))),
        h(
          'tbody',
          null,
          sc.predictions.map((p, i) => {
            const st = status[i]!;
            const src = sourcesShort(sc, p.sources);
            const asrc = sourcesShort(sc, p.actual.sources);
            // A recurring prediction's counts, period by period, as `geosim run` prints them.
            const counts = recurrenceShown(p, st);
            return h(
              'tr',
              null,
              h('th', { attrs: { scope: 'row' } }, `${predictionOrigin(sc, p).who}: ${p.claim}${src ? ` (${src})` : ''}`),
              h('td', { class: st.holds ? 'good' : 'bad' }, st.holds ? '✓ holds' : '✗ does not hold', counts ? h('span', { class: 'meta' }, ` (${counts})`) : null),
              h('td', null, hidden ? 'hidden' : [h('strong', null, REALITY[p.actual.status] ?? p.actual.status), ` ${p.actual.status === 'open' ? 'Open question, not yet settled: ' : ''}${p.actual.text}${asrc ? ` (${asrc})` : ''}`]),
            );
          }),
        ),
      ),
    ),
  ];
}
