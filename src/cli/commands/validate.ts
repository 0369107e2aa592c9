/**
 * `geosim validate`: check scenario files; one line per file, exit 2 when any is bad. `--format json` and
 * `--format github` (workflow annotations) are for CI, `-` reads standard input, `--watch` re-checks on save.
 */
import { ScenarioError } from '../../scenario/errors.js';
import { checkScenarioBytes, checkScenarioFile, findScenario } from '../../scenario/load.js';
import { MAX_FILE_BYTES } from '../../scenario/parse.js';
import { decisionsOf } from '../../scenario/runfile.js';
import { EXIT_OK, EXIT_USAGE, UsageError, flag, type Command, type Io } from '../command.js';
import { FORMATS as DOCS, jsonDocument } from '../../export/formats.js';
import { fileDigest, watchFiles } from '../watch.js';
import { formatFlag, formatOption } from '../format-flag.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const FORMATS = ['text', 'json', 'github'] as const;
type Format = (typeof FORMATS)[number];

interface Problem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly path: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

export interface Verdict {
  readonly arg: string;
  readonly ok: boolean;
  readonly id?: string;
  readonly events?: number;
  readonly decisions?: number;
  readonly problems: readonly Problem[];
}

const problemOf = (e: ScenarioError, severity: Problem['severity']): Problem => ({
  file: e.file,
  line: e.line,
  column: e.column,
  path: e.path,
  message: e.detail,
  severity,
});

/** Checks one argument (a path, an id, or `-` with the text of standard input). */
export function check(arg: string, opts: { all: boolean; strict: boolean; stdin?: Buffer }): Verdict {
  try {
    const checked = arg === '-' ? checkScenarioBytes(opts.stdin ?? Buffer.alloc(0), '<stdin>') : checkScenarioFile(findScenario(arg));
    const s = checked.scenario;
    // The loader's warnings (a relation left out, …) and the fidelity rules' (docs/scenario-format.md).
    const all = [...checked.loaderWarnings(), ...checked.warnings()].sort((a, b) => a.line - b.line || a.column - b.column);
    const warnings = all.map((w) => problemOf(w, opts.strict ? 'error' : 'warning'));
    return { arg, ok: !(opts.strict && warnings.length), id: s.id, events: Object.keys(s.events).length, decisions: decisionsOf(s).size, problems: warnings };
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    const errors = opts.all && err.more.length ? err.more : [err];
    return { arg, ok: false, problems: errors.map((e) => problemOf(e, 'error')) };
  }
}

/** `%`, CR, LF (and in properties `:` and `,`) escaped as GitHub's workflow commands want them. */
const ghData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const ghProp = (s: string) => ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function where(p: Problem): string {
  const at = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
  return p.path ? `${at}: ${p.path}: ` : `${at}: `;
}

function print(v: Verdict, format: Format, io: Io): void {
  if (format === 'json') return;
  for (const p of v.problems) {
    if (format === 'github') {
      const pos = p.line > 0 ? `,line=${p.line},col=${p.column}` : '';
      io.out(`::${p.severity} file=${ghProp(p.file)}${pos},title=${ghProp(`geosim validate: ${p.path || 'file'}`)}::${ghData(p.message)}\n`);
    } else io.err(`geosim: ${p.severity === 'warning' ? 'warning: ' : ''}${where(p)}${p.message}\n`);
  }
  if (v.id !== undefined && v.ok) io.out(`ok ${v.arg === '-' ? '<stdin>' : v.arg} (${v.id}: ${plural(v.events ?? 0, 'event')}, ${plural(v.decisions ?? 0, 'decision')}${v.problems.length ? `, ${plural(v.problems.length, 'warning')}` : ''})\n`);
}

/**
 * Standard input's bytes, up to the loader's file size limit: `yes | geosim validate -` is refused once past it
 * instead of filling the memory. Bytes, not text, so that UTF-16 and stray bytes are named as for a file.
 */
async function readStdin(io: Io): Promise<Buffer> {
  if (io.readStdin) return Buffer.from(await io.readStdin(), 'utf8');
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const c of process.stdin) {
    total += (c as Buffer).length;
    if (total > MAX_FILE_BYTES) {
      process.stdin.destroy();
      throw new ScenarioError({ file: '<stdin>', line: 1, column: 1, path: '', problem: 'input too large', expected: `at most ${MAX_FILE_BYTES} bytes (16 MB)`, found: `more than ${MAX_FILE_BYTES} bytes` });
    }
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

export const validate: Command = {
  name: 'validate',
  summary: 'Check scenario files and report the first error of each (file:line:col: path: message)',
  usage: ['geosim validate <file|id|-> [more files...] [--all] [--strict] [--format text|json|github] [--watch]'],
  description:
    'Prints `ok FILE (ID: N events, M decisions)` for each good file and one error line on stderr for each bad one. ' +
    'Warnings are printed but do not fail unless --strict: a relation left out, and the fidelity rules (docs/scenario-format.md, ' +
    '"Fidelity rules"): no source dated after the start behind the starting position or a role sheet\'s briefing, a source dated ' +
    'after the decision behind every "what happened", and an http(s) URL, a date and a reliability for every source. ' +
    '`-` reads a scenario from standard input. --watch checks again each time a file is saved, until Ctrl-C.',
  options: {
    all: { type: 'boolean', description: 'Print every error found in a bad file, not only the first' },
    strict: { type: 'boolean', description: 'Treat warnings as errors, exit 2 (what the test suite runs on the shipped scenarios)' },
    ...formatOption(FORMATS, 'text (default); json: one report for all files; github: workflow annotations (::error file=…)'),
    watch: { type: 'boolean', short: 'w', description: 'Keep running and check a file again each time it is saved' },
  },
  positionals: { min: 1, max: Infinity, name: 'at least one scenario file' },
  examples: [
    { command: 'geosim validate scenarios/*.yaml', note: 'Check every shipped scenario.' },
    { command: 'geosim validate scenarios/template.yaml --all --strict', note: 'List all the problems in one file, warnings as errors.' },
    { command: 'geosim validate scenarios/*.yaml --format github', note: 'In a GitHub workflow: problems appear on the lines of the pull request.' },
    { command: 'cat scenarios/template.yaml | geosim validate -', note: 'Check text from standard input.' },
  ],
  async run(args, io) {
    const format = formatFlag(args, FORMATS);
    const opts = { all: flag(args, 'all'), strict: flag(args, 'strict') };
    const watch = flag(args, 'watch');
    if (args.positionals.filter((a) => a === '-').length > 1) throw new UsageError("'-' (standard input) may be given once");
    if (watch && args.positionals.includes('-')) throw new UsageError("--watch cannot watch standard input ('-'); give a file");
    if (watch && format === 'json') throw new UsageError('--watch prints text or github lines; leave out --format json');
    const stdin = args.positionals.includes('-') ? await readStdin(io) : undefined;
    const files = watch ? args.positionals.map((a) => findScenarioOrSelf(a)) : [];
    const before = files.map(fileDigest);
    const verdicts = args.positionals.map((arg) => check(arg, { ...opts, stdin }));
    if (format === 'json') io.out(jsonDocument(DOCS.validateReport, { files: verdicts }));
    else for (const v of verdicts) print(v, format, io);
    if (!watch) return verdicts.some((v) => !v.ok) ? EXIT_USAGE : EXIT_OK;
    // Watching: the exit code (after Ctrl-C) says whether every file was good when last checked.
    const ok = verdicts.map((v) => v.ok);
    await watchFiles(files, before, () => io.err(`watching ${files.join(', ')}; Ctrl-C stops\n`), (file, i) => {
      io.err(`\n${file} changed:\n`);
      const v = check(args.positionals[i] ?? file, opts);
      ok[i] = v.ok;
      print(v, format, io);
    });
    return ok.every(Boolean) ? EXIT_OK : EXIT_USAGE;
  },
};

function findScenarioOrSelf(arg: string): string {
  try {
    return findScenario(arg);
  } catch {
    return arg;
  }
}
