/**
 * The shape of a scenario file (`format: geosim/1`) as a zod schema: types, ranges, id syntax, unknown keys.
 * Cross-references (does this actor exist? is this date in order?) are checked later, in compile.ts.
 * json-schema.ts turns it into the JSON Schema behind docs/scenario.schema.json.
 */
import { z } from 'zod';
import { parseDay } from '../core/date.js';

/** Largest magnitude of any number in a scenario. */
export const MAX_ABS = 1_000_000;
export const ID_RE = /^[a-z][a-z0-9_]*$/;
export const ACTOR_RE = /^[A-Z]{2,4}$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

const text = z.string({ error: 'expected text' }).min(1, { error: 'expected non-empty text' });
const num = z
  .number({ error: (iss) => (typeof iss.input === 'number' ? `expected a finite number within ±${MAX_ABS}` : 'expected a number') })
  .min(-MAX_ABS, { error: `expected a finite number within ±${MAX_ABS}` })
  .max(MAX_ABS, { error: `expected a finite number within ±${MAX_ABS}` });
const range = (lo: number, hi: number) =>
  num.min(lo, { error: `expected a number from ${lo} to ${hi}` }).max(hi, { error: `expected a number from ${lo} to ${hi}` });
const nonNeg = num.min(0, { error: 'expected a number >= 0' });
const days = z
  .number({ error: 'expected a whole number of days' })
  .int({ error: 'expected a whole number of days' })
  .min(0, { error: 'expected a whole number of days >= 0' })
  .max(36_500, { error: 'expected a whole number of days up to 36500' });

export const id = z.string({ error: 'expected a snake_case id' }).regex(ID_RE, { error: 'expected a snake_case id ([a-z][a-z0-9_]*)' });
/** A posture chart's key: an actor id (its own chart) or `ACTOR.chart` (one of its named charts). */
export const CHART_RE = /^[A-Z]{2,4}(\.[a-z][a-z0-9_]*)?$/;
const chartKey = z
  .string({ error: 'expected an actor id or ACTOR.chart' })
  .regex(CHART_RE, { error: 'expected an actor id (like JPN) or a named chart ACTOR.chart (like JPN.government)' });
export const actorId = z.string({ error: 'expected an actor id' }).regex(ACTOR_RE, { error: 'expected an actor id of 2–4 capital letters (like RUS)' });
const date = z
  .string({ error: 'expected a date YYYY-MM-DD' })
  .regex(DATE_RE, { error: 'expected a date YYYY-MM-DD' })
  .refine((s) => parseDay(s) !== undefined, { error: 'expected a real calendar date YYYY-MM-DD' });
const formula = z
  .union([z.string().min(1), num, z.boolean()], { error: 'expected a formula (text, a number, or true/false)' })
  .meta({ id: 'formula', description: 'A formula: an expression such as "rel(KOR, RUS) < -20", or a plain number.' });
const sourceList = z
  .union([text, z.array(text).min(1, { error: 'expected at least one source' })], { error: 'expected a source (¶N or a source id) or a list of them' })
  .meta({ id: 'source', description: '¶N (a paragraph of the article) or the id of an entry under `sources`, or a list of them.' });
const pair = z.tuple([actorId, actorId], { error: 'expected exactly 2 actor ids [A, B] (for 3 or more, use among: [A, B, C])' });
/** A group of three or more actors: every directed pair among them. */
const group = z
  .array(actorId, { error: 'expected a list of actor ids [A, B, C]' })
  .min(3, { error: 'expected 3 or more actor ids (for two, use between: [A, B])' })
  .max(12, { error: 'expected at most 12 actor ids' });

/** An event's actor or target: one actor id, or a group acting (or acted upon) together. */
const parties = z.union(
  [
    actorId,
    z
      .array(actorId, { error: 'expected a list of actor ids [A, B]' })
      .min(2, { error: 'expected 2 or more actor ids in a group (for one, write the id alone: RUS)' })
      .max(12, { error: 'expected at most 12 actor ids' }),
  ],
  { error: 'expected an actor id (like RUS) or a group of them [RUS, PRK]' },
);

/** `recurs:` of a prediction: at least N of some events in every period of its window. */
const recurrence = z
  .strictObject({
    event: id.optional(),
    tag: id.optional(),
    at_least: z
      .number({ error: 'expected a whole number' })
      .int({ error: 'expected a whole number' })
      .min(1, { error: 'expected a whole number from 1 to 1000' })
      .max(1000, { error: 'expected a whole number from 1 to 1000' }),
    every: z.union([z.enum(['year', 'quarter', 'month', 'week']), days.min(1, { error: 'expected a whole number of days >= 1' })], {
      error: 'expected year, quarter, month, week or a whole number of days',
    }),
  })
  .meta({ id: 'recurrence' });

/** `source` or `sources` (the loader requires one of them where a citation is needed). */
const cited = { source: sourceList.optional(), sources: sourceList.optional() };

const note = z.strictObject({ text, ...cited }).meta({ id: 'note' });

const tieSchema = z.strictObject({
  id,
  type: text,
  label: text,
  between: pair.optional(),
  among: group.optional(),
  since: date,
  value: range(-100, 100),
  why: text,
  ...cited,
}).meta({ id: 'tie' });

const opinionEffect = z.strictObject({
  from: actorId.optional(),
  to: actorId.optional(),
  between: pair.optional(),
  among: group.optional(),
  value: formula.optional(),
  fade: nonNeg.optional(),
  key: id.optional(),
  cap: nonNeg.optional(),
  note: text.optional(),
}).meta({ id: 'opinion_effect' });

const effect = z.strictObject({
  opinion: opinionEffect.optional(),
  tension: formula.optional(),
  indicator: z
    .strictObject({ id, actor: actorId.optional(), pair: pair.optional(), add: formula.optional(), set: formula.optional(), fade: nonNeg.optional() })
    .meta({ id: 'indicator_effect' })
    .optional(),
  tie: z.strictObject({ add: tieSchema.optional(), end: id.optional() }).meta({ id: 'tie_effect' }).optional(),
}).meta({ id: 'effect' });

const followUp = z.strictObject({ event: id, after: days.optional(), at: date.optional() }).meta({ id: 'follow_up' });

const option = z.strictObject({
  id,
  label: text,
  explain: text,
  weight: formula,
  available: formula.optional(),
  prediction: id.optional(),
  actual: note.optional(),
  ...cited,
  effects: z.array(effect).optional(),
  then: z.array(followUp).optional(),
}).meta({ id: 'option' });

const decision = z.strictObject({
  actor: actorId,
  question: text,
  options: z.array(option).min(1, { error: 'expected at least one option' }),
}).meta({ id: 'decision' });

const event = z.strictObject({
  id,
  date: date.optional(),
  title: text,
  text,
  variants: z.array(z.strictObject({ when: formula, text }).meta({ id: 'text_variant' })).optional(),
  ...cited,
  cameo: z
    .string({ error: 'expected a CAMEO code as quoted text, like "057"' })
    .regex(/^\d{2,4}$/, { error: 'expected a CAMEO code of 2–4 digits, like "057"' })
    .optional(),
  goldstein: range(-10, 10).optional(),
  actor: parties.optional(),
  target: parties.optional(),
  when: formula.optional(),
  track: z.enum(['article', 'retro']).optional(),
  ongoing: z.strictObject({ until: date, ...cited }).meta({ id: 'ongoing' }).optional(),
  tags: z.array(id).optional(),
  effects: z.array(effect).optional(),
  decision: decision.optional(),
}).meta({ id: 'event' });

const postureState = z.strictObject({
  description: text,
  on: z.array(z.strictObject({ event: id.optional(), when: formula.optional(), target: id }).meta({ id: 'posture_transition' })).optional(),
}).meta({ id: 'posture_state' });

export const scenarioSchema = z
  .strictObject({
    format: z.literal('geosim/1', { error: "expected 'geosim/1'" }),
    // A scenario id names a file on the command line, never a formula, so kebab-case is allowed here.
    id: z
      .string({ error: 'expected a scenario id' })
      .regex(/^[a-z][a-z0-9_-]*$/, { error: 'expected a scenario id ([a-z][a-z0-9_-]*, e.g. pyongyang-2024)' }),
    title: text,
    summary: text,
    start: date,
    article: z
      .strictObject({
        title: text,
        paragraphs: z.record(z.string().regex(/^[1-9][0-9]*$/, { error: 'expected a paragraph number (1, 2, …)' }), text),
      })
      .meta({ id: 'article' })
      .optional(),
    sources: z.record(
      id,
      z.strictObject({ title: text, url: text.optional(), reliability: z.enum(['C', 'W', 'unverified']).optional(), date: text.optional() }).meta({ id: 'source_entry' }),
    ),
    actors: z.record(
      actorId,
      z.strictObject({ name: text, capital: text, interests: z.array(note).optional(), constraints: z.array(note).optional() }).meta({ id: 'actor' }),
    ),
    others: z.record(actorId, z.strictObject({ name: text }).meta({ id: 'other' })).optional(),
    bands: z
      .array(z.strictObject({ id, label: text, from: range(-100, 100), symbol: text, color: text }).meta({ id: 'band' }))
      .min(1, { error: 'expected at least one band' }),
    model: z.strictObject({
      goldstein_scale: formula,
      balance_strength: formula,
      tension_scale: formula,
      tension_initial: range(0, 100),
      tension_fade_per_month: nonNeg,
      balance_threshold: range(0, 100),
      fade: nonNeg,
      cascade_cap: z
        .number({ error: 'expected a whole number' })
        .int({ error: 'expected a whole number' })
        .min(1, { error: 'expected a whole number from 1 to 1000' })
        .max(1000, { error: 'expected a whole number from 1 to 1000' }),
    }).meta({ id: 'model' }),
    assumptions: z.record(
      id,
      z.strictObject({
        label: text,
        default: num,
        min: num,
        max: num,
        step: num.gt(0, { error: 'expected a number > 0' }),
        unit: z.string({ error: 'expected text' }),
        description: text,
        rationale: text,
        ...cited,
      }).meta({ id: 'assumption' }),
    ),
    presets: z.record(id, z.strictObject({ label: text, description: text, values: z.record(id, num) }).meta({ id: 'preset' })),
    default_preset: id.optional(),
    relations: z.array(
      z.strictObject({
        from: actorId.optional(),
        to: actorId.optional(),
        between: pair.optional(),
        among: group.optional(),
        value: range(-100, 100),
        why: text,
        ...cited,
      }).meta({ id: 'relation' }),
    ),
    ties: z.array(tieSchema).optional(),
    indicators: z
      .record(
        id,
        z
          .strictObject({ label: text, initial: num, unit: z.string({ error: 'expected text' }), description: text, per: z.enum(['actor', 'pair']).optional(), fade: nonNeg.optional(), ...cited })
          .meta({ id: 'indicator' }),
      )
      .optional(),
    // `JPN`: the actor's own chart; `JPN.government`: one of several named charts of the same actor.
    postures: z.record(chartKey, z.strictObject({ initial: id, states: z.record(id, postureState) }).meta({ id: 'posture_chart' })).optional(),
    timeline: z.array(event).min(1, { error: 'expected at least one event' }),
    followups: z.array(event).optional(),
    injects: z.array(event).optional(),
    reactions: z
      .array(
        z.strictObject({
          id,
          on: z.strictObject({
            event: id.optional(),
            option: z
              .string({ error: 'expected decision.option' })
              .regex(/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/, { error: 'expected decision.option (two snake_case ids)' })
              .optional(),
            tag: id.optional(),
          }).meta({ id: 'reaction_trigger' }),
          when: formula.optional(),
          emit: id,
          after: days.optional(),
          at: date.optional(),
        }).meta({ id: 'reaction' }),
      )
      .optional(),
    predictions: z.array(
      z.strictObject({
        id,
        claim: text,
        origin: z
          .string({ error: 'expected ¶N (the article), modeller or record' })
          .regex(/^(?:¶\s?[0-9]+|modeller|record)$/, { error: 'expected ¶N (the article, at that paragraph), modeller (the scenario author) or record (an analyst or official on the record)' })
          .optional(),
        ...cited,
        holds: formula.optional(),
        recurs: recurrence.optional(),
        by: date.optional(),
        within: z.strictObject({ from: date, to: date }).meta({ id: 'window' }).optional(),
        actual: z.strictObject({ status: z.enum(['held', 'failed', 'partly', 'open']), text, ...cited }).meta({ id: 'outcome' }),
      }).meta({ id: 'prediction' }),
    ),
    questions: z.array(text).optional(),
  })
  .meta({ title: 'geosim scenario', description: 'A geosim scenario file (format geosim/1); see docs/scenario-format.md.' });

export type RawScenario = z.infer<typeof scenarioSchema>;
export type RawEvent = z.infer<typeof event>;
export type RawEffect = z.infer<typeof effect>;
export type RawOption = z.infer<typeof option>;
export type RawTie = z.infer<typeof tieSchema>;
export type RawNote = z.infer<typeof note>;
export type RawSource = z.infer<typeof sourceList>;
export type RawFormula = z.infer<typeof formula>;
