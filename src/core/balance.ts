/**
 * Structural balance (Heider 1946; Cartwright & Harary 1956): a triad of actors is balanced when the product of
 * the signs of its three relations is positive. The sign of a pair is that of the mean of its two directed
 * scores; pairs closer to zero than the scenario's threshold have no sign and leave the triad out.
 */
import type { ActorId, Scenario } from './model.js';
import type { SimState } from './state.js';
import { score } from './ledger.js';

export interface Triad {
  readonly actors: readonly [ActorId, ActorId, ActorId];
  /** Mean relation of each pair: ab, bc, ca. */
  readonly means: readonly [number, number, number];
  readonly balanced: boolean;
}

function mean(s: SimState, a: ActorId, b: ActorId): number {
  return (score(s, a, b) + score(s, b, a)) / 2;
}

export function triads(scenario: Scenario, s: SimState): Triad[] {
  const ids = scenario.actors.map((a) => a.id);
  const t = scenario.model.balanceThreshold;
  const out: Triad[] = [];
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++)
      for (let k = j + 1; k < ids.length; k++) {
        const [a, b, c] = [ids[i]!, ids[j]!, ids[k]!];
        const means = [mean(s, a, b), mean(s, b, c), mean(s, c, a)] as const;
        if (means.some((m) => Math.abs(m) < t)) continue;
        out.push({ actors: [a, b, c], means, balanced: means[0] * means[1] * means[2] > 0 });
      }
  return out;
}

/** The unbalanced triads that include both actors of a pair: the pressure on that relation. */
export function unbalancedFor(scenario: Scenario, s: SimState, a: ActorId, b: ActorId): Triad[] {
  return triads(scenario, s).filter((t) => !t.balanced && t.actors.includes(a) && t.actors.includes(b));
}
