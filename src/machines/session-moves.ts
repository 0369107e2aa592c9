/**
 * Moves of the cursor and of the branch tree: step forward (computing a step at the tip), back, to the start,
 * the end or a date; choose or roll the decision at the cursor (choosing differently at a decision already
 * passed forks a branch); revise a decision taken; switch and rename branches.
 */
import type { Day } from '../core/model.js';
import type { SimState } from '../core/state.js';
import { isFinished } from '../core/step.js';
import { SimError } from '../core/errors.js';
import { historyAgendaHead } from '../core/history-meta.js';
import { controlCharacter } from '../core/text.js';
import { decide, next } from './engine.js';
import { actorOf, branchOf, cursorOf, decisionTakenAtCursor, MAX_STEPS, optionLabel, replaceBranch, short, waitsForUser, withoutKey } from './session-data.js';
import type { Branch, SessionData } from './session-data.js';

/** One step forward: through history when it exists, else computed (the engine decides for actors the user does not play). */
export function forward(d: SessionData): SessionData {
  const b = branchOf(d);
  if (b.cursor < b.states.length - 1) return replaceBranch(d, { ...b, cursor: b.cursor + 1 }, { kind: 'jump' });
  const s = cursorOf(b);
  if (isFinished(s) || waitsForUser(d.scenario, b, s)) return d;
  const n = s.pending ? decide(d.scenario, s, b.choices[s.pending.decision]) : next(d.scenario, s);
  return replaceBranch(d, { ...b, states: [...b.states, n], cursor: b.cursor + 1 }, { kind: 'fresh', prev: s });
}

/**
 * Resolves the decision at the cursor: `option`, or a seeded roll when undefined. Choosing differently at a
 * decision already passed forks a new branch; choosing what the branch already holds just steps forward.
 */
export function choose(d: SessionData, option: string | undefined): SessionData {
  const b = branchOf(d);
  const s = cursorOf(b);
  if (!s.pending) throw new SimError('no decision is waiting here');
  const decision = s.pending.decision;
  const n = decide(d.scenario, s, option);
  const picked = n.choices[decision]!.option;
  const choices = option === undefined ? withoutKey(b.choices, decision) : { ...b.choices, [decision]: option };
  const others = b.rolled.filter((x) => x !== decision);
  const rolled = option === undefined ? [...others, decision] : others;
  const atTip = b.cursor === b.states.length - 1;
  if (!atTip) {
    const existing = b.states[b.cursor + 1]!.choices[decision];
    if (existing?.option === picked && existing.by === n.choices[decision]!.by) return forward(d);
    const actor = d.scenario.actors.find((a) => a.id === actorOf(d.scenario, s));
    const fork: Branch = {
      id: d.branches.length,
      label: short(`${actor?.capital ?? decision}: ${optionLabel(d.scenario, s.pending.event, picked)}`),
      parent: b.id,
      forkStep: b.cursor,
      inputs: b.inputs,
      choices: keepDecided(choices, s),
      rolled: rolled.filter((x) => s.choices[x] !== undefined || x === decision),
      states: [...b.states.slice(0, b.cursor + 1), n],
      cursor: b.cursor + 1,
    };
    return { ...d, branches: [...d.branches, fork], current: fork.id, lastMove: { kind: 'fresh', prev: s } };
  }
  return replaceBranch(d, { ...b, choices, rolled, states: [...b.states, n], cursor: b.cursor + 1 }, { kind: 'fresh', prev: s });
}

/**
 * "Choose differently at this decision": at a decision already taken (the cursor on the step that took it, or on
 * the state where it waited with history after it), take `option` (undefined: the engine's draw) instead. The
 * same option as before is refused with a reason; another one starts a branch.
 */
export function revise(d: SessionData, option: string | undefined): SessionData {
  const b = branchOf(d);
  const taken = decisionTakenAtCursor(d);
  const at = taken ? b.cursor - 1 : cursorOf(b).pending && b.cursor < b.states.length - 1 ? b.cursor : -1;
  if (at < 0) throw new SimError('no decision was taken here: step to one (◆ in the timeline) to choose differently');
  const s = b.states[at]!;
  const before = b.states[at + 1]!.choices[s.pending!.decision]!;
  const same = option === undefined ? before.by === 'engine' : before.option === option;
  if (same) {
    const label = optionLabel(d.scenario, s.pending!.event, before.option);
    throw new SimError(`Already ${before.by === 'user' ? 'your choice' : "the engine's draw"} here: another option starts a branch (this one is “${label}”)`);
  }
  const there = replaceBranch(d, { ...b, cursor: at }, { kind: 'jump' });
  const forked = choose(there, option);
  // The re-decision is a new branch: the branch it left keeps its cursor where the user left it (the step back to
  // the decision was only the way to fork), so returning to it finds it unchanged (test/session-model.test.ts).
  const left = forked.branches[b.id];
  if (forked.current === b.id || left === undefined || left.cursor === b.cursor) return forked;
  const branches = forked.branches.slice();
  branches[b.id] = { ...left, cursor: b.cursor };
  return { ...forked, branches };
}

/** The user choices already applied by state `s`, plus any choice for the decision pending at `s`. */
function keepDecided(choices: Readonly<Record<string, string>>, s: SimState): Record<string, string> {
  return Object.fromEntries(Object.entries(choices).filter(([k]) => s.choices[k] !== undefined || s.pending?.decision === k));
}

export function back(d: SessionData): SessionData {
  const b = branchOf(d);
  return b.cursor === 0 ? d : replaceBranch(d, { ...b, cursor: b.cursor - 1 }, { kind: 'jump' });
}

export function toStart(d: SessionData): SessionData {
  const b = branchOf(d);
  return b.cursor === 0 ? d : replaceBranch(d, { ...b, cursor: 0 }, { kind: 'jump' });
}

/** Forward until the end, a user decision, or (with `until`) the last state dated on or before it. */
export function toEnd(d: SessionData, until?: Day): SessionData {
  let cur = d;
  for (let i = 0; i < MAX_STEPS; i++) {
    const b = branchOf(cur);
    const s = cursorOf(b);
    const nextState = b.states[b.cursor + 1];
    if (until !== undefined && (nextState ? nextState.date > until : (historyAgendaHead(s)?.date ?? Infinity) > until && !s.pending)) break;
    const moved = forward(cur);
    if (moved === cur) break;
    cur = moved;
  }
  return cur === d ? d : { ...cur, lastMove: { kind: 'jump' } };
}

/** Moves to the last state dated on or before `day`, going back or playing forward as needed. */
export function toDate(d: SessionData, day: Day): SessionData {
  const b = branchOf(d);
  let i = b.cursor;
  while (i > 0 && b.states[i]!.date > day) i--;
  const moved = i === b.cursor ? d : replaceBranch(d, { ...b, cursor: i }, { kind: 'jump' });
  return toEnd(moved, day);
}

export function switchBranch(d: SessionData, id: number): SessionData {
  if (!d.branches[id]) throw new SimError(`no branch #${id}`);
  if (id === d.current) throw new SimError(`already on branch #${id}`);
  return { ...d, current: id, lastMove: { kind: 'jump' }, resim: null };
}

export function renameBranch(d: SessionData, id: number, name: string): SessionData {
  const b = d.branches[id];
  if (!b) throw new SimError(`no branch #${id}`);
  // No control characters or bidirectional overrides: a session file refuses them (its names reach the screen).
  const clean = [...name].filter((c) => c >= ' ' && controlCharacter(c) === undefined).join('').trim().slice(0, 80);
  const { name: _old, ...rest } = b;
  return replaceBranch(d, clean ? { ...rest, name: clean } : rest, d.lastMove);
}
