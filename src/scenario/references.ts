/** Resolving references (sources, actors, ids) with positioned errors and nearest-name suggestions. */
import type { SourceRef } from '../core/model.js';
import { nearest, oneOf } from './errors.js';
import type { Ctx } from './context.js';
import type { DataPath } from './source-map.js';
import type { RawSource } from './schema.js';

const PARA_RE = /^¶\s?([0-9]+)$/;

interface Cited {
  readonly source?: RawSource | undefined;
  readonly sources?: RawSource | undefined;
}

/** The citations of `obj` (its `source` or `sources`); an error when required and missing. */
export function sourcesOf(ctx: Ctx, obj: Cited, path: DataPath, required: boolean): SourceRef[] {
  if (obj.source !== undefined && obj.sources !== undefined) {
    ctx.fail([...path, 'sources'], { problem: 'both source and sources', expected: 'one of them' }, { key: true });
  }
  const key = obj.source !== undefined ? 'source' : 'sources';
  const value = obj.source ?? obj.sources;
  if (value === undefined) {
    if (required) ctx.fail(path, { problem: 'missing source', expected: 'a source: key citing ¶N of the article or a source id' });
    return [];
  }
  const list = typeof value === 'string' ? [value] : value;
  return list.map((s, i) => sourceRef(ctx, s, typeof value === 'string' ? [...path, key] : [...path, key, i]));
}

function sourceRef(ctx: Ctx, s: string, path: DataPath): SourceRef {
  const m = PARA_RE.exec(s);
  if (m) {
    const para = Number(m[1]);
    if (ctx.paragraphs.size === 0) {
      ctx.fail(path, { problem: `cites ${s} but the scenario has no article`, expected: 'an article with paragraphs, or a source id' });
    } else if (!ctx.paragraphs.has(para)) {
      const nums = [...ctx.paragraphs].sort((a, b) => a - b);
      ctx.fail(path, { problem: `unknown paragraph ${s}`, expected: `a paragraph of the article, ¶${nums[0]}–¶${nums[nums.length - 1]}` });
    }
    return { id: 'article', para };
  }
  if (s.startsWith('¶')) ctx.fail(path, { expected: 'a paragraph reference like ¶14', found: `'${s}'` });
  else if (!ctx.sourceIds.has(s)) {
    ctx.fail(path, { problem: `unknown source '${s}'`, expected: '¶N or one of the ids under sources', suggestion: nearest(s, ctx.sourceIds) });
  }
  return { id: s };
}

/** Checks a reference to a simulated actor (or, with `others`, any party). */
export function checkActor(ctx: Ctx, id: string | undefined, path: DataPath, opts: { others?: boolean; key?: boolean } = {}): void {
  if (id === undefined || ctx.actors.has(id)) return;
  const all = opts.others ? [...ctx.actors, ...ctx.others] : [...ctx.actors];
  if (!opts.others && ctx.others.has(id)) {
    ctx.fail(path, { problem: `'${id}' is not simulated (it is under others)`, expected: `a simulated actor, ${oneOf(all, 'actors')}` }, opts);
    return;
  }
  if (opts.others && ctx.others.has(id)) return;
  ctx.fail(path, { problem: `unknown actor '${id}'`, expected: oneOf(all, 'actors'), suggestion: nearest(id, all) }, opts);
}

/** Checks that `id` is in `known`; `what` names the kind (`prediction`) and `where` the section. */
export function checkRef(
  ctx: Ctx,
  id: string | undefined,
  known: ReadonlySet<string> | ReadonlyMap<string, unknown>,
  path: DataPath,
  what: string,
  where: string,
): void {
  if (id === undefined || known.has(id)) return;
  ctx.fail(path, { problem: `unknown ${what} '${id}'`, expected: `one of the ids under ${where}`, suggestion: nearest(id, known.keys()) });
}

/** Reports ids used twice in `items` (by `idOf`), at the second use. */
export function checkUnique<T>(ctx: Ctx, items: readonly T[], idOf: (t: T) => string, pathOf: (i: number) => DataPath, what: string): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const id = idOf(item);
    const first = seen.get(id);
    if (first === undefined) seen.set(id, i);
    else {
      ctx.fail(pathOf(i), { problem: `duplicate ${what} '${id}'`, expected: `a unique id (first used at line ${ctx.line(pathOf(first))})` });
    }
  });
}
