/**
 * The options shared by `run`, `explain` (and `play`): seed, choices, assumptions, preset, stop date and
 * injects, checked against the scenario with one-line errors that suggest the nearest valid name.
 */
import { articleHorizon } from '../core/tracks.js';
import type { Day, Scenario } from '../core/model.js';
import type { Inject, RunInputs } from '../core/run.js';
import { resolveAssumptions } from '../core/run.js';
import { formatDay, parseDay } from '../core/date.js';
import { decisionsOf } from '../scenario/runfile.js';
import { UsageError, list, str, type OptionSpecs, type ParsedArgs } from './command.js';
import { didYouMean } from './args.js';
import { wholeNumber } from './mc-flags.js';
import { formatFlag, formatOption } from './format-flag.js';

export const DEFAULT_SEED = 1;
export const MAX_SEED = 4294967295;

export const RUN_OPTIONS: OptionSpecs = {
  seed: { type: 'string', short: 's', value: 'N', description: `Seed of the engine's draws, 0..${MAX_SEED} (default ${DEFAULT_SEED})` },
  choose: { type: 'string', short: 'c', multiple: true, value: 'DECISION=OPTION', description: 'Fix a decision instead of drawing it' },
  assume: { type: 'string', short: 'a', multiple: true, value: 'NAME=VALUE', description: 'Override an assumption (within its range)' },
  preset: { type: 'string', short: 'p', value: 'NAME', description: "Start from a preset of assumptions (default: the scenario's)" },
  until: { type: 'string', value: 'YYYY-MM-DD', description: "Stop before any event dated after this day; 'article' stops at the article's horizon (before the first retro event)" },
  inject: { type: 'string', multiple: true, value: 'EVENT[@YYYY-MM-DD]', description: "Insert an optional event (see the scenario's injects)" },
};

export type OutputFormat = 'text' | 'json' | 'markdown';
const REPORT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'markdown'];

/** The --format option of a report command: text, json and markdown, plus any `extra` formats it offers. */
export function reportFormatOption(extra: readonly string[] = []): OptionSpecs {
  return formatOption([...REPORT_FORMATS, ...extra], 'Output format (default text; --json is short for --format json)');
}

/** The --format of a report command: text, json or markdown (`md`), plus any `extra` formats it offers. */
export function outputFormat<E extends string = never>(args: ParsedArgs, extra: readonly E[] = []): OutputFormat | E {
  return formatFlag<OutputFormat | E>(args, [...REPORT_FORMATS, ...extra]);
}

export function parseSeed(text: string | undefined): number {
  if (text === undefined) return DEFAULT_SEED;
  // Read like --runs: digits, 1_000 or 1e3.
  const n = wholeNumber(text);
  if (n === undefined || n > MAX_SEED) throw new UsageError(`--seed must be a whole number from 0 to ${MAX_SEED}, found '${text}'`);
  return n;
}

export function parseDate(flag: string, text: string): Day {
  const d = parseDay(text);
  if (d === undefined) throw new UsageError(`${flag} must be a real date YYYY-MM-DD, found '${text}'`);
  return d;
}

/**
 * The days a scenario covers: from its start to its last dated event (timeline events and injects with a date).
 * Every date option (--until, --at, --inject EVENT@DATE) must fall inside, so a typo in the year is named
 * rather than silently running the whole scenario or nothing of it.
 */
export function scenarioRange(scenario: Scenario): { readonly start: Day; readonly end: Day } {
  let end = scenario.start;
  for (const e of Object.values(scenario.events)) if (e.date !== undefined && e.date > end) end = e.date;
  return { start: scenario.start, end };
}

/** Refuses a day outside the scenario's range, naming the range; `what` is how the user wrote it. */
export function checkInRange(scenario: Scenario, what: string, day: Day): Day {
  const { start, end } = scenarioRange(scenario);
  if (day < start || day > end) {
    const side = day < start ? 'before the scenario starts' : 'after its last event';
    throw new UsageError(`${what} is ${side}; ${scenario.id} runs from ${formatDay(start)} to ${formatDay(end)}`);
  }
  return day;
}

/** A date option, checked as a real day inside the scenario's range. */
export function parseScenarioDate(scenario: Scenario, flag: string, text: string): Day {
  return checkInRange(scenario, `${flag} ${text}`, parseDate(flag, text));
}

function splitPair(flag: string, text: string, sep: string, shape: string): [string, string] {
  const i = text.indexOf(sep);
  if (i <= 0 || i === text.length - 1) throw new UsageError(`${flag} expects ${shape}, found '${text}'`);
  return [text.slice(0, i).trim(), text.slice(i + 1).trim()];
}

export function parseChoices(scenario: Scenario, texts: readonly string[]): Record<string, string> {
  const decisions = decisionsOf(scenario);
  const out: Record<string, string> = {};
  for (const t of texts) {
    const [d, o] = splitPair('--choose', t, '=', 'DECISION=OPTION');
    const dec = decisions.get(d);
    if (!dec) throw new UsageError(`--choose: unknown decision '${d}'${didYouMean(d, decisions.keys())}; decisions: ${[...decisions.keys()].join(', ')}`);
    const options = dec.options.map((x) => x.id);
    if (!options.includes(o)) {
      throw new UsageError(`--choose: decision '${d}' has no option '${o}'${didYouMean(o, options)}; options: ${options.join(', ')}`);
    }
    if (Object.hasOwn(out, d) && out[d] !== o) throw new UsageError(`--choose: decision '${d}' is chosen twice ('${out[d]}' and '${o}')`);
    out[d] = o;
  }
  return out;
}

export function parseAssumptions(scenario: Scenario, texts: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of texts) {
    const [name, value] = splitPair('--assume', t, '=', 'NAME=VALUE');
    const a = scenario.assumptions.find((x) => x.id === name);
    if (!a) {
      const ids = scenario.assumptions.map((x) => x.id);
      throw new UsageError(`--assume: unknown assumption '${name}'${didYouMean(name, ids)}; assumptions: ${ids.join(', ')}`);
    }
    const v = value === '' ? NaN : Number(value);
    if (!Number.isFinite(v)) throw new UsageError(`--assume: '${name}' needs a number, found '${value}'`);
    if (v < a.min || v > a.max) throw new UsageError(`--assume: '${name}' must be between ${a.min} and ${a.max}, found ${value}`);
    out[name] = v;
  }
  return out;
}

export function checkPreset(scenario: Scenario, name: string | undefined): string {
  if (name === undefined) return scenario.defaultPreset;
  const ids = scenario.presets.map((p) => p.id);
  if (!ids.includes(name)) throw new UsageError(`--preset: unknown preset '${name}'${didYouMean(name, ids)}; presets: ${ids.join(', ')}`);
  return name;
}

export function parseInjects(scenario: Scenario, texts: readonly string[]): Inject[] {
  return texts.map((t) => {
    const [event, date] = t.includes('@') ? splitPair('--inject', t, '@', 'EVENT@YYYY-MM-DD') : [t, undefined];
    if (!scenario.injects.includes(event)) {
      const known = scenario.injects.length ? `; injects: ${scenario.injects.join(', ')}` : '; this scenario has no injects';
      throw new UsageError(`--inject: unknown inject '${event}'${didYouMean(event, scenario.injects)}${known}`);
    }
    const day = date !== undefined ? parseDate('--inject', date) : scenario.events[event]?.date;
    if (day === undefined) throw new UsageError(`--inject: '${event}' has no default date; write ${event}@YYYY-MM-DD`);
    return { event, date: checkInRange(scenario, `--inject ${event}@${formatDay(day)}`, day) };
  });
}

/**
 * Checks an actor id given to `flag`. An outside party of the scenario (UKR in the flagship) is not a typo of a
 * near actor id (KOR): it is named as what it is.
 */
export function checkActor(scenario: Scenario, flag: string, id: string): string {
  const ids = scenario.actors.map((a) => a.id);
  if (ids.includes(id)) return id;
  const other = scenario.others.find((o) => o.id === id);
  if (other) {
    throw new UsageError(`${flag}: ${id} (${other.name}) is an outside party in ${scenario.id}, without relations of its own; actors: ${ids.join(', ')}`);
  }
  throw new UsageError(`${flag}: unknown actor '${id}'${didYouMean(id, ids)}; actors: ${ids.join(', ')}`);
}

/** A list of actors given as repeated and/or comma-separated ids (`--as KOR,JPN --as CHN`), checked, once each. */
export function parseActorList(scenario: Scenario, flag: string, texts: readonly string[]): string[] {
  const wanted = texts.flatMap((t) => t.split(',')).map((t) => t.trim().toUpperCase()).filter(Boolean);
  for (const a of wanted) checkActor(scenario, flag, a);
  return [...new Set(wanted)];
}

/** What the user asked for, checked, and the run's full inputs. */
export interface RunRequest {
  readonly seed: number;
  readonly preset: string;
  /** Only the overrides given on the command line (what a run file records). */
  readonly overrides: Readonly<Record<string, number>>;
  readonly choices: Readonly<Record<string, string>>;
  readonly until: Day | undefined;
  readonly injects: readonly Inject[];
  readonly inputs: RunInputs;
}

/** `--until article`: the article's horizon (core/tracks.ts). */
function horizonOf(scenario: Scenario): Day {
  const day = articleHorizon(scenario);
  if (day === undefined) throw new UsageError(`--until article needs a scenario with retro events (track: retro); ${scenario.id} has none`);
  return day;
}

export function runRequest(scenario: Scenario, args: ParsedArgs, until: Day | undefined = undefined): RunRequest {
  const seed = parseSeed(str(args, 'seed'));
  const preset = checkPreset(scenario, str(args, 'preset'));
  const overrides = parseAssumptions(scenario, list(args, 'assume'));
  const choices = parseChoices(scenario, list(args, 'choose'));
  const untilText = str(args, 'until');
  const stop = until ?? (untilText === 'article' ? horizonOf(scenario) : untilText !== undefined ? parseScenarioDate(scenario, '--until', untilText) : undefined);
  const injects = parseInjects(scenario, list(args, 'inject'));
  const assumptions = resolveAssumptions(scenario, preset, overrides);
  const inputs: RunInputs = {
    seed,
    assumptions,
    choices,
    ...(injects.length ? { injects } : {}),
    ...(stop !== undefined ? { until: stop } : {}),
  };
  return { seed, preset, overrides, choices, until: stop, injects, inputs };
}
