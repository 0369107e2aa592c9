/**
 * New inputs for the current branch (assumptions, a teacher's injects, roles). A change that would alter what
 * already happened beyond scores waits as `pendingChange` for the user: kept as a new branch, applied here, or
 * cancelled; the report of what moved (`resim`) comes from session-diff.ts.
 */
import type { ActorId } from '../core/model.js';
import { resolveAssumptions, type Inject } from '../core/run.js';
import { SimError } from '../core/errors.js';
import { flipsBetween, resimReport } from './session-diff.js';
import { branchOf, cursorOf, replaceBranch, short, tipOf } from './session-data.js';
import type { Branch, BranchInputs, SessionData } from './session-data.js';
import { replayAlike } from './session-replay.js';

function describeChange(d: SessionData, i: BranchInputs): string {
  const old = branchOf(d).inputs;
  const parts: string[] = [];
  if (i.preset !== old.preset) parts.push(`preset ${i.preset}`);
  const before = resolveAssumptions(d.scenario, old.preset, old.overrides);
  const after = resolveAssumptions(d.scenario, i.preset, i.overrides);
  for (const a of d.scenario.assumptions) if (before[a.id] !== after[a.id]) parts.push(`${a.label} ${before[a.id]} → ${after[a.id]}`);
  if (JSON.stringify(i.injects) !== JSON.stringify(old.injects)) parts.push('injects');
  return parts.join(', ') || 'no change';
}

/**
 * New inputs for the current branch. When the change would alter something before or at the cursor beyond
 * scores (a drawn decision, a fired reaction, a posture), nothing is applied yet: `pendingChange` names the
 * flips and the user keeps the change as a new branch or applies it here. Otherwise it applies at once.
 */
function changeInputs(d: SessionData, inputs: BranchInputs): SessionData {
  const b = branchOf(d);
  const replayed = replayAlike(d.scenario, b, inputs);
  const { flips, parting } = flipsBetween(d.scenario, b, replayed);
  if (flips.length) return { ...d, pendingChange: { what: describeChange(d, inputs), inputs, replayed, flips, parting }, resim: null };
  return applyReplayed(d, inputs, replayed);
}

function applyReplayed(d: SessionData, inputs: BranchInputs, replayed: Pick<Branch, 'states' | 'cursor'>): SessionData {
  const b = branchOf(d);
  const after = replaceBranch({ ...d, pendingChange: null }, { ...b, inputs, ...replayed }, { kind: 'jump' });
  return { ...after, resim: resimReport(d.scenario, cursorOf(b), cursorOf(replayed), { before: b, after: { ...replayed, choices: b.choices } }) };
}

/** The pending change applies to the current branch. */
export function applyChange(d: SessionData): SessionData {
  const p = d.pendingChange;
  if (!p) throw new SimError('no change is waiting');
  return applyReplayed(d, p.inputs, p.replayed);
}

/** The pending change becomes a new branch (a child of the current one); the current branch stays as it was. */
export function keepChangeAsBranch(d: SessionData): SessionData {
  const p = d.pendingChange;
  if (!p) throw new SimError('no change is waiting');
  const b = branchOf(d);
  const fork: Branch = {
    id: d.branches.length,
    label: short(p.what),
    parent: b.id,
    forkStep: Math.max(0, p.parting),
    inputs: p.inputs,
    choices: b.choices,
    rolled: b.rolled,
    ...p.replayed,
  };
  return { ...d, branches: [...d.branches, fork], current: fork.id, pendingChange: null, lastMove: { kind: 'jump' }, resim: resimReport(d.scenario, cursorOf(b), cursorOf(p.replayed), { before: b, after: { ...p.replayed, choices: b.choices } }) };
}

export function cancelChange(d: SessionData): SessionData {
  if (!d.pendingChange) throw new SimError('no change is waiting');
  return { ...d, pendingChange: null };
}

export function setAssumptions(d: SessionData, preset: string, overrides: Readonly<Record<string, number>>): SessionData {
  resolveAssumptions(d.scenario, preset, overrides);
  return changeInputs(d, { ...branchOf(d).inputs, preset, overrides });
}

/** A teacher's injects changed: the branch re-simulates with them, as for new assumptions. */
export function setInjects(d: SessionData, injects: readonly Inject[]): SessionData {
  for (const i of injects) {
    if (!d.scenario.injects.includes(i.event)) {
      throw new SimError(`'${i.event}' is not an inject of this scenario (injects: ${d.scenario.injects.join(', ') || 'none'})`);
    }
  }
  return changeInputs(d, { ...branchOf(d).inputs, injects: [...injects] });
}

export function setRoles(d: SessionData, roles: readonly ActorId[]): SessionData {
  const ids = new Set(d.scenario.actors.map((a) => a.id));
  for (const r of roles) if (!ids.has(r)) throw new SimError(`unknown actor '${r}'`);
  const b = branchOf(d);
  // Decisions the engine already drew on this branch for an actor the user now plays stay drawn (handed to the
  // engine), so that the branch still rebuilds from its inputs as far as it went.
  const drawn = Object.entries(tipOf(b).choices)
    .filter(([dec, c]) => c.by === 'engine' && b.choices[dec] === undefined && !b.rolled.includes(dec))
    .map(([dec]) => dec);
  return replaceBranch(d, { ...b, inputs: { ...b.inputs, roles: [...roles] }, rolled: [...b.rolled, ...drawn] }, d.lastMove);
}
