/**
 * The decision at the cursor (decisionView): its options with the model's odds, the prediction each embodies
 * and what really happened (hidden in role-play and forecast-first until it is made, as in the terminal);
 * choose an option or let the engine draw. With forecast-first on, the student's forecast comes first (the
 * session machine's `forecasting` state) and the odds show once it is recorded. A decision already taken
 * here can be chosen differently (a new branch).
 */
import { branchOf, pendingHere, takenHere } from '../../machines/selectors.js';
import { decisionView, takenDecisionView, type DecisionView } from '../../machines/view/decision.js';
import { branchLabel } from '../../machines/view/labels.js';
import { spoilersHidden } from '../../machines/view/predictions.js';
import { percent } from '../../machines/view/text.js';
import { button, h, type Child } from './dom.js';
import { title } from './shell.js';
import type { Store } from './store.js';

function after(store: Store, before: number): void {
  const d = store.data();
  if (d.branches.length > before && !store.ui.message) store.set({ message: { text: `New branch #${d.current}: ${branchLabel(d.scenario, branchOf(d).label)}`, tone: 'good' } });
}

function choose(store: Store, option: string | undefined, revise: boolean): void {
  const before = store.data().branches.length;
  if (revise) store.send(option === undefined ? { type: 'REVISE' } : { type: 'REVISE', option });
  else store.send(option === undefined ? { type: 'ROLL' } : { type: 'CHOOSE', option });
  after(store, before);
}

/** Steps forward until a decision waits at the cursor (or the branch cannot go on). */
function toNextDecision(store: Store): void {
  for (let i = 0; i < 10_000 && !pendingHere(store.data()); i++) {
    const at = store.data();
    store.send({ type: 'NEXT' });
    if (store.data() === at) break;
  }
}

function forecastForm(store: Store, v: DecisionView): Node {
  const key = (o: string) => `${v.id}:${o}`;
  const draft = store.ui.draft;
  const sum = v.options.reduce((a, o) => a + (Number(draft[key(o.id)] || '0') || 0), 0);
  const record = () => {
    const p: Record<string, number> = {};
    for (const o of v.options) p[o.id] = (Number(draft[key(o.id)] || '0') || 0) / 100;
    store.send({ type: 'FORECAST', decision: v.id, p }, 'Forecast recorded. Now the model’s odds:');
  };
  return h(
    'form',
    { class: 'forecast', on: { submit: (e) => (e.preventDefault(), record()) } },
    h('p', null, 'Forecast first: how likely is each option, in whole percent adding up to 100? The model’s odds show once your forecast is recorded.'),
    v.options.map((o) =>
      h(
        'div',
        { class: 'field' },
        h('label', { attrs: { for: `fc-${o.id}` } }, `${o.label} (%)`),
        h('input', {
          id: `fc-${o.id}`,
          key: `fc-${o.id}`,
          attrs: { type: 'number', min: 0, max: 100, step: 1, inputmode: 'numeric' },
          props: { value: draft[key(o.id)] ?? '' },
          on: { input: (e) => store.set({ draft: { ...store.ui.draft, [key(o.id)]: (e.target as HTMLInputElement).value } }) },
        }),
      ),
    ),
    h('p', { class: sum === 100 ? 'good' : 'meta', attrs: { 'aria-live': 'polite' } }, `Your forecast adds up to ${sum} %${sum === 100 ? '' : ' (it must be 100 %)'}`),
    h('button', { key: 'fc-record', class: 'primary', attrs: { type: 'submit' } }, 'Record my forecast'),
  );
}

function options(store: Store, v: DecisionView, revise: boolean): Node {
  const d = store.data();
  const hidden = spoilersHidden(d, store.ui.revealed) && !v.options.some((o) => o.taken);
  const mine = d.forecasts[v.id];
  return h(
    'div',
    { class: 'table-wrap', attrs: { role: 'region', 'aria-label': 'The options', tabindex: 0 } },
    h(
      'table',
      { class: 'options' },
      h('caption', null, 'The options, with the model’s odds at this point'),
      h('thead', null, h('tr', null, ['option', 'odds', ...(mine ? ['your forecast'] : []), 'notes', 'act'].map((x) => h('th', { attrs: { scope: 'col' } }, x)))),
      h(
        'tbody',
        null,
        v.options.map((o) => {
          const notes = [
            !hidden && o.predicted ? `${o.predictedBy?.who ?? 'the article'} predicted this` : '',
            !hidden && o.actual ? `happened: ${o.actual}` : '',
            o.taken ? `this branch: ${o.taken === 'user' ? 'you' : 'engine'}` : '',
            o.available ? '' : 'not available now',
          ].filter(Boolean);
          return h(
            'tr',
            null,
            h('th', { attrs: { scope: 'row' } }, o.label, h('span', { class: 'explain' }, o.explain)),
            h('td', { class: 'num' }, percent(o.p)),
            mine ? h('td', { class: 'num' }, percent(mine[o.id] ?? 0)) : null,
            h('td', null, notes.join(' · ')),
            h('td', null, button(`Choose “${o.label}”`, () => choose(store, o.id, revise), { key: `choose-${o.id}`, attrs: { disabled: !o.available } })),
          );
        }),
      ),
    ),
    hidden && v.options.some((o) => o.predicted || o.actual) ? h('p', { class: 'meta' }, 'The prediction and what happened show once this decision is made (or when the teacher reveals them).') : null,
  );
}

export function decisionScreen(store: Store): Child[] {
  const d = store.data();
  const tags = store.tags();
  const reveal = button(store.ui.revealed ? 'Hide the answers again' : 'Reveal the answers (teacher)', () => store.set({ revealed: !store.ui.revealed }), {
    key: 'reveal',
    attrs: { 'aria-pressed': store.ui.revealed ? 'true' : 'false' },
  });
  const v = decisionView(d);
  if (v) {
    const who = v.yours ? 'your decision' : `the engine decides for ${v.actorName} unless you choose`;
    const head = [title(`Decision: ${v.actorName}`), h('p', { class: 'lead' }, v.question), h('p', { class: 'meta' }, `${v.actor} · ${who}`)];
    if (tags.has('forecasting')) return [...head, forecastForm(store, v)];
    return [...head, options(store, v, false), h('div', { class: 'row' }, button('Let the engine draw by the odds', () => choose(store, undefined, false), { key: 'roll' }), reveal)];
  }
  const t = takenHere(d);
  if (t) {
    const past = takenDecisionView(d);
    const label = t.options.find((o) => o.id === t.option)?.label ?? t.option;
    return [
      title('Decision taken here'),
      h('p', { class: 'lead' }, `${t.by === 'user' ? 'You chose' : 'The engine drew'} “${label}”. Choose differently to start a new branch from here.`),
      past ? options(store, past, true) : h('div', null, t.options.map((o) => button(`Choose “${o.label}”`, () => choose(store, o.id, true), { key: `choose-${o.id}` }))),
      h('div', { class: 'row' }, button('Let the engine draw again', () => choose(store, undefined, true), { key: 'roll' }), reveal),
    ];
  }
  return [
    title('Decision'),
    h('p', null, tags.has('ended') ? 'This is the end of the scenario: no decision waits here.' : 'No decision waits at this step.'),
    tags.has('ended') ? null : button('Step to the next decision', () => toNextDecision(store), { key: 'to-decision', class: 'primary' }),
  ];
}
