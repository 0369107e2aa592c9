/**
 * The session's branch tree to and from a session file (src/scenario/sessionfile.ts). Saving writes inputs only
 * and never runs the engine (the draws it records for checking are read off states already computed); loading
 * replays every branch from its inputs, as far as it had been played, with its cursor where it was.
 *
 * A scenario edited since the save: a text-only edit loads with a note; a model edit is refused with what
 * changed, unless `rebase`, which replays the saved choices against the new version when every chosen option
 * still exists and reports what moved.
 */
import type { Scenario } from '../core/model.js';
import { formatDay, parseDay } from '../core/date.js';
import { resolveAssumptions } from '../core/run.js';
import { runFast } from './engine.js';
import { identityOf, matchIdentity } from '../scenario/identity.js';
import { SESSION_FORMAT, SessionFileError, type SessionFile } from '../scenario/sessionfile.js';
import { makeRunFile, type RunFile } from '../scenario/runfile.js';
import { branchOf, fromBranches, inputsFor, replayBranch, tipOf, type Branch, type BranchInputs, type SessionData, type SessionOptions } from './session-logic.js';

/**
 * The engine's draws of the current branch played to its end: what a run file (geosim-run/1) records for
 * checking. Exporting a run file is the one save that plays the branch on (a session file never does).
 */
export function drawsToEnd(d: SessionData): Record<string, string> {
  const final = runFast(d.scenario, inputsFor(d, branchOf(d).choices));
  const out: Record<string, string> = {};
  for (const [k, c] of Object.entries(final.choices)) if (c.by === 'engine') out[k] = c.option;
  return out;
}

/** The engine's draws in a branch as far as it was computed (decision → option). */
export function drawnIn(b: Pick<Branch, 'states'>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [d, c] of Object.entries(tipOf(b).choices)) if (c.by === 'engine') out[d] = c.option;
  return out;
}

/**
 * The current branch as a run file (geosim-run/1, what `geosim replay` reads): `scenarioFile` is how the file
 * names the scenario (relative to itself). Plays the branch to its end once, for the engine's draws.
 */
export function runFileOf(d: SessionData, scenarioFile: string, now: Date): RunFile {
  const b = branchOf(d);
  return makeRunFile({
    scenario: d.scenario,
    file: scenarioFile,
    seed: d.seed,
    preset: d.preset,
    assumptions: d.overrides,
    choices: b.choices,
    until: undefined,
    injects: d.injects,
    roles: d.roles,
    ...(Object.keys(d.forecasts).length ? { forecasts: d.forecasts } : {}),
    engine: drawsToEnd(d),
    saved: now.toISOString(),
  });
}

/** What a run file brings to a session resumed from it: its assumptions, choices, draws, injects, forecasts. */
export function runFileOptions(rf: RunFile): Pick<SessionOptions, 'overrides' | 'choices' | 'rolled' | 'injects' | 'forecasts'> {
  return {
    overrides: rf.assumptions,
    choices: rf.choices,
    rolled: Object.keys(rf.engine),
    injects: rf.injects.map((i) => ({ event: i.event, date: parseDay(i.date)! })),
    ...(rf.forecasts ? { forecasts: rf.forecasts } : {}),
  };
}

/** The session file of a session: `scenarioFile` is how the file names the scenario (relative to itself). */
export function sessionFileOf(d: SessionData, scenarioFile: string, now: Date): SessionFile {
  const id = identityOf(d.scenario);
  return {
    format: SESSION_FORMAT,
    scenario: { id: id.id, file: scenarioFile, text: id.text, model: id.model, parts: id.parts as Record<string, Record<string, string>> },
    current: d.current,
    forecastFirst: d.forecastFirst,
    forecasts: structuredClone(d.forecasts) as Record<string, Record<string, number>>,
    branches: d.branches.map((b) => ({
      id: b.id,
      label: b.label,
      ...(b.name !== undefined ? { name: b.name } : {}),
      parent: b.parent,
      forkStep: b.forkStep,
      seed: b.inputs.seed,
      preset: b.inputs.preset,
      assumptions: { ...b.inputs.overrides },
      injects: b.inputs.injects.map((i) => ({ event: i.event, date: formatDay(i.date) })),
      roles: [...b.inputs.roles],
      choices: { ...b.choices },
      rolled: [...b.rolled],
      steps: b.states.length,
      cursor: b.cursor,
      drawn: drawnIn(b),
    })),
    saved: now.toISOString(),
  };
}

export interface LoadedSession {
  readonly data: SessionData;
  /** One line to show (a text-only edit of the scenario), if any. */
  readonly note: string | null;
  /** With rebase: what moved, one line each. */
  readonly moved: readonly string[];
}

function checkNames(f: SessionFile, s: Scenario, file: string): string[] {
  const decisions = new Map<string, Set<string>>();
  for (const ev of Object.values(s.events)) if (ev.decision) decisions.set(ev.decision.id, new Set(ev.decision.options.map((o) => o.id)));
  const actors = new Set(s.actors.map((a) => a.id));
  const missing: string[] = [];
  const option = (where: string, d: string, o?: string) => {
    const opts = decisions.get(d);
    if (!opts) missing.push(`${where}: decision '${d}' no longer exists`);
    else if (o !== undefined && !opts.has(o)) missing.push(`${where}: option '${d}.${o}' no longer exists`);
  };
  for (const b of f.branches) {
    const where = `branch #${b.id}`;
    for (const [d, o] of Object.entries(b.choices)) option(where, d, o);
    for (const d of b.rolled) option(where, d);
    for (const r of b.roles) if (!actors.has(r)) missing.push(`${where}: unknown actor '${r}'`);
    for (const i of b.injects) if (!s.injects.includes(i.event)) missing.push(`${where}: unknown inject '${i.event}'`);
    try {
      resolveAssumptions(s, b.preset, b.assumptions);
    } catch (err) {
      missing.push(`${where}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  for (const [d, p] of Object.entries(f.forecasts)) for (const o of Object.keys(p)) option('forecasts', d, o);
  void file;
  return missing;
}

function labelOf(s: Scenario, d: string, o: string | undefined): string {
  for (const ev of Object.values(s.events)) if (ev.decision?.id === d) return ev.decision.options.find((x) => x.id === o)?.label ?? o ?? 'nothing';
  return o ?? 'nothing';
}

/** Rebuilds the session a file holds. Throws SessionFileError (one line) when it cannot. */
export function sessionFromFile(s: Scenario, f: SessionFile, file: string, rebase = false): LoadedSession {
  if (f.scenario.id !== s.id) throw new SessionFileError(`session file '${file}' is for scenario '${f.scenario.id}', not '${s.id}'`);
  const match = matchIdentity(f.scenario, s);
  if (match.kind === 'model' && !rebase) {
    throw new SessionFileError(
      `session file '${file}' was saved from another version of scenario '${s.id}' (${match.changes.join('; ')}); --rebase replays its choices against this version`,
    );
  }
  const missing = checkNames(f, s, file);
  if (missing.length) {
    throw new SessionFileError(`session file '${file}'${match.kind === 'model' ? ' cannot be rebased' : ''}: ${missing.slice(0, 4).join('; ')}${missing.length > 4 ? ` (and ${missing.length - 4} more)` : ''}`);
  }
  const moved: string[] = [];
  const branches: Branch[] = f.branches.map((fb) => {
    const inputs: BranchInputs = {
      seed: fb.seed,
      preset: fb.preset,
      overrides: { ...fb.assumptions },
      injects: fb.injects.map((i) => ({ event: i.event, date: parseDay(i.date)! })),
      roles: [...fb.roles],
    };
    const base = { choices: { ...fb.choices }, rolled: [...fb.rolled], inputs };
    const replayed = replayBranch(s, base, fb.steps, fb.cursor);
    const drawn = drawnIn(replayed);
    if (match.kind !== 'model') {
      // Inputs that do not rebuild what was saved: the file was edited by hand, or is not what it claims.
      if (replayed.states.length !== fb.steps) throw new SessionFileError(`session file '${file}' does not match its scenario: branch #${fb.id} stops after ${replayed.states.length} steps, the file says ${fb.steps}`);
      for (const [d, o] of Object.entries(fb.drawn ?? {})) {
        if (drawn[d] !== o) throw new SessionFileError(`session file '${file}' does not match its scenario: branch #${fb.id} draws '${drawn[d] ?? 'nothing'}' at decision '${d}', the file says '${o}'`);
      }
    } else {
      for (const [d, o] of Object.entries(fb.drawn ?? {})) {
        if (drawn[d] !== o) moved.push(`branch #${fb.id}: ${d} now draws “${labelOf(s, d, drawn[d])}” (was “${labelOf(s, d, o)}”)`);
      }
      if (replayed.states.length !== fb.steps) moved.push(`branch #${fb.id}: ${replayed.states.length} steps played (was ${fb.steps})`);
    }
    return {
      id: fb.id,
      label: fb.label,
      ...(fb.name !== undefined ? { name: fb.name } : {}),
      parent: fb.parent,
      forkStep: fb.forkStep,
      inputs,
      choices: base.choices,
      rolled: base.rolled,
      ...replayed,
    };
  });
  const data = fromBranches(s, branches, f.current, f.forecasts, f.forecastFirst);
  const note = match.kind === 'text' ? match.note : match.kind === 'model' ? `rebased onto the new version of '${s.id}': ${moved.length ? `${moved.length} thing${moved.length === 1 ? '' : 's'} moved` : 'nothing moved'}` : null;
  return { data, note, moved };
}
