/**
 * The timeline of the current branch (timelineRows) beside the step at the cursor (stepView): the event, its
 * paragraph of the article and its sources (linked, new tab), and what it changed.
 */
import { branchOf } from '../../machines/selectors.js';
import { stepView } from '../../machines/view/step.js';
import { timelineRows, type TimelineRow } from '../../machines/view/timeline.js';
import { button, h, link, type Child } from './dom.js';
import { title } from './shell.js';
import type { Store } from './store.js';

const MARK: Record<TimelineRow['kind'], string> = { start: '●', event: '•', skipped: '○', decision: '◆', capped: '■', waiting: '◇', upcoming: '·' };
const KIND: Record<TimelineRow['kind'], string> = { start: 'start', event: 'event', skipped: 'did not happen', decision: 'decision', capped: 'stopped', waiting: 'decision waiting', upcoming: 'to come' };

/** Moves the cursor to `step` of the current branch, one step at a time (the states are already computed). */
export function goToStep(store: Store, step: number): void {
  for (let guard = 0; guard < 10_000; guard++) {
    const at = branchOf(store.data()).cursor;
    if (at === step) return;
    store.send({ type: at < step ? 'NEXT' : 'BACK' });
    if (branchOf(store.data()).cursor === at) return;
  }
}

function row(store: Store, r: TimelineRow, i: number): Node {
  const what = [r.title, r.option ? `: ${r.option} (${r.by === 'user' ? 'you' : 'engine'})` : '', r.inject ? ' [teacher’s inject]' : '', r.forks.length ? ` [branch ${r.forks.map((f) => `#${f}`).join(', ')} parts here]` : ''].join('');
  const label = h('span', { class: 'what' }, h('span', { class: 'mark', attrs: { 'aria-hidden': 'true' } }, MARK[r.kind]), ' ', h('span', { class: 'date' }, r.date), ' ', what, h('span', { class: 'sr-only' }, ` (${KIND[r.kind]})`));
  const body = r.step !== null ? button(label, () => goToStep(store, r.step!), { key: `tl-${i}`, class: 'row-button' }) : label;
  return h('li', { class: `tl ${r.kind}${r.cursor ? ' cursor' : ''}`, attrs: { 'aria-current': r.cursor ? 'step' : undefined } }, body);
}

export function stepPanel(store: Store): Node {
  const d = store.data();
  const b = branchOf(d);
  const v = stepView(d.scenario, b.states, b.cursor, d.forecasts);
  return h(
    'article',
    { class: 'step', attrs: { 'aria-labelledby': 'step-title' } },
    h('p', { class: 'date' }, v.date, v.origin ? ` · ${v.origin}` : ''),
    h('h3', { id: 'step-title' }, v.title),
    h('p', null, v.text),
    v.cameo ? h('p', { class: 'meta' }, v.cameo) : null,
    v.links.length ? [h('h4', null, 'Sources'), h('ul', { class: 'sources' }, v.links.map((s) => h('li', null, link(s.url, s.text))))] : null,
    v.applied.length ? [h('h4', null, 'What it changed'), h('ul', { class: 'applied' }, v.applied.map((a) => h('li', null, a)))] : null,
    v.fade ? h('p', { class: 'meta' }, v.fade) : null,
  );
}

export function timelineScreen(store: Store): Child[] {
  const rows = timelineRows(store.data());
  return [
    title('Timeline'),
    h(
      'div',
      { class: 'split' },
      stepPanel(store),
      h('nav', { class: 'timeline', attrs: { 'aria-label': 'Timeline of this branch' } }, h('ol', null, rows.map((r, i) => row(store, r, i)))),
    ),
  ];
}
