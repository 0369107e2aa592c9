/**
 * The branch tree (branchTree): switch to a branch, or compare two on the same date (compareView): both
 * matrices side by side with the differing cells marked, and exactly what differs.
 */
import { branchTree } from '../../machines/view/branches.js';
import { compareView } from '../../machines/view/branches.js';
import { rounded } from '../../machines/view/numbers.js';
import { branchLabel } from '../../machines/view/labels.js';
import { button, h, type Child } from './dom.js';
import { heatmap } from './matrix.js';
import { title } from './shell.js';
import type { Store } from './store.js';

function compare(store: Store, a: number, b: number): Node[] {
  const d = store.data();
  if (!d.branches[a] || !d.branches[b]) return [];
  const v = compareView(d, a, b);
  const side = (x: typeof v.a, prefix: string) =>
    h(
      'div',
      { class: 'side' },
      heatmap(x.matrix, `Branch #${x.branch.id} (${x.branch.name ?? branchLabel(d.scenario, x.branch.label)}) on ${x.date}, step ${x.step}; tension ${rounded(x.tension, 1).toFixed(1)}`, undefined, null, v.differ, prefix),
    );
  return [
    h('h3', { id: 'compare-title' }, `Branch #${a} and branch #${b} on ${v.date}`),
    h('p', { class: 'meta' }, v.note),
    h('div', { class: 'compare' }, side(v.a, 'a'), side(v.b, 'b')),
    h('h4', null, 'What differs'),
    v.differences.length ? h('ul', null, v.differences.map((x) => h('li', null, x))) : h('p', null, 'Nothing differs on this date.'),
    button('Close the comparison', () => store.set({ compare: null }), { key: 'compare-close' }),
  ];
}

export function branchesScreen(store: Store): Child[] {
  const d = store.data();
  const rows = branchTree(d);
  const pair = store.ui.compare;
  return [
    title('Branches'),
    h('p', null, `${rows.length} branch${rows.length === 1 ? '' : 'es'} explored. A different choice, or an assumption change kept as a branch, starts a new one.`),
    h(
      'ul',
      { class: 'tree' },
      rows.map((r) =>
        h(
          'li',
          { class: `depth-${Math.min(r.depth, 6)}${r.current ? ' current' : ''}`, attrs: { 'aria-current': r.current ? 'true' : undefined } },
          h('span', { class: 'label' }, h('strong', null, `#${r.id} ${r.label}`), r.current ? ' (current)' : ''),
          h('span', { class: 'meta' }, ` ${r.where}${r.from ? ` · ${r.from}` : ''}`),
          h(
            'span',
            { class: 'row' },
            r.current ? null : button(`Switch to #${r.id}`, () => store.send({ type: 'BRANCH', id: r.id }, `On branch #${r.id}: ${r.label}`), { key: `switch-${r.id}` }),
            r.current ? null : button(`Compare #${d.current} with #${r.id}`, () => store.set({ compare: [d.current, r.id] }), { key: `compare-${r.id}` }),
          ),
        ),
      ),
    ),
    ...(pair ? compare(store, pair[0], pair[1]) : []),
  ];
}
