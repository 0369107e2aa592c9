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

export const FORMAT_OPTION: OptionSpecs = {
  format: { type: 'string', short: 'f', value: 'text|json|markdown', description: 'Output format (default text; --json is short for --format json)' },
};

export type OutputFormat = 'text' | 'json' | 'markdown';

/** The --format of a report command: text, json or markdown (`md`), plus any `extra` formats it offers. */
export function outputFormat<E extends string = never>(args: ParsedArgs, extra: readonly E[] = []): OutputFormat | E {
  const f = str(args, 'format') ?? 'text';
  const all: string[] = ['text', 'json', 'markdown', ...extra];
  if (f === 'md') return 'markdown';
  if (!all.includes(f)) {
    const expected = `${all.slice(0, -1).join(', ')} or ${all[all.length - 1]}`;
    throw new UsageError(`unknown format '${f}'; expected ${expected}${didYouMean(f, all)}`);
  }
  return f as OutputFormat | E;
}

export function parseSeed(text: string | undefined): number {
  if (text === undefined) return DEFAULT_SEED;
  if (!/^\d+$/.test(text) || Number(text) > MAX_SEED) {
    throw new UsageError(`--seed must be a whole number from 0 to ${MAX_SEED}, found '${text}'`);
  }
  return Number(text);
}

export function parseDate(flag: string, text: string): Day {
  const d = parseDay(text);
  if (d === undefined) throw new UsageError(`${flag} must be a real date YYYY-MM-DD, found '${text}'`);
  return d;
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
    if (day < scenario.start) throw new UsageError(`--inject: ${formatDay(day)} is before the scenario starts (${formatDay(scenario.start)})`);
    return { event, date: day };
  });
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
  const stop = until ?? (untilText === 'article' ? horizonOf(scenario) : untilText !== undefined ? parseDate('--until', untilText) : undefined);
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
