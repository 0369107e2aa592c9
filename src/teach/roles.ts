/**
 * Role sheets: a printable handout per actor for role-play. Interests and constraints (as authored, with
 * sources), relations and ties at the scenario's start, and the decisions the actor owns with their options.
 * A sheet never says which option the article predicted or which one really happened: that is for the debrief.
 */
import type { ActorId, Band, Decision, EventDef, Note, Scenario, SourceRef } from '../core/model.js';
import { resolveAssumptions } from '../core/run.js';
import { initialState } from '../machines/engine.js';
import { relationMatrix } from '../core/summary.js';
import { formatDay } from '../core/date.js';
import { Bibliography, type CitedSource } from './sources.js';

export interface RoleRelation {
  readonly other: ActorId;
  readonly otherName: string;
  /** How the actor regards the other. */
  readonly out: number;
  /** How the other regards the actor. */
  readonly in: number;
  /** The authored rationale of the actor's view, when there is one. */
  readonly why: string | null;
  readonly sources: readonly SourceRef[];
}

export interface RoleTie {
  readonly id: string;
  readonly label: string;
  readonly type: string;
  readonly with: ActorId;
  readonly since: string;
  readonly value: number;
  readonly why: string;
  readonly sources: readonly SourceRef[];
}

export interface RoleDecision {
  readonly id: string;
  readonly event: string;
  readonly title: string;
  /** Timeline date; null for a decision that only comes up as a follow-up or through an inject. */
  readonly date: string | null;
  readonly track: 'timeline' | 'follow-up' | 'inject';
  readonly question: string;
  readonly context: string;
  readonly options: readonly { readonly id: string; readonly label: string; readonly explain: string; readonly conditional: boolean }[];
  readonly sources: readonly SourceRef[];
}

export interface RoleSheet {
  readonly id: ActorId;
  readonly name: string;
  readonly capital: string;
  readonly interests: readonly Note[];
  readonly constraints: readonly Note[];
  readonly relations: readonly RoleRelation[];
  readonly ties: readonly RoleTie[];
  readonly decisions: readonly RoleDecision[];
  readonly posture: { readonly initial: string; readonly description: string } | null;
  /** The sources this sheet cites (each sheet is a handout of its own). */
  readonly sources: readonly CitedSource[];
}

export interface RolesDoc {
  readonly scenario: { readonly id: string; readonly title: string; readonly summary: string; readonly start: string; readonly hash: string };
  readonly bands: readonly Band[];
  readonly sheets: readonly RoleSheet[];
}

function eventsWithDecisions(scenario: Scenario, actor: ActorId): [EventDef, Decision][] {
  const timeline = new Set(scenario.timeline);
  const injects = new Set(scenario.injects);
  const all = Object.values(scenario.events).filter((e) => e.decision?.actor === actor);
  const rank = (e: EventDef) => (timeline.has(e.id) ? 0 : injects.has(e.id) ? 2 : 1);
  // Timeline first in date order, then follow-ups, then injects, each in file order.
  return all
    .map((e, i) => ({ e, i }))
    .sort((a, b) => rank(a.e) - rank(b.e) || (a.e.date ?? 0) - (b.e.date ?? 0) || a.i - b.i)
    .map(({ e }) => [e, e.decision!]);
}

function sheet(scenario: Scenario, matrix: Record<ActorId, Record<ActorId, number>>, id: ActorId): RoleSheet {
  const bib = new Bibliography(scenario);
  const actor = scenario.actors.find((a) => a.id === id)!;
  for (const n of [...actor.interests, ...actor.constraints]) bib.add(n.sources);
  const relations = scenario.actors
    .filter((o) => o.id !== id)
    .map((o): RoleRelation => {
      const r = scenario.relations.find((x) => x.from === id && x.to === o.id);
      return {
        other: o.id,
        otherName: o.name,
        out: matrix[id]?.[o.id] ?? 0,
        in: matrix[o.id]?.[id] ?? 0,
        why: r?.why ?? null,
        sources: bib.add(r?.sources ?? []),
      };
    });
  const ties = scenario.ties
    .filter((t) => t.between.includes(id))
    .map((t): RoleTie => ({
      id: t.id,
      label: t.label,
      type: t.type,
      with: t.between[0] === id ? t.between[1] : t.between[0],
      since: t.since,
      value: t.value,
      why: t.why,
      sources: bib.add(t.sources),
    }));
  const timeline = new Set(scenario.timeline);
  const decisions = eventsWithDecisions(scenario, id).map(([ev, d]): RoleDecision => ({
    id: d.id,
    event: ev.id,
    title: ev.title,
    date: timeline.has(ev.id) && ev.date !== undefined ? formatDay(ev.date) : null,
    track: timeline.has(ev.id) ? 'timeline' : scenario.injects.includes(ev.id) ? 'inject' : 'follow-up',
    question: d.question,
    context: ev.text,
    options: d.options.map((o) => ({ id: o.id, label: o.label, explain: o.explain, conditional: o.available !== undefined })),
    sources: bib.add(ev.sources),
  }));
  const chart = scenario.postures[id];
  return {
    id,
    name: actor.name,
    capital: actor.capital,
    interests: actor.interests,
    constraints: actor.constraints,
    relations,
    ties,
    decisions,
    posture: chart ? { initial: chart.initial, description: chart.states[chart.initial]?.description ?? '' } : null,
    sources: bib.list(),
  };
}

/** Role sheets for `actors` (all simulated actors when empty), in the scenario's display order. */
export function buildRoles(scenario: Scenario, actors: readonly ActorId[] = []): RolesDoc {
  const wanted = actors.length ? new Set(actors) : undefined;
  const start = initialState(scenario, { seed: 0, assumptions: resolveAssumptions(scenario), choices: {} });
  const matrix = relationMatrix(scenario, start);
  const sheets = scenario.actors.filter((a) => !wanted || wanted.has(a.id)).map((a) => sheet(scenario, matrix, a.id));
  return {
    scenario: { id: scenario.id, title: scenario.title, summary: scenario.summary, start: formatDay(scenario.start), hash: scenario.hash },
    bands: scenario.bands,
    sheets,
  };
}
