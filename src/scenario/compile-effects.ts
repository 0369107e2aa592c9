/**
 * Compiling what events do and whom they name: effects (opinion, tension, indicator, tie), ties, and the
 * directed pairs and groups of actors they apply to.
 */
import type { Effect, Tie } from '../core/model.js';
import { groupTieIds, type Ctx } from './context.js';
import { formula, optionalFormula } from './formulas.js';
import { checkActor, checkRef, sourcesOf } from './references.js';
import type { DataPath } from './source-map.js';
import type { RawEffect, RawTie } from './schema.js';

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
export function checkGroup(ctx: Ctx, among: readonly string[], path: DataPath): void {
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

export function compileEffects(ctx: Ctx, raw: readonly RawEffect[] | undefined, path: DataPath, fade: number): Effect[] {
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
