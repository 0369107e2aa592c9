/**
 * The long campaign's options and its progress on disk, so that a campaign stopped by Ctrl-C, a `kill` or the
 * end of a session goes on where it stopped: DIR/progress.log holds one `index verdict` line per checked
 * mutant (appended in batches), DIR/summary.json the counts so far. `--resume` reads the log back and skips
 * every mutant already checked.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE_FILES, VERDICTS } from './campaign.js';
import type { Verdict } from './check.js';

export const HELP = `Usage: npm run fuzz -- [options]     (or: node dist/fuzz.js [options])

Mutates the shipped scenarios and checks every mutant with validate, run, explain and mc in worker threads,
each with a time limit and a heap limit. A clean one-line refusal or a bounded, deterministic run passes;
anything else is a failure, saved to DIR as a shrunk reproducer with a line saying why.

Options:
  --mutants N        mutants to check (default 1000)
  --seconds S        stop starting new mutants after S seconds (default: no limit)
  --seed S           campaign seed (default 1); mutant i of seed S is always the same file
  --start I          first mutant index (default 0)
  --workers K        worker threads (default: the number of cores)
  --time-limit SEC   a mutant taking longer (in wall and CPU time) is retried alone with three times
                     the limit, then counted as a hang (default 30)
  --memory MB        heap limit of each worker (default 768)
  --out DIR          reproducers, summary.json and progress.log (default: geosim-fuzz in the temporary folder)
  --resume           skip the mutants DIR/progress.log already holds (same seed) and add to its counts
  -h, --help         this text

Exit status: 0 when every mutant passed, 1 when any failed, 2 on a bad option.
Example: nice -n 19 npm run fuzz -- --mutants 100000 --seconds 7200 --out /tmp/fuzz --resume
`;

export interface FuzzOptions {
  readonly mutants: number;
  readonly seconds: number;
  readonly seed: number;
  readonly start: number;
  readonly workers: number;
  readonly timeLimit: number;
  readonly memory: number;
  readonly out: string;
  readonly resume: boolean;
  readonly help: boolean;
}

export class OptionError extends Error {}

const NUMERIC = ['mutants', 'seconds', 'seed', 'start', 'workers', 'time-limit', 'memory'] as const;

export function parseOptions(argv: readonly string[]): FuzzOptions {
  const num: Record<string, number> = {};
  let out = join(tmpdir(), 'geosim-fuzz');
  let resume = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '-h' || a === '--help') help = true;
    else if (a === '--resume') resume = true;
    else if (a === '--out') {
      const v = argv[++i];
      if (v === undefined || v === '') throw new OptionError('--out needs a folder');
      out = v;
    } else if ((NUMERIC as readonly string[]).includes(a.slice(2)) && a.startsWith('--')) {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v < 0 || !Number.isInteger(v)) throw new OptionError(`${a} needs a whole number ≥ 0`);
      num[a.slice(2)] = v;
    } else throw new OptionError(`unknown option ${JSON.stringify(a).slice(0, 60)} (see --help)`);
  }
  return {
    mutants: num.mutants ?? 1000,
    seconds: num.seconds ?? 0,
    seed: num.seed ?? 1,
    start: num.start ?? 0,
    workers: Math.max(1, num.workers ?? availableParallelism()),
    timeLimit: (num['time-limit'] ?? 30) * 1000,
    memory: Math.max(64, num.memory ?? 768),
    out,
    resume,
    help,
  };
}

/** The mutants a campaign has checked, on disk. */
export class Progress {
  readonly done = new Set<number>();
  readonly counts: Record<Verdict, number> = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  private pending: string[] = [];
  private readonly log: string;

  constructor(
    readonly out: string,
    readonly seed: number,
    resume: boolean,
  ) {
    this.log = join(out, 'progress.log');
    // The bases are part of what a mutant index means: a log written from other bases is not resumed.
    const header = `# geosim fuzz progress, seed ${seed}, bases ${BASE_FILES.length}\n`;
    if (resume && existsSync(this.log)) {
      const lines = readFileSync(this.log, 'utf8').split('\n');
      if (lines[0] !== header.trimEnd()) throw new OptionError(`${this.log} is not a progress log of seed ${seed} with these bases (use another --out)`);
      for (const line of lines.slice(1)) {
        const [i, v] = line.split(' ');
        if (!i || !v || !(v in this.counts) || this.done.has(Number(i))) continue;
        this.done.add(Number(i));
        this.counts[v as Verdict]++;
      }
    } else writeFileSync(this.log, header);
  }

  add(index: number, verdict: Verdict): void {
    if (this.done.has(index)) return;
    this.done.add(index);
    this.counts[verdict]++;
    this.pending.push(`${index} ${verdict}\n`);
    if (this.pending.length >= 50) this.flush();
  }

  flush(): void {
    if (!this.pending.length) return;
    appendFileSync(this.log, this.pending.join(''));
    this.pending = [];
  }
}

/** "refused 815, bounded 185, …" (every verdict, failures included, so a zero is visible). */
export const verdictLine = (c: Record<Verdict, number>): string =>
  Object.entries(c)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
