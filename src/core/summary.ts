/**
 * The result of a run as plain data: what `geosim run --format json` prints, what replay must reproduce byte
 * for byte, and what Monte Carlo aggregates. Numbers are rounded to 2 decimals for stable, readable output.
 */
import type { ActorId, Band, Scenario } from './model.js';
import type { SimState } from './state.js';
import { indicatorValues, score, tension } from './ledger.js';
import { predictionStatus } from './predictions.js';
import { formatDay } from './date.js';
import { TENSION_THRESHOLDS, tensionPath } from './tension-path.js';

export function round2(x: number): number {
  const r = Math.round(x * 100) / 100;
  return Object.is(r, -0) ? 0 : r;
}

export function bandOf(scenario: Scenario, value: number): Band {
  let band = scenario.bands[0]!;
  for (const b of scenario.bands) if (value >= b.from) band = b;
  return band;
}

export interface TimelineEntry {
  readonly date: string;
  readonly event: string;
  readonly title: string;
  readonly kind: 'event' | 'skipped' | 'decision' | 'capped';
  readonly origin: string;
  readonly option?: string;
  readonly by?: 'user' | 'engine';
}

/** The `format` key of `run --format json` (and `replay --format json`): a run result, version 1. */
export const RUN_RESULT_FORMAT = 'geosim-run-result/1';

export interface RunSummary {
  readonly format: typeof RUN_RESULT_FORMAT;
  readonly scenario: string;
  readonly hash: string;
  readonly seed: number;
  readonly preset: string;
  readonly assumptions: Readonly<Record<string, number>>;
  readonly choices: Readonly<Record<string, string>>;
  readonly chosenBy: Readonly<Record<string, 'user' | 'engine'>>;
  readonly timeline: readonly TimelineEntry[];
  readonly final: {
    readonly date: string;
    readonly relations: Readonly<Record<ActorId, Readonly<Record<ActorId, number>>>>;
    readonly bands: Readonly<Record<ActorId, Readonly<Record<ActorId, string>>>>;
    readonly tension: number;
    readonly indicators: Readonly<Record<string, number>>;
    readonly postures: Readonly<Record<ActorId, string>>;
  };
  /** `counts`: a recurring prediction's count in each whole period of its window. */
  readonly predictions: Readonly<Record<string, { readonly holds: boolean; readonly actual: string; readonly counts?: readonly number[] }>>;
  /** World tension over the run (tension-path.ts): what the end value, back at its start in most runs, hides. */
  readonly tensionPath: TensionPathSummary;
}

export interface TensionPathSummary {
  readonly start: number;
  readonly end: number;
  readonly peak: number;
  readonly peakDate: string;
  readonly mean: number;
  readonly days: number;
  /** Threshold → days above it. */
  readonly daysAbove: Readonly<Record<string, number>>;
}

/** One line: `peak 52.4 on 2024-10-21, mean 44.1; days above 50: 38, 60: 0, 70: 0, 80: 0 (of 592); end 40`. */
export function tensionPathText(p: TensionPathSummary): string {
  const above = Object.entries(p.daysAbove).map(([t, d]) => `${t}: ${d}`).join(', ');
  return `peak ${p.peak} on ${p.peakDate}, mean ${p.mean}; days above ${above} (of ${p.days}); start ${p.start}, end ${p.end}`;
}

export function tensionPathSummary(scenario: Scenario, s: SimState): TensionPathSummary {
  const p = tensionPath(scenario, s);
  return {
    start: round2(p.start),
    end: round2(p.end),
    peak: round2(p.peak),
    peakDate: formatDay(p.peakDay),
    mean: round2(p.mean),
    days: p.days,
    daysAbove: Object.fromEntries(TENSION_THRESHOLDS.map((t, i) => [String(t), p.above[i] ?? 0])),
  };
}

export function relationMatrix(scenario: Scenario, s: SimState): Record<ActorId, Record<ActorId, number>> {
  const m: Record<ActorId, Record<ActorId, number>> = {};
  for (const a of scenario.actors) {
    const row: Record<ActorId, number> = (m[a.id] = {});
    for (const b of scenario.actors) if (a.id !== b.id) row[b.id] = round2(score(s, a.id, b.id));
  }
  return m;
}

export function summarize(scenario: Scenario, s: SimState, preset: string): RunSummary {
  const relations = relationMatrix(scenario, s);
  const bands: Record<ActorId, Record<ActorId, string>> = {};
  for (const [a, row] of Object.entries(relations)) {
    bands[a] = Object.fromEntries(Object.entries(row).map(([b, v]) => [b, bandOf(scenario, v).id]));
  }
  const indicators: Record<string, number> = {};
  for (const [k, v] of Object.entries(indicatorValues(s))) indicators[k] = round2(v);
  return {
    format: RUN_RESULT_FORMAT,
    scenario: scenario.id,
    hash: scenario.hash,
    seed: s.seed,
    preset,
    assumptions: { ...s.assumptions },
    choices: Object.fromEntries(Object.entries(s.choices).map(([d, c]) => [d, c.option])),
    chosenBy: Object.fromEntries(Object.entries(s.choices).map(([d, c]) => [d, c.by])),
    timeline: s.log.map((e) => ({
      date: formatDay(e.date),
      event: e.event,
      title: scenario.events[e.event]?.title ?? e.event,
      kind: e.kind,
      origin: e.origin.kind,
      ...(e.option !== undefined ? { option: e.option } : {}),
      ...(e.by !== undefined ? { by: e.by } : {}),
    })),
    final: {
      date: formatDay(s.date),
      relations,
      bands,
      tension: round2(tension(s, scenario.model.tensionInitial, scenario.model.tensionFadePerMonth)),
      indicators,
      postures: { ...s.postures },
    },
    predictions: Object.fromEntries(predictionStatus(scenario, s).map((p) => [p.id, { holds: p.holds, actual: p.actual, ...(p.counts && { counts: p.counts }) }])),
    tensionPath: tensionPathSummary(scenario, s),
  };
}
