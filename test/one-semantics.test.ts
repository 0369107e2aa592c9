/**
 * One semantics: the headless CLI, the session machine the terminal UI drives, and Monte Carlo run the same
 * core, so the same scenario, seed, assumptions and choices give the same result in all three, byte for byte.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { sessionMachine } from '../src/machines/session.js';
import { currentState } from '../src/machines/session-logic.js';
import { summarize } from '../src/core/summary.js';
import { runSeed } from '../src/core/rng.js';
import { ensureBuilt, flagshipFile, geosim } from './cli-helpers.js';
import { flagship } from './helpers/scenarios.js';

const ENSEMBLE_SEED = 424242;
const RUNS = 4;
const CHOICE = { decision: 'seoul_response', option: 'defensive_only' };
const ASSUME = { name: 'beijing_influence_concern', value: 0.35 };

/** Plays the run in the session machine as a user of the UI would: NEXT, and CHOOSE at Seoul's decision. */
function playInSession(seed: number): string {
  const scenario = flagship();
  const actor = createActor(sessionMachine, {
    input: { scenario, options: { seed, roles: ['KOR'], overrides: { [ASSUME.name]: ASSUME.value } } },
  }).start();
  let snap = actor.getSnapshot();
  for (let i = 0; i < 1000 && !snap.matches('ended'); i++) {
    actor.send(snap.matches('deciding') ? { type: 'CHOOSE', option: CHOICE.option } : { type: 'NEXT' });
    snap = actor.getSnapshot();
  }
  expect(snap.matches('ended')).toBe(true);
  actor.stop();
  return `${JSON.stringify(summarize(scenario, currentState(snap.context.data), scenario.defaultPreset), null, 2)}\n`;
}

function runInCli(seed: number): string {
  const r = geosim([
    'run', flagshipFile(), '--seed', String(seed), '--format', 'json',
    '--choose', `${CHOICE.decision}=${CHOICE.option}`, '--assume', `${ASSUME.name}=${ASSUME.value}`,
  ]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

describe('one semantics across the CLI, the session machine (UI) and Monte Carlo', () => {
  const seeds = Array.from({ length: RUNS }, (_, i) => runSeed(ENSEMBLE_SEED, i));
  let cli: string[] = [];
  beforeAll(() => {
    ensureBuilt();
    cli = seeds.map(runInCli);
  });

  it('the session machine ends each run in exactly what `geosim run --format json` prints', () => {
    seeds.forEach((seed, i) => expect(playInSession(seed)).toBe(cli[i]));
  });

  it('`geosim mc` over N runs counts exactly the choices and predictions of the N single runs', () => {
    const r = geosim([
      'mc', flagshipFile(), '--runs', String(RUNS), '--seed', String(ENSEMBLE_SEED), '--format', 'json', '--workers', '2',
      '--choose', `${CHOICE.decision}=${CHOICE.option}`, '--assume', `${ASSUME.name}=${ASSUME.value}`,
    ]);
    expect(r.code).toBe(0);
    const mc = JSON.parse(r.stdout) as {
      decisions: { id: string; reached: number; options: { id: string; count: number }[] }[];
      predictions: { id: string; count: number }[];
    };
    const runs = cli.map((o) => JSON.parse(o) as { choices: Record<string, string>; predictions: Record<string, { holds: boolean }> });
    for (const d of mc.decisions) {
      expect(d.reached).toBe(runs.filter((x) => x.choices[d.id] !== undefined).length);
      for (const o of d.options) expect({ d: d.id, o: o.id, n: o.count }).toEqual({ d: d.id, o: o.id, n: runs.filter((x) => x.choices[d.id] === o.id).length });
    }
    for (const p of mc.predictions) expect({ p: p.id, n: p.count }).toEqual({ p: p.id, n: runs.filter((x) => x.predictions[p.id]!.holds).length });
  });
});
