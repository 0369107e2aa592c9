/**
 * Teacher injects (on the assumptions screen): the scenario's optional events, inserted at the cursor's date or
 * at their own, or taken out; each change sends the session the whole new list (INJECT), which re-simulates
 * at once and, when that flips what already happened, asks first (shell.ts).
 */
import { formatDay } from '../../core/date.js';
import type { Inject } from '../../core/run.js';
import { cursorDate, injectRows, landedAt, type InjectRow } from '../../machines/view/injects.js';
import { sourcesShort } from '../../machines/view/sources.js';
import { button, h } from './dom.js';
import type { Store } from './store.js';

function insert(store: Store, row: InjectRow, date: number): void {
  const d = store.data();
  const injects: Inject[] = [...d.injects.filter((i) => i.event !== row.id), { event: row.id, date }];
  store.send({ type: 'INJECT', injects });
  if (store.ui.message || store.tags().has('modal')) return;
  const step = landedAt(store.data(), row.id, date);
  const where = step !== null ? `step ${step} of the timeline` : 'it comes up when you step on to it';
  store.set({ message: { text: `Injected “${row.event?.title ?? row.id}” on ${formatDay(date)}: ${where}`, tone: 'good' } });
}

export function injectsSection(store: Store): Node {
  const d = store.data();
  const rows = injectRows(d);
  const here = cursorDate(d);
  return h(
    'section',
    { class: 'injects', attrs: { 'aria-labelledby': 'injects-title' } },
    h('h3', { id: 'injects-title' }, 'Teacher injects'),
    rows.length
      ? h('p', { class: 'meta' }, `Step to where the event should happen (now ${formatDay(here)}), then insert it; the run re-simulates at once.`)
      : h('p', { class: 'meta' }, 'This scenario declares no injects: a teacher adds them under `injects:` in the scenario file.'),
    h(
      'ul',
      { class: 'inject-list' },
      rows.map((r) => {
        const src = r.event ? sourcesShort(d.scenario, r.event.sources) : '';
        const title = r.event?.title ?? r.id;
        return h(
          'li',
          { class: r.dates.length ? 'on' : '' },
          h('strong', null, r.dates.length ? `✚ ${title}` : title),
          h('span', { class: 'meta' }, r.dates.length ? ` inserted on ${r.dates.map(formatDay).join(', ')}` : r.event?.date !== undefined ? ` default ${formatDay(r.event.date)}` : ' no default date'),
          h('p', { class: 'meta' }, `${r.event?.text ?? ''}${src ? ` (${src})` : ''}`),
          h(
            'div',
            { class: 'row' },
            button(`Insert “${title}” on ${formatDay(here)}`, () => insert(store, r, here), { key: `inject-here-${r.id}` }),
            r.event?.date !== undefined ? button(`Insert it on its date, ${formatDay(r.event.date)}`, () => insert(store, r, r.event!.date!), { key: `inject-default-${r.id}` }) : null,
            r.dates.length
              ? button(`Take “${title}” out`, () => store.send({ type: 'INJECT', injects: d.injects.filter((i) => i.event !== r.id) }, `Took out “${title}”`), { key: `inject-out-${r.id}` })
              : null,
          ),
        );
      }),
    ),
  );
}
