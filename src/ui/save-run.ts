/**
 * Saving the current branch as a run file (geosim-run/1): the same format `geosim run --save` writes and
 * `geosim replay` / `geosim play --load` read. The file holds inputs only; the engine's draws are those of the
 * whole run replayed to the end, which is what replay recomputes and checks.
 */
import { dirname, relative, resolve, sep } from 'node:path';
import type { SessionData } from '../machines/session-logic.js';
import { branchInputs, branchOf } from '../machines/session-logic.js';
import { runFast } from '../machines/engine.js';
import { engineChoices, makeRunFile, type RunFile } from '../scenario/runfile.js';
import type { Forecasts } from './forecast.js';
import { saveRunFile } from '../scenario/save.js';

/** How a run file saved at `runPath` names `scenarioFile`: relative to its own directory, with `/`. */
export function scenarioRef(runPath: string, scenarioFile: string): string {
  return relative(dirname(resolve(runPath)), resolve(scenarioFile)).split(sep).join('/');
}

export function runFileOf(d: SessionData, runPath: string, scenarioFile: string, now: Date, forecasts: Forecasts = {}): RunFile {
  const { inputs } = branchInputs(d);
  const final = runFast(d.scenario, inputs);
  return makeRunFile({
    scenario: d.scenario,
    file: scenarioRef(runPath, scenarioFile),
    seed: d.seed,
    preset: d.preset,
    assumptions: d.overrides,
    choices: branchOf(d).choices,
    until: undefined,
    injects: d.injects,
    roles: d.roles,
    ...(Object.keys(forecasts).length ? { forecasts } : {}),
    engine: engineChoices(final),
    saved: now.toISOString(),
  });
}

/** Writes the run file atomically; throws RunFileError / SaveError with one-line messages. */
export function saveSession(runPath: string, d: SessionData, scenarioFile: string, forecasts: Forecasts = {}): void {
  saveRunFile(runPath, runFileOf(d, runPath, scenarioFile, new Date(), forecasts));
}
