/**
 * The two tracks of a scenario's timeline: `article` (the default) is the article's account, its events and the
 * decisions it poses; `retro` is what happened after the article was written, as it happened. The article's
 * horizon is the day before the first retro event of the timeline: `--until article` stops there, and the
 * debrief report shows the branch up to it apart from what came after.
 */
import type { Day, Scenario } from './model.js';

/** The day before the first `retro` event of the timeline; undefined when the scenario has none. */
export function articleHorizon(scenario: Scenario): Day | undefined {
  let first: Day | undefined;
  for (const id of scenario.timeline) {
    const ev = scenario.events[id];
    if (ev?.track === 'retro' && ev.date !== undefined && (first === undefined || ev.date < first)) first = ev.date;
  }
  return first === undefined ? undefined : first - 1;
}
