/**
 * The scenario model's building blocks, shared by model.ts (what a scenario holds) and model-events.ts (what
 * happens in it): ids and days, citations, formulas and what they read, notes, ties.
 */

import type { PairSlot } from './keys.js';

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
  /** `rel` of a pair by its slot (keys.ts), when the context can look it up without the ids. */
  relOf?(slot: PairSlot): number;
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

export interface Note {
  readonly text: string;
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
