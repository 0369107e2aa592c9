/**
 * Orientation: open a scenario (a shipped one, or your own YAML file picked or dropped here and checked with
 * `geosim validate`'s messages), then read what it is about, choose the actors you play and turn
 * forecast-first on or off.
 */
import { playableActors } from '../../machines/view/labels.js';
import { decodeShareLink, findLoaded, validateDropped } from '../platform/index.js';
import { button, filePicker, h, type Child } from './dom.js';
import { MENU, title } from './shell.js';
import { openFileField } from './share.js';
import type { Store } from './store.js';

const FLAGSHIP = 'pyongyang-2024';

export async function openFromLink(store: Store, fragment: string): Promise<void> {
  const r = await decodeShareLink(fragment);
  if (r.ok) {
    store.start(r.loaded, r.session, 'timeline');
    if (r.note) store.set({ message: { text: r.note, tone: 'info' } });
  }
  else store.set({ openError: `This link cannot be opened: ${r.message}` });
}

async function openDropped(store: Store, file: File): Promise<void> {
  const r = validateDropped(file.name, await file.text());
  if (r.ok) {
    store.start(r.loaded, undefined, 'orientation');
    // The validator's warnings (`geosim validate` prints them too): the scenario runs, but its author should look.
    if (r.warnings.length) store.set({ message: { text: `${file.name} opened with ${r.warnings.length} warning${r.warnings.length === 1 ? '' : 's'}: ${r.warnings.join(' · ')}`, tone: 'info' } });
  }
  else store.set({ openError: r.message, message: { text: `${file.name} is not a valid scenario`, tone: 'error' } });
}

function opener(store: Store): Node {
  const pick = h('select', { id: 'shipped', key: 'shipped' }, store.ui.shipped.map((s) => h('option', { attrs: { value: s.id } }, s.title)));
  // The CLI's flagship (cli/scenarios.ts) first, as `geosim play` opens it.
  pick.value = store.loaded?.scenario.id ?? (store.ui.shipped.some((s) => s.id === FLAGSHIP) ? FLAGSHIP : (store.ui.shipped[0]?.id ?? ''));
  const open = async () => {
    try {
      const l = await findLoaded(pick.value);
      if (l) store.start(l);
    } catch (err) {
      store.set({ openError: err instanceof Error ? err.message : String(err) });
    }
  };
  const file = filePicker('yaml-file', '.yaml,.yml,text/yaml', (f) => void openDropped(store, f));
  const zone = h(
    'div',
    {
      class: 'drop',
      on: {
        dragover: (e) => {
          e.preventDefault();
          zone.classList.add('over');
        },
        dragleave: () => zone.classList.remove('over'),
        drop: (e) => {
          e.preventDefault();
          zone.classList.remove('over');
          const f = e.dataTransfer?.files[0];
          if (f) void openDropped(store, f);
        },
      },
    },
    h('label', { attrs: { for: 'yaml-file' } }, 'Your own scenario (a YAML file): pick it, or drop it here'),
    file,
  );
  const err = store.ui.openError;
  return h(
    'div',
    { class: 'open' },
    h('div', { class: 'field' }, h('label', { attrs: { for: 'shipped' } }, 'A scenario shipped with geosim'), h('div', { class: 'row' }, pick, button('Open', () => void open(), { key: 'open-shipped' }))),
    zone,
    openFileField(store),
    err ? h('div', { class: 'error', attrs: { role: 'alert' } }, h('p', null, h('strong', null, 'Not opened. ')), h('pre', { class: 'message' }, err)) : null,
  );
}

/** The seed of the engine's draws: a new one starts the session over (the same seed always gives the same run). */
function seedField(store: Store): Node {
  const d = store.data();
  const input = h('input', { id: 'seed', key: 'seed', attrs: { type: 'number', min: 0, max: 4294967295, step: 1, inputmode: 'numeric' }, props: { value: String(d.seed) } });
  const restart = () => {
    const seed = Number(input.value);
    if (!Number.isInteger(seed) || seed < 0 || seed > 4294967295) return store.set({ message: { text: `A seed is a whole number from 0 to 4294967295, not '${input.value}'`, tone: 'error' } });
    store.start(store.loaded!, undefined, 'orientation', { seed, roles: d.roles, forecastFirst: d.forecastFirst });
    store.set({ message: { text: `Started over with seed ${seed}`, tone: 'good' } });
  };
  return h(
    'div',
    { class: 'field' },
    h('label', { attrs: { for: 'seed' } }, 'Seed of the engine’s draws (the same seed gives the same run)'),
    h('div', { class: 'row' }, input, button('Start over with this seed', restart, { key: 'seed-restart' })),
  );
}

function setup(store: Store): Node[] {
  const d = store.data();
  const sc = d.scenario;
  const roles = playableActors(sc);
  const toggle = (id: string, on: boolean) => {
    const next = on ? roles.map((a) => a.id).filter((x) => x === id || d.roles.includes(x)) : d.roles.filter((r) => r !== id);
    store.send({ type: 'ROLES', roles: next }, next.length ? `You play ${next.join(', ')}` : 'You play no actor: the engine decides, you may choose at any decision');
  };
  return [
    h('p', { class: 'lead' }, sc.summary),
    h(
      'dl',
      { class: 'facts' },
      h('dt', null, 'Actors'),
      h('dd', null, sc.actors.map((a) => `${a.name} (${a.id})`).join(', ')),
      h('dt', null, 'Decisions'),
      h('dd', null, String(Object.values(sc.events).filter((e) => e.decision).length)),
    ),
    h(
      'fieldset',
      null,
      h('legend', null, 'Choose a role: the actors you play'),
      h('p', { class: 'hint' }, 'At their decisions the session waits for your choice; the engine decides for the others.'),
      roles.map((a) =>
        h(
          'label',
          { class: 'check' },
          h('input', { key: `role-${a.id}`, attrs: { type: 'checkbox' }, props: { checked: d.roles.includes(a.id) }, on: { change: (e) => toggle(a.id, (e.target as HTMLInputElement).checked) } }),
          ` ${a.name} (${a.id})`,
        ),
      ),
    ),
    h(
      'fieldset',
      null,
      h('legend', null, 'Forecasting practice'),
      h(
        'label',
        { class: 'check' },
        h('input', {
          key: 'forecast-first',
          attrs: { type: 'checkbox' },
          props: { checked: d.forecastFirst },
          on: { change: (e) => store.send({ type: 'FORECAST_FIRST', on: (e.target as HTMLInputElement).checked }) },
        }),
        ' Forecast first: give your own probabilities at each decision before the model’s odds are shown',
      ),
    ),
    seedField(store),
    h('p', { class: 'hint' }, `Keys: ← and → step back and on (when no field has the focus); ${MENU.map(([, label, key]) => `${key} ${label}`).join(', ')}.`),
    button('Begin: go to the timeline', () => store.set({ screen: 'timeline' }), { key: 'begin', class: 'primary' }),
  ];
}

export function orientationScreen(store: Store): Child[] {
  if (!store.hasSession) {
    return [title('Open a scenario'), h('p', null, 'Everything runs in this browser: nothing is sent anywhere.'), opener(store)];
  }
  return [title(store.data().scenario.title), ...setup(store), h('h3', null, 'Open another scenario'), opener(store)];
}
