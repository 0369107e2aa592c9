/**
 * The compiled scenario model: what the loader (src/scenario) produces from a YAML file and what the pure
 * core consumes. Everything here is plain data except `Formula`, which carries a compiled evaluator.
 *
 * Dates are whole days since 1970-01-01 (UTC), see `date.ts`. Actor ids are the scenario's codes (RUS, PRK…).
 * Every other id is snake_case so that it can appear in a formula.
 *
 * Three modules, one import for the rest of the code (this one re-exports the others): model-base.ts (ids,
 * days, citations, formulas, notes, ties), model-events.ts (events, effects, decisions, reactions, posture
 * charts, predictions) and here the scenario itself with its actors, assumptions, presets and parameters.
 */
import type { ActorId, Article, Day, Formula, Note, Source, SourceRef, Tie } from './model-base.js';
import type { EventDef, PostureChart, Prediction, Reaction } from './model-events.js';

export type { ActorId, Article, Day, EvalContext, Formula, Note, Source, SourceRef, Tie } from './model-base.js';
export type { Decision, Effect, EventDef, FollowUp, Option, PostureChart, PostureTransition, Prediction, Reaction, ReactionTrigger, Recurrence } from './model-events.js';

export interface Actor {
  readonly id: ActorId;
  readonly name: string;
  /** How the press names its government, e.g. Moscow, Seoul. */
  readonly capital: string;
  readonly interests: readonly Note[];
  readonly constraints: readonly Note[];
}

export interface Party {
  readonly id: ActorId;
  readonly name: string;
}

export interface Band {
  readonly id: string;
  readonly label: string;
  /** Inclusive lower bound; a band runs up to the next band's `from`. The first band starts at -100. */
  readonly from: number;
  /** Shown when colour is off (NO_COLOR), e.g. "--", "-", "·", "+", "++". */
  readonly symbol: string;
  /** Colour role for the UI: a named ink colour. */
  readonly color: string;
}

export interface Assumption {
  readonly id: string;
  readonly label: string;
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly unit: string;
  readonly description: string;
  readonly rationale: string;
  readonly sources: readonly SourceRef[];
}

export interface Preset {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly values: Readonly<Record<string, number>>;
}

export interface InitialRelation {
  readonly from: ActorId;
  readonly to: ActorId;
  readonly value: number;
  readonly why: string;
  readonly sources: readonly SourceRef[];
}

export interface ModelParams {
  /** Points of opinion per Goldstein unit. */
  readonly goldsteinScale: Formula;
  /** Structural-balance strength w: C's view of A moves by w × scale × goldstein × rel(C,B)/100. */
  readonly balanceStrength: Formula;
  /** Tension added per Goldstein unit of a hostile (negative) act. */
  readonly tensionScale: Formula;
  /** Tension points each contribution loses per 30 days. */
  readonly tensionFadePerMonth: number;
  readonly tensionInitial: number;
  /** |mean relation| below this counts as no sign when checking triads. */
  readonly balanceThreshold: number;
  /** Default fade (points a year) of event modifiers. */
  readonly fade: number;
  /** Maximum events a single step may trigger through reactions. */
  readonly cascadeCap: number;
}

export interface Indicator {
  readonly id: string;
  readonly label: string;
  readonly initial: number;
  readonly unit: string;
  readonly description: string;
  readonly sources: readonly SourceRef[];
  /** Units per year each added amount fades towards zero (`fade:`); absent: additions stay. */
  readonly fade?: number;
}

export interface Scenario {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  /** sha256 of the file's bytes, hex. */
  readonly hash: string;
  readonly start: Day;
  readonly article: Article | undefined;
  readonly sources: Readonly<Record<string, Source>>;
  readonly actors: readonly Actor[];
  readonly others: readonly Party[];
  readonly bands: readonly Band[];
  readonly model: ModelParams;
  readonly assumptions: readonly Assumption[];
  readonly presets: readonly Preset[];
  readonly defaultPreset: string;
  readonly relations: readonly InitialRelation[];
  readonly ties: readonly Tie[];
  readonly indicators: readonly Indicator[];
  /** Posture charts by key: an actor id (its own chart) or `ACTOR.chart` (one of its named charts, e.g. JPN.government). */
  readonly postures: Readonly<Record<string, PostureChart>>;
  /** Every event by id: timeline, follow-ups and injects. */
  readonly events: Readonly<Record<string, EventDef>>;
  /** Timeline event ids, in file order (dates non-decreasing). */
  readonly timeline: readonly string[];
  /** Ids of events a teacher may inject. */
  readonly injects: readonly string[];
  readonly reactions: readonly Reaction[];
  readonly predictions: readonly Prediction[];
  readonly questions: readonly string[];
}
