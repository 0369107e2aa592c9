/** Event text that follows the branch (a selector views read): inert variants chosen by a condition on the state before the event. */
import type { EventDef, Scenario } from '../core/model.js';
import type { SimState } from '../core/state.js';
import { StateContext, evaluate } from '../core/context.js';

/** The event's text as it reads on the branch whose state (just before the event) is `before`. */
export function eventText(scenario: Scenario, ev: EventDef, before: SimState): string {
  if (!ev.variants?.length) return ev.text;
  const ctx = new StateContext(scenario, before);
  return ev.variants.find((v) => evaluate(v.when, ctx) !== 0)?.text ?? ev.text;
}
