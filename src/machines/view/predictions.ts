/**
 * The predictions as the screens show them (terminal and web page), and the spoiler rule both follow: in
 * role-play (the user plays an actor) and in forecast-first mode, a decision's answers (the prediction it
 * embodies, what really happened) stay hidden until it is made, unless the teacher reveals them.
 */
import type { Prediction, Scenario } from '../../core/model.js';
import type { PredictionStatus } from '../../core/predictions.js';
import { recurrenceNote } from '../../core/dated.js';
import type { SessionData } from '../session-logic.js';
import { predictionTallies, tallyText } from '../selectors.js';

/**
 * One line per origin, the article's first: "The article's 9: 4 hold in your branch; 4 held in reality (3 partly,
 * 1 still open)". A modeller's extrapolation or question never counts in the article's tally.
 */
export function predictionTally(scenario: Scenario, holds: readonly boolean[]): string[] {
  return predictionTallies(scenario, holds).map((t) => {
    const line = tallyText(t);
    return line.charAt(0).toUpperCase() + line.slice(1);
  });
}

/** Whether answers stay hidden now (role-play or forecast-first, not revealed by the teacher). */
export function spoilersHidden(d: SessionData, revealed: boolean): boolean {
  return (d.roles.length > 0 || d.forecastFirst) && !revealed;
}

/**
 * A recurring prediction's (`recurs:`) count in each whole period of its window in this branch so far, as
 * `geosim run` and the report print it: `per year: 1, 0; needs 1`; undefined for any other prediction. It is
 * the branch's, not reality's, so the spoiler rule does not hide it.
 */
export function recurrenceShown(p: Prediction, st: PredictionStatus): string | undefined {
  return p.recurs !== undefined && st.counts !== undefined ? recurrenceNote(p.recurs, st.counts) : undefined;
}
