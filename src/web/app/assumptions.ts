/**
 * Assumptions: a slider per assumption (with its range, unit, description and why it has its value) and the
 * preset; a change re-simulates the branch at once (ASSUME). Below: what the change moved, and the model's
 * odds under these assumptions from a live Monte Carlo run in Web Workers (the platform's startOdds). When a
 * change would flip a decision already taken, the session asks (shell.ts shows the question). Teacher
 * injects are here too (injects.ts): they change the world the odds are computed in.
 */
import { assumptionValues } from '../../machines/selectors.js';
import { assumptionWhy, fmtValue, resimText } from '../../machines/view/assumptions.js';
import { decisionById, oddsLabel } from '../../machines/view/labels.js';
import { sourcesShort } from '../../machines/view/sources.js';
import { percent } from '../../machines/view/text.js';
import type { Scenario } from '../../core/model.js';
import { button, h, type Child } from './dom.js';
import { title } from './shell.js';
import { injectsSection } from './injects.js';
import type { LiveOdds, Store } from './store.js';

function odds(live: LiveOdds, sc: Scenario): Node {
  const body =
    live.status === 'computing'
      ? [h('p', null, `Monte Carlo: computing… ${live.runs ? Math.round((100 * live.done) / live.runs) : 0} %`), h('progress', { attrs: { max: live.runs, value: live.done, 'aria-label': 'Monte Carlo progress' } })]
      : live.status === 'error'
        ? [h('p', { class: 'bad' }, `Monte Carlo failed: ${live.message}`)]
        : live.status === 'done'
          ? [
              h('p', null, `${live.result.runs} runs, the engine drawing every decision: how often each option is taken.`),
              h(
                'ul',
                { class: 'mc' },
                live.result.decisions.map((dec) => {
                  const actor = decisionById(sc, dec.id)?.actor ?? dec.id;
                  const reached = dec.reached < live.result.runs ? ` (reached in ${percent(dec.reached / live.result.runs)})` : '';
                  return h('li', null, h('strong', null, `${actor}${reached}: `), dec.options.map((o) => `${oddsLabel(sc, dec.id, o.id).slice(actor.length + 2)} ${percent(o.p)}`).join(' · '));
                }),
              ),
            ]
          : [];
  return h('section', { class: 'live', attrs: { 'aria-labelledby': 'live-title', 'aria-busy': live.status === 'computing' ? 'true' : 'false' } }, h('h3', { id: 'live-title' }, 'Live odds'), body);
}

export function assumptionsScreen(store: Store): Child[] {
  const d = store.data();
  const sc = d.scenario;
  const values = assumptionValues(d);
  const presetValues = assumptionValues(d, {});
  const set = (id: string, v: number) => {
    const overrides: Record<string, number> = { ...d.overrides, [id]: v };
    if (presetValues[id] === v) delete overrides[id];
    store.send({ type: 'ASSUME', preset: d.preset, overrides });
  };
  const preset = h(
    'select',
    { id: 'preset', key: 'preset', on: { change: (e) => store.send({ type: 'ASSUME', preset: (e.target as HTMLSelectElement).value, overrides: {} }) } },
    sc.presets.map((p) => h('option', { attrs: { value: p.id } }, p.label)),
  );
  preset.value = d.preset;
  const resim = resimText(d);
  return [
    title('Assumptions'),
    h('div', { class: 'field' }, h('label', { attrs: { for: 'preset' } }, 'Preset'), h('div', { class: 'row' }, preset, button('Reset every assumption to the preset', () => store.send({ type: 'ASSUME', preset: d.preset, overrides: {} }), { key: 'reset-all' }))),
    h('p', { class: resim ? 'warn' : 'meta', attrs: { 'aria-live': 'polite' } }, resim ?? 'Change a value: the run re-simulates from the start with the same seed and choices.'),
    h(
      'div',
      { class: 'sliders' },
      sc.assumptions.map((a) => {
        const changed = a.id in d.overrides;
        const out = h('output', { id: `out-${a.id}`, attrs: { for: `as-${a.id}` } }, `${fmtValue(values[a.id]!)} ${a.unit}`);
        const src = sourcesShort(sc, a.sources);
        return h(
          'div',
          { class: `slider${changed ? ' changed' : ''}` },
          h('label', { attrs: { for: `as-${a.id}` } }, a.label, changed ? ' (changed)' : ''),
          h(
            'div',
            { class: 'row' },
            h('input', {
              id: `as-${a.id}`,
              key: `as-${a.id}`,
              attrs: { type: 'range', min: a.min, max: a.max, step: a.step, 'aria-describedby': `about-${a.id}` },
              props: { value: String(values[a.id]) },
              on: {
                input: (e) => (out.textContent = `${fmtValue(Number((e.target as HTMLInputElement).value))} ${a.unit}`),
                change: (e) => set(a.id, Number((e.target as HTMLInputElement).value)),
              },
            }),
            out,
            changed ? button(`Reset ${a.label}`, () => set(a.id, presetValues[a.id]!), { key: `reset-${a.id}` }) : null,
          ),
          h('p', { id: `about-${a.id}`, class: 'meta' }, `${fmtValue(a.min)}–${fmtValue(a.max)} ${a.unit}. ${a.description} ${assumptionWhy(sc, d.preset, d.overrides, a)}${src ? ` (${src})` : ''}`),
        );
      }),
    ),
    injectsSection(store),
    odds(store.ui.odds, sc),
  ];
}
