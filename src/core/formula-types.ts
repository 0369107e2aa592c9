/**
 * The contract between the formula compiler (formula.ts) and its callers (the scenario loader).
 * Names are resolved when a scenario loads, so a formula can never fail on an unknown name mid-run.
 */
export interface FormulaScope {
  readonly assumptions: ReadonlySet<string>;
  readonly indicators: ReadonlySet<string>;
  readonly actors: ReadonlySet<string>;
  /** Posture states per actor (for `posture(A, state)`). */
  readonly postures: ReadonlyMap<string, ReadonlySet<string>>;
  /** Option ids per decision id (for `chosen(decision, option)`). */
  readonly decisions: ReadonlyMap<string, ReadonlySet<string>>;
  /** Every event id (for `happened(event)`). */
  readonly events: ReadonlySet<string>;
}

/** A formula that does not compile. `column` is 1-based within the formula's source text. */
export class FormulaError extends Error {
  constructor(
    message: string,
    readonly column: number,
    /** A valid name close to the unknown one, when there is one. */
    readonly suggestion?: string,
  ) {
    super(message);
    this.name = 'FormulaError';
  }
}
