/** The decisions of a scenario by id (pure: the run-file reader and the formatters share it). */
import type { Decision, Scenario } from '../core/model.js';

/** Every decision of a scenario (timeline, follow-ups, injects), by id. */
export function decisionsOf(scenario: Scenario): Map<string, Decision> {
  const m = new Map<string, Decision>();
  for (const ev of Object.values(scenario.events)) if (ev.decision) m.set(ev.decision.id, ev.decision);
  return m;
}
