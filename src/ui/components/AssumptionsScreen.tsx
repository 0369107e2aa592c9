/**
 * Assumptions: every one with its value, range, unit and description; arrows adjust, tab switches preset, and
 * the session re-simulates at once. Below, what the last change moved (the machine's report) and the Monte Carlo
 * odds under the current assumptions, recomputed in the background.
 */
import type { SessionData } from '../../machines/session-logic.js';
import { assumptionValues } from '../../machines/selectors.js';
import type { Assumption, Scenario } from '../../core/model.js';
import type { LiveOdds } from '../use-live-odds.js';
import { sourcesShort } from '../../machines/view/sources.js';
import { changeShows } from '../../machines/view/numbers.js';
import { decisionById, oddsLabel } from '../../machines/view/labels.js';
import { padEnd, percent, whole, wrap } from '../../machines/view/text.js';
import { timelineWindow } from '../../machines/view/timeline.js';
import { Lines, type LineSpec, type Seg } from './Line.js';

function fmt(x: number): string {
  return String(Number(x.toFixed(3)));
}

/**
 * Why the assumption has the value shown: the rationale is written for the default, so a preset that sets
 * another value (Hindsight's 0.7 against the default 0.8) says so and names its own value first.
 */
export function assumptionWhy(sc: Scenario, presetId: string, overrides: Readonly<Record<string, number>>, a: Assumption): string {
  const preset = sc.presets.find((p) => p.id === presetId);
  const fromPreset = preset?.values[a.id];
  if (a.id in overrides) {
    const base = fromPreset ?? a.default;
    return `You set ${fmt(overrides[a.id]!)}; ${preset?.label ?? presetId} has ${fmt(base)}. Why ${fmt(a.default)} by default: ${a.rationale}`;
  }
  if (fromPreset !== undefined && fromPreset !== a.default) {
    return `Why ${fmt(fromPreset)}: the preset “${preset!.label}” sets it (${preset!.description}). The default is ${fmt(a.default)}: ${a.rationale}`;
  }
  return `Why ${fmt(a.default)}: ${a.rationale}`;
}

export function resimLines(d: SessionData, width: number, max: number, empty = 'Change a value: the run re-simulates from the start with the same seed and choices.'): LineSpec[] {
  const r = d.resim;
  if (!r) return [[{ text: empty, dim: true }]];
  // Only changes that show (numbers.ts): `28%→28%` or `−93→−93` is no move.
  const shown = r.odds.filter((o) => changeShows(o.before * 100, o.after * 100));
  const oddsText = (list: typeof shown) => list.map((o) => `${oddsLabel(d.scenario, o.decision, o.option)} ${percent(o.before)}→${percent(o.after)}`).join(' · ');
  const here = shown.filter((o) => !o.ahead);
  const ahead = shown.filter((o) => o.ahead);
  const scores = r.scores.filter((s) => changeShows(s.before, s.after)).map((s) => `${s.from}→${s.to} ${whole(s.before)}→${whole(s.after)}`);
  // Every decision the change can reach is looked at, the ones still ahead in the branch too.
  const text = [
    here.length ? `Odds moved: ${oddsText(here)}.` : '',
    ahead.length ? `Odds ahead (played on by the engine): ${oddsText(ahead)}.` : '',
    here.length || ahead.length ? '' : 'No odds moved, here or ahead.',
    scores.length ? `Scores moved (at the cursor): ${scores.join(' · ')}.` : 'No score at the cursor moved.',
  ]
    .filter(Boolean)
    .join(' ');
  return wrap(text, width, max).map((l, i): LineSpec => [{ text: l, role: i === 0 ? 'warn' : 'warn' }]);
}

export function oddsLines(live: LiveOdds, width: number, max: number, scenario: Scenario): LineSpec[] {
  if (live.status === 'off') return [];
  if (live.status === 'computing') return [[{ text: `Monte Carlo: computing… ${live.runs ? Math.round((100 * live.done) / live.runs) : 0}%`, dim: true }]];
  if (live.status === 'error') return [[{ text: `Monte Carlo failed: ${live.message}`, role: 'bad' }]];
  const r = live.result;
  const out: LineSpec[] = [[{ text: `Monte Carlo, ${r.runs} runs, the engine drawing every decision: how often each option is taken`, bold: true }]];
  for (const dec of r.decisions) {
    // In the scenario's words: whose decision, each option's label (labels.ts).
    const actor = decisionById(scenario, dec.id)?.actor ?? dec.id;
    const opts = dec.options.map((o) => `${oddsLabel(scenario, dec.id, o.id).slice(actor.length + 2)} ${percent(o.p)}`).join(' · ');
    const reached = dec.reached < r.runs ? ` (reached in ${percent(dec.reached / r.runs)})` : '';
    out.push([{ text: padEnd(`${actor}${reached}: ${opts}`, width) }]);
  }
  return out.slice(0, max);
}

export function AssumptionsScreen({ data, selected, live, width, height }: { data: SessionData; selected: number; live: LiveOdds; width: number; height: number }) {
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
  const labelW = Math.max(16, Math.min(40, width - 40));
  for (const { a, cursor } of timelineWindow(rows, listH).rows) {
    const changed = a.id in data.overrides;
    const row: Seg[] = [
      { text: cursor ? '▶ ' : '  ', role: 'cursor' },
      { text: padEnd(a.label, labelW), inverse: cursor },
      { text: `${changed ? '*' : ' '}${fmt(values[a.id]!).padStart(6)} `, bold: true, role: changed ? 'warn' : undefined },
      { text: `[${fmt(a.min)}–${fmt(a.max)}, step ${fmt(a.step)}] ${a.unit}`, dim: true },
    ];
    lines.push(row);
  }
  const a = sc.assumptions[sel];
  if (a) {
    const src = sourcesShort(sc, a.sources);
    const about = wrap(`${a.description} ${assumptionWhy(sc, data.preset, data.overrides, a)}${src ? ` (${src})` : ''}`, width - 2, 3);
    lines.push(...about.map((l): LineSpec => [{ text: `  ${l}`, dim: true }]));
  }
  const room = height - lines.length;
  const resim = resimLines(data, width, Math.max(1, Math.min(3, room - 2)));
  lines.push(...resim);
  lines.push(...oddsLines(live, width, Math.max(0, height - lines.length), sc));
  return <Lines lines={lines} width={width} height={height} />;
}
