/**
 * Every posture chart of each actor, for the matrix's posture line (terminal) and legend (web page): an actor's
 * own chart (keyed by its id) and its named charts (`ACTOR.chart`, e.g. PRK.military), each with its state and
 * whether it changed at the last step. An actor with no chart at all shows `—`; an actor with only named charts
 * shows those.
 */
import type { ActorId, Scenario } from '../../core/model.js';
import type { SimState } from '../../core/state.js';
import { postureLong, postureShort, words } from './labels.js';

export interface ChartPosture {
  /** The key in `state.postures`: `PRK` or `PRK.military`. */
  readonly key: string;
  /** The named chart's name as words (`military`); absent for the actor's own chart. */
  readonly chart?: string;
  readonly state: string | undefined;
  /** The state's id as words (`rotated home`), `—` without one. */
  readonly short: string;
  /** The state's description in the scenario. */
  readonly long: string;
  readonly changed: boolean;
}

export interface ActorPostures {
  readonly actor: ActorId;
  readonly charts: readonly ChartPosture[];
}

/** The chart keys of each actor, in the scenario's actor order: its own (if any), then its named charts in the scenario's order. */
export function chartKeys(scenario: Scenario): { readonly actor: ActorId; readonly keys: readonly string[] }[] {
  const all = Object.keys(scenario.postures);
  return scenario.actors.map((a) => {
    const named = all.filter((k) => k.startsWith(`${a.id}.`));
    return { actor: a.id, keys: [...(a.id in scenario.postures || named.length === 0 ? [a.id] : []), ...named] };
  });
}

/**
 * The charts of each actor, with their states in `state` (a SimState, or the postures the session's country
 * actors hold now) and whether they changed since `prev`.
 */
export function posturesView(scenario: Scenario, state: Pick<SimState, 'postures'>, prev?: Pick<SimState, 'postures'>): ActorPostures[] {
  return chartKeys(scenario).map(({ actor, keys }) => ({
    actor,
    charts: keys.map((key): ChartPosture => {
      const s = state.postures[key];
      const chart = key.includes('.') ? words(key.slice(actor.length + 1)) : undefined;
      return { key, ...(chart !== undefined ? { chart } : {}), state: s, short: postureShort(s), long: postureLong(scenario, key, s), changed: prev !== undefined && prev.postures[key] !== s };
    }),
  }));
}

/** One actor's postures on one line: `hedging · military: deployed*` (`*`: changed at the last step). */
export function postureText(p: ActorPostures, mark = '*'): string {
  return p.charts.map((c) => `${c.chart ? `${c.chart}: ` : ''}${c.short}${c.changed ? mark : ''}`).join(' · ');
}

/** Whether an actor's postures take a line of their own: it has a named chart (its text is longer than a column). */
function ownLine(p: { readonly keys: readonly string[] }): boolean {
  return p.keys.some((k) => k.includes('.'));
}

/**
 * The posture lines of a panel that fits `perLine` actors side by side: the actors with their own chart only
 * share lines, `perLine` at a time, in the scenario's order; then each actor with a named chart has a line of
 * its own (its charts side by side), so that none of its charts is cut.
 */
export function postureLineGroups<T extends { readonly actor: ActorId }>(scenario: Scenario, items: readonly T[], perLine: number): { readonly items: T[]; readonly own: boolean }[] {
  const own = new Set(chartKeys(scenario).filter(ownLine).map((c) => c.actor));
  const shared = items.filter((p) => !own.has(p.actor));
  const out: { items: T[]; own: boolean }[] = [];
  for (let i = 0; i < shared.length; i += perLine) out.push({ items: shared.slice(i, i + perLine), own: false });
  for (const p of items) if (own.has(p.actor)) out.push({ items: [p], own: true });
  return out;
}

/** How many posture lines a panel of `perLine` columns needs (the terminal's layout reserves them). */
export function postureLineCount(scenario: Scenario, perLine: number): number {
  return postureLineGroups(scenario, chartKeys(scenario), perLine).length;
}
