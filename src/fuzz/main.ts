/**
 * `npm run fuzz` (bundled to dist/fuzz.js): a long fuzz campaign over mutants of the shipped scenarios.
 *
 *   node dist/fuzz.js [--mutants N] [--seed S] [--start I] [--workers K] [--time-limit SECONDS]
 *                     [--memory MB] [--out DIR]
 *
 * Mutants are checked in worker threads (the same file, run as a worker), each with a heap limit (--memory); a
 * mutant that takes longer than --time-limit is a hang: its worker is stopped and a new one goes on with the
 * next mutant. Failures are written to DIR (default: geosim-fuzz in the system's temporary folder) as the
 * mutant's smallest failing text plus a line saying why; DIR/summary.json holds the counts so far. Exit 1 when
 * anything failed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { checkMutant, emptyCounts, FAILURES, shippedBases, type Failure } from './campaign.js';
import { mutant } from './mutate.js';
import type { Verdict } from './check.js';

interface Job {
  readonly seed: number;
  readonly from: number;
  readonly to: number;
}

type FromFuzzWorker =
  | { readonly type: 'start'; readonly index: number }
  | { readonly type: 'result'; readonly index: number; readonly verdict: Verdict; readonly detail: string; readonly failure?: Failure }
  | { readonly type: 'done' };

function serve(job: Job): void {
  const bases = shippedBases();
  const port = parentPort!;
  for (let i = job.from; i < job.to; i++) {
    port.postMessage({ type: 'start', index: i } satisfies FromFuzzWorker);
    const { outcome, failure } = checkMutant(bases, job.seed, i);
    port.postMessage({ type: 'result', index: i, verdict: outcome.verdict, detail: outcome.detail, ...(failure ? { failure } : {}) } satisfies FromFuzzWorker);
  }
  port.postMessage({ type: 'done' } satisfies FromFuzzWorker);
}

function option(argv: readonly string[], name: string, fallback: number): number {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(argv[i + 1]);
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} needs a number`);
  return v;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const mutants = option(argv, 'mutants', 1000);
  const seed = option(argv, 'seed', 1);
  const start = option(argv, 'start', 0);
  const workers = Math.max(1, option(argv, 'workers', 1));
  const timeLimit = option(argv, 'time-limit', 30) * 1000;
  const memory = option(argv, 'memory', 768);
  const oi = argv.indexOf('--out');
  const out = oi >= 0 ? (argv[oi + 1] as string) : join(tmpdir(), 'geosim-fuzz');
  mkdirSync(out, { recursive: true });

  const bases = shippedBases();
  const counts = emptyCounts();
  const failures: { index: number; verdict: Verdict; detail: string; file: string }[] = [];
  const started = Date.now();
  let checked = 0;
  const summary = () => ({ seed, start, mutants, checked, seconds: Math.round((Date.now() - started) / 1000), counts, failures });
  const record = (index: number, verdict: Verdict, detail: string, reproducer?: string) => {
    counts[verdict]++;
    checked++;
    if (FAILURES.has(verdict)) {
      const m = mutant(bases, seed, index);
      const file = join(out, `${verdict}-${seed}-${index}.yaml`);
      writeFileSync(file, reproducer ?? m.bytes);
      writeFileSync(`${file}.txt`, `${verdict}: ${detail}\nbase ${m.base}, operators ${m.ops.join(', ')}\n`);
      failures.push({ index, verdict, detail, file });
      process.stderr.write(`fuzz: mutant ${index}: ${verdict}: ${detail.slice(0, 200)}\n`);
    }
    if (checked % 100 === 0) {
      writeFileSync(join(out, 'summary.json'), `${JSON.stringify(summary(), null, 2)}\n`);
      process.stderr.write(`fuzz: ${checked}/${mutants} ${VERDICT_LINE(counts)}\n`);
    }
  };

  // Mutants are handed out in ranges; a worker that hangs or runs out of memory is replaced and its range
  // goes on after the mutant that failed.
  const per = Math.max(1, Math.min(500, Math.ceil(mutants / (workers * 4))));
  let next = start;
  const end = start + mutants;
  const take = (): Job | undefined => {
    if (next >= end) return undefined;
    const job = { seed, from: next, to: Math.min(end, next + per) };
    next = job.to;
    return job;
  };
  const lane = async (): Promise<void> => {
    let job = take();
    while (job) {
      const resume = await runJob(job, timeLimit, memory, (i, v, d, f) => record(i, v, d, f?.reproducer));
      job = resume < job.to ? { ...job, from: resume } : take();
    }
  };
  await Promise.all(Array.from({ length: workers }, lane));
  writeFileSync(join(out, 'summary.json'), `${JSON.stringify(summary(), null, 2)}\n`);
  process.stdout.write(`fuzz: ${checked} mutants (seed ${seed}) in ${summary().seconds} s: ${VERDICT_LINE(counts)}\n`);
  process.stdout.write(`fuzz: summary and reproducers in ${out}\n`);
  return failures.length > 0 ? 1 : 0;
}

const VERDICT_LINE = (c: Record<Verdict, number>) =>
  Object.entries(c)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

/**
 * Plays one job in a fresh worker; resolves with the index to resume from (the job's end when it finished, or
 * the mutant after one that hung, ran out of memory or killed the worker, which is recorded).
 */
function runJob(
  job: Job,
  timeLimit: number,
  memory: number,
  record: (index: number, verdict: Verdict, detail: string, failure?: Failure) => void,
): Promise<number> {
  return new Promise((resolve) => {
    const w = new Worker(new URL(import.meta.url), { workerData: job, resourceLimits: { maxOldGenerationSizeMb: memory } });
    let current = job.from;
    let since = Date.now();
    let settled = false;
    const finish = (resume: number, verdict?: Verdict, detail?: string) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      if (verdict) record(current, verdict, detail ?? '');
      void w.terminate();
      resolve(resume);
    };
    const timer = setInterval(() => {
      if (Date.now() - since > timeLimit) finish(current + 1, 'hang', `no answer within ${timeLimit / 1000} s`);
    }, 250);
    w.on('message', (msg: FromFuzzWorker) => {
      if (msg.type === 'start') {
        current = msg.index;
        since = Date.now();
      } else if (msg.type === 'result') {
        record(msg.index, msg.verdict, msg.detail, msg.failure);
        current = msg.index + 1;
      } else finish(job.to);
    });
    w.on('error', (e: Error & { code?: string }) => {
      const oom = e.code === 'ERR_WORKER_OUT_OF_MEMORY' || /heap|memory/i.test(e.message);
      finish(current + 1, oom ? 'memory' : 'crash', oom ? `more than ${memory} MB of heap` : `worker failed: ${e.message.split('\n')[0]}`);
    });
    w.on('exit', () => finish(current + 1, 'crash', 'worker exited'));
  });
}

if (isMainThread) {
  main().then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      process.stderr.write(`fuzz: ${(err as Error).message}\n`);
      process.exitCode = 2;
    },
  );
} else serve(workerData as Job);
