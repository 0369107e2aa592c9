/**
 * What happens in a scenario: events and their effects, decisions and options, follow-ups, reactions, posture
 * charts, and the predictions a run is checked against. Part of the compiled model (model.ts re-exports it).
 */
import type { ActorId, Day, Formula, Note, SourceRef, Tie } from './model-base.js';

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
