/**
 * The resource limits of a run, in the core because the engine enforces them too (the loader refuses a
 * scenario that could reach them; docs/scenario-format.md lists them all).
 */

/** Most events one run may apply: timeline, injects and every follow-up or reaction they schedule. */
export const MAX_EVENTS_PER_RUN = 20_000;

/** Most simulated actors in a scenario (Monte Carlo tallies grow with the square of this). */
export const MAX_ACTORS = 100;

/** Most relation bands in a scenario. */
export const MAX_BANDS = 1_000;
