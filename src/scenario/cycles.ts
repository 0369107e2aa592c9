/**
 * Refuses scenarios whose reactions (or follow-ups) could fire without end. Graph over events: E → F when an
 * option of E's decision schedules F (`then`), or when a reaction triggered by E (its id, one of its tags, one
 * of its decision's options) emits F. Any cycle is reported, named by its reactions (or by its events when
 * only follow-ups are involved), at the first reaction of the cycle in file order.
 */
import type { EventDef, Reaction } from '../core/model.js';
import type { Ctx } from './context.js';

interface Edge {
  readonly to: string;
  /** Index of the reaction behind this edge; undefined for an option's `then`. */
  readonly reaction: number | undefined;
}

export function checkCycles(ctx: Ctx, events: Readonly<Record<string, EventDef>>, reactions: readonly Reaction[]): void {
  const edges = new Map<string, Edge[]>();
  const add = (from: string, edge: Edge) => {
    if (!Object.hasOwn(events, edge.to)) return;
    const list = edges.get(from) ?? [];
    list.push(edge);
    edges.set(from, list);
  };
  for (const ev of Object.values(events)) {
    for (const o of ev.decision?.options ?? []) for (const f of o.then) add(ev.id, { to: f.event, reaction: undefined });
    reactions.forEach((r, i) => {
      const on = r.on;
      const fires =
        on.event === ev.id ||
        (on.tag !== undefined && ev.tags.includes(on.tag)) ||
        (on.option !== undefined && on.option.decision === ev.id && (ev.decision?.options ?? []).some((o) => o.id === on.option?.option));
      if (fires) add(ev.id, { to: r.emit, reaction: i });
    });
  }

  const cycle = findCycle(Object.keys(events), edges);
  if (!cycle) return;
  const viaReactions = cycle.filter((e) => e.reaction !== undefined).map((e) => e.reaction as number);
  if (viaReactions.length > 0) {
    const first = Math.min(...viaReactions);
    const at = viaReactions.indexOf(first);
    const ordered = [...viaReactions.slice(at), ...viaReactions.slice(0, at), first].map((i) => reactions[i]?.id ?? '?');
    ctx.fail(['reactions', first], {
      problem: `cycle of reactions ${ordered.join(' → ')}`,
      expected: 'reactions that cannot trigger themselves again',
    });
  } else {
    const names = [...cycle.map((e) => e.to)];
    const last = names[names.length - 1] as string;
    const entry = ctx.events.get(last);
    ctx.fail(entry?.path ?? [], {
      problem: `cycle of follow-ups ${[last, ...names].join(' → ')}`,
      expected: 'follow-ups that cannot schedule themselves again',
    });
  }
}

/** The edges of one cycle (iterative DFS, so deep chains cannot overflow the stack), or undefined. */
function findCycle(nodes: readonly string[], edges: ReadonlyMap<string, readonly Edge[]>): Edge[] | undefined {
  const state = new Map<string, 1 | 2>(); // 1 on the stack, 2 done
  for (const root of nodes) {
    if (state.has(root)) continue;
    const stack: { node: string; next: number; via: Edge | undefined }[] = [{ node: root, next: 0, via: undefined }];
    state.set(root, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as (typeof stack)[number];
      const out = edges.get(top.node) ?? [];
      if (top.next >= out.length) {
        state.set(top.node, 2);
        stack.pop();
        continue;
      }
      const edge = out[top.next++] as Edge;
      const s = state.get(edge.to);
      if (s === 1) {
        const from = stack.findIndex((f) => f.node === edge.to);
        return [...stack.slice(from + 1).map((f) => f.via as Edge), edge];
      }
      if (s === undefined) {
        state.set(edge.to, 1);
        stack.push({ node: edge.to, next: 0, via: edge });
      }
    }
  }
  return undefined;
}
