/** Compiling events (timeline, follow-ups, injects) and their decisions; their effects are compile-effects.ts. */
import { GOLDSTEIN } from '../core/cameo.js';
import { parseDay } from '../core/date.js';
import type { Day, Decision, EventDef, FollowUp, Note, Option } from '../core/model.js';
import { nearest } from './errors.js';
import type { Ctx, EventSection } from './context.js';
import { formula, optionalFormula } from './formulas.js';
import { checkActor, checkRef, checkUnique, sourcesOf } from './references.js';
import type { DataPath } from './source-map.js';
import { checkGroup, compileEffects } from './compile-effects.js';
import type { RawEvent, RawNote, RawOption } from './schema.js';

export interface CompiledEvents {
  readonly events: Record<string, EventDef>;
  readonly timeline: string[];
  readonly injects: string[];
}

const SECTIONS: readonly EventSection[] = ['timeline', 'followups', 'injects'];

export function compileEvents(ctx: Ctx, start: Day, fade: number): CompiledEvents {
  const all = SECTIONS.flatMap((section) => (ctx.raw[section] ?? []).map((raw, index) => ({ raw, section, path: [section, index] as DataPath })));
  checkUnique(ctx, all, (e) => e.raw.id, (i) => [...(all[i] as { path: DataPath }).path, 'id'], 'event id');
  const events: Record<string, EventDef> = {};
  const timeline: string[] = [];
  const injects: string[] = [];
  let last: { day: Day; date: string } | undefined;
  for (const { raw, section, path } of all) {
    const ev = compileEvent(ctx, raw, section, path, fade);
    if (ev.date !== undefined && ev.date < start) {
      ctx.fail([...path, 'date'], { problem: 'event before the scenario start', expected: `a date on or after ${ctx.raw.start}`, found: raw.date });
    }
    if (section === 'timeline' && ev.date !== undefined) {
      if (last && ev.date < last.day) {
        ctx.fail([...path, 'date'], { problem: 'timeline out of order', expected: `a date on or after ${last.date} (the event before)`, found: raw.date });
      }
      last = { day: ev.date, date: raw.date as string };
    }
    if (Object.hasOwn(events, raw.id)) continue;
    events[raw.id] = ev;
    if (section === 'timeline') timeline.push(raw.id);
    if (section === 'injects') injects.push(raw.id);
  }
  return { events, timeline, injects };
}

function compileEvent(ctx: Ctx, raw: RawEvent, section: EventSection, path: DataPath, fade: number): EventDef {
  let date: Day | undefined;
  if (raw.date !== undefined) {
    if (section === 'followups') {
      ctx.fail([...path, 'date'], { problem: 'a follow-up has no date', expected: 'no date (the option or reaction that calls it schedules it)' }, { key: true });
    } else date = parseDay(raw.date);
  } else if (section === 'timeline') {
    ctx.fail(path, { problem: "missing required key 'date'", expected: 'a date YYYY-MM-DD' });
  }
  let goldstein = 0;
  if (raw.cameo !== undefined) {
    const w = GOLDSTEIN[raw.cameo];
    if (!Object.hasOwn(GOLDSTEIN, raw.cameo) || w === undefined) {
      ctx.fail([...path, 'cameo'], { problem: `unknown CAMEO code '${raw.cameo}'`, expected: 'a code of the CAMEO→Goldstein table (src/core/cameo.ts)', suggestion: nearest(raw.cameo, Object.keys(GOLDSTEIN)) });
    } else goldstein = w;
  }
  if (raw.goldstein !== undefined) goldstein = raw.goldstein;
  const parties = eventParties(ctx, raw, path);
  // `ongoing` is read by the fidelity rules (lint.ts); its citations are checked here like any other.
  if (raw.ongoing) sourcesOf(ctx, raw.ongoing, [...path, 'ongoing'], true);
  if (section === 'injects' && raw.track !== undefined) {
    ctx.fail([...path, 'track'], { problem: 'injects have no track', expected: 'no track key (an inject is always on the inject track)' }, { key: true });
  }
  return {
    id: raw.id,
    date,
    title: raw.title,
    text: raw.text,
    ...(raw.variants && { variants: raw.variants.map((v, i) => ({ when: formula(ctx, v.when, [...path, 'variants', i, 'when']), text: v.text })) }),
    sources: sourcesOf(ctx, raw, path, true),
    cameo: raw.cameo,
    goldstein,
    ...parties,
    when: optionalFormula(ctx, raw.when, [...path, 'when']),
    effects: compileEffects(ctx, raw.effects, [...path, 'effects'], fade),
    decision: raw.decision && compileDecision(ctx, raw.id, raw.decision, [...path, 'decision'], fade),
    track: section === 'injects' ? 'inject' : (raw.track ?? 'article'),
    tags: raw.tags ?? [],
  };
}

/**
 * An event's actor and target: one id each (simulated or under others), or groups (`actor: [A, B]`) of
 * simulated actors, each named once, no actor on both sides. Groups become `actors`/`targets` (and `actor`/
 * `target` stay undefined), so a scenario without groups compiles exactly as before.
 */
function eventParties(ctx: Ctx, raw: RawEvent, path: DataPath): Pick<EventDef, 'actor' | 'target' | 'actors' | 'targets'> {
  const side = (key: 'actor' | 'target'): { one?: string; group?: string[] } => {
    const v = raw[key];
    if (v === undefined) return {};
    if (typeof v === 'string') {
      checkActor(ctx, v, [...path, key], { others: true });
      return { one: v };
    }
    checkGroup(ctx, v, [...path, key]);
    return { group: [...new Set(v)] };
  };
  const a = side('actor');
  const t = side('target');
  const actors = a.group ?? (a.one === undefined ? [] : [a.one]);
  const targets = t.group ?? (t.one === undefined ? [] : [t.one]);
  targets.forEach((x, i) => {
    if (!actors.includes(x)) return;
    const at = t.group ? [...path, 'target', i] : [...path, 'target'];
    ctx.fail(at, { problem: `${x} is both an actor and a target of the event`, expected: `a target other than ${actors.join(', ')}` });
  });
  return { actor: a.one, target: t.one, ...(a.group && { actors: a.group }), ...(t.group && { targets: t.group }) };
}

function compileDecision(ctx: Ctx, id: string, raw: NonNullable<RawEvent['decision']>, path: DataPath, fade: number): Decision {
  checkActor(ctx, raw.actor, [...path, 'actor']);
  checkUnique(ctx, raw.options, (o) => o.id, (i) => [...path, 'options', i, 'id'], 'option id');
  if (raw.options.length > 0 && raw.options.every((o) => o.available !== undefined)) {
    // Otherwise a state could leave nothing to choose or draw (docs/model.md, Decisions).
    ctx.fail([...path, 'options'], { problem: 'every option has an available condition', expected: 'at least one option without available, which the engine can always draw' });
  }
  return {
    id,
    actor: raw.actor,
    question: raw.question,
    options: raw.options.map((o, i) => compileOption(ctx, o, [...path, 'options', i], fade)),
  };
}

function compileOption(ctx: Ctx, raw: RawOption, path: DataPath, fade: number): Option {
  checkRef(ctx, raw.prediction, ctx.predictions, [...path, 'prediction'], 'prediction', 'predictions');
  return {
    id: raw.id,
    label: raw.label,
    explain: raw.explain,
    weight: formula(ctx, raw.weight, [...path, 'weight']),
    available: optionalFormula(ctx, raw.available, [...path, 'available']),
    prediction: raw.prediction,
    actual: raw.actual && compileNote(ctx, raw.actual, [...path, 'actual']),
    effects: compileEffects(ctx, raw.effects, [...path, 'effects'], fade),
    then: (raw.then ?? []).map((f, i): FollowUp => {
      checkScheduled(ctx, f.event, [...path, 'then', i, 'event']);
      return { event: f.event, afterDays: f.after ?? 0, ...fixedDay(ctx, f, [...path, 'then', i]) };
    }),
    sources: sourcesOf(ctx, raw, path, true),
  };
}

/** `at: DATE` of a follow-up or reaction, checked: not with `after`, not before the start. */
export function fixedDay(ctx: Ctx, f: { after?: number | undefined; at?: string | undefined }, path: DataPath): { onDay?: Day } {
  if (f.at === undefined) return {};
  if (f.after !== undefined) ctx.fail([...path, 'at'], { problem: 'both after and at', expected: 'after: N days, or at: a date' }, { key: true });
  const day = parseDay(f.at);
  if (day === undefined) return {};
  if (day < (parseDay(ctx.raw.start) ?? day)) ctx.fail([...path, 'at'], { problem: 'a follow-up before the scenario start', expected: `a date on or after ${ctx.raw.start}`, found: f.at });
  return { onDay: day };
}

/** An event that an option or reaction schedules: it must be a follow-up or an inject. */
export function checkScheduled(ctx: Ctx, id: string, path: DataPath): void {
  const entry = ctx.events.get(id);
  if (!entry) {
    const schedulable = [...ctx.events.values()].filter((e) => e.section !== 'timeline').map((e) => e.raw.id);
    ctx.fail(path, { problem: `unknown event '${id}'`, expected: 'one of the ids under followups or injects', suggestion: nearest(id, schedulable) });
  } else if (entry.section === 'timeline') {
    ctx.fail(path, { problem: `'${id}' is a timeline event`, expected: 'the id of an event under followups or injects' });
  }
}

export function compileNote(ctx: Ctx, raw: RawNote, path: DataPath, required = true): Note {
  return { text: raw.text, sources: sourcesOf(ctx, raw, path, required) };
}
