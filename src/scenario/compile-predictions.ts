/**
 * The predictions, compiled: each one's formula (or count of events), its window, its origin checked against what
 * it cites, and what happened with its sources.
 */
import { parseDay } from '../core/date.js';
import type { Formula, Prediction, Recurrence, SourceRef } from '../core/model.js';
import { nearest } from './errors.js';
import type { Ctx } from './context.js';
import { formula } from './formulas.js';
import { checkRef, sourcesOf } from './references.js';
import type { DataPath } from './source-map.js';
import type { RawScenario } from './schema.js';

export function compilePredictions(ctx: Ctx, start: number): Prediction[] {
  return ctx.raw.predictions.map((p, i) => {
    const path = ['predictions', i];
    const sources = sourcesOf(ctx, p, path, true);
    return {
      id: p.id,
      claim: p.claim,
      ...predictionOriginOf(ctx, p.origin, sources, [...path, 'origin']),
      sources,
      holds: predictionFormula(ctx, p, path),
      ...predictionWindow(ctx, p, path, start),
      ...recurrence(ctx, p, path),
      actual: {
        status: p.actual.status,
        text: p.actual.text,
        sources: sourcesOf(ctx, p.actual, [...path, 'actual'], p.actual.status !== 'open'),
      },
    };
  });
}

/** `holds:`, required unless the prediction `recurs:` (then it defaults to true: only the count matters). */
function predictionFormula(ctx: Ctx, p: RawScenario['predictions'][number], path: DataPath): Formula {
  if (p.holds === undefined && p.recurs === undefined) {
    ctx.fail(path, { problem: "missing required key 'holds'", expected: 'holds: a formula, or recurs: { tag or event, at_least, every } for a count of events' });
  }
  return formula(ctx, p.holds ?? true, [...path, 'holds']);
}

const PERIOD_DAYS: Readonly<Record<string, number>> = { year: 365, quarter: 91, month: 30, week: 7 };
/** Most periods a recurring prediction's window may hold: each run reports a count per period. */
const MAX_PERIODS = 1000;

/** `recurs:`, checked: one of event and tag, known, and a window (by or within) of at least one whole period. */
function recurrence(ctx: Ctx, p: RawScenario['predictions'][number], path: DataPath): { recurs?: Recurrence } {
  const r = p.recurs;
  if (r === undefined) return {};
  const rp = [...path, 'recurs'];
  if ((r.event === undefined) === (r.tag === undefined)) {
    ctx.fail(rp, { expected: 'exactly one of event, tag', found: r.event === undefined ? 'none' : 'event and tag' });
    return {};
  }
  let events: string[] = [];
  if (r.event !== undefined) {
    checkRef(ctx, r.event, ctx.events, [...rp, 'event'], 'event', 'timeline, followups or injects');
    events = [r.event];
  } else if (r.tag !== undefined) {
    if (!ctx.tags.has(r.tag)) ctx.fail([...rp, 'tag'], { problem: `no event has the tag '${r.tag}'`, expected: 'a tag used by some event', suggestion: nearest(r.tag, ctx.tags) });
    events = [...ctx.events.values()].filter((e) => e.raw.tags?.includes(r.tag as string)).map((e) => e.raw.id);
  }
  const every = typeof r.every === 'number' ? r.every : (PERIOD_DAYS[r.every] ?? 365);
  const from = p.within ? parseDay(p.within.from) : parseDay(ctx.raw.start);
  const to = parseDay(p.by ?? p.within?.to ?? '');
  if (p.by === undefined && p.within === undefined) {
    ctx.fail(rp, { problem: 'a recurring prediction without a window', expected: 'by: a date, or within: { from, to } (the periods are counted from its start)' });
  } else if (from !== undefined && to !== undefined) {
    const at = p.by !== undefined ? [...path, 'by'] : [...path, 'within', 'to'];
    const periods = Math.floor((to - from + 1) / every);
    if (periods < 1) ctx.fail(at, { problem: `a window of ${to - from + 1} days, shorter than one period (${every} days)`, expected: 'a window of at least one whole period' });
    else if (periods > MAX_PERIODS) {
      ctx.fail(at, { problem: `a window of ${periods} periods of ${every} day${every === 1 ? '' : 's'}`, expected: `at most ${MAX_PERIODS} periods (a longer period or a shorter window)` });
    }
  }
  return { recurs: { events, of: r.event !== undefined ? `event ${r.event}` : `tag ${r.tag}`, atLeast: r.at_least, every } };
}

/**
 * `origin:` checked against what the prediction cites: ¶N must be a paragraph of the article that the prediction
 * cites; `record` needs a cited source with a URL (it names the analyst or official).
 */
function predictionOriginOf(ctx: Ctx, origin: string | undefined, sources: readonly SourceRef[], path: DataPath): { origin?: Prediction['origin'] } {
  if (origin === undefined) return {};
  if (origin === 'modeller') return { origin: { kind: 'modeller' } };
  if (origin === 'record') {
    if (!sources.some((s) => s.id !== 'article' && ctx.raw.sources[s.id]?.url !== undefined)) {
      ctx.fail(path, { problem: "origin 'record' but the prediction cites no source with a url", expected: 'a cited source naming the analyst or official, or origin modeller', found: "'record'" });
    }
    return { origin: { kind: 'record' } };
  }
  const para = Number(/[0-9]+/.exec(origin)![0]);
  if (!sources.some((s) => s.id === 'article' && s.para === para)) {
    const cited = sources.filter((s) => s.id === 'article').map((s) => `¶${s.para}`);
    ctx.fail(path, { problem: `origin ¶${para} is not among the prediction's citations`, expected: `a paragraph the prediction cites${cited.length ? ` (${cited.join(', ')})` : ''}, or origin modeller`, found: `'${origin}'` });
  }
  return { origin: { kind: 'article', para } };
}

/** `by: D` (from the start to D) or `within: { from, to }`, checked: one of them, in order, on or after the start. */
function predictionWindow(ctx: Ctx, p: RawScenario['predictions'][number], path: DataPath, start: number): { window?: { from: number; to: number } } {
  if (p.by !== undefined && p.within !== undefined) {
    ctx.fail([...path, 'within'], { problem: 'both by and within', expected: 'by: a date, or within: { from, to }' }, { key: true });
  }
  const from = p.within ? parseDay(p.within.from) : start;
  const to = parseDay(p.by ?? p.within?.to ?? '');
  if (from === undefined || to === undefined) return {};
  const at = p.by !== undefined ? [...path, 'by'] : [...path, 'within', 'to'];
  if (to < start) ctx.fail(at, { problem: 'a prediction dated before the scenario start', expected: `a date on or after ${ctx.raw.start}`, found: p.by ?? p.within?.to });
  else if (to < from) ctx.fail(at, { problem: 'a window that ends before it starts', expected: `a date on or after ${p.within?.from ?? ''}`, found: p.within?.to });
  if (p.within && from < start) ctx.fail([...path, 'within', 'from'], { problem: 'a window that starts before the scenario', expected: `a date on or after ${ctx.raw.start}`, found: p.within.from });
  return { window: { from, to } };
}
