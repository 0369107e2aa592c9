/**
 * `geosim mc` output: a readable text report, JSON (the McResult as is), or CSV in long form
 * (section,id,stat,value) so every number has one row and the header never depends on the scenario.
 */
import { optionPredictionOrigin, tallyText } from '../core/predictions.js';
import { FORMATS, jsonDocument } from '../export/formats.js';
import { toCsv } from '../export/csv.js';
import type { Scenario } from '../core/model.js';
import type { McResult, OriginTally } from './result.js';

/** Colouring hooks (the CLI theme); identity when colour is off. */
export interface Paint {
  heading(text: string): string;
  dim(text: string): string;
  band(color: string, text: string): string;
}

export const PLAIN: Paint = { heading: (t) => t, dim: (t) => t, band: (_c, t) => t };

const pct = (p: number) => `${(p * 100).toFixed(1)}%`;
const num = (x: number) => x.toFixed(1);
const grouped = (n: number) => n.toLocaleString('en-US');

export function formatJson(r: McResult): string {
  return jsonDocument(FORMATS.mcResult, r);
}

export function formatCsv(r: McResult): string {
  const rows: (string | number)[][] = [];
  rows.push(['meta', r.scenario, 'runs', r.runs], ['meta', r.scenario, 'seed', r.seed]);
  for (const [k, v] of Object.entries(r.assumptions)) rows.push(['assumption', k, 'value', v]);
  for (const d of r.decisions) {
    rows.push(['decision', d.id, 'reached', d.reached]);
    for (const o of d.options) {
      const id = `${d.id}.${o.id}`;
      rows.push(['option', id, 'count', o.count], ['option', id, 'p', o.p], ['option', id, 'lo', o.lo], ['option', id, 'hi', o.hi]);
      if (o.odds !== null) rows.push(['option', id, 'odds', o.odds]);
    }
  }
  for (const p of r.predictions) {
    rows.push(['prediction', p.id, 'count', p.count], ['prediction', p.id, 'p', p.p], ['prediction', p.id, 'lo', p.lo], ['prediction', p.id, 'hi', p.hi]);
  }
  for (const t of r.tallies) {
    for (const s of ['meanHold', 'held', 'partly', 'failed', 'open'] as const) rows.push(['tally', t.origin, s, t[s]]);
    rows.push(['tally', t.origin, 'count', t.predictions.length]);
  }
  for (const x of r.relations) {
    const id = `${x.from}>${x.to}`;
    for (const s of ['mean', 'p5', 'p50', 'p95'] as const) rows.push(['relation', id, s, x[s]]);
    for (const [b, share] of Object.entries(x.bands)) rows.push(['relation', id, `band:${b}`, share]);
  }
  for (const s of ['mean', 'p5', 'p50', 'p95'] as const) rows.push(['tension', 'world', s, r.tension[s]]);
  for (const s of ['mean', 'p5', 'p50', 'p95'] as const) rows.push(['tension', 'peak', s, r.tensionPath.peak[s]]);
  for (const a of r.tensionPath.above) rows.push(['tension', `above:${a.threshold}`, 'meanDays', a.meanDays], ['tension', `above:${a.threshold}`, 'share', a.share]);
  return toCsv(['section', 'id', 'stat', 'value'], rows);
}

/** "the article's 9: 4.27 hold on average per run; 4 held in reality (3 partly, 1 still open)". */
export function originTallyText(t: OriginTally): string {
  const count = t.predictions.length;
  return tallyText({ kind: t.origin, whose: t.whose, count, holdHere: Number(t.meanHold.toFixed(2)), held: t.held, partly: t.partly, failed: t.failed, open: t.open }, 'on average per run');
}

export interface TextHeader {
  readonly preset?: string;
  readonly workers?: number;
  readonly seconds?: number;
}

export function formatText(scenario: Scenario, r: McResult, head: TextHeader = {}, paint: Paint = PLAIN): string {
  const out: string[] = [];
  const meta = [`${grouped(r.runs)} runs`, `seed ${r.seed}`];
  if (head.preset) meta.push(`preset ${head.preset}`);
  if (head.workers) meta.push(`${head.workers} worker${head.workers > 1 ? 's' : ''}`);
  if (head.seconds !== undefined) meta.push(`${head.seconds.toFixed(2)} s`);
  out.push(`${paint.heading(scenario.title)}`, paint.dim(meta.join(' · ')));
  const forced = Object.entries(r.choices);
  if (forced.length) out.push(paint.dim(`chosen: ${forced.map(([d, o]) => `${d}=${o}`).join(', ')}`));

  out.push('', paint.heading('Decisions') + paint.dim('  probability of each option, 95% interval; model odds when reached'));
  for (const d of r.decisions) {
    const reached = r.runs > 0 ? d.reached / r.runs : 0;
    out.push(`  ${d.id} ${paint.dim(`(${d.actor}) ${d.question}`)}${reached < 1 ? paint.dim(`  reached in ${pct(reached)} of runs`) : ''}`);
    const w = Math.max(...d.options.map((o) => o.id.length));
    for (const o of d.options) {
      const ci = `[${pct(o.lo)}–${pct(o.hi)}]`;
      const odds = o.odds === null ? '' : paint.dim(`  odds ${pct(o.odds)}`);
      out.push(`    ${o.id.padEnd(w)}  ${pct(o.p).padStart(6)}  ${ci.padEnd(15)}${odds}${o.prediction ? paint.dim(`  ← predicted by ${optionPredictionOrigin(scenario, o.prediction)?.who ?? 'a prediction'}`) : ''}`);
    }
  }
  if (r.predictions.length) {
    out.push('', paint.heading('Predictions') + paint.dim('  probability the prediction holds at the end, 95% interval; what happened'));
    const w = Math.max(...r.predictions.map((p) => p.id.length));
    for (const p of r.predictions) {
      out.push(`  ${p.id.padEnd(w)}  ${pct(p.p).padStart(6)}  ${`[${pct(p.lo)}–${pct(p.hi)}]`.padEnd(15)}  ${paint.dim(`actual: ${p.actual.padEnd(6)}  ${p.origin}`)}`);
    }
    out.push('', paint.heading('Predictions by origin') + paint.dim("  each origin's own tally (the article's, analysts', the scenario author's), never mixed"));
    for (const t of r.tallies) {
      const line = originTallyText(t);
      out.push(`  ${line.charAt(0).toUpperCase()}${line.slice(1)}`);
    }
  }
  out.push('', paint.heading('Relations at the end') + paint.dim('  score −100…100: mean, 5th / 50th / 95th percentile; share of runs per band'));
  for (const x of r.relations) {
    const bands = scenario.bands
      .filter((b) => (x.bands[b.id] ?? 0) > 0)
      .map((b) => paint.band(b.color, `${b.symbol} ${pct(x.bands[b.id] ?? 0)}`))
      .join('  ');
    const stats = `mean ${num(x.mean).padStart(6)}   ${num(x.p5).padStart(6)} / ${num(x.p50).padStart(6)} / ${num(x.p95).padStart(6)}`;
    out.push(`  ${`${x.from}→${x.to}`.padEnd(9)} ${stats}   ${bands}`);
  }
  const t = r.tension;
  out.push('', `${paint.heading('World tension at the end')}  mean ${num(t.mean)}   ${num(t.p5)} / ${num(t.p50)} / ${num(t.p95)}` + paint.dim('  (0…100)'));
  const pk = r.tensionPath.peak;
  out.push(`${paint.heading('World tension at its peak')}  mean ${num(pk.mean)}   ${num(pk.p5)} / ${num(pk.p50)} / ${num(pk.p95)}`);
  out.push(
    `  days above ${r.tensionPath.above.map((a) => `${a.threshold}: ${num(a.meanDays)} (${pct(a.share)} of runs)`).join(', ')}` + paint.dim('  (mean days per run)'),
  );
  return out.join('\n') + '\n';
}
