/** Compiling events (timeline, follow-ups, injects), their effects and their decisions. */
import { GOLDSTEIN } from '../core/cameo.js';
import { parseDay } from '../core/date.js';
import type { Day, Decision, Effect, EventDef, FollowUp, Note, Option, Tie } from '../core/model.js';
import { nearest } from './errors.js';
import { groupTieIds, type Ctx, type EventSection } from './context.js';
import { formula, optionalFormula } from './formulas.js';
import { checkActor, checkRef, checkUnique, sourcesOf } from './references.js';
import type { DataPath } from './source-map.js';
import type { RawEffect, RawEvent, RawNote, RawOption, RawTie } from './schema.js';

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

/** A tie, or the pair ties of a group tie (`among:`), which share its label, value and sources. */
export function compileTie(ctx: Ctx, raw: RawTie, path: DataPath): Tie[] {
  const sources = sourcesOf(ctx, raw, path, true);
  // Keys in the order ties have always had: states are compared and digested as JSON.
  const tie = (id: string, between: [string, string]): Tie => ({ id, type: raw.type, label: raw.label, between, since: raw.since, value: raw.value, why: raw.why, sources });
  if (raw.among !== undefined) {
    if (raw.between !== undefined) ctx.fail([...path, 'among'], { problem: 'both between and among', expected: 'between: [A, B] for two actors or among: [A, B, C] for more' }, { key: true });
    checkGroup(ctx, raw.among, [...path, 'among']);
    return groupTieIds(raw.id, raw.among).map((m) => tie(m.id, m.between));
  }
  if (raw.between === undefined) {
    ctx.fail(path, { problem: "missing required key 'between'", expected: 'between: [A, B], or among: [A, B, C] for a group' });
    return [];
  }
  const [a, b] = raw.between;
  checkActor(ctx, a, [...path, 'between', 0]);
  checkActor(ctx, b, [...path, 'between', 1]);
  if (a === b) ctx.fail([...path, 'between', 1], { problem: `a tie between ${a} and itself`, expected: 'two different actors' });
  return [tie(raw.id, [a, b])];
}

/** A group of simulated actors, each named once. */
function checkGroup(ctx: Ctx, among: readonly string[], path: DataPath): void {
  among.forEach((x, i) => {
    checkActor(ctx, x, [...path, i]);
    const first = among.indexOf(x);
    if (first < i) ctx.fail([...path, i], { problem: `${x} is named twice in ${String(path[path.length - 1])}`, expected: 'each actor once' });
  });
}

const EFFECT_KINDS = ['opinion', 'tension', 'indicator', 'tie'] as const;

function exactlyOne(ctx: Ctx, obj: object, keys: readonly string[], path: DataPath): string | undefined {
  const present = keys.filter((k) => (obj as Record<string, unknown>)[k] !== undefined);
  if (present.length === 1) return present[0];
  ctx.fail(path, { expected: `exactly one of ${keys.join(', ')}`, found: present.length === 0 ? 'none' : present.join(' and ') });
  return undefined;
}

function compileEffects(ctx: Ctx, raw: readonly RawEffect[] | undefined, path: DataPath, fade: number): Effect[] {
  return (raw ?? []).flatMap((e, i) => compileEffect(ctx, e, [...path, i], fade));
}

function compileEffect(ctx: Ctx, e: RawEffect, path: DataPath, fade: number): Effect[] {
  const kind = exactlyOne(ctx, e, EFFECT_KINDS, path);
  if (kind === 'tension' && e.tension !== undefined) return [{ kind: 'tension', value: formula(ctx, e.tension, [...path, 'tension']) }];
  if (kind === 'indicator' && e.indicator) {
    const p = [...path, 'indicator'];
    const id = indicatorOf(ctx, e.indicator, p);
    const op = exactlyOne(ctx, e.indicator, ['add', 'set'], p);
    if ((op !== 'add' && op !== 'set') || id === undefined) return [];
    // An addition fades when the effect or its indicator says so; a `set` replaces the value and never fades.
    const fade = e.indicator.fade ?? ctx.raw.indicators?.[e.indicator.id]?.fade;
    if (op === 'set' && e.indicator.fade !== undefined) ctx.fail([...p, 'fade'], { problem: 'fade on a set', expected: 'fade only with add (a set value stays until changed)' }, { key: true });
    const value = formula(ctx, e.indicator[op] as NonNullable<RawEffect['tension']>, [...p, op]);
    return [{ kind: 'indicator', id, op, value, ...(op === 'add' && fade !== undefined && fade > 0 && { fade }) }];
  }
  if (kind === 'tie' && e.tie) {
    const p = [...path, 'tie'];
    const op = exactlyOne(ctx, e.tie, ['add', 'end'], p);
    if (op === 'add' && e.tie.add) return compileTie(ctx, e.tie.add, [...p, 'add']).map((tie) => ({ kind: 'tie-add', tie }));
    if (op === 'end' && e.tie.end !== undefined) {
      checkRef(ctx, e.tie.end, ctx.tieIds, [...p, 'end'], 'tie', 'ties (or added by an effect)');
      return (ctx.groupTies.get(e.tie.end) ?? [e.tie.end]).map((id) => ({ kind: 'tie-end', id }));
    }
    return [];
  }
  if (kind === 'opinion' && e.opinion) {
    const o = e.opinion;
    const p = [...path, 'opinion'];
    const pairs = directedPairs(ctx, o, p);
    const value = optionalFormula(ctx, o.value, [...p, 'value']);
    return pairs.map(([from, to]) => ({ kind: 'opinion', from, to, value, fade: o.fade ?? fade, cap: o.cap, key: o.key, note: o.note }));
  }
  return [];
}

/** The indicator an effect changes: `id`, or with `actor:`/`pair:` the per-actor or per-pair one it names. */
function indicatorOf(ctx: Ctx, e: NonNullable<RawEffect['indicator']>, p: DataPath): string | undefined {
  const def = Object.hasOwn(ctx.raw.indicators ?? {}, e.id) ? ctx.raw.indicators?.[e.id] : undefined;
  if (!def) {
    checkRef(ctx, e.id, new Set(Object.keys(ctx.raw.indicators ?? {})), [...p, 'id'], 'indicator', 'indicators');
    return undefined;
  }
  const per = def.per;
  const given = e.actor !== undefined ? 'actor' : e.pair !== undefined ? 'pair' : undefined;
  if (per !== given || (e.actor !== undefined && e.pair !== undefined)) {
    const want = per === 'actor' ? 'actor: A (it is kept per actor)' : per === 'pair' ? 'pair: [A, B] (it is kept per pair)' : 'neither actor nor pair (it is one number)';
    ctx.fail([...p, given ?? 'id'], { problem: `indicator '${e.id}' ${per ? `is per ${per}` : 'is global'}`, expected: want }, { key: given !== undefined });
    return undefined;
  }
  if (e.actor !== undefined) {
    checkActor(ctx, e.actor, [...p, 'actor']);
    return `${e.id}_${e.actor.toLowerCase()}`;
  }
  if (e.pair !== undefined) {
    const [a, b] = e.pair;
    checkActor(ctx, a, [...p, 'pair', 0]);
    checkActor(ctx, b, [...p, 'pair', 1]);
    if (a === b) ctx.fail([...p, 'pair', 1], { problem: `a pair of ${a} and itself`, expected: 'two different actors' });
    return `${e.id}_${a.toLowerCase()}_${b.toLowerCase()}`;
  }
  return e.id;
}

/**
 * `from`/`to`, `between: [A, B]` (both directions) or `among: [A, B, C]` (every direction within the group),
 * checked: simulated actors, different ones.
 */
export function directedPairs(
  ctx: Ctx,
  o: { from?: string | undefined; to?: string | undefined; between?: readonly [string, string] | undefined; among?: readonly string[] | undefined },
  path: DataPath,
): [string, string][] {
  if (o.among !== undefined) {
    if (o.from !== undefined || o.to !== undefined || o.between !== undefined) {
      ctx.fail([...path, 'among'], { problem: `both among and ${o.between !== undefined ? 'between' : 'from/to'}`, expected: 'one of among: [A, B, C], between: [A, B], or from: and to:' }, { key: true });
    }
    checkGroup(ctx, o.among, [...path, 'among']);
    const group = [...new Set(o.among)];
    return group.flatMap((a) => group.filter((b) => b !== a).map((b): [string, string] => [a, b]));
  }
  if (o.between !== undefined) {
    if (o.from !== undefined || o.to !== undefined) {
      ctx.fail([...path, 'between'], { problem: 'both between and from/to', expected: 'either between: [A, B] or from: and to:' }, { key: true });
    }
    const [a, b] = o.between;
    checkActor(ctx, a, [...path, 'between', 0]);
    checkActor(ctx, b, [...path, 'between', 1]);
    if (a === b) ctx.fail([...path, 'between', 1], { problem: `between ${a} and itself`, expected: 'two different actors' });
    return [[a, b], [b, a]];
  }
  if (o.from === undefined || o.to === undefined) {
    const missing = o.from === undefined ? 'from' : 'to';
    ctx.fail(path, { problem: `missing required key '${missing}'`, expected: 'from: and to:, between: [A, B], or among: [A, B, C]' });
    return [];
  }
  checkActor(ctx, o.from, [...path, 'from']);
  checkActor(ctx, o.to, [...path, 'to']);
  if (o.from === o.to) ctx.fail([...path, 'to'], { problem: `from and to are both ${o.from}`, expected: 'a relation between two different actors' });
  return [[o.from, o.to]];
}
