/** Builds the debrief report (report-model.ts) from a scenario, a run's history and, optionally, Monte Carlo odds. */
import { articleHorizon } from '../core/tracks.js';
import type { Scenario } from '../core/model.js';
import type { Inject } from '../core/run.js';
import type { LogEntry, SimState } from '../core/state.js';
import type { McResult } from '../mc/result.js';
import { relationMatrix, round2, tensionPathSummary } from '../core/summary.js';
import { tension } from '../core/ledger.js';
import { optionPredictionOrigin, predictionOrigin, predictionStatus, predictionTallies, tallyText } from '../core/predictions.js';
import { formatDay } from '../core/date.js';
import { scoreForecasts, type Forecasts } from './forecasts.js';
import { largestChanges, movedMost } from './report-analysis.js';
import type { BranchEntry, McOdds, Report } from './report-model.js';
import { Bibliography } from './sources.js';
import { recurrenceNote } from '../core/dated.js';

export interface ReportInputs {
  readonly scenario: Scenario;
  /** Every state of the run, from the initial one (runHistory). */
  readonly history: readonly SimState[];
  readonly preset: string;
  /** Assumptions the user set apart from the preset. */
  readonly overrides: Readonly<Record<string, number>>;
  readonly injects: readonly Inject[];
  readonly until?: number;
  readonly roles?: readonly string[];
  readonly forecasts?: Forecasts;
  /** The run file's path as the user gave it. */
  readonly runFile?: string;
  readonly mc?: McResult;
}

function branchEntry(scenario: Scenario, e: LogEntry, bib: Bibliography): BranchEntry {
  const ev = scenario.events[e.event];
  const base = {
    date: formatDay(e.date),
    event: e.event,
    title: ev?.title ?? e.event,
    kind: e.kind,
    origin: e.origin.kind,
    track: ev?.track ?? 'article',
    injected: e.origin.kind === 'inject',
    postures: Object.entries(e.postures ?? {}).map(([actor, [from, to]]) => ({ actor, from, to })),
  };
  const dec = ev?.decision;
  if (e.kind === 'decision' && dec && e.option !== undefined) {
    const opt = dec.options.find((o) => o.id === e.option);
    return {
      ...base,
      decision: {
        id: dec.id,
        actor: dec.actor,
        actorName: scenario.actors.find((a) => a.id === dec.actor)?.name ?? dec.actor,
        question: dec.question,
        option: e.option,
        label: opt?.label ?? e.option,
        by: e.by === 'user' ? 'student' : 'engine',
        odds: [],
      },
      sources: bib.add(opt?.sources ?? []),
    };
  }
  return { ...base, sources: bib.add(ev?.sources ?? []) };
}

function withOdds(entries: BranchEntry[], scenario: Scenario, last: SimState): BranchEntry[] {
  return entries.map((b) => {
    if (!b.decision) return b;
    const choice = last.choices[b.decision.id];
    const dec = scenario.events[b.event]?.decision;
    const odds = (dec?.options ?? []).map((o) => ({ id: o.id, label: o.label, p: round2(choice?.odds[o.id] ?? 0) }));
    return { ...b, decision: { ...b.decision, odds } };
  });
}

function mcOdds(scenario: Scenario, mc: McResult, last: SimState): McOdds {
  const chosen = (d: string, o: string) => last.choices[d]?.option === o;
  return {
    runs: mc.runs,
    seed: mc.seed,
    decisions: mc.decisions.map((d) => {
      const dec = Object.values(scenario.events).find((e) => e.decision?.id === d.id)?.decision;
      return {
        id: d.id,
        actor: d.actor,
        question: d.question,
        reached: d.reached,
        options: d.options.map((o) => ({
          id: o.id,
          label: o.label,
          p: o.p,
          lo: o.lo,
          hi: o.hi,
          given: d.reached > 0 ? o.count / d.reached : null,
          predicted: o.prediction !== undefined,
          predictedBy: optionPredictionOrigin(scenario, o.prediction)?.who ?? null,
          actual: dec?.options.find((x) => x.id === o.id)?.actual !== undefined,
          chosenHere: chosen(d.id, o.id),
        })),
      };
    }),
    predictions: mc.predictions.map((p) => ({ id: p.id, claim: p.claim, p: p.p, actual: p.actual })),
  };
}

function horizonText(scenario: Scenario): string | null {
  const day = articleHorizon(scenario);
  return day === undefined ? null : formatDay(day);
}

export function buildReport(ri: ReportInputs): Report {
  const { scenario, history } = ri;
  const first = history[0]!;
  const last = history[history.length - 1]!;
  const bib = new Bibliography(scenario);
  const preset = scenario.presets.find((p) => p.id === ri.preset);
  const tensionAt = (s: SimState) => round2(tension(s, scenario.model.tensionInitial, scenario.model.tensionFadePerMonth));
  const branch = withOdds(last.log.map((e) => branchEntry(scenario, e, bib)), scenario, last);
  const changes = largestChanges(scenario, first, last);
  for (const c of changes) for (const t of c.terms) bib.add(t.sources);
  const status = new Map(predictionStatus(scenario, last).map((p) => [p.id, p]));
  const predictions = scenario.predictions.map((p) => {
    bib.add(p.sources);
    bib.add(p.actual.sources);
    const st = status.get(p.id);
    const recurrence = p.recurs && st?.counts ? { recurrence: recurrenceNote(p.recurs, st.counts) } : {};
    return { id: p.id, claim: p.claim, by: predictionOrigin(scenario, p).who, sources: p.sources, holds: st?.holds ?? false, ...recurrence, actual: p.actual };
  });
  return {
    scenario: { id: scenario.id, title: scenario.title, summary: scenario.summary, hash: scenario.hash },
    run: {
      seed: first.seed,
      preset: ri.preset,
      presetLabel: preset?.label ?? ri.preset,
      overrides: Object.entries(ri.overrides).map(([id, value]) => ({
        id,
        label: scenario.assumptions.find((a) => a.id === id)?.label ?? id,
        value,
      })),
      start: formatDay(first.date),
      end: formatDay(last.date),
      until: ri.until !== undefined ? formatDay(ri.until) : null,
      roles: [...(ri.roles ?? [])],
      injects: [...ri.injects].sort((a, b) => a.date - b.date).map((i) => ({ event: i.event, title: scenario.events[i.event]?.title ?? i.event, date: formatDay(i.date) })),
      runFile: ri.runFile ?? null,
    },
    actors: scenario.actors.map((a) => ({ id: a.id, name: a.name })),
    bands: scenario.bands,
    branch,
    horizon: horizonText(scenario),
    start: { date: formatDay(first.date), values: relationMatrix(scenario, first) },
    end: { date: formatDay(last.date), values: relationMatrix(scenario, last) },
    tension: { start: tensionAt(first), end: tensionAt(last), path: tensionPathSummary(scenario, last) },
    series: movedMost(scenario, history),
    changes,
    predictions,
    predictionTallies: predictionTallies(scenario, predictions.map((p) => p.holds)).map((t) => tallyText(t, 'in this run')),
    mc: ri.mc ? mcOdds(scenario, ri.mc, last) : null,
    questions: scenario.questions,
    forecasts: ri.forecasts && Object.keys(ri.forecasts).length ? scoreForecasts(scenario, last, ri.forecasts) : null,
    sources: bib.list(),
  };
}
