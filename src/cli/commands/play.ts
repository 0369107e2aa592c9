/**
 * `geosim play`: the interactive terminal UI. The UI (ink, React) is imported lazily, so no other command
 * loads it; it needs a terminal on both stdin and stdout. If a build has no UI (the bundler stubs a missing
 * src/ui/main.tsx), play prints the headless run instead.
 */
import type { Scenario } from '../../core/model.js';
import { resolveAssumptions } from '../../core/run.js';
import { runStepped } from '../../machines/engine.js';
import { summarize } from '../../core/summary.js';
import { listScenarios } from '../../scenario/load.js';
import { ScenarioError } from '../../scenario/errors.js';
import { EXIT_OK, UsageError, list, str, type Command, type Io } from '../command.js';
import { didYouMean } from '../args.js';
import { renderRun } from '../format/render.js';
import { checkPreset, parseInjects, parseSeed } from '../run-options.js';
import { loadRun } from '../runfile-support.js';
import { FLAGSHIP, loadScenarioArg, type LoadedScenario } from '../scenarios.js';
import type { PlayOptions, UiModule } from '../play-options.js';

function parseRoles(scenario: Scenario, texts: readonly string[]): string[] {
  const ids = scenario.actors.map((a) => a.id);
  const roles = texts.flatMap((t) => t.split(',')).map((t) => t.trim().toUpperCase()).filter(Boolean);
  for (const r of roles) {
    if (!ids.includes(r)) throw new UsageError(`--as: unknown actor '${r}'${didYouMean(r, ids)}; actors: ${ids.join(', ')}`);
  }
  return [...new Set(roles)];
}

/** The flagship, or the first scenario in scenarios/ when the flagship is missing. */
function defaultScenario(): LoadedScenario {
  try {
    return loadScenarioArg(FLAGSHIP);
  } catch (err) {
    const first = listScenarios()[0];
    if (!(err instanceof ScenarioError) || !first) throw err;
    return loadScenarioArg(first.file);
  }
}

async function loadUi(): Promise<UiModule | undefined> {
  try {
    return (await import('../../ui/main.js')) as UiModule;
  } catch (err) {
    // Only a missing module means "no UI"; a UI that fails to load is a real error.
    if ((err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw err;
  }
}

function headless(options: PlayOptions, io: Io): number {
  const { scenario } = options;
  const plan = options.runFile
    ? { choices: options.runFile.choices, overrides: options.runFile.assumptions }
    : { choices: {}, overrides: {} };
  const inputs = { seed: options.seed, assumptions: resolveAssumptions(scenario, options.preset, plan.overrides), choices: plan.choices };
  io.err('geosim: the terminal UI is not part of this build; printing the headless run instead (see geosim run --help)\n');
  io.out(renderRun('text', scenario, summarize(scenario, runStepped(scenario, inputs), options.preset), io.theme));
  return EXIT_OK;
}

export const play: Command = {
  name: 'play',
  summary: 'Play a scenario in the interactive terminal UI (needs a terminal)',
  usage: ['geosim play [scenario] [--seed N] [--preset NAME] [--as ACTOR ...] [--inject EVENT[@DATE] ...] [--load run.json]'],
  description: [
    `Opens the terminal UI on the scenario (default: ${FLAGSHIP}). With --as you play those actors: their`,
    'decisions are yours, the engine draws the rest. --load resumes a saved run file. play needs a terminal on',
    'stdin and stdout; in scripts and pipes use `geosim run`.',
  ].join('\n'),
  options: {
    seed: { type: 'string', short: 's', value: 'N', description: "Seed of the engine's draws (default 1)" },
    preset: { type: 'string', short: 'p', value: 'NAME', description: 'Start from a preset of assumptions' },
    as: { type: 'string', multiple: true, value: 'ACTOR', description: 'Play this actor (e.g. --as KOR); repeat or comma-separate for several' },
    load: { type: 'string', value: 'FILE', description: 'Resume a saved run file' },
    inject: { type: 'string', multiple: true, value: 'EVENT[@YYYY-MM-DD]', description: "Insert a teacher's optional event (see the scenario's injects)" },
  },
  positionals: { min: 0, max: 1, name: '[scenario]' },
  examples: [
    { command: 'geosim play', note: `Step through ${FLAGSHIP}: pick any decision yourself, or step on and the engine draws it.` },
    { command: 'geosim play pyongyang-2024 --as KOR --seed 4', note: 'Play Seoul; the engine draws the other capitals with seed 4.' },
    { command: 'geosim play --load run.json', note: 'Resume a saved run.' },
    { command: 'geosim play kursk-2024 --inject hyp_mass_surrender', note: "Play with a teacher's inject on its default date." },
  ],
  async run(args, io) {
    if (!io.stdinIsTTY || !io.stdoutIsTTY) {
      throw new UsageError("'geosim play' needs an interactive terminal; in scripts and pipes use 'geosim run <scenario>' (see geosim run --help)");
    }
    const loadPath = str(args, 'load');
    const arg = args.positionals[0];
    let options: PlayOptions;
    if (loadPath !== undefined) {
      if (list(args, 'inject').length) throw new UsageError('--inject: a loaded run file brings its own injects; use one or the other');
      const loaded = loadRun(loadPath, arg);
      const seed = str(args, 'seed') !== undefined ? parseSeed(str(args, 'seed')) : loaded.runFile.seed;
      const roles = list(args, 'as').length ? parseRoles(loaded.scenario, list(args, 'as')) : loaded.runFile.roles;
      options = {
        scenario: loaded.scenario,
        scenarioFile: loaded.scenarioFile,
        seed,
        preset: checkPreset(loaded.scenario, str(args, 'preset') ?? loaded.runFile.preset),
        roles,
        runFile: loaded.runFile,
        runFilePath: loadPath,
      };
    } else {
      const { scenario, file } = arg !== undefined ? loadScenarioArg(arg) : defaultScenario();
      options = {
        scenario,
        scenarioFile: file,
        seed: parseSeed(str(args, 'seed')),
        preset: checkPreset(scenario, str(args, 'preset')),
        roles: parseRoles(scenario, list(args, 'as')),
        injects: parseInjects(scenario, list(args, 'inject')),
      };
    }
    const ui = await loadUi();
    if (!ui || typeof ui.startUi !== 'function') return headless(options, io);
    return ui.startUi(options);
  },
};
