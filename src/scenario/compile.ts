/**
 * Semantic checks and conversion of validated YAML data into the model's `Scenario`: every reference
 * resolved, ids unique, ranges and orders checked, formulas compiled. All problems are collected; the first
 * in file order is thrown (the others ride along in `error.more`).
 */
import { parseDay } from '../core/date.js';
import type { Assumption, Band, InitialRelation, ModelParams, PostureChart, Preset, Reaction, Scenario } from '../core/model.js';
import { nearest, type ScenarioError } from './errors.js';
import { compilePredictions } from './compile-predictions.js';
import { checkScheduled, compileEvents, fixedDay, compileNote } from './compile-events.js';
import { compileTie, directedPairs } from './compile-effects.js';
import { Ctx, indicatorIds } from './context.js';
import { checkCycles } from './cycles.js';
import { checkEventGrowth, checkLimits } from './limits.js';
import { formula, optionalFormula } from './formulas.js';
import { checkActor, checkRef, checkUnique, sourcesOf } from './references.js';
import { firstError, type SourceMap } from './source-map.js';
import type { RawScenario } from './schema.js';

/** Names the formula language gives a meaning of its own: no assumption or indicator may take them. */
const RESERVED: ReadonlySet<string> = new Set(['tension', 'goldstein', 'true', 'false', 'and', 'or', 'not']);

export function compileScenario(raw: RawScenario, map: SourceMap, hash: string): Scenario {
  const ctx = new Ctx(map, raw);
  const start = parseDay(raw.start) ?? 0;
  checkNames(ctx);
  const model = compileModel(ctx);
  const { events, timeline, injects } = compileEvents(ctx, start, model.fade);
  const reactions = compileReactions(ctx);
  checkCycles(ctx, events, reactions);
  checkLimits(ctx);
  if (ctx.errors.length === 0) checkEventGrowth(ctx, events, reactions, [...timeline, ...injects], model.cascadeCap);
  const scenario: Scenario = {
    id: raw.id,
    title: raw.title,
    summary: raw.summary,
    hash,
    start,
    article: raw.article && {
      title: raw.article.title,
      paragraphs: Object.fromEntries(Object.entries(raw.article.paragraphs).map(([k, v]) => [Number(k), v])),
    },
    sources: Object.fromEntries(
      Object.entries(raw.sources).map(([id, s]) => [
        id,
        { id, title: s.title, ...(s.url !== undefined && { url: s.url }), ...(s.reliability && { reliability: s.reliability }), ...(s.date !== undefined && { date: s.date }) },
      ]),
    ),
    actors: Object.entries(raw.actors).map(([id, a]) => ({
      id,
      name: a.name,
      capital: a.capital,
      interests: (a.interests ?? []).map((n, i) => compileNote(ctx, n, ['actors', id, 'interests', i])),
      constraints: (a.constraints ?? []).map((n, i) => compileNote(ctx, n, ['actors', id, 'constraints', i])),
    })),
    others: Object.entries(raw.others ?? {}).map(([id, o]) => ({ id, name: o.name })),
    bands: compileBands(ctx),
    model,
    assumptions: compileAssumptions(ctx),
    presets: compilePresets(ctx),
    defaultPreset: raw.default_preset ?? 'article',
    relations: compileRelations(ctx),
    ties: (raw.ties ?? []).flatMap((t, i) => compileTie(ctx, t, ['ties', i])),
    indicators: Object.entries(raw.indicators ?? {}).flatMap(([id, x]) => {
      const sources = sourcesOf(ctx, x, ['indicators', id], false);
      const actorIds = Object.keys(raw.actors);
      return indicatorIds(id, x.per, actorIds).map((m) => ({
        id: m.id,
        label: `${x.label}${m.suffix}`,
        initial: x.initial,
        unit: x.unit,
        description: x.description,
        sources,
        ...(x.fade !== undefined && x.fade > 0 && { fade: x.fade }),
      }));
    }),
    postures: compilePostures(ctx),
    events,
    timeline,
    injects,
    reactions,
    predictions: compilePredictions(ctx, start),
    questions: raw.questions ?? [],
  };
  checkUnique(ctx, raw.ties ?? [], (t) => t.id, (i) => ['ties', i, 'id'], 'tie id');
  checkUnique(ctx, raw.predictions, (p) => p.id, (i) => ['predictions', i, 'id'], 'prediction id');
  const first = firstError(ctx.errors);
  if (first) throw first as ScenarioError;
  return scenario;
}

function checkNames(ctx: Ctx): void {
  if (Object.hasOwn(ctx.raw.sources, 'article')) {
    ctx.fail(['sources', 'article'], { problem: "source id 'article' is reserved", expected: 'another id (¶N cites the article)' }, { key: true });
  }
  for (const id of ctx.assumptions) {
    if (RESERVED.has(id)) ctx.fail(['assumptions', id], { problem: `'${id}' is reserved in formulas`, expected: 'another id' }, { key: true });
  }
  const seen = new Map<string, string>();
  const actors = Object.keys(ctx.raw.actors);
  for (const [key, x] of Object.entries(ctx.raw.indicators ?? {})) {
    for (const { id } of indicatorIds(key, x.per, actors)) {
      const prev = seen.get(id);
      if (prev !== undefined) {
        ctx.fail(['indicators', key], { problem: `indicator id '${id}' comes from both '${prev}' and '${key}'`, expected: 'ids that do not collide (per-actor ids end in _<actor>)' }, { key: true });
      } else seen.set(id, key);
      if (RESERVED.has(id)) ctx.fail(['indicators', key], { problem: `'${id}' is reserved in formulas`, expected: 'another id' }, { key: true });
      else if (ctx.assumptions.has(id)) {
        ctx.fail(['indicators', key], { problem: `'${id}' is also an assumption id`, expected: 'an id no assumption uses (formulas name both)' }, { key: true });
      }
    }
  }
}

function compileModel(ctx: Ctx): ModelParams {
  const m = ctx.raw.model;
  const p = (k: string) => ['model', k];
  return {
    goldsteinScale: formula(ctx, m.goldstein_scale, p('goldstein_scale')),
    balanceStrength: formula(ctx, m.balance_strength, p('balance_strength')),
    tensionScale: formula(ctx, m.tension_scale, p('tension_scale')),
    tensionFadePerMonth: m.tension_fade_per_month,
    tensionInitial: m.tension_initial,
    balanceThreshold: m.balance_threshold,
    fade: m.fade,
    cascadeCap: m.cascade_cap,
  };
}

function compileBands(ctx: Ctx): Band[] {
  const bands = ctx.raw.bands;
  checkUnique(ctx, bands, (b) => b.id, (i) => ['bands', i, 'id'], 'band id');
  bands.forEach((b, i) => {
    if (i === 0 && b.from !== -100) ctx.fail(['bands', 0, 'from'], { problem: 'the first band must start at -100', expected: '-100', found: String(b.from) });
    const prev = bands[i - 1];
    if (prev && b.from <= prev.from) {
      ctx.fail(['bands', i, 'from'], { problem: 'bands out of order', expected: `a from above ${prev.from} (the band before)`, found: String(b.from) });
    }
  });
  return bands.map((b) => ({ ...b }));
}

function compileAssumptions(ctx: Ctx): Assumption[] {
  return Object.entries(ctx.raw.assumptions).map(([id, a]) => {
    const path = ['assumptions', id];
    if (a.min > a.max) ctx.fail([...path, 'max'], { problem: 'max below min', expected: `a max >= ${a.min}`, found: String(a.max) });
    else if (a.default < a.min || a.default > a.max) {
      ctx.fail([...path, 'default'], { problem: 'default out of range', expected: `a value from ${a.min} to ${a.max}`, found: String(a.default) });
    }
    return { id, label: a.label, default: a.default, min: a.min, max: a.max, step: a.step, unit: a.unit, description: a.description, rationale: a.rationale, sources: sourcesOf(ctx, a, path, true) };
  });
}

function compilePresets(ctx: Ctx): Preset[] {
  const { presets, assumptions } = ctx.raw;
  const ids = Object.keys(presets);
  if (!Object.hasOwn(presets, 'article')) {
    ctx.fail(['presets'], { problem: "no preset 'article'", expected: 'a preset with the id article', suggestion: nearest('article', ids) });
  }
  if (ctx.raw.default_preset !== undefined) checkRef(ctx, ctx.raw.default_preset, new Set(ids), ['default_preset'], 'preset', 'presets');
  return Object.entries(presets).map(([id, p]) => {
    for (const [name, value] of Object.entries(p.values)) {
      const path = ['presets', id, 'values', name];
      const a = Object.hasOwn(assumptions, name) ? assumptions[name] : undefined;
      if (!a) {
        const suggestion = nearest(name, ctx.assumptions);
        ctx.fail(path, { problem: `unknown assumption '${name}'`, expected: 'one of the ids under assumptions', suggestion }, { key: true });
      }
      else if (value < a.min || value > a.max) {
        ctx.fail(path, { problem: `${name} out of range`, expected: `a value from ${a.min} to ${a.max}`, found: String(value) });
      }
    }
    return { id, label: p.label, description: p.description, values: { ...p.values } };
  });
}

function compileRelations(ctx: Ctx): InitialRelation[] {
  const seen = new Map<string, number>();
  return ctx.raw.relations.flatMap((r, i) => {
    const path = ['relations', i];
    const sources = sourcesOf(ctx, r, path, true);
    return directedPairs(ctx, r, path).map(([from, to]) => {
      const key = `${from}>${to}`;
      const first = seen.get(key);
      if (first !== undefined) {
        ctx.fail(path, { problem: `duplicate relation ${from} → ${to}`, expected: `one initial relation per direction (first at line ${ctx.line(['relations', first])})` });
      } else seen.set(key, i);
      return { from, to, value: r.value, why: r.why, sources };
    });
  });
}

function compilePostures(ctx: Ctx): Record<string, PostureChart> {
  const out: Record<string, PostureChart> = {};
  for (const [actor, chart] of Object.entries(ctx.raw.postures ?? {})) {
    const path = ['postures', actor];
    // `JPN.government`: a named chart of JPN; its machine is built and executed like the actor's own chart.
    checkActor(ctx, actor.split('.')[0], path, { key: true });
    const states = new Set(Object.keys(chart.states));
    checkRef(ctx, chart.initial, states, [...path, 'initial'], 'posture state', `postures.${actor}.states`);
    const compiled: Record<string, PostureChart['states'][string]> = {};
    for (const [name, st] of Object.entries(chart.states)) {
      const sp = [...path, 'states', name];
      compiled[name] = {
        description: st.description,
        on: (st.on ?? []).map((t, i) => {
          const tp = [...sp, 'on', i];
          checkRef(ctx, t.target, states, [...tp, 'target'], 'posture state', `postures.${actor}.states`);
          checkRef(ctx, t.event, ctx.events, [...tp, 'event'], 'event', 'timeline, followups or injects');
          return { target: t.target, event: t.event, when: optionalFormula(ctx, t.when, [...tp, 'when']) };
        }),
      };
    }
    out[actor] = { initial: chart.initial, states: compiled };
  }
  return out;
}

function compileReactions(ctx: Ctx): Reaction[] {
  const raw = ctx.raw.reactions ?? [];
  checkUnique(ctx, raw, (r) => r.id, (i) => ['reactions', i, 'id'], 'reaction id');
  return raw.map((r, i) => {
    const path = ['reactions', i];
    const on = r.on;
    const kinds = (['event', 'option', 'tag'] as const).filter((k) => on[k] !== undefined);
    if (kinds.length !== 1) ctx.fail([...path, 'on'], { expected: 'exactly one of event, option, tag', found: kinds.length ? kinds.join(' and ') : 'none' });
    checkRef(ctx, on.event, ctx.events, [...path, 'on', 'event'], 'event', 'timeline, followups or injects');
    if (on.tag !== undefined && !ctx.tags.has(on.tag)) {
      ctx.fail([...path, 'on', 'tag'], { problem: `no event has the tag '${on.tag}'`, expected: 'a tag used by some event', suggestion: nearest(on.tag, ctx.tags) });
    }
    let option: Reaction['on']['option'];
    if (on.option !== undefined) {
      const [decision = '', opt = ''] = on.option.split('.');
      option = { decision, option: opt };
      const p = [...path, 'on', 'option'];
      const opts = ctx.decisions.get(decision);
      if (!opts) ctx.fail(p, { problem: `unknown decision '${decision}'`, expected: 'the id of an event with a decision', suggestion: nearest(decision, ctx.decisions.keys()) });
      else if (!opts.has(opt)) {
        const s = nearest(opt, opts);
        ctx.fail(p, { problem: `unknown option '${opt}' of decision '${decision}'`, expected: `one of ${[...opts].join(', ')}`, suggestion: s && `${decision}.${s}` });
      }
    }
    checkScheduled(ctx, r.emit, [...path, 'emit']);
    return { id: r.id, on: { event: on.event, option, tag: on.tag }, when: optionalFormula(ctx, r.when, [...path, 'when']), emit: r.emit, afterDays: r.after ?? 0, ...fixedDay(ctx, r, path) };
  });
}
