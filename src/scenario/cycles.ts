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
  // Reactions indexed by what triggers them, so the graph is built in one pass over events.
  const byTrigger = new Map<string, number[]>();
  const index = (key: string, i: number) => byTrigger.set(key, [...(byTrigger.get(key) ?? []), i]);
  reactions.forEach((r, i) => {
    if (r.on.event !== undefined) index(`event:${r.on.event}`, i);
    if (r.on.tag !== undefined) index(`tag:${r.on.tag}`, i);
    if (r.on.option !== undefined) index(`option:${r.on.option.decision}.${r.on.option.option}`, i);
  });
  for (const ev of Object.values(events)) {
    const options = ev.decision?.options ?? [];
    for (const o of options) for (const f of o.then) add(ev.id, { to: f.event, reaction: undefined });
    const triggers = new Set<number>([
      ...(byTrigger.get(`event:${ev.id}`) ?? []),
      ...ev.tags.flatMap((t) => byTrigger.get(`tag:${t}`) ?? []),
      ...options.flatMap((o) => byTrigger.get(`option:${ev.id}.${o.id}`) ?? []),
    ]);
    for (const i of [...triggers].sort((a, b) => a - b)) add(ev.id, { to: (reactions[i] as Reaction).emit, reaction: i });
  }

  const cycle = findCycle(Object.keys(events), edges);
  if (!cycle) return;
  const viaReactions = cycle.filter((e) => e.reaction !== undefined).map((e) => e.reaction as number);
  if (viaReactions.length > 0) {
    const first = Math.min(...viaReactions);
    const at = viaReactions.indexOf(first);
    const ordered = [...viaReactions.slice(at), ...viaReactions.slice(0, at), first].map((i) => reactions[i]?.id ?? '?');
    ctx.fail(['reactions', first], {
      problem: `cycle of reactions ${chain(ordered)}`,
      expected: 'reactions that cannot trigger themselves again',
    });
  } else {
    const names = [...cycle.map((e) => e.to)];
    const last = names[names.length - 1] as string;
    const entry = ctx.events.get(last);
    ctx.fail(entry?.path ?? [], {
      problem: `cycle of follow-ups ${chain([last, ...names])}`,
      expected: 'follow-ups that cannot schedule themselves again',
    });
  }
}

/** `a → b → a`; long cycles keep their ends and their length. */
function chain(names: readonly string[]): string {
  if (names.length <= 10) return names.join(' → ');
  return `${[...names.slice(0, 4), '…', ...names.slice(-3)].join(' → ')} (${names.length - 1} steps)`;
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
