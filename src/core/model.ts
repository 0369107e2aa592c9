/**
 * The compiled scenario model: what the loader (src/scenario) produces from a YAML file and what the pure
 * core consumes. Everything here is plain data except `Formula`, which carries a compiled evaluator.
 *
 * Dates are whole days since 1970-01-01 (UTC), see `date.ts`. Actor ids are the scenario's codes (RUS, PRK…).
 * Every other id is snake_case so that it can appear in a formula.
 */

export type ActorId = string;
export type Day = number;

/** A citation: `¶14` of the scenario's article, or the id of an entry in `sources`. */
export interface SourceRef {
  readonly id: string;
  /** Article paragraph, when the reference is to the scenario's article (`¶N`). */
  readonly para?: number;
}

export interface Source {
  readonly id: string;
  readonly title: string;
  readonly url?: string;
  /**
   * C = the source states it, W = weak (copy, aggregator, indirect), as in the fact sheet; `unverified` = a claim
   * nobody has confirmed yet (reports and the UI label what rests on it).
   */
  readonly reliability?: 'C' | 'W' | 'unverified';
  readonly date?: string;
}

export interface Article {
  readonly title: string;
  /** Paraphrase of each paragraph, keyed by paragraph number (1-based). Never the article's own sentences. */
  readonly paragraphs: Readonly<Record<number, string>>;
}

/** Values a formula can read. The core builds one per evaluation site. */
export interface EvalContext {
  rel(from: ActorId, to: ActorId): number;
  assumption(id: string): number;
  indicator(id: string): number;
  tension(): number;
  posture(actor: ActorId, posture: string): boolean;
  chosen(decision: string, option: string): boolean;
  happened(event: string): boolean;
  /** Goldstein weight of the event being applied (0 outside an event). */
  goldstein(): number;
}

export interface Formula {
  /** The source text, for display. */
  readonly src: string;
  /** Constant formulas (plain numbers) are folded; `constant` is then set. */
  readonly constant?: number;
  /** What it reads: a mask of the READS_* bits of formula-deps.ts; absent means it may read anything. */
  readonly reads?: number;
  readonly evaluate: (ctx: EvalContext) => number;
}

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

export interface Note {
  readonly text: string;
  readonly sources: readonly SourceRef[];
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

export interface Tie {
  readonly id: string;
  readonly type: string;
  readonly label: string;
  readonly between: readonly [ActorId, ActorId];
  readonly since: string;
  /** Standing modifier added to both directed relations while the tie holds. */
  readonly value: number;
  readonly why: string;
  readonly sources: readonly SourceRef[];
}

export type Effect =
  | {
      readonly kind: 'opinion';
      readonly from: ActorId;
      readonly to: ActorId;
      /** Undefined: the event's Goldstein weight times `model.goldsteinScale`. */
      readonly value: Formula | undefined;
      /** Points per year the modifier fades towards zero. */
      readonly fade: number;
      /** Modifiers with the same key on the same pair stack up to |cap|. */
      readonly cap: number | undefined;
      readonly key: string | undefined;
      readonly note: string | undefined;
    }
  | { readonly kind: 'tension'; readonly value: Formula }
  | {
      readonly kind: 'indicator';
      readonly id: string;
      readonly op: 'add' | 'set';
      readonly value: Formula;
      /** Units per year an added amount fades towards zero (the indicator's `fade`, or the effect's own); absent: it stays. */
      readonly fade?: number;
    }
  | { readonly kind: 'tie-add'; readonly tie: Tie }
  | { readonly kind: 'tie-end'; readonly id: string };

export interface FollowUp {
  readonly event: string;
  readonly afterDays: number;
  /** `at: DATE`: on this day instead (or at once when the run is already past it). */
  readonly onDay?: Day;
}

export interface Option {
  readonly id: string;
  readonly label: string;
  readonly explain: string;
  readonly weight: Formula;
  readonly available: Formula | undefined;
  /** Id of the article prediction this option embodies. */
  readonly prediction: string | undefined;
  /** What actually happened, when this option is the real-world choice. */
  readonly actual: Note | undefined;
  readonly effects: readonly Effect[];
  readonly then: readonly FollowUp[];
  readonly sources: readonly SourceRef[];
}

export interface Decision {
  readonly id: string;
  readonly actor: ActorId;
  readonly question: string;
  readonly options: readonly Option[];
}

export interface EventDef {
  readonly id: string;
  /** Set for timeline events and injects with a fixed date; follow-ups get theirs from `afterDays`. */
  readonly date: Day | undefined;
  readonly title: string;
  /** Paraphrase of what happened or what is at stake. */
  readonly text: string;
  /** Inert text that follows the branch: the first variant whose `when` holds replaces `text` (core/text.ts). */
  readonly variants?: readonly { readonly when: Formula; readonly text: string }[];
  readonly sources: readonly SourceRef[];
  readonly cameo: string | undefined;
  /** Goldstein weight: from the CAMEO table, or authored. 0 when neither is given. */
  readonly goldstein: number;
  /** A single actor and target; undefined when none, or when the event names a group (`actors`, `targets`). */
  readonly actor: ActorId | undefined;
  readonly target: ActorId | undefined;
  /** `actor: [A, B, …]`: a group acting together (simulated actors); absent for a single actor. */
  readonly actors?: readonly ActorId[];
  /** `target: [A, B, …]`: a group acted upon (simulated actors); absent for a single target. */
  readonly targets?: readonly ActorId[];
  readonly when: Formula | undefined;
  readonly effects: readonly Effect[];
  readonly decision: Decision | undefined;
  /** `article`: the article's account; `retro`: as it happened, after the article; `inject`: teacher inject. */
  readonly track: 'article' | 'retro' | 'inject';
  readonly tags: readonly string[];
}

export interface ReactionTrigger {
  readonly event: string | undefined;
  /** `decision.option` */
  readonly option: { readonly decision: string; readonly option: string } | undefined;
  readonly tag: string | undefined;
}

export interface Reaction {
  readonly id: string;
  readonly on: ReactionTrigger;
  readonly when: Formula | undefined;
  readonly emit: string;
  readonly afterDays: number;
  /** `at: DATE`: on this day instead (or at once when the run is already past it). */
  readonly onDay?: Day;
}

export interface PostureTransition {
  readonly target: string;
  /** Fires only when this event (id) is applied. */
  readonly event: string | undefined;
  readonly when: Formula | undefined;
}

export interface PostureChart {
  readonly initial: string;
  readonly states: Readonly<Record<string, { readonly description: string; readonly on: readonly PostureTransition[] }>>;
}

export interface Prediction {
  readonly id: string;
  readonly claim: string;
  /**
   * Whose prediction, as the scenario states it (`origin:`): the article's at a paragraph, the modeller's (the
   * scenario author's extrapolation or question), or one on the record (an analyst's or official's). Absent in
   * older files: core/predictions.ts then reads it from what the prediction cites.
   */
  readonly origin?: { readonly kind: 'article'; readonly para: number } | { readonly kind: 'modeller' } | { readonly kind: 'record' };
  readonly sources: readonly SourceRef[];
  /** Evaluated on a state: does the prediction hold there? */
  readonly holds: Formula;
  /** `by:` / `within:`: the prediction holds when `holds` held after some event in this window (dated.ts). */
  readonly window?: { readonly from: Day; readonly to: Day };
  /**
   * `recurs:`: "at least N of these events every period": the window cut into whole periods of `every` days
   * from its start, each of which must see at least `atLeast` of the `events` applied (dated.ts). Always with a window.
   */
  readonly recurs?: Recurrence;
  readonly actual: {
    readonly status: 'held' | 'failed' | 'partly' | 'open';
    readonly text: string;
    readonly sources: readonly SourceRef[];
  };
}

export interface Recurrence {
  /** The events that count: the one named (`event:`) or every event with the tag (`tag:`), in file order. */
  readonly events: readonly string[];
  /** What the author wrote, for display: `event X` or `tag Y`. */
  readonly of: string;
  readonly atLeast: number;
  /** Length of a period in days (year = 365, quarter = 91, month = 30, week = 7). */
  readonly every: number;
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
