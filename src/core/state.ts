/**
 * The simulation state: plain, JSON-serialisable data. History is a list of these (immutable, made with
 * Immer), and a saved run is the inputs that rebuild them. See docs/model.md.
 */
import type { ActorId, Day, Tie } from './model.js';
import type { StreamState } from './rng.js';

export type CauseKind = 'initial' | 'event' | 'option' | 'reaction' | 'balance';

export interface Cause {
  readonly kind: CauseKind;
  /** The event whose application created the modifier (for `initial`: the relation's from>to key). */
  readonly event: string;
  /** For `option`: the chosen option id. */
  readonly option?: string;
  /** For `reaction`: the reaction rule id that scheduled the event. */
  readonly reaction?: string;
}

/** One named, fading contribution to a directed relation. */
export interface Modifier {
  /** Modifiers with the same key on the same pair stack (up to `cap`). */
  readonly key: string;
  /** Value when created (or last stacked). */
  readonly value: number;
  readonly created: Day;
  /** Points per year it fades towards zero. */
  readonly fade: number;
  readonly cap: number | null;
  readonly cause: Cause;
  readonly note: string | null;
  /**
   * When effects with this key and a cap merged into this modifier: every contributing cause, oldest first.
   * Bookkeeping only (no number reads it): each part's `value` is its share of `value`, so the parts sum to it.
   */
  readonly stack?: readonly StackPart[];
}

/** One cause of a stacked modifier: its share of the merged value (at the merge), when and why it came. */
export interface StackPart {
  readonly cause: Cause;
  readonly note: string | null;
  readonly created: Day;
  readonly value: number;
}

export interface TensionContribution {
  readonly value: number;
  readonly created: Day;
  readonly cause: Cause;
}

/** One fading addition to an indicator (an indicator with `fade:`): the sum of these, faded, is added to its base. */
export interface IndicatorPart {
  readonly value: number;
  readonly created: Day;
  /** Units per year it fades towards zero. */
  readonly fade: number;
  readonly cause: Cause;
}

export interface AgendaItem {
  readonly event: string;
  readonly date: Day;
  /** Ordering among items of the same date: scheduled consequences come before later timeline events. */
  readonly seq: number;
  /** How many reaction links led here (0 for the timeline); capped by `model.cascadeCap`. */
  readonly depth: number;
  readonly origin: { readonly kind: 'timeline' | 'followup' | 'reaction' | 'inject'; readonly by: string };
}

export interface Choice {
  readonly option: string;
  /** Who chose: the user (or a run file), or the engine's seeded draw. */
  readonly by: 'user' | 'engine';
  /** The draw consumed by this decision (one per decision, whoever chose). */
  readonly u: number;
  readonly odds: Readonly<Record<string, number>>;
}

export interface PendingDecision {
  readonly event: string;
  readonly decision: string;
  readonly depth: number;
  readonly origin: AgendaItem['origin'];
}

export interface LogEntry {
  readonly step: number;
  readonly date: Day;
  readonly event: string;
  readonly kind: 'event' | 'skipped' | 'decision' | 'capped';
  readonly origin: AgendaItem['origin'];
  readonly option?: string;
  readonly by?: 'user' | 'engine';
  /** Posture changes this step caused: actor → [from, to]. */
  readonly postures?: Readonly<Record<ActorId, readonly [string, string]>>;
}

export interface SimState {
  readonly scenario: string;
  readonly seed: number;
  readonly assumptions: Readonly<Record<string, number>>;
  readonly date: Day;
  readonly step: number;
  readonly seq: number;
  readonly agenda: readonly AgendaItem[];
  /** Modifiers per directed pair, keyed `FROM>TO`. */
  readonly ledger: Readonly<Record<string, readonly Modifier[]>>;
  readonly ties: readonly Tie[];
  readonly tension: readonly TensionContribution[];
  /** Each indicator's base: its initial value, plus what effects added that does not fade, or what they set. */
  readonly indicators: Readonly<Record<string, number>>;
  /**
   * The fading additions of indicators with `fade:` (core/ledger.ts `indicatorValue` sums them onto the base);
   * absent until one is made, so runs of scenarios without fading indicators are unchanged byte for byte.
   */
  readonly fading?: Readonly<Record<string, readonly IndicatorPart[]>>;
  /** Posture by chart key: an actor id, or `ACTOR.chart` for a named chart. */
  readonly postures: Readonly<Record<ActorId, string>>;
  readonly rng: { readonly decisions: StreamState };
  /** Event id → the day it was applied. */
  readonly happened: Readonly<Record<string, Day>>;
  /** Decision id → choice. */
  readonly choices: Readonly<Record<string, Choice>>;
  readonly pending: PendingDecision | null;
  readonly log: readonly LogEntry[];
  /** Dated prediction id → the first day it held inside its window (absent until one has: core/dated.ts). */
  readonly held?: Readonly<Record<string, Day>>;
}

export { interned, nameIndex, pairKey, pairSlot, type PairSlot } from './keys.js';
