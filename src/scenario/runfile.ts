/**
 * Run files (`format: geosim-run/1`): the inputs of one run, enough to rebuild it exactly. They record the
 * scenario's id, content hash and file, the seed, the preset, only the assumption overrides and choices the user
 * gave, the stop date, injects, the roles played, optional forecasts, and the engine's draws (for checking).
 *
 * Reading never modifies the file, and every problem is one line (RunFileError, exit 2 in the CLI). The schema
 * and the parser are in runfile-schema.ts (they load zod; writing a run file does not need it).
 */
import type { Decision, Scenario } from '../core/model.js';
import type { SimState } from '../core/state.js';
import type { Inject, RunInputs } from '../core/run.js';
import { resolveAssumptions } from '../core/run.js';
import { SimError } from '../core/errors.js';
import { formatDay, parseDay } from '../core/date.js';
import { identityOf } from './identity.js';
import { RunFileError } from './file-errors.js';
import { RUN_FORMAT } from './file-formats.js';
import { decisionsOf } from './decisions.js';
import type { RunFile } from './runfile-schema.js';

export { decisionsOf };
export { notJsonWhy } from './json-text.js';
export type { RunFile } from './runfile-schema.js';

export { RUN_FORMAT } from './file-formats.js';
/** Run files are small; anything bigger is not one. */
export const MAX_RUN_FILE_BYTES = 1024 * 1024;

export { RunFileError } from './file-errors.js';

/** The choices the engine drew in a run (decision → option). */
export function engineChoices(state: SimState): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [d, c] of Object.entries(state.choices)) if (c.by === 'engine') out[d] = c.option;
  return out;
}

function shortHash(h: string): string {
  return `${h.slice(0, 12)}…`;
}

function checkChoice(decisions: Map<string, Decision>, scenario: Scenario, where: string, d: string, o: string): void {
  const dec = decisions.get(d);
  if (!dec) throw new RunFileError(`${where}: unknown decision '${d}' in scenario '${scenario.id}'`);
  if (!dec.options.some((x) => x.id === o)) throw new RunFileError(`${where}: decision '${d}' has no option '${o}'`);
}

function checkNames(rf: RunFile, scenario: Scenario, file: string): void {
  const decisions = decisionsOf(scenario);
  const at = (what: string) => `run file '${file}': ${what}`;
  for (const [d, o] of Object.entries(rf.choices)) checkChoice(decisions, scenario, at('choices'), d, o);
  for (const [d, o] of Object.entries(rf.engine)) checkChoice(decisions, scenario, at('engine'), d, o);
  for (const [d, p] of Object.entries(rf.forecasts ?? {})) {
    for (const o of Object.keys(p)) checkChoice(decisions, scenario, at('forecasts'), d, o);
  }
  for (const d of Object.keys(rf.choices)) {
    if (Object.hasOwn(rf.engine, d)) throw new RunFileError(at(`decision '${d}' is both chosen and drawn`));
  }
  const actors = new Set(scenario.actors.map((a) => a.id));
  for (const r of rf.roles) if (!actors.has(r)) throw new RunFileError(at(`roles: unknown actor '${r}'`));
  for (const i of rf.injects) {
    if (!scenario.injects.includes(i.event)) throw new RunFileError(at(`injects: unknown inject '${i.event}'`));
  }
}

export interface ReplayPlan {
  readonly inputs: RunInputs;
  readonly preset: string;
  /** One line to show: the scenario's text was edited since the save (its numbers were not). */
  readonly note?: string;
}

/**
 * Checks a run file against the scenario it names (same id, same content hash, every name known) and rebuilds
 * the run's inputs.
 */
export function planReplay(rf: RunFile, scenario: Scenario, file: string): ReplayPlan {
  if (rf.scenario.id !== scenario.id) {
    throw new RunFileError(`run file '${file}' is for scenario '${rf.scenario.id}', not '${scenario.id}'`);
  }
  let note: string | undefined;
  if (rf.scenario.hash !== scenario.hash && rf.scenario.model !== undefined && rf.scenario.model === identityOf(scenario).model) {
    note = `note: scenario '${scenario.id}' was edited since this run was saved (text only: comments, titles, descriptions or sources); the numbers are the same`;
  } else if (rf.scenario.hash !== scenario.hash) {
    throw new RunFileError(
      `scenario '${scenario.id}' has changed since this run was saved (hash ${shortHash(rf.scenario.hash)} ≠ ${shortHash(scenario.hash)}); replay needs the original file`,
    );
  }
  checkNames(rf, scenario, file);
  const injects: Inject[] = rf.injects.map((i) => ({ event: i.event, date: parseDay(i.date)! }));
  let assumptions: Record<string, number>;
  try {
    assumptions = resolveAssumptions(scenario, rf.preset, rf.assumptions);
  } catch (err) {
    if (err instanceof SimError) throw new RunFileError(`run file '${file}': ${err.message}`);
    throw err;
  }
  const inputs: RunInputs = {
    seed: rf.seed,
    assumptions,
    choices: { ...rf.choices },
    ...(injects.length ? { injects } : {}),
    ...(rf.until !== null ? { until: parseDay(rf.until)! } : {}),
  };
  return { inputs, preset: rf.preset, ...(note ? { note } : {}) };
}

/** Refuses a replay whose engine draws differ from the ones the file recorded. */
export function checkEngineDraws(rf: RunFile, state: SimState, file: string): void {
  const now = engineChoices(state);
  const ids = new Set([...Object.keys(now), ...Object.keys(rf.engine)]);
  for (const d of [...ids].sort()) {
    if (now[d] !== rf.engine[d]) {
      throw new RunFileError(
        `run file '${file}' does not match the scenario's draws: decision '${d}' drew ${now[d] ? `'${now[d]}'` : 'nothing'}, the file says ${rf.engine[d] ? `'${rf.engine[d]}'` : 'nothing'}`,
      );
    }
  }
}

export interface RunFileInit {
  readonly scenario: Scenario;
  /** How the run file refers to the scenario file (relative to the run file's directory). */
  readonly file: string;
  readonly seed: number;
  readonly preset: string;
  readonly assumptions: Readonly<Record<string, number>>;
  readonly choices: Readonly<Record<string, string>>;
  readonly until: number | undefined;
  readonly injects: readonly Inject[];
  readonly roles: readonly string[];
  readonly forecasts?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly engine: Readonly<Record<string, string>>;
  /** ISO timestamp. */
  readonly saved: string;
}

export function makeRunFile(init: RunFileInit): RunFile {
  return {
    format: RUN_FORMAT,
    scenario: { id: init.scenario.id, hash: init.scenario.hash, model: identityOf(init.scenario).model, file: init.file },
    seed: init.seed,
    preset: init.preset,
    assumptions: { ...init.assumptions },
    choices: { ...init.choices },
    until: init.until === undefined ? null : formatDay(init.until),
    injects: init.injects.map((i) => ({ event: i.event, date: formatDay(i.date) })),
    roles: [...init.roles],
    ...(init.forecasts ? { forecasts: structuredClone(init.forecasts) as RunFile['forecasts'] } : {}),
    engine: { ...init.engine },
    saved: init.saved,
  };
}

export function serializeRunFile(rf: RunFile): string {
  return `${JSON.stringify(rf, null, 2)}\n`;
}
