/**
 * What the session does, as pure functions over plain data: step, choose, revise, go back, fork branches,
 * re-simulate a branch under new assumptions. The XState session machine (session.ts) calls these; keeping them
 * pure makes them easy to test and keeps the machine a readable map of events to moves.
 *
 * One module per job, gathered here for the machine, the selectors, the views and the tests:
 *   session-data.ts     the branch tree's types and what reads them (no engine run), the saved/dirty mark;
 *   session-replay.ts   branches built from their inputs (a new session, a loaded one, a replay);
 *   session-moves.ts    the cursor and the tree: forward, back, choose, revise, switch, rename;
 *   session-assume.ts   new assumptions, injects and roles, and the question when they flip what happened;
 *   session-forecast.ts forecast-first and the forecasts recorded.
 * A refused move throws a SimError whose message the status line shows.
 */
export type { Branch, BranchInputs, Forecasts, PendingChange, Resim, SessionData, SessionOptions } from './session-data.js';
export {
  MAX_STEPS,
  awaitingUser,
  blockedAtTip,
  branchOf,
  currentState,
  cursorOf,
  decisionTakenAtCursor,
  ended,
  inputsFor,
  inputsKey,
  markSaved,
  runInputs,
  synced,
  tipOf,
  withDirty,
} from './session-data.js';
export { createSession, fromBranches, play, replayAlike, replayBranch } from './session-replay.js';
export { back, choose, forward, renameBranch, revise, switchBranch, toDate, toEnd, toStart } from './session-moves.js';
export { applyChange, cancelChange, keepChangeAsBranch, setAssumptions, setInjects, setRoles } from './session-assume.js';
export { recordForecast, setForecastFirst } from './session-forecast.js';
