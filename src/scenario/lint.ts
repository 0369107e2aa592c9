/**
 * Fidelity rules: what a scenario may cite where, checked after it compiles. They are warnings (`geosim
 * validate` prints them; `validate --strict`, run by the suite on every shipped scenario, refuses them),
 * because a file that breaks them still runs: the rules keep hindsight and spoilers out, not crashes.
 *
 * - No hindsight in the starting position: a source backing an initial relation, a starting tie or a role
 *   sheet's briefing (an actor's interests and constraints) must be dated on or before the scenario's start.
 * - What happened rests on what came after: every `actual` (of an option or a prediction) names at least one
 *   source dated after the decision (after the start for predictions and for undated follow-ups).
 * - Every source has a URL that parses as http(s), a date (YYYY-MM-DD, YYYY-MM or YYYY) and a reliability.
 * - An ongoing practice does not fade: an event marked `ongoing: { until, source }` (the record shows the
 *   practice still going on at `until`) must add a standing tie, no unconditional timeline event may end that
 *   tie before `until`, and a cited source must be dated on or after `until`.
 *
 * A partial date counts as the whole month or year: "on or before the start" needs its last day to be, and
 * "after the decision" its first day. Citations of the article (¶N) carry no date and are not checked.
 */
import { dayFromCivil, daysInMonth, formatDay, parseDay } from '../core/date.js';
import type { Day } from '../core/model.js';
import type { ScenarioError } from './errors.js';
import type { DataPath, SourceMap } from './source-map.js';
import type { RawScenario } from './schema.js';

interface Cited {
  readonly source?: string | readonly string[] | undefined;
  readonly sources?: string | readonly string[] | undefined;
}

interface Citation {
  readonly id: string;
  readonly path: DataPath;
}

/** The days a source date covers: `2024-06-18` one day, `2024-06` a month, `2024` a year. */
export function sourceDateSpan(text: string): { first: Day; last: Day } | undefined {
  const day = parseDay(text);
  if (day !== undefined) return { first: day, last: day };
  const m = /^(\d{4})(?:-(\d{2}))?$/.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (m[2] === undefined) return { first: dayFromCivil(year, 1, 1), last: dayFromCivil(year, 12, 31) };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return undefined;
  return { first: dayFromCivil(year, month, 1), last: dayFromCivil(year, month, daysInMonth(year, month)) };
}

function citations(obj: Cited, path: DataPath): Citation[] {
  const key = obj.source !== undefined ? 'source' : 'sources';
  const value = obj.source ?? obj.sources;
  if (value === undefined) return [];
  if (typeof value === 'string') return [{ id: value, path: [...path, key] }];
  return value.map((id, i) => ({ id, path: [...path, key, i] }));
}

const isArticle = (id: string) => id.startsWith('¶');

/** Every fidelity warning of a compiled scenario, in file order. */
export function lintScenario(raw: RawScenario, map: SourceMap): ScenarioError[] {
  const out: ScenarioError[] = [];
  const start = parseDay(raw.start) ?? 0;
  const startText = formatDay(start);
  const dateOf = (id: string) => {
    const s = Object.hasOwn(raw.sources, id) ? raw.sources[id] : undefined;
    return s?.date === undefined ? undefined : sourceDateSpan(s.date);
  };

  // No hindsight in the starting position.
  const starting = (obj: Cited, path: DataPath, what: string) => {
    for (const c of citations(obj, path)) {
      const span = dateOf(c.id);
      if (!span || span.last <= start) continue;
      out.push(
        map.error(c.path, {
          problem: `${what} cites '${c.id}', dated after the scenario's start`,
          expected: `a source dated on or before ${startText}`,
          found: raw.sources[c.id]?.date,
        }),
      );
    }
  };
  raw.relations.forEach((r, i) => starting(r, ['relations', i], 'hindsight: an initial relation'));
  (raw.ties ?? []).forEach((t, i) => starting(t, ['ties', i], "hindsight: a tie's starting state"));
  for (const [id, a] of Object.entries(raw.actors)) {
    (a.interests ?? []).forEach((n, i) => starting(n, ['actors', id, 'interests', i], "spoiler: a role sheet's briefing"));
    (a.constraints ?? []).forEach((n, i) => starting(n, ['actors', id, 'constraints', i], "spoiler: a role sheet's briefing"));
  }

  // What happened rests on a source from after the decision.
  const happened = (obj: Cited, path: DataPath, after: Day, when: string) => {
    const cites = citations(obj, path);
    if (cites.some((c) => (dateOf(c.id)?.first ?? -Infinity) > after)) return;
    const found = cites.map((c) => (isArticle(c.id) ? `${c.id} (the article, undated)` : `'${c.id}' ${raw.sources[c.id]?.date ?? 'with no date'}`));
    out.push(
      map.error(cites[0]?.path ?? path, {
        problem: `what happened names no source dated after ${when}`,
        expected: `a source dated after ${formatDay(after)}`,
        found: found.length ? found.join(', ') : 'no source',
      }),
    );
  };
  for (const section of ['timeline', 'followups', 'injects'] as const) {
    (raw[section] ?? []).forEach((ev, i) => {
      const day = ev.date === undefined ? undefined : parseDay(ev.date);
      ev.decision?.options.forEach((o, j) => {
        if (o.actual) happened(o.actual, [section, i, 'decision', 'options', j, 'actual'], day ?? start, day === undefined ? "the scenario's start" : 'the decision');
      });
    });
  }
  raw.predictions.forEach((p, i) => {
    if (p.actual.status !== 'open') happened(p.actual, ['predictions', i, 'actual'], start, "the scenario's start");
  });

  // An ongoing practice keeps a standing term for as long as the record says it went on.
  for (const section of ['timeline', 'followups', 'injects'] as const) {
    (raw[section] ?? []).forEach((ev, i) => {
      if (ev.ongoing) ongoing(raw, map, ev, [section, i, 'ongoing'], dateOf, out);
    });
  }

  // Every source has an http(s) URL, a date and a reliability.
  for (const [id, s] of Object.entries(raw.sources)) {
    const path = ['sources', id];
    if (s.url === undefined) out.push(map.error(path, { problem: `source '${id}' has no url`, expected: 'an http(s) URL', found: 'nothing' }, { key: true }));
    else if (!isWebUrl(s.url)) out.push(map.error([...path, 'url'], { problem: `source '${id}' has a url that is not http(s)`, expected: 'an http(s) URL', found: `'${s.url}'` }));
    if (s.date === undefined) out.push(map.error(path, { problem: `source '${id}' has no date`, expected: 'a date YYYY-MM-DD (or YYYY-MM, YYYY)', found: 'nothing' }, { key: true }));
    else if (!sourceDateSpan(s.date)) out.push(map.error([...path, 'date'], { problem: `source '${id}' has no valid date`, expected: 'a date YYYY-MM-DD (or YYYY-MM, YYYY)', found: `'${s.date}'` }));
    if (s.reliability === undefined) out.push(map.error(path, { problem: `source '${id}' has no reliability`, expected: 'C, W or unverified', found: 'nothing' }, { key: true }));
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

type RawEvent = NonNullable<RawScenario['timeline']>[number];

function ongoing(raw: RawScenario, map: SourceMap, ev: RawEvent, path: DataPath, dateOf: (id: string) => { first: Day; last: Day } | undefined, out: ScenarioError[]): void {
  const o = ev.ongoing!;
  const until = parseDay(o.until) ?? 0;
  const ties = (ev.effects ?? []).flatMap((e) => (e.tie?.add ? [e.tie.add.id] : []));
  if (!ties.length) {
    const fading = (ev.effects ?? []).filter((e) => e.opinion).length;
    out.push(
      map.error(path, {
        problem: `ongoing practice: '${ev.id}' adds no standing tie, so its effect fades although the record shows it going on until ${o.until}`,
        expected: 'a tie: { add } effect that holds while the practice lasts',
        found: fading ? `${fading} fading opinion effect${fading === 1 ? '' : 's'}` : 'no tie',
      }, { key: true }),
    );
  }
  for (const [j, other] of (raw.timeline ?? []).entries()) {
    const day = other.date === undefined ? undefined : parseDay(other.date);
    if (day === undefined || day >= until || other.when !== undefined) continue;
    (other.effects ?? []).forEach((e, k) => {
      if (e.tie?.end === undefined || !ties.includes(e.tie.end)) return;
      out.push(
        map.error(['timeline', j, 'effects', k, 'tie', 'end'], {
          problem: `ongoing practice: '${other.id}' ends the tie '${e.tie.end}' of '${ev.id}' before the record says the practice stopped`,
          expected: `no unconditional end before ${o.until}`,
          found: other.date,
        }),
      );
    });
  }
  const cites = citations(o, path);
  if (!cites.some((c) => (dateOf(c.id)?.last ?? -Infinity) >= until)) {
    out.push(
      map.error(cites[0]?.path ?? path, {
        problem: `ongoing practice: '${ev.id}' names no source dated on or after ${o.until}, the last day the record is said to show it`,
        expected: `a source dated on or after ${o.until}`,
        found: cites.length ? cites.map((c) => (isArticle(c.id) ? `${c.id} (the article, undated)` : `'${c.id}' ${raw.sources[c.id]?.date ?? 'with no date'}`)).join(', ') : 'no source',
      }, cites.length ? {} : { key: true }),
    );
  }
}

function isWebUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.includes('.');
  } catch {
    return false;
  }
}
