/**
 * What `geosim play` hands to the terminal UI (`startUi(options)` in src/ui/main.tsx). Everything in it is
 * already checked: the scenario is loaded, the seed and preset are valid, the roles are actors of the scenario,
 * and a run file to resume has been matched to the scenario (same id and content hash).
 */
import type { Scenario } from '../core/model.js';
import type { Inject } from '../core/run.js';
import type { RunFile } from '../scenario/runfile.js';
import type { LoadedSession } from '../machines/session-file.js';
import { autosavePath } from '../scenario/save.js';
import type { SessionFiles } from '../ui/prepared.js';

export interface PlayOptions {
  readonly scenario: Scenario;
  /** The scenario's file (for saving run files next to it and for messages). */
  readonly scenarioFile: string;
  readonly seed: number;
  readonly preset: string;
  /** Actor ids the user plays: their decisions wait for a choice. Others are drawn when stepped past, unless the user picks one. */
  readonly roles: readonly string[];
  /** Teacher injects given with --inject (a run file to resume brings its own). */
  readonly injects?: readonly Inject[];
  /** A saved run to resume, and where it was read from. */
  readonly runFile?: RunFile;
  readonly runFilePath?: string;
  /** A saved session (geosim-session/1, or the autosave with --recover) to resume, and where it was read from. */
  readonly session?: LoadedSession;
  readonly sessionPath?: string;
  /** Whether the UI uses colour (the command line's decision: --color/--no-color, NO_COLOR, TERM=dumb). */
  readonly color?: boolean;
  /** The UI's theme (--theme, else GEOSIM_THEME, else default). */
  readonly theme?: 'default' | 'projector';
  /** Where the session is autosaved after every action (`autosavePath` in src/scenario/save.ts). */
  readonly autosavePath: string;
  /** Saving, exporting and autosaving the session (cli/session-files.ts `withFiles`). */
  readonly files: SessionFiles;
}

/** The UI module's contract. */
export interface UiModule {
  startUi(options: PlayOptions): Promise<number>;
}

/** Play options with the autosave's place for their scenario (see `autosavePath`); `withFiles` adds the files. */
export function withAutosave(o: Omit<PlayOptions, 'autosavePath' | 'files'>): Omit<PlayOptions, 'files'> {
  return { ...o, autosavePath: autosavePath(o.scenario.id) };
}
