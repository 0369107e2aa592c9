/**
 * The scenario's words for what the engine names by id (issue 13: no internal ids on screen). Decisions and
 * options have labels; a posture state has a description, and where a short form is needed its id is read as
 * words (`aligned_with_moscow` → `aligned with moscow`).
 */
import type { Decision, Scenario } from '../../core/model.js';

export function decisionById(scenario: Scenario, id: string): Decision | undefined {
  for (const e of Object.values(scenario.events)) if (e.decision?.id === id) return e.decision;
  return undefined;
}

/** `KOR: Send lethal arms to Ukraine`: whose decision and the option's label. */
export function oddsLabel(scenario: Scenario, decision: string, option: string): string {
  const dec = decisionById(scenario, decision);
  const label = dec?.options.find((o) => o.id === option)?.label ?? words(option);
  return dec ? `${dec.actor}: ${label}` : label;
}

/** An id read as words, for the few things the format gives no label. */
export function words(id: string): string {
  return id.replace(/[_-]+/g, ' ').trim();
}

/** A posture state, short (for the matrix's posture row). */
export function postureShort(state: string | undefined): string {
  return state === undefined ? '—' : words(state);
}

/** A posture state in the scenario's words (its description), for lines with room. */
export function postureLong(scenario: Scenario, actor: string, state: string | undefined): string {
  if (state === undefined) return '—';
  return scenario.postures[actor]?.states[state]?.description ?? words(state);
}

/**
 * A branch's name in the scenario's words: the session names a branch by the choice that started it
 * (`seoul_response → defensive_only`), which reads on screen as `KOR: Defensive measures only`.
 */
export function branchLabel(scenario: Scenario, label: string): string {
  const m = /^(\S+) → (\S+)$/.exec(label);
  if (!m || !decisionById(scenario, m[1]!)) return label;
  return oddsLabel(scenario, m[1]!, m[2]!);
}

/** Actors that own a decision: the only ones worth playing (all of them, in a scenario without decisions). */
export function playableActors(scenario: Scenario): Scenario['actors'][number][] {
  const owners = new Set(Object.values(scenario.events).flatMap((e) => (e.decision ? [e.decision.actor] : [])));
  const playable = scenario.actors.filter((a) => owners.has(a.id));
  return playable.length ? playable : [...scenario.actors];
}

/**
 * Whose postures the views compare: every actor (its own chart, keyed by its id), then each named chart
 * (`ACTOR.chart`, e.g. JPN.government) with its owner's capital and the chart's name.
 */
export function postureSubjects(scenario: Scenario): { readonly key: string; readonly capital: string; readonly chart?: string }[] {
  const capital = (id: string) => scenario.actors.find((a) => a.id === id)?.capital ?? id;
  const named = Object.keys(scenario.postures)
    .filter((k) => k.includes('.'))
    .map((key) => {
      const [owner = key, chart = ''] = key.split('.');
      return { key, capital: capital(owner), chart: words(chart) };
    });
  return [...scenario.actors.map((a) => ({ key: a.id, capital: a.capital })), ...named];
}
