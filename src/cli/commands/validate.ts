/** `geosim validate`: check scenario files; one line per file, exit 2 when any is bad. */
import { ScenarioError } from '../../scenario/errors.js';
import { checkScenarioFile, findScenario } from '../../scenario/load.js';
import { decisionsOf } from '../../scenario/runfile.js';
import { EXIT_OK, EXIT_USAGE, flag, type Command } from '../command.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const validate: Command = {
  name: 'validate',
  summary: 'Check scenario files and report the first error of each (file:line:col: path: message)',
  usage: ['geosim validate <file|id> [more files...] [--all] [--strict]'],
  description:
    'Prints `ok FILE (ID: N events, M decisions)` for each good file and one error line on stderr for each bad one. ' +
    'A file that loads is also checked against the fidelity rules (docs/scenario-format.md, "Fidelity rules"): no source ' +
    "dated after the start behind the starting position or a role sheet's briefing, a source dated after the decision " +
    'behind every "what happened", and an http(s) URL, a date and a reliability for every source. Each broken rule is ' +
    'one `warning:` line on stderr; with --strict they count as errors (no ok line, exit 2).',
  options: {
    all: { type: 'boolean', description: 'Print every error found in a bad file, not only the first' },
    strict: { type: 'boolean', description: 'Treat fidelity warnings as errors (what the test suite runs on the shipped scenarios)' },
  },
  positionals: { min: 1, max: Infinity, name: 'at least one scenario file' },
  examples: [
    { command: 'geosim validate scenarios/*.yaml', note: 'Check every shipped scenario.' },
    { command: 'geosim validate my-scenario.yaml --all', note: 'List all the problems in one file.' },
  ],
  async run(args, io) {
    const strict = flag(args, 'strict');
    let bad = 0;
    for (const arg of args.positionals) {
      try {
        const file = findScenario(arg);
        const checked = checkScenarioFile(file);
        const warnings = checked.warnings();
        for (const w of warnings) io.err(`geosim: ${strict ? '' : 'warning: '}${w.format()}\n`);
        if (strict && warnings.length) {
          bad++;
          continue;
        }
        const s = checked.scenario;
        const note = warnings.length ? `, ${plural(warnings.length, 'warning')}` : '';
        io.out(`ok ${arg} (${s.id}: ${plural(Object.keys(s.events).length, 'event')}, ${plural(decisionsOf(s).size, 'decision')}${note})\n`);
      } catch (err) {
        if (!(err instanceof ScenarioError)) throw err;
        bad++;
        const errors = flag(args, 'all') && err.more.length ? err.more : [err];
        for (const e of errors) io.err(`geosim: ${e.format()}\n`);
      }
    }
    return bad ? EXIT_USAGE : EXIT_OK;
  },
};
