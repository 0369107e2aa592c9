/**
 * What every screen shares: the title bar, the screen menu, the step controls (start, back, next, end) with
 * where the cursor is, the status line (the session's reason or error, the page's message), and, while an
 * assumption or inject change would flip what already happened, the question the session asks about it.
 */
import { formatDay } from '../../core/date.js';
import { branchOf, currentState } from '../../machines/selectors.js';
import { branchLabel } from '../../machines/view/labels.js';
import { button, h, type Child } from './dom.js';
import type { Screen, Store } from './store.js';

/** The screens, and their keys (the terminal's where it has one: w why, a assumptions, b branches, p predictions, s save). */
export const MENU: readonly [Screen, string, string][] = [
  ['orientation', 'Orientation', 'o'],
  ['timeline', 'Timeline', 't'],
  ['matrix', 'Relations', 'w'],
  ['decision', 'Decision', 'd'],
  ['branches', 'Branches', 'b'],
  ['assumptions', 'Assumptions', 'a'],
  ['predictions', 'Predictions', 'p'],
  ['debrief', 'Debrief', 'r'],
  ['share', 'Share & files', 's'],
];

/** The screen's heading (focusable, so a screen change can move the focus to it). */
export function title(text: string, ...more: Child[]): HTMLHeadingElement {
  return h('h2', { id: 'screen-title', attrs: { tabindex: -1 } }, text, ...more);
}

function where(store: Store): Node {
  const d = store.data();
  const b = branchOf(d);
  const tags = store.tags();
  const state = tags.has('modal')
    ? 'a change waits for your answer'
    : tags.has('forecasting')
      ? 'forecast first: your forecast is due'
      : tags.has('deciding')
        ? 'your decision waits'
        : tags.has('ended')
          ? 'the end of the scenario'
          : 'playing';
  return h(
    'p',
    { class: 'where', attrs: { 'aria-live': 'polite' } },
    h('strong', null, formatDay(currentState(d).date)),
    ` · step ${b.cursor} of ${b.states.length - 1} · branch #${d.current} ${branchLabel(d.scenario, b.name ?? b.label)} · ${state}`,
  );
}

function steps(store: Store): Node {
  const go = (type: 'START' | 'BACK' | 'NEXT' | 'END') => () => store.send({ type });
  return h(
    'div',
    { class: 'steps', attrs: { role: 'group', 'aria-label': 'Step through the scenario' } },
    button('Start', go('START'), { key: 'step-start' }),
    button('← Back', go('BACK'), { key: 'step-back' }),
    button('Next →', go('NEXT'), { key: 'step-next', class: 'primary' }),
    button('End', go('END'), { key: 'step-end' }),
  );
}

function change(store: Store): Node | null {
  if (!store.tags().has('modal')) return null;
  const p = store.data().pendingChange;
  if (!p) return null;
  return h(
    'section',
    { class: 'notice', attrs: { role: 'alertdialog', 'aria-labelledby': 'change-title', 'aria-describedby': 'change-flips' } },
    h('h2', { id: 'change-title' }, `This change (${p.what}) flips what already happened`),
    h('ul', { id: 'change-flips' }, p.flips.map((f) => h('li', null, f))),
    h(
      'div',
      { class: 'row' },
      button('Keep it as a new branch', () => store.send({ type: 'KEEP_BRANCH' }, `Kept the change as branch #${store.data().branches.length}`), { key: 'change-keep', class: 'primary' }),
      button('Apply it to this branch', () => store.send({ type: 'APPLY' }, 'Applied the change to this branch'), { key: 'change-apply' }),
      button('Cancel the change', () => store.send({ type: 'CANCEL' }, 'Cancelled: nothing changed'), { key: 'change-cancel' }),
    ),
  );
}

export function shell(store: Store, screen: Child[]): Node[] {
  const session = store.hasSession;
  const current = session ? store.ui.screen : 'orientation';
  const header = h(
    'header',
    { class: 'top' },
    h('h1', { class: 'brand' }, 'geosim', session ? h('span', { class: 'scenario' }, ` · ${store.data().scenario.title}`) : null),
    session
      ? h(
          'nav',
          { attrs: { 'aria-label': 'Screens' } },
          h(
            'ul',
            null,
            MENU.map(([id, label, key]) =>
              h('li', null, button(label, () => store.set({ screen: id, message: null }), { key: `nav-${id}`, attrs: { 'aria-current': id === current ? 'page' : undefined, 'aria-keyshortcuts': key, title: `${label} (key ${key})` } })),
            ),
          ),
        )
      : null,
    session ? h('div', { class: 'bar' }, steps(store), where(store)) : null,
  );
  const m = store.ui.message;
  const status = h('p', { class: `status ${m?.tone ?? ''}`, attrs: { role: 'status' } }, m?.text ?? '');
  return [header, status, ...(session ? [change(store)].filter((x): x is Node => x !== null) : []), h('section', { class: 'screen', attrs: { 'aria-labelledby': 'screen-title' } }, ...screen)];
}
