/**
 * The scenario's resource limits checked at load, each with its exact number in the message: actors, bands,
 * and the worst case of the events one run can create. Follow-ups and reactions form a graph (an event
 * schedules its reactions' events; a decision's option schedules its `then` events and the reactions on it);
 * `cascade_cap` bounds the depth of a chain but not its width, so a graph in which each event schedules two
 * more can double the events per level. The bound here assumes every condition holds and, per decision, the
 * option that creates the most events; the engine stops a run that passes it anyway (core/step.ts).
 */
import type { EventDef, Reaction } from '../core/model.js';
import { MAX_ACTORS, MAX_BANDS, MAX_EVENTS_PER_RUN } from '../core/limits.js';
import type { Ctx } from './context.js';

export { MAX_ACTORS, MAX_BANDS, MAX_EVENTS_PER_RUN };

export function checkLimits(ctx: Ctx): void {
  const actors = Object.keys(ctx.raw.actors).length;
  if (actors > MAX_ACTORS) {
    ctx.fail(['actors'], { problem: `too many actors (${actors})`, expected: `at most ${MAX_ACTORS} simulated actors` });
  }
  const bands = ctx.raw.bands.length;
  if (bands > MAX_BANDS) {
    ctx.fail(['bands'], { problem: `too many bands (${bands})`, expected: `at most ${MAX_BANDS} bands` });
  }
}

interface Children {
  /** Scheduled whenever the event applies: its reactions (by id or tag). */
  readonly always: number[];
  /** Per option of its decision: the option's `then` events and the reactions on it. */
  readonly options: number[][];
}

/**
 * The most events a run can create: each timeline event and inject with everything it can schedule, chains cut
 * at `cascadeCap` links as the engine cuts them. Saturates a little above the limit. Expects an acyclic graph
 * (cycles are refused before this runs).
 */
export function worstCaseEvents(
  events: Readonly<Record<string, EventDef>>,
  reactions: readonly Reaction[],
  roots: readonly string[],
  cascadeCap: number,
): { total: number; worst: string | undefined; worstCount: number } {
  const ids = Object.keys(events);
  const index = new Map(ids.map((id, i) => [id, i]));
  const byTrigger = new Map<string, number[]>();
  const add = (k: string, r: Reaction) => {
    const to = index.get(r.emit);
    if (to !== undefined) byTrigger.set(k, [...(byTrigger.get(k) ?? []), to]);
  };
  for (const r of reactions) {
    if (r.on.event !== undefined) add(`e:${r.on.event}`, r);
    if (r.on.tag !== undefined) add(`t:${r.on.tag}`, r);
    if (r.on.option !== undefined) add(`o:${r.on.option.decision}.${r.on.option.option}`, r);
  }
  const children: Children[] = ids.map((id) => {
    const ev = events[id] as EventDef;
    const always = [...(byTrigger.get(`e:${id}`) ?? []), ...ev.tags.flatMap((t) => byTrigger.get(`t:${t}`) ?? [])];
    const options = (ev.decision?.options ?? []).map((o) => [
      ...o.then.flatMap((f) => (index.has(f.event) ? [index.get(f.event) as number] : [])),
      ...(byTrigger.get(`o:${id}.${o.id}`) ?? []),
    ]);
    return { always, options };
  });
  const kidsOf = children.map((c) => [...c.always, ...c.options.flat()]);

  // Post-order over the graph (iterative: chains may be long): children before parents.
  const order: number[] = [];
  const seen = new Uint8Array(ids.length);
  for (let root = 0; root < ids.length; root++) {
    if (seen[root]) continue;
    const stack: [number, number][] = [[root, 0]];
    seen[root] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1] as [number, number];
      const kids = kidsOf[top[0]] as number[];
      if (top[1] < kids.length) {
        const k = kids[top[1]++] as number;
        if (!seen[k]) {
          seen[k] = 1;
          stack.push([k, 0]);
        }
      } else {
        order.push(top[0]);
        stack.pop();
      }
    }
  }
  // count[e][r]: events created by applying e when r more links are allowed below it (r ≤ e's height).
  const ceiling = MAX_EVENTS_PER_RUN + 1;
  const count: Float64Array[] = new Array(ids.length);
  const at = (e: number, r: number): number => {
    const c = count[e] as Float64Array;
    return c[Math.min(r, c.length - 1)] as number;
  };
  for (const e of order) {
    const c = children[e] as Children;
    let height = 0;
    for (const k of kidsOf[e] as number[]) height = Math.max(height, (count[k]?.length ?? 1));
    const n = Math.min(height, cascadeCap) + 1;
    const row = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      let total = 1;
      if (r >= 1) {
        for (const k of c.always) total += at(k, r - 1);
        let most = 0;
        for (const opt of c.options) {
          let sum = 0;
          for (const k of opt) sum += at(k, r - 1);
          most = Math.max(most, sum);
        }
        total += most;
      }
      row[r] = Math.min(total, ceiling);
    }
    count[e] = row;
  }
  let total = 0;
  let worst: string | undefined;
  let worstCount = 0;
  for (const id of roots) {
    const e = index.get(id);
    if (e === undefined) continue;
    const n = at(e, cascadeCap);
    total = Math.min(total + n, ceiling);
    if (n > worstCount) [worst, worstCount] = [id, n];
  }
  return { total, worst, worstCount };
}

/** Refuses a scenario whose follow-ups and reactions could create more than MAX_EVENTS_PER_RUN events in a run. */
export function checkEventGrowth(
  ctx: Ctx,
  events: Readonly<Record<string, EventDef>>,
  reactions: readonly Reaction[],
  roots: readonly string[],
  cascadeCap: number,
): void {
  const { total, worst, worstCount } = worstCaseEvents(events, reactions, roots, cascadeCap);
  if (total <= MAX_EVENTS_PER_RUN) return;
  const entry = worst !== undefined ? ctx.events.get(worst) : undefined;
  const many = (n: number) => (n > MAX_EVENTS_PER_RUN ? `more than ${MAX_EVENTS_PER_RUN}` : String(n));
  ctx.fail(entry ? [...entry.path, 'id'] : ['model', 'cascade_cap'], {
    problem: `follow-ups and reactions can create ${many(total)} events in one run${worst !== undefined ? ` ('${worst}' alone ${many(worstCount)})` : ''}`,
    expected: `at most ${MAX_EVENTS_PER_RUN} events per run: fewer follow-ups or reactions per event, or a lower cascade_cap`,
  });
}
