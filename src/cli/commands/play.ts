/**
 * `geosim play`: the interactive terminal UI. The UI (ink, React) is imported lazily, so no other command
 * loads it; it needs a terminal on both stdin and stdout. If a build has no UI (the bundler stubs a missing
 * src/ui/main.tsx), play prints the headless run instead.
 */
import { ScenarioError } from '../../scenario/errors.js';
import { EXIT_OK, UsageError, flag, list, str, type Command, type Io } from '../command.js';
import { checkPreset, parseActorList, parseInjects, parseSeed } from '../run-options.js';
import { autosavePath, fileFormat } from '../../scenario/save.js';
import { SESSION_FORMAT, SessionFileError } from '../../scenario/sessionfile.js';
import type { LoadedScenario } from '../scenarios.js';
import { FLAGSHIP, loadScenarioArgQuick } from '../scenario-quick.js';
import { withAutosave, type PlayOptions, type UiModule } from '../play-options.js';

// Only the UI's own path is imported up front: loading run or session files (--load, --recover), the headless
// fallback and the search of every scenario are imported where they are used, so that the first frame of the
// UI does not wait for the YAML reader and the schema (issues 12, 13).

/** A run file brings its own seed and preset: a different one on the command line would be silently lost. */
function refuseConflict(flag: string, given: string | number, saved: string | number, file: string): void {
  if (given !== saved) {
    throw new UsageError(`${flag} ${given}: ${file} was played with ${flag} ${saved}; a loaded run keeps its own (drop ${flag}, or start a new run without --load)`);
  }
}

/** The flagship, or the first scenario in scenarios/ when the flagship is missing. */
async function defaultScenario(): Promise<LoadedScenario> {
  try {
    return await loadScenarioArgQuick(FLAGSHIP);
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    const [{ listScenarios }, { loadScenarioArg }] = await Promise.all([import('../../scenario/load.js'), import('../scenarios.js')]);
    const first = listScenarios()[0];
    if (!first) throw err;
    return loadScenarioArg(first.file);
  }
}

function scenarioOf(arg: string | undefined): Promise<LoadedScenario> {
  return arg !== undefined ? loadScenarioArgQuick(arg) : defaultScenario();
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

async function headless(options: Omit<PlayOptions, 'autosavePath' | 'files'>, io: Io): Promise<number> {
  const [{ resolveAssumptions }, { runStepped }, { summarize }, { renderRun }] = await Promise.all([
    import('../../core/run.js'),
    import('../../machines/engine.js'),
    import('../../core/summary.js'),
    import('../format/render.js'),
  ]);
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
  usage: [
    'geosim play [scenario] [--seed N] [--preset NAME] [--as ACTOR ...] [--inject EVENT[@DATE] ...]',
    'geosim play --load FILE [--rebase]',
    'geosim play [scenario] --recover [--rebase]',
  ],
  description: [
    `Opens the terminal UI on the scenario (default: ${FLAGSHIP}). With --as you play those actors: their`,
    'decisions are yours, the engine draws the rest. --load resumes a saved session file (every branch, as',
    'saved with s) or a run file (one branch). The session is autosaved after every action; --recover brings',
    'the last autosave of the scenario back (see docs/cli.md for where it lives). When the scenario changed',
    'since the save, a text-only edit loads with a note; a model change is refused unless --rebase, which',
    'replays the saved choices against the new version. play needs a terminal on stdin and stdout; in scripts',
    'and pipes use `geosim run`.',
  ].join('\n'),
  options: {
    seed: { type: 'string', short: 's', value: 'N', description: "Seed of the engine's draws (default 1)" },
    preset: { type: 'string', short: 'p', value: 'NAME', description: 'Start from a preset of assumptions' },
    as: { type: 'string', multiple: true, value: 'ACTOR', description: 'Play this actor (e.g. --as KOR); repeat or comma-separate for several' },
    load: { type: 'string', value: 'FILE', description: 'Resume a saved session file (or a run file)' },
    recover: { type: 'boolean', description: "Bring back the scenario's last autosaved session" },
    rebase: { type: 'boolean', description: 'With --load or --recover: replay the saved choices against a changed scenario' },
    inject: { type: 'string', multiple: true, value: 'EVENT[@YYYY-MM-DD]', description: "Insert a teacher's optional event (see the scenario's injects)" },
    theme: { type: 'string', value: 'NAME', description: 'default, or projector: a light background with high-contrast colours for a classroom projector (also GEOSIM_THEME; T switches in the UI)' },
  },
  positionals: { min: 0, max: 1, name: '[scenario]' },
  examples: [
    { command: 'geosim play', note: `Step through ${FLAGSHIP}: pick any decision yourself, or step on and the engine draws it.` },
    { command: 'geosim play pyongyang-2024 --as KOR --seed 4', note: 'Play Seoul; the engine draws the other capitals with seed 4.' },
    { command: 'geosim play --load lesson.session.json', note: 'Resume a saved session, every branch as it was.' },
    { command: 'geosim play --recover', note: `Bring back the last autosaved session of ${FLAGSHIP}.` },
    { command: 'geosim play kursk-2024 --inject hyp_mass_surrender', note: "Play with a teacher's inject on its default date." },
    { command: 'geosim play --theme projector', note: 'A light, high-contrast screen for a projector (--no-color or NO_COLOR: no colour at all).' },
  ],
  async run(args, io) {
    // The options and files are checked first, so a mistake is named even where there is no terminal.
    const theme = str(args, 'theme') ?? (io.env.GEOSIM_THEME || undefined);
    if (theme !== undefined && theme !== 'default' && theme !== 'projector') {
      throw new UsageError(`--theme ${theme}: no such theme (default, projector)${str(args, 'theme') === undefined ? ' (from GEOSIM_THEME)' : ''}`);
    }
    const recover = flag(args, 'recover');
    const rebase = flag(args, 'rebase');
    const arg = args.positionals[0];
    if (recover && str(args, 'load') !== undefined) throw new UsageError('--recover and --load: use one or the other');
    let loadPath = str(args, 'load');
    if (recover) {
      const { scenario } = await scenarioOf(arg);
      loadPath = autosavePath(scenario.id);
      if (fileFormat(loadPath) === undefined) throw new SessionFileError(`nothing to recover for scenario '${scenario.id}': no autosave at '${loadPath}'`);
    } else if (rebase && loadPath === undefined) throw new UsageError('--rebase needs --load FILE or --recover');
    let options: Omit<PlayOptions, 'autosavePath' | 'files'>;
    if (loadPath !== undefined && (recover || fileFormat(loadPath) === SESSION_FORMAT)) {
      for (const o of ['seed', 'preset', 'as', 'inject'] as const) {
        if (o === 'as' || o === 'inject' ? list(args, o).length : str(args, o) !== undefined) throw new UsageError(`--${o}: a saved session brings its own (every branch keeps its inputs)`);
      }
      const { loadSessionFile } = await import('../runfile-support.js');
      const loaded = loadSessionFile(loadPath, recover ? undefined : arg, rebase);
      const main = loaded.session.data;
      options = {
        scenario: loaded.scenario,
        scenarioFile: loaded.scenarioFile,
        seed: main.seed,
        preset: main.preset,
        roles: main.roles,
        session: loaded.session,
        ...(recover ? {} : { sessionPath: loadPath }),
      };
    } else if (loadPath !== undefined) {
      if (list(args, 'inject').length) throw new UsageError('--inject: a loaded run file brings its own injects; use one or the other');
      // The same checks as replay: a run file whose seed, choices or draws were changed is refused.
      const { loadCheckedRun } = await import('../runfile-support.js');
      const loaded = loadCheckedRun(loadPath, arg);
      const seed = str(args, 'seed') !== undefined ? parseSeed(str(args, 'seed')) : loaded.runFile.seed;
      refuseConflict('--seed', seed, loaded.runFile.seed, loadPath);
      refuseConflict('--preset', str(args, 'preset') ?? loaded.runFile.preset, loaded.runFile.preset, loadPath);
      const roles = list(args, 'as').length ? parseActorList(loaded.scenario, '--as', list(args, 'as')) : loaded.runFile.roles;
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
      const { scenario, file } = await scenarioOf(arg);
      options = {
        scenario,
        scenarioFile: file,
        seed: parseSeed(str(args, 'seed')),
        preset: checkPreset(scenario, str(args, 'preset')),
        roles: parseActorList(scenario, '--as', list(args, 'as')),
        injects: parseInjects(scenario, list(args, 'inject')),
      };
    }
    if (!io.stdinIsTTY || !io.stdoutIsTTY) {
      throw new UsageError("'geosim play' needs an interactive terminal; in scripts and pipes use 'geosim run <scenario>' (see geosim run --help)");
    }
    const ui = await loadUi();
    if (!ui || typeof ui.startUi !== 'function') return headless(options, io);
    // The session's files (saving, exporting, autosaving) are made where they are used, as the UI loads.
    const { withFiles } = await import('../session-files.js');
    return ui.startUi(withFiles({ ...withAutosave(options), color: io.color && io.env.TERM !== 'dumb', ...(theme ? { theme } : {}) }));
  },
};
