/**
 * The scenario map: events, decisions, options, follow-ups and reactions as a graph, in Mermaid (for Markdown
 * docs and slides) or Graphviz dot. Timeline events are chained in date order; injects stand apart.
 */
import { optionPredictionOrigin } from '../core/predictions.js';
import type { Scenario } from '../core/model.js';
import { formatDay } from '../core/date.js';

export type MapFormat = 'mermaid' | 'dot';

type Shape = 'timeline' | 'followup' | 'inject' | 'decision' | 'option';

interface Node {
  readonly id: string;
  readonly shape: Shape;
  /** Lines of plain text (escaped by the writer). */
  readonly lines: readonly string[];
}

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly label?: string;
  readonly style: 'sequence' | 'solid' | 'reaction';
}

export interface ScenarioGraph {
  readonly title: string;
  readonly nodes: readonly Node[];
  readonly edges: readonly Edge[];
}

const evNode = (id: string) => `ev_${id}`;
const decNode = (id: string) => `dec_${id}`;
const optNode = (d: string, o: string) => `opt_${d}__${o}`;
const days = (n: number) => (n === 0 ? 'at once' : `+${n} d`);

export function scenarioGraph(scenario: Scenario): ScenarioGraph {
  const nodes: Node[] = [];
  const edges: Edge[] = [];
  const timeline = new Set(scenario.timeline);
  const injects = new Set(scenario.injects);
  for (const ev of Object.values(scenario.events)) {
    const shape: Shape = timeline.has(ev.id) ? 'timeline' : injects.has(ev.id) ? 'inject' : 'followup';
    const when = shape === 'timeline' ? formatDay(ev.date!) : shape === 'inject' ? `teacher inject${ev.date !== undefined ? `, ${formatDay(ev.date)}` : ''}` : 'follow-up';
    nodes.push({ id: evNode(ev.id), shape, lines: [when, ev.title] });
    const d = ev.decision;
    if (!d) continue;
    nodes.push({ id: decNode(d.id), shape: 'decision', lines: [`${d.actor}: ${d.question}`] });
    edges.push({ from: evNode(ev.id), to: decNode(d.id), style: 'solid' });
    for (const o of d.options) {
      const by = optionPredictionOrigin(scenario, o.prediction);
      const marks = [by ? `${by.who} predicted` : '', o.actual !== undefined ? 'actually happened' : ''].filter(Boolean);
      nodes.push({ id: optNode(d.id, o.id), shape: 'option', lines: [o.label, ...(marks.length ? [`(${marks.join(', ')})`] : [])] });
      edges.push({ from: decNode(d.id), to: optNode(d.id, o.id), style: 'solid' });
      for (const t of o.then) edges.push({ from: optNode(d.id, o.id), to: evNode(t.event), label: t.onDay === undefined ? days(t.afterDays) : `on ${formatDay(t.onDay)}`, style: 'solid' });
    }
  }
  for (let i = 1; i < scenario.timeline.length; i++) {
    edges.push({ from: evNode(scenario.timeline[i - 1]!), to: evNode(scenario.timeline[i]!), style: 'sequence' });
  }
  for (const r of scenario.reactions) {
    const label = `${r.id}, ${r.onDay === undefined ? days(r.afterDays) : `on ${formatDay(r.onDay)}`}`;
    const sources: string[] = [];
    if (r.on.event) sources.push(evNode(r.on.event));
    if (r.on.option) sources.push(optNode(r.on.option.decision, r.on.option.option));
    if (r.on.tag) for (const ev of Object.values(scenario.events)) if (ev.tags.includes(r.on.tag)) sources.push(evNode(ev.id));
    for (const from of sources) edges.push({ from, to: evNode(r.emit), label, style: 'reaction' });
  }
  return { title: scenario.title, nodes, edges };
}

/** Mermaid entity codes (`#34;`) for the characters that would end a label or be read as HTML. */
function mermaidText(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/#/g, '#35;')
    .replace(/&/g, '#38;')
    .replace(/"/g, '#34;')
    .replace(/</g, '#60;')
    .replace(/>/g, '#62;')
    .replace(/`/g, '#96;');
}

const MERMAID_SHAPE: Record<Shape, [string, string]> = {
  timeline: ['["', '"]'],
  followup: ['("', '")'],
  inject: ['{{"', '"}}'],
  decision: ['{"', '"}'],
  option: ['(["', '"])'],
};

export function toMermaid(g: ScenarioGraph): string {
  const out = ['flowchart TD', `  %% ${mermaidText(g.title)}`];
  for (const n of g.nodes) {
    const [open, close] = MERMAID_SHAPE[n.shape];
    out.push(`  ${n.id}${open}${n.lines.map(mermaidText).join('<br/>')}${close}`);
  }
  for (const e of g.edges) {
    const arrow = e.style === 'sequence' ? '-.->' : e.style === 'reaction' ? '==>' : '-->';
    out.push(`  ${e.from} ${arrow}${e.label ? `|"${mermaidText(e.label)}"|` : ''} ${e.to}`);
  }
  out.push(
    '  classDef timeline fill:#ffffff,stroke:#000000,stroke-width:2px,color:#000000',
    '  classDef followup fill:#eef3fb,stroke:#000000,color:#000000',
    '  classDef inject fill:#ffe14d,stroke:#000000,stroke-width:2px,color:#000000',
    '  classDef decision fill:#dfe9f7,stroke:#0a3a8c,stroke-width:2px,color:#000000',
    '  classDef option fill:#f4f4f4,stroke:#444444,color:#000000',
  );
  for (const shape of ['timeline', 'followup', 'inject', 'decision', 'option'] as const) {
    const ids = g.nodes.filter((n) => n.shape === shape).map((n) => n.id);
    if (ids.length) out.push(`  class ${ids.join(',')} ${shape}`);
  }
  return `${out.join('\n')}\n`;
}

function dotText(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

const DOT_SHAPE: Record<Shape, string> = {
  timeline: 'shape=box, style="filled,bold", fillcolor="#ffffff"',
  followup: 'shape=box, style="filled,rounded", fillcolor="#eef3fb"',
  inject: 'shape=hexagon, style="filled,bold", fillcolor="#ffe14d"',
  decision: 'shape=diamond, style=filled, fillcolor="#dfe9f7"',
  option: 'shape=box, style="filled,rounded", fillcolor="#f4f4f4"',
};

export function toDot(g: ScenarioGraph): string {
  const out = [
    'digraph scenario {',
    `  label="${dotText(g.title)}";`,
    '  labelloc=t;',
    '  rankdir=TB;',
    '  node [fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  for (const n of g.nodes) out.push(`  ${n.id} [label="${n.lines.map(dotText).join('\\n')}", ${DOT_SHAPE[n.shape]}];`);
  for (const e of g.edges) {
    const attrs = [
      e.label ? `label="${dotText(e.label)}"` : '',
      e.style === 'sequence' ? 'style=dashed' : e.style === 'reaction' ? 'style=bold, color="#D55E00"' : '',
    ].filter(Boolean);
    out.push(`  ${e.from} -> ${e.to}${attrs.length ? ` [${attrs.join(', ')}]` : ''};`);
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}

export function scenarioMap(scenario: Scenario, format: MapFormat): string {
  const g = scenarioGraph(scenario);
  return format === 'dot' ? toDot(g) : toMermaid(g);
}
