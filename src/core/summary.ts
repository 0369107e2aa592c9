/**
 * The result of a run as plain data: what `geosim run --format json` prints, what replay must reproduce byte
 * for byte, and what Monte Carlo aggregates. Numbers are rounded to 2 decimals for stable, readable output.
 */
import type { ActorId, Band, Scenario } from './model.js';
import type { SimState } from './state.js';
import { score, tension } from './ledger.js';
import { predictionStatus } from './predictions.js';
import { formatDay } from './date.js';

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
  readonly predictions: Readonly<Record<string, { readonly holds: boolean; readonly actual: string }>>;
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
  for (const [k, v] of Object.entries(s.indicators)) indicators[k] = round2(v);
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
    predictions: Object.fromEntries(predictionStatus(scenario, s).map((p) => [p.id, { holds: p.holds, actual: p.actual }])),
  };
}
