/**
 * What the step at the cursor was: the event (or decision), its paraphrase, its sources, its CAMEO code and what
 * it applied, read as the difference between the state before and after it (so it names every change, including
 * structural balance and reactions, exactly as the ledger has it).
 */
import type { Scenario } from '../../core/model.js';
import type { SimState } from '../../core/state.js';
import { formatDay } from '../../core/date.js';
import { cameoName, indicatorValue, scoreAt, tieCovers } from '../selectors.js';
import { eventText } from '../event-text.js';
import { worldTension } from './matrix.js';
import { sourceItems, sourceLabels, type SourceItem } from './sources.js';
import { postureLong } from './labels.js';
import { rounded, shownChange } from './numbers.js';
import { percent, signed } from './text.js';

export interface StepView {
  readonly date: string;
  readonly title: string;
  readonly text: string;
  readonly kind: 'start' | 'event' | 'skipped' | 'decision' | 'capped';
  /** e.g. "CAMEO 057 Sign formal agreement · Goldstein +8.0 · RUS → PRK" */
  readonly cameo: string | null;
  /** How it came about: a timeline event, a follow-up of a choice, a reaction, a teacher's inject. */
  readonly origin: string | null;
  readonly sources: readonly string[];
  /** The same citations as parts (text, URL), for a page that links them. */
  readonly links: readonly SourceItem[];
  readonly applied: readonly string[];
  /** What time did on its own since the previous step. */
  readonly fade: string | null;
}

function origin(o: SimState['log'][number]['origin']): string | null {
  switch (o.kind) {
    case 'timeline':
      return null;
    case 'followup':
      return `follow-up of ${o.by}`;
    case 'reaction':
      return `reaction (rule ${o.by})`;
    case 'inject':
      return "teacher's inject";
  }
}

/**
 * Relation changes from `a` to `b` that show (the displayed scores differ), as "KOR→RUS −8"; with `ties`, the part of a change
 * that a tie beginning or ending makes is named inside it: "RUS→KOR −45 (of which tie −15)".
 */
function relationChanges(scenario: Scenario, a: SimState, b: SimState, ties?: (from: string, to: string) => number): string[] {
  const rel: string[] = [];
  for (const x of scenario.actors)
    for (const y of scenario.actors) {
      if (x.id === y.id) continue;
      // The change as the matrix shows it: the difference of the two displayed scores (numbers.ts).
      const d = shownChange(scoreAt(a, x.id, y.id), scoreAt(b, x.id, y.id));
      if (d === 0) continue;
      const t = rounded(ties?.(x.id, y.id) ?? 0);
      rel.push(`${x.id}→${y.id} ${signed(d)}${t !== 0 ? ` (of which tie ${signed(t)})` : ''}`);
    }
  return rel;
}

/**
 * What the step itself applied: relations, tension, indicators, ties, postures. The state before is first aged
 * to the new date, so the fading of older modifiers over the days in between is not counted as the event's.
 * A tie's value is part of the relation totals, so the tie lines say so rather than read as a further change.
 */
export function appliedChanges(scenario: Scenario, prev: SimState, now: SimState): string[] {
  const out: string[] = [];
  const aged: SimState = { ...prev, date: now.date };
  const before = new Set(prev.ties.map((x) => x.id));
  const after = new Set(now.ties.map((x) => x.id));
  const begun = now.ties.filter((t) => !before.has(t.id));
  const ended = prev.ties.filter((t) => !after.has(t.id));
  const tieShare = (from: string, to: string) =>
    begun.filter((t) => tieCovers(t, from, to)).reduce((a, t) => a + t.value, 0) - ended.filter((t) => tieCovers(t, from, to)).reduce((a, t) => a + t.value, 0);
  const rel = relationChanges(scenario, aged, now, tieShare);
  if (rel.length) out.push(rel.join('  '));
  const t = shownChange(worldTension(scenario, aged), worldTension(scenario, now), 1);
  if (t !== 0) out.push(`tension ${signed(t, 1)}`);
  for (const ind of scenario.indicators) {
    const v = indicatorValue(now, ind.id);
    const d = v - indicatorValue(prev, ind.id);
    if (Math.abs(d) > 1e-9) out.push(`${ind.label}: ${signed(d, Number.isInteger(d) ? 0 : 1)} → ${+v.toFixed(2)} ${ind.unit}`);
  }
  const where = rel.some((r) => r.includes('(of which tie')) ? 'included above' : 'counted in the scores';
  for (const tie of begun) out.push(`tie begins: ${tie.label} (${signed(tie.value)} each way, ${where})`);
  for (const tie of ended) out.push(`tie ends: ${tie.label} (${signed(-tie.value)} each way, ${where})`);
  for (const [actor, p] of Object.entries(now.postures)) {
    if (prev.postures[actor] !== p) out.push(`${actor} now: ${postureLong(scenario, actor, p)} (was: ${postureLong(scenario, actor, prev.postures[actor])})`);
  }
  return out;
}

/** What the days since the previous step did on their own: older modifiers and tension fading. */
export function fadeSummary(scenario: Scenario, prev: SimState, now: SimState): string | null {
  const days = now.date - prev.date;
  if (days <= 0) return null;
  const aged: SimState = { ...prev, date: now.date };
  const rel = relationChanges(scenario, prev, aged);
  const t = shownChange(worldTension(scenario, prev), worldTension(scenario, aged), 1);
  const parts = [rel.length ? `${rel.length} relation${rel.length === 1 ? '' : 's'} drifted (${rel.slice(0, 4).join(' ')}${rel.length > 4 ? ' …' : ''})` : '', t !== 0 ? `tension ${signed(t, 1)}` : ''].filter(Boolean);
  return parts.length ? `${days} day${days === 1 ? '' : 's'} of fading: ${parts.join(', ')}` : null;
}

export function stepView(scenario: Scenario, states: readonly SimState[], cursor: number, forecasts: Readonly<Record<string, Readonly<Record<string, number>>>> = {}): StepView {
  const now = states[cursor]!;
  if (cursor === 0) {
    return {
      date: formatDay(now.date),
      title: scenario.title,
      text: scenario.summary,
      kind: 'start',
      cameo: null,
      origin: null,
      sources: [],
      links: [],
      applied: [],
      fade: null,
    };
  }
  const prev = states[cursor - 1]!;
  const entry = now.log[now.log.length - 1]!;
  const ev = scenario.events[entry.event];
  const applied = appliedChanges(scenario, prev, now);
  const fade = fadeSummary(scenario, prev, now);
  if (entry.kind === 'decision') {
    const dec = ev?.decision;
    const opt = dec?.options.find((o) => o.id === entry.option);
    const choice = now.choices[dec?.id ?? ''];
    const mine = forecasts[dec?.id ?? '']?.[opt?.id ?? ''];
    const yours = mine !== undefined ? `, your forecast ${percent(mine)}` : '';
    const odds = choice && opt ? ` (odds ${percent(choice.odds[opt.id] ?? 0)}${yours})` : '';
    const who = entry.by === 'user' ? 'you chose' : 'the engine drew';
    return {
      date: formatDay(entry.date),
      title: `${dec?.actor ?? ''}: ${opt?.label ?? entry.option ?? ''}`,
      text: `${dec?.question ?? ''} ${who} “${opt?.label ?? entry.option}”${odds}. ${opt?.explain ?? ''}`.trim(),
      kind: 'decision',
      cameo: null,
      origin: origin(entry.origin),
      sources: sourceLabels(scenario, [...(opt?.sources ?? [])]),
      links: sourceItems(scenario, [...(opt?.sources ?? [])]),
      applied,
      fade,
    };
  }
  const cameo =
    ev?.cameo !== undefined
      ? `CAMEO ${ev.cameo} ${cameoName(ev.cameo)} · Goldstein ${signed(ev.goldstein, 1)}${partiesLabel(ev)}`
      : null;
  return {
    date: formatDay(entry.date),
    title: ev?.title ?? entry.event,
    text: entry.kind === 'skipped' ? `Did not happen in this run (its condition did not hold). ${ev?.text ?? ''}` : entry.kind === 'capped' ? `Stopped: too many chained reactions. ${ev?.text ?? ''}` : ev ? eventText(scenario, ev, prev) : '',
    kind: entry.kind,
    cameo,
    origin: origin(entry.origin),
    sources: sourceLabels(scenario, ev?.sources ?? []),
    links: sourceItems(scenario, ev?.sources ?? []),
    applied,
    fade,
  };
}

/** ` · A → T` for an event with an actor and a target, groups joined by '+' (` · RUS+CHN → KOR+JPN`). */
function partiesLabel(ev: { actor?: string | undefined; target?: string | undefined; actors?: readonly string[]; targets?: readonly string[] }): string {
  const a = ev.actors?.join('+') ?? ev.actor;
  const t = ev.targets?.join('+') ?? ev.target;
  return a !== undefined && t !== undefined ? ` · ${a} → ${t}` : '';
}
