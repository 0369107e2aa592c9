/**
 * The predictions as the screens show them (terminal and web page), and the spoiler rule both follow: in
 * role-play (the user plays an actor) and in forecast-first mode, a decision's answers (the prediction it
 * embodies, what really happened) stay hidden until it is made, unless the teacher reveals them.
 */
import type { SessionData } from '../session-logic.js';

/** "7 of 11 hold in your branch; 5 held in reality (2 partly, 1 still open)". */
export function predictionTally(holds: readonly boolean[], actual: readonly string[]): string {
  const n = holds.length;
  const count = (x: string) => actual.filter((a) => a === x).length;
  const more = [count('partly') ? `${count('partly')} partly` : '', count('open') ? `${count('open')} still open` : ''].filter(Boolean).join(', ');
  return `${holds.filter(Boolean).length} of ${n} hold in your branch; ${count('held')} held in reality${more ? ` (${more})` : ''}`;
}

/** Whether answers stay hidden now (role-play or forecast-first, not revealed by the teacher). */
export function spoilersHidden(d: SessionData, revealed: boolean): boolean {
  return (d.roles.length > 0 || d.forecastFirst) && !revealed;
}
