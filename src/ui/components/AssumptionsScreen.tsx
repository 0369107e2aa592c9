/**
 * Assumptions: every one with its value, range, unit and description; arrows adjust, tab switches preset, and
 * the session re-simulates at once. Below, what the last change moved (the machine's report) and the Monte Carlo
 * odds under the current assumptions, recomputed in the background.
 */
import type { SessionData } from '../../machines/session-logic.js';
import { assumptionValues } from '../../machines/selectors.js';
import type { Scenario } from '../../core/model.js';
import { assumptionWhy, fmtValue as fmt, resimText } from '../../machines/view/assumptions.js';
import type { LiveOdds } from '../use-live-odds.js';
import { sourcesShort } from '../../machines/view/sources.js';
import { decisionById, oddsLabel } from '../../machines/view/labels.js';
import { padEnd, percent, wrap } from '../../machines/view/text.js';
import { timelineWindow } from '../../machines/view/timeline.js';
import { Lines, type LineSpec, type Seg } from './Line.js';
import { scrollWindow } from './scroll.js';

export { assumptionWhy };

export function resimLines(d: SessionData, width: number, max = Infinity, empty = 'Change a value: the run re-simulates from the start with the same seed and choices.'): LineSpec[] {
  // The text is the view model's (machines/view/assumptions.ts), shared with the web page.
  const text = resimText(d);
  if (text === null) return wrap(empty, width, max).map((l): LineSpec => [{ text: l, dim: true }]);
  return wrap(text, width, max).map((l): LineSpec => [{ text: l, role: 'warn' }]);
}

export function oddsLines(live: LiveOdds, width: number, scenario: Scenario): LineSpec[] {
  if (live.status === 'off') return [];
  if (live.status === 'computing') return [[{ text: `Monte Carlo: computing… ${live.runs ? Math.round((100 * live.done) / live.runs) : 0}%`, dim: true }]];
  if (live.status === 'error') return [[{ text: `Monte Carlo failed: ${live.message}`, role: 'bad' }]];
  const r = live.result;
  const out: LineSpec[] = wrap(`Monte Carlo, ${r.runs} runs, the engine drawing every decision: how often each option is taken`, width).map((l): LineSpec => [{ text: l, bold: true }]);
  for (const dec of r.decisions) {
    // In the scenario's words: whose decision, each option's label (labels.ts); wrapped, never cut (80×24 scrolls).
    const actor = decisionById(scenario, dec.id)?.actor ?? dec.id;
    const opts = dec.options.map((o) => `${oddsLabel(scenario, dec.id, o.id).slice(actor.length + 2)} ${percent(o.p)}`).join(' · ');
    const reached = dec.reached < r.runs ? ` (reached in ${percent(dec.reached / r.runs)})` : '';
    wrap(`${actor}${reached}: ${opts}`, width - 2).forEach((l, i) => out.push([{ text: i ? `  ${l}` : l }]));
  }
  return out;
}

/** Every line of the assumptions screen (the list windowed around the selection; the rest scrolls). */
export function assumptionLines(data: SessionData, selected: number, live: LiveOdds, width: number, height: number): LineSpec[] {
  const sc = data.scenario;
  const values = assumptionValues(data);
  const preset = sc.presets.find((p) => p.id === data.preset);
  const lines: LineSpec[] = [
    [
      { text: 'Preset ', bold: true },
      { text: `${preset?.label ?? data.preset} (${data.preset})`, role: 'accent' },
      { text: ` · ${Object.keys(data.overrides).length} changed · tab: next preset`, dim: true },
    ],
  ];
  const sel = Math.min(selected, sc.assumptions.length - 1);
  const listH = Math.min(sc.assumptions.length, Math.max(3, height - 9));
  const rows = sc.assumptions.map((a, i) => ({ a, cursor: i === sel }));
  const labelW = Math.max(16, Math.min(48, width - 2 - 8, Math.max(...sc.assumptions.map((x) => x.label.length))));
  for (const { a, cursor } of timelineWindow(rows, listH).rows) {
    const changed = a.id in data.overrides;
    // The range and unit where they fit whole (the selected one's are below in full).
    const left = width - 2 - labelW - 8;
    const range = [`[${fmt(a.min)}–${fmt(a.max)}, step ${fmt(a.step)}] ${a.unit}`, `[${fmt(a.min)}–${fmt(a.max)}, step ${fmt(a.step)}]`, ''].find((t) => t.length <= left)!;
    const row: Seg[] = [
      { text: cursor ? '▶ ' : '  ', role: 'cursor' },
      { text: padEnd(a.label, labelW), inverse: cursor },
      { text: `${changed ? '*' : ' '}${fmt(values[a.id]!).padStart(6)} `, bold: true, role: changed ? 'warn' : undefined },
      { text: range, dim: true },
    ];
    lines.push(row);
  }
  const a = sc.assumptions[sel];
  if (a) {
    // The selected one in full: its label, range, unit, description, why this value and its sources.
    const src = sourcesShort(sc, a.sources);
    lines.push('');
    lines.push(...wrap(`${a.label}: ${fmt(values[a.id]!)} ${a.unit} (from ${fmt(a.min)} to ${fmt(a.max)}, step ${fmt(a.step)})`, width).map((l): LineSpec => [{ text: l, bold: true }]));
    const about = wrap(`${a.description} ${assumptionWhy(sc, data.preset, data.overrides, a)}${src ? ` (${src})` : ''}`, width - 2);
    lines.push(...about.map((l): LineSpec => [{ text: `  ${l}`, dim: true }]));
  }
  lines.push('', ...resimLines(data, width));
  const odds = oddsLines(live, width, sc);
  if (odds.length) lines.push('', ...odds);
  return lines;
}

export function AssumptionsScreen({ data, selected, live, width, height, scroll = 0 }: { data: SessionData; selected: number; live: LiveOdds; width: number; height: number; scroll?: number }) {
  return <Lines lines={scrollWindow(assumptionLines(data, selected, live, width, height), height, scroll)} width={width} height={height} />;
}
