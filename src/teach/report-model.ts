/**
 * The debrief report as plain data: what `geosim report` renders as Markdown or HTML. Built from a scenario and
 * a run's inputs (report-build.ts); the renderers only lay it out.
 */
import type { TensionPathSummary } from '../core/summary.js';
import type { ActorId, Band, SourceRef } from '../core/model.js';
import type { ForecastReport } from './forecasts.js';
import type { CitedSource } from './sources.js';

export type Who = 'student' | 'engine';

export interface OddsRow {
  readonly id: string;
  readonly label: string;
  readonly p: number;
}

export interface BranchDecision {
  readonly id: string;
  readonly actor: ActorId;
  readonly actorName: string;
  readonly question: string;
  readonly option: string;
  readonly label: string;
  readonly by: Who;
  /** The model's odds when the decision came up. */
  readonly odds: readonly OddsRow[];
}

export interface BranchEntry {
  readonly date: string;
  readonly event: string;
  readonly title: string;
  readonly kind: 'event' | 'skipped' | 'decision' | 'capped';
  readonly origin: 'timeline' | 'followup' | 'reaction' | 'inject';
  /** The event's track: the article's account, or what happened after it (retro); injects have their own. */
  readonly track: 'article' | 'retro' | 'inject';
  /** Inserted by the teacher (`--inject`, or the UI's inject menu). */
  readonly injected: boolean;
  readonly decision?: BranchDecision;
  readonly postures: readonly { readonly actor: ActorId; readonly from: string; readonly to: string }[];
  readonly sources: readonly SourceRef[];
}

export interface Matrix {
  readonly date: string;
  /** from → to → score, rounded to 2 decimals. */
  readonly values: Readonly<Record<ActorId, Readonly<Record<ActorId, number>>>>;
}

export interface SeriesLine {
  readonly from: ActorId;
  readonly to: ActorId;
  /** One value per entry of `Series.dates`. */
  readonly values: readonly number[];
  /** The value just before each date's events: the previous date's value faded to this date. */
  readonly before: readonly number[];
  readonly start: number;
  readonly end: number;
  readonly min: number;
  readonly max: number;
  /** Largest distance from the starting value at any point of the run. */
  readonly moved: number;
}

export interface Series {
  /** The start date and every date on which something was applied. */
  readonly dates: readonly string[];
  readonly lines: readonly SeriesLine[];
}

export type TermKind = 'event' | 'option' | 'reaction' | 'balance' | 'tie added' | 'tie ended';

export interface ChangeTerm {
  readonly kind: TermKind;
  readonly label: string;
  readonly date: string;
  /** Its worth at the end of the run (a fading modifier may be worth less than it started). */
  readonly value: number;
  readonly startValue: number;
  readonly note: string | null;
  readonly sources: readonly SourceRef[];
}

export interface ChangeBreakdown {
  readonly from: ActorId;
  readonly to: ActorId;
  readonly start: number;
  readonly end: number;
  readonly delta: number;
  /** The sum of the terms was cut off at ±100, so the terms add up to more than the change. */
  readonly clamped: boolean;
  readonly byKind: readonly { readonly kind: TermKind; readonly value: number }[];
  readonly terms: readonly ChangeTerm[];
}

export interface PredictionRow {
  readonly id: string;
  readonly claim: string;
  /** Who made it: "the article", an analyst's outlet, "the scenario's author" (core/predictions.ts). */
  readonly by: string;
  readonly sources: readonly SourceRef[];
  readonly holds: boolean;
  /** A recurring prediction: its counts per period, as `per year: 2, 1; needs 1` (core/dated.ts). */
  readonly recurrence?: string;
  readonly actual: { readonly status: 'held' | 'failed' | 'partly' | 'open'; readonly text: string; readonly sources: readonly SourceRef[] };
}

export interface McOption {
  readonly id: string;
  readonly label: string;
  /** Share of all runs that chose this option, with its 95 % interval. */
  readonly p: number;
  readonly lo: number;
  readonly hi: number;
  /** Share of the runs that reached the decision (null when none did). */
  readonly given: number | null;
  readonly predicted: boolean;
  /** Whose prediction this option embodies ("the article", …), or null. */
  readonly predictedBy: string | null;
  readonly actual: boolean;
  readonly chosenHere: boolean;
}

export interface McOdds {
  readonly runs: number;
  readonly seed: number;
  readonly decisions: readonly {
    readonly id: string;
    readonly actor: ActorId;
    readonly question: string;
    readonly reached: number;
    readonly options: readonly McOption[];
  }[];
  readonly predictions: readonly { readonly id: string; readonly claim: string; readonly p: number; readonly actual: string }[];
}

export interface Report {
  readonly scenario: { readonly id: string; readonly title: string; readonly summary: string; readonly hash: string };
  readonly run: {
    readonly seed: number;
    readonly preset: string;
    readonly presetLabel: string;
    /** Assumptions set apart from the preset: id → { label, value }. */
    readonly overrides: readonly { readonly id: string; readonly label: string; readonly value: number }[];
    readonly start: string;
    readonly end: string;
    readonly until: string | null;
    /** Actors played by students (from the run file), when recorded. */
    readonly roles: readonly ActorId[];
    readonly injects: readonly { readonly event: string; readonly title: string; readonly date: string }[];
    /** The run file the report was made from, when there is one. */
    readonly runFile: string | null;
  };
  readonly actors: readonly { readonly id: ActorId; readonly name: string }[];
  readonly bands: readonly Band[];
  readonly branch: readonly BranchEntry[];
  /** The article's horizon (core/tracks.ts): the branch is shown up to it and after it apart; null without retro events. */
  readonly horizon: string | null;
  readonly start: Matrix;
  readonly end: Matrix;
  /** World tension at the start and the end, and over the run (its peak, mean and days above thresholds). */
  readonly tension: { readonly start: number; readonly end: number; readonly path: TensionPathSummary };
  readonly series: Series;
  readonly changes: readonly ChangeBreakdown[];
  readonly predictions: readonly PredictionRow[];
  /** The ledger tallied by origin, the article's first ("the article's 9: 4 hold in this run; …"). */
  readonly predictionTallies: readonly string[];
  readonly mc: McOdds | null;
  readonly questions: readonly string[];
  readonly forecasts: ForecastReport | null;
  readonly sources: readonly CitedSource[];
}
