/**
 * The relation network as GraphML (networkx `read_graphml`, igraph, Gephi, yEd): actors are nodes, each directed
 * relation an edge with its signed score as `weight`, its `sign` (-1, 0, 1) and its band. Given several dates,
 * each pair has one edge per date with a `date` attribute (networkx reads that as a MultiDiGraph).
 */
import type { Scenario } from '../core/model.js';
import type { SimState } from '../core/state.js';
import { score } from '../core/ledger.js';
import { formatDay } from '../core/date.js';
import { bandOf, round2 } from '../core/summary.js';

function xml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** GraphML text of the relations at each of `states` (one graph; edges carry the date of their state). */
export function relationGraphml(scenario: Scenario, states: readonly SimState[]): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '  xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
    '  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>',
    '  <key id="sign" for="edge" attr.name="sign" attr.type="int"/>',
    '  <key id="band" for="edge" attr.name="band" attr.type="string"/>',
    '  <key id="date" for="edge" attr.name="date" attr.type="string"/>',
    `  <graph id="${xml(scenario.id)}" edgedefault="directed">`,
  ];
  for (const a of scenario.actors) out.push(`    <node id="${xml(a.id)}"><data key="label">${xml(a.name)}</data></node>`);
  let n = 0;
  for (const s of states) {
    const date = formatDay(s.date);
    for (const a of scenario.actors) {
      for (const b of scenario.actors) {
        if (a.id === b.id) continue;
        const v = round2(score(s, a.id, b.id));
        const sign = v > 0 ? 1 : v < 0 ? -1 : 0;
        out.push(
          `    <edge id="e${n++}" source="${xml(a.id)}" target="${xml(b.id)}">` +
            `<data key="weight">${v}</data><data key="sign">${sign}</data>` +
            `<data key="band">${xml(bandOf(scenario, v).id)}</data><data key="date">${date}</data></edge>`,
        );
      }
    }
  }
  out.push('  </graph>', '</graphml>');
  return out.join('\n') + '\n';
}
