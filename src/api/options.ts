/**
 * The library's run options, checked against the scenario with the same rules as the CLI's flags: unknown
 * names are refused with the nearest valid one, values out of range with the range. Errors are SimError.
 */
import type { Scenario } from '../core/model.js';
import { resolveAssumptions, type Inject, type RunInputs } from '../core/run.js';
import { formatDay, parseDay } from '../core/date.js';
import { SimError } from '../core/errors.js';
import { nearest } from '../scenario/errors.js';
import { decisionsOf } from '../scenario/decisions.js';

export interface RunOptions {
  /** Seed of the engine's draws, a whole number 0..4294967295 (default 1, as the CLI). */
  readonly seed?: number;
  /** A preset of assumptions (default: the scenario's). */
  readonly preset?: string;
  /** Assumption overrides, each within its range. */
  readonly assume?: Readonly<Record<string, number>>;
  /** Decisions fixed by the user (decision id → option id); the engine draws the others. */
  readonly choose?: Readonly<Record<string, string>>;
  /** Teacher injects: event id, and a date YYYY-MM-DD (default: the event's own date). */
  readonly inject?: readonly { readonly event: string; readonly date?: string }[];
  /** Stop before any event dated after this day (YYYY-MM-DD). */
  readonly until?: string;
}

const hint = (name: string, all: Iterable<string>) => {
  const s = nearest(name, all);
  return s === undefined ? '' : ` (did you mean '${s}'?)`;
};

function day(what: string, text: string): number {
  const d = parseDay(text);
  if (d === undefined) throw new SimError(`${what} must be a real date YYYY-MM-DD, found '${text}'`);
  return d;
}

/** The run's full inputs, checked. @throws SimError */
export function runInputs(scenario: Scenario, o: RunOptions = {}): RunInputs & { readonly preset: string } {
  const seed = o.seed ?? 1;
  if (!Number.isInteger(seed) || seed < 0 || seed > 4294967295) throw new SimError(`seed must be a whole number from 0 to 4294967295, found ${seed}`);
  const preset = o.preset ?? scenario.defaultPreset;
  const assumptions = resolveAssumptions(scenario, preset, o.assume ?? {});
  const decisions = decisionsOf(scenario);
  const choices: Record<string, string> = {};
  for (const [d, opt] of Object.entries(o.choose ?? {})) {
    const dec = decisions.get(d);
    if (!dec) throw new SimError(`unknown decision '${d}'${hint(d, decisions.keys())}; decisions: ${[...decisions.keys()].join(', ')}`);
    const ids = dec.options.map((x) => x.id);
    if (!ids.includes(opt)) throw new SimError(`decision '${d}' has no option '${opt}'${hint(opt, ids)}; options: ${ids.join(', ')}`);
    choices[d] = opt;
  }
  const injects: Inject[] = (o.inject ?? []).map((i) => {
    if (!scenario.injects.includes(i.event)) throw new SimError(`unknown inject '${i.event}'${hint(i.event, scenario.injects)}`);
    const date = i.date !== undefined ? day('inject date', i.date) : scenario.events[i.event]?.date;
    if (date === undefined) throw new SimError(`inject '${i.event}' has no default date; give one`);
    if (date < scenario.start) throw new SimError(`inject date ${formatDay(date)} is before the scenario starts (${formatDay(scenario.start)})`);
    return { event: i.event, date };
  });
  const until = o.until !== undefined ? day('until', o.until) : undefined;
  return { seed, preset, assumptions, choices, ...(injects.length ? { injects } : {}), ...(until !== undefined ? { until } : {}) };
}
