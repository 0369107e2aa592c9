/**
 * The relation matrix as a heatmap (matrixView): each cell a button with its score, the band's symbol and
 * label (colour is never the only signal) and its change since the last step; below, every change since the
 * last step, and the why panel of the chosen cell: the ledger term by term, each cause with its source.
 */
import { formatDay } from '../../core/date.js';
import { bandAt, currentState, explainAt, previousState, unbalancedAt } from '../../machines/selectors.js';
import { ledgerSumText, ledgerTerms, pairChange } from '../../machines/view/ledger.js';
import { matrixView, worldTension, type Cell, type MatrixView } from '../../machines/view/matrix.js';
import { sourceItems } from '../../machines/view/sources.js';
import { postureText, posturesView } from '../../machines/view/postures.js';
import type { SimState } from '../../core/state.js';
import { signed, whole } from '../../machines/view/text.js';
import { rounded, shownChange } from '../../machines/view/numbers.js';
import { button, h, link, type Child } from './dom.js';
import { title } from './shell.js';
import type { Store } from './store.js';

/** The named ink colours a scenario's bands use, as classes of style.css (any other: no tint). */
const TINTS = new Set(['red', 'yellow', 'gray', 'grey', 'cyan', 'green', 'blue', 'magenta', 'white', 'redBright', 'yellowBright', 'greenBright', 'cyanBright', 'blueBright', 'magentaBright']);
export const tint = (color: string) => (TINTS.has(color) ? `tint-${color.replace(/Bright$/, '')}` : 'tint-none');

const KIND: Record<string, string> = { initial: 'initial', event: 'event', option: 'choice', reaction: 'reaction', balance: 'balance', tie: 'tie' };

function arrow(delta: number): string {
  return delta > 0 ? `▲${signed(delta)}` : delta < 0 ? `▼${signed(delta)}` : '';
}

/** The heatmap; `onPick` makes each cell a button (the why panel), otherwise cells are text; `marked` outlines cells. */
export function heatmap(m: MatrixView, caption: string, onPick?: (c: Cell) => void, selected?: readonly [string, string] | null, marked?: ReadonlySet<string>, prefix = 'cell'): Node {
  return h(
    'div',
    { class: 'table-wrap', attrs: { role: 'region', 'aria-label': caption, tabindex: 0 } },
    h(
      'table',
      { class: 'heatmap' },
      h('caption', null, caption),
      h('thead', null, h('tr', null, h('td', { class: 'corner' }), m.actors.map((a) => h('th', { attrs: { scope: 'col' } }, a)))),
      h(
        'tbody',
        null,
        m.rows.map((row, i) =>
          h(
            'tr',
            null,
            h('th', { attrs: { scope: 'row' } }, m.actors[i]!),
            row.map((c) => {
              if (!c) return h('td', { class: 'diag' }, h('span', { class: 'sr-only' }, 'itself'));
              const on = selected?.[0] === c.from && selected[1] === c.to;
              const diff = marked?.has(`${c.from}>${c.to}`);
              // The name read out is the visible text inside words: "KOR regards RUS: 37 ++ ▲+3, cordial, up 3 …".
              const inner = [
                h('span', { class: 'sr-only' }, `${c.from} regards ${c.to}: `),
                h('span', { class: 'v' }, whole(c.value)),
                h('span', { class: 'sym' }, ` ${c.band.symbol}`),
                c.delta ? h('span', { class: 'd' }, ` ${arrow(c.delta)}`) : null,
                diff ? h('span', { class: 'diff' }, ' ≠') : null,
                h('span', { class: 'sr-only' }, `, ${c.band.label}${c.delta ? `, ${c.delta > 0 ? 'up' : 'down'} ${Math.abs(c.delta)} since the last step` : ''}${diff ? ', differs' : ''}${onPick ? '. Why?' : ''}`),
              ];
              return h(
                'td',
                { class: `${tint(c.band.color)}${on ? ' on' : ''}${diff ? ' differs' : ''}` },
                onPick
                  ? button(inner, () => onPick(c), { key: `${prefix}-${c.from}-${c.to}`, attrs: { 'aria-pressed': on ? 'true' : 'false' } })
                  : h('span', null, inner),
              );
            }),
          ),
        ),
      ),
    ),
  );
}

export function bandKey(store: Store): Node {
  return h(
    'ul',
    { class: 'key', attrs: { 'aria-label': 'Bands' } },
    store.data().scenario.bands.map((b) => h('li', { class: tint(b.color) }, h('span', { class: 'sym' }, b.symbol), ` ${b.label} (from ${b.from})`)),
  );
}

function whyPanel(store: Store, from: string, to: string): Node {
  const d = store.data();
  const s = currentState(d);
  const ex = explainAt(d.scenario, s, from, to);
  const band = bandAt(d.scenario, ex.score);
  const c = pairChange(d, from, to);
  const triads = unbalancedAt(d.scenario, s, from, to);
  const change = c.delta === null ? 'the start: no previous step' : `${c.delta === 0 ? 'unchanged' : signed(c.delta)} since the last step${c.added || c.changed ? ` (${[c.added ? `${c.added} new` : '', c.changed ? `${c.changed} changed` : ''].filter(Boolean).join(', ')})` : ''}`;
  const terms = ledgerTerms(d, from, to);
  return h(
    'section',
    { class: 'why', attrs: { 'aria-labelledby': 'why-title' } },
    h('h3', { id: 'why-title' }, `Why ${from} regards ${to} as it does`),
    h('p', { class: 'score' }, h('strong', null, whole(ex.score)), ` ${band.symbol} ${band.label} · ${change}`),
    h('p', { class: 'meta' }, ledgerSumText(d, from, to)),
    h('p', null, triads.length ? `Unbalanced triads: ${triads.map((t) => `${t.actors[0]}–${t.actors[1]} ${t.means[0] > 0 ? '+' : '−'} · ${t.actors[1]}–${t.actors[2]} ${t.means[1] > 0 ? '+' : '−'} · ${t.actors[2]}–${t.actors[0]} ${t.means[2] > 0 ? '+' : '−'}`).join('; ')}` : 'Unbalanced triads: none (no balance pressure)'),
    h(
      'div',
      { class: 'table-wrap', attrs: { role: 'region', 'aria-label': 'The ledger', tabindex: 0 } },
      h(
        'table',
        { class: 'ledger' },
        h('caption', null, 'The ledger: every term, largest first; new or changed since the last step marked'),
        h('thead', null, h('tr', null, ['now', 'at start', 'kind', 'cause', 'source'].map((x) => h('th', { attrs: { scope: 'col' } }, x)))),
        h(
          'tbody',
          null,
          terms.map((t) => {
            const since = t.kind === 'tie' || t.kind === 'initial' ? '' : `since ${formatDay(t.created)}${t.fade > 0 ? `, fades ${t.fade}/yr` : ''}`;
            return h(
              'tr',
              { class: t.mark ?? '' },
              h('td', { class: 'num' }, signed(t.now, 1)),
              h('td', { class: 'num' }, signed(t.start, 1)),
              h('td', null, KIND[t.kind] ?? t.kind, t.mark ? h('strong', { class: 'mark' }, ` [${t.mark}]`) : null),
              h(
                'td',
                null,
                t.label,
                since || t.note ? h('span', { class: 'meta' }, ` · ${[since, t.note ?? ''].filter(Boolean).join(' · ')}`) : null,
                t.stack.length ? h('ul', { class: 'stack' }, t.stack.map((p) => h('li', null, `↳ ${signed(p.now, 1)} ${p.label} (${formatDay(p.created)})`))) : null,
              ),
              h('td', null, sourceItems(d.scenario, t.sources).map((x, i) => [i ? '; ' : '', link(x.url, x.text)])),
            );
          }),
        ),
      ),
    ),
  );
}

/** Every posture chart of each actor (its own and its named ones, ACTOR.chart), in the scenario's words. */
function postureKey(store: Store, s: SimState, prev: SimState | undefined): Node {
  const d = store.data();
  return h(
    'ul',
    { class: 'key postures', attrs: { 'aria-label': 'Postures' } },
    posturesView(d.scenario, s, prev).map((p) =>
      h(
        'li',
        // The states in the scenario's words on hover; the line itself stays short.
        { attrs: { title: p.charts.map((c) => `${c.chart ? `${c.chart}: ` : ''}${c.long}`).join('; ') } },
        h('strong', null, p.actor),
        ` ${postureText(p, '')}`,
        p.charts.some((c) => c.changed) ? h('span', { class: 'd' }, ' (changed)') : null,
      ),
    ),
  );
}

export function matrixScreen(store: Store): Child[] {
  const d = store.data();
  const s = currentState(d);
  const prev = previousState(d);
  const m = matrixView(d.scenario, s, prev);
  const moved = m.rows.flat().filter((c): c is Cell => c !== null && c.delta !== 0);
  const cell = store.ui.cell;
  const tension = worldTension(d.scenario, s);
  const dt = prev ? shownChange(worldTension(d.scenario, prev), tension, 1) : null;
  const tensionMove = dt === null ? '' : dt === 0 ? 'unchanged since the last step' : `${signed(dt, 1)} since the last step`;
  return [
    title('Relations'),
    h('p', null, `World tension ${rounded(tension, 1).toFixed(1)}${tensionMove ? ` (${tensionMove})` : ''}. Choose a cell to see why.`),
    // Side by side on a projector, one above the other on a phone.
    h(
      'div',
      { class: 'relations' },
      h(
        'div',
        null,
        heatmap(m, `How each row regards each column on ${formatDay(s.date)}`, (c) => store.set({ cell: [c.from, c.to] }), cell),
        bandKey(store),
        h('h3', null, 'Postures'),
        postureKey(store, s, prev),
        h('h3', null, 'Changes since the last step'),
        moved.length ? h('ul', { class: 'moved' }, moved.map((c) => h('li', null, `${c.from}→${c.to} ${rounded(c.value) - c.delta} → ${whole(c.value)} (${signed(c.delta)})`))) : h('p', null, prev ? 'No score moved.' : 'The start: no previous step.'),
      ),
      cell ? whyPanel(store, cell[0], cell[1]) : null,
    ),
  ];
}
