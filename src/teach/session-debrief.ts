/**
 * The debrief of the session's current branch: the report `geosim report` writes for the run file of that
 * branch (the branch's inputs played to the end, the engine drawing what nobody chose), so the web page shows
 * and prints the same document the CLI makes from the run file the page downloads.
 */
import { runHistory } from '../machines/engine.js';
import { branchOf, inputsFor, type SessionData } from '../machines/session-logic.js';
import { buildReport } from './report-build.js';
import { reportHtml } from './report-html.js';

export function branchDebriefHtml(d: SessionData, version: string, runFile?: string): string {
  const inputs = inputsFor(d, branchOf(d).choices);
  const rep = buildReport({
    scenario: d.scenario,
    history: runHistory(d.scenario, inputs),
    preset: d.preset,
    overrides: d.overrides,
    injects: d.injects,
    roles: d.roles,
    ...(Object.keys(d.forecasts).length ? { forecasts: d.forecasts } : {}),
    ...(runFile !== undefined ? { runFile } : {}),
  });
  return reportHtml(rep, version);
}
