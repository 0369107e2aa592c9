/**
 * `npm run fuzz` (bundled to dist/fuzz.js): a long fuzz campaign over mutants of the shipped scenarios; see
 * `--help` (progress.ts) for the options.
 *
 * Mutants are checked in worker threads (this same file, run as a worker), one per core, each with a heap limit
 * (--memory). A worker lives for the whole campaign and is handed ranges of mutants; a mutant that takes longer
 * than --time-limit stops its worker and is tried once more alone with three times the limit (the machine may
 * just be busy: this runs at low priority), then counted as a hang; a worker that runs out of memory or dies is
 * replaced and goes on with the next mutant. Failures are written to DIR as the mutant's smallest failing text
 * plus a line saying why; DIR/summary.json holds the counts so far, DIR/progress.log every verdict (--resume).
 */
import { mkdirSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { checkMutant, FAILURES, shippedBases, type Failure } from './campaign.js';
import { mutant } from './mutate.js';
import type { Verdict } from './check.js';
import { HELP, OptionError, parseOptions, Progress, verdictLine } from './progress.js';

interface Job {
  readonly seed: number;
  readonly from: number;
  readonly to: number;
  /** Indexes in [from, to) already checked (a resumed campaign). */
  readonly skip: readonly number[];
}

type FromFuzzWorker =
  | { readonly type: 'start'; readonly index: number }
  | { readonly type: 'result'; readonly index: number; readonly verdict: Verdict; readonly detail: string; readonly failure?: Failure }
  | { readonly type: 'done' };

/** A worker that has not started its first mutant after this long (wall time) is given up. */
const STARTUP_LIMIT_MS = 15 * 60 * 1000;
/** Mutants per range handed to a worker: small, so that --seconds stops a campaign promptly. */
const RANGE = 10;

function serve(): void {
  const bases = shippedBases();
  const port = parentPort!;
  port.on('message', (job: Job) => {
    const skip = new Set(job.skip);
    for (let i = job.from; i < job.to; i++) {
      if (skip.has(i)) continue;
      port.postMessage({ type: 'start', index: i } satisfies FromFuzzWorker);
      const { outcome, failure } = checkMutant(bases, job.seed, i);
      port.postMessage({ type: 'result', index: i, verdict: outcome.verdict, detail: outcome.detail, ...(failure ? { failure } : {}) } satisfies FromFuzzWorker);
    }
    port.postMessage({ type: 'done' } satisfies FromFuzzWorker);
  });
}

type Record_ = (index: number, verdict: Verdict, detail: string, failure?: Failure) => void;

/** One worker thread, reused from range to range until a mutant hangs it, exhausts its heap or kills it. */
class FuzzWorker {
  private readonly w: Worker;
  dead = false;
  private onMessage: (msg: FromFuzzWorker) => void = () => {};
  private onFail: (e: Error & { code?: string }) => void = () => {};

  /**
   * @param share the threads checking mutants at once (the process's CPU time is shared among them)
   */
  constructor(
    private readonly memory: number,
    private readonly share: number,
  ) {
    // A large young generation: the checks allocate fast and their garbage dies young; with the default one a
    // fifth of the time went to collecting it.
    this.w = new Worker(new URL(import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: memory, maxYoungGenerationSizeMb: 192 } });
    this.w.on('message', (m: FromFuzzWorker) => this.onMessage(m));
    this.w.on('error', (e: Error & { code?: string }) => this.onFail(e));
    this.w.on('exit', () => this.onFail(Object.assign(new Error('worker exited'), { code: 'EXIT' })));
  }

  stop(): void {
    this.dead = true;
    void this.w.terminate();
  }

  /**
   * Checks a range; resolves with the index to resume from (the range's end when it finished, or the mutant
   * after one that ran out of memory or killed the worker, which is recorded). A mutant that takes longer than
   * `timeLimit` is recorded as a hang when `confirm`; otherwise the range stops there (`timedOut`) so that the
   * caller can try it again alone.
   */
  run(job: Job, timeLimit: number, record: Record_, confirm: boolean): Promise<{ resume: number; timedOut: boolean }> {
    return new Promise((resolve) => {
      let current = job.from;
      // The clock of the mutant being checked starts when the worker says it started it (a fresh worker first
      // loads the bases, which on a starved machine can take longer than any mutant).
      let since: number | undefined;
      let cpuAt = process.cpuUsage();
      const called = Date.now();
      let settled = false;
      const finish = (resume: number, verdict?: Verdict, detail?: string, timedOut = false) => {
        if (settled) return;
        settled = true;
        clearInterval(timer);
        if (verdict) record(current, verdict, detail ?? '');
        if (verdict || timedOut) this.stop();
        resolve({ resume, timedOut });
      };
      const timer = setInterval(() => {
        if (since === undefined) {
          if (Date.now() - called > STARTUP_LIMIT_MS) finish(current + 1, 'crash', `the worker did not start within ${STARTUP_LIMIT_MS / 1000} s`);
          return;
        }
        if (Date.now() - since <= timeLimit) return;
        // A hang only when the process also had the CPU time to finish it: at low priority on a busy machine a
        // mutant can wait minutes of wall time for a few seconds of CPU (session 2's two false hangs). The
        // process's CPU time (all threads) since the mutant started must pass the limit once per worker, so
        // that even sharing it evenly this worker had its limit's worth.
        const cpu = process.cpuUsage(cpuAt);
        if ((cpu.user + cpu.system) / 1000 <= timeLimit * this.share) return;
        if (confirm) finish(current + 1, 'hang', `no answer within ${timeLimit / 1000} s of CPU time, twice`);
        else finish(current, undefined, undefined, true);
      }, 250);
      this.onMessage = (msg) => {
        if (msg.type === 'start') {
          current = msg.index;
          since = Date.now();
          cpuAt = process.cpuUsage();
        } else if (msg.type === 'result') {
          record(msg.index, msg.verdict, msg.detail, msg.failure);
          current = msg.index + 1;
        } else finish(job.to);
      };
      this.onFail = (e) => {
        if (this.dead && !settled) return finish(current + 1, 'crash', 'worker stopped');
        if (settled) return;
        const oom = e.code === 'ERR_WORKER_OUT_OF_MEMORY' || /heap|memory/i.test(e.message);
        finish(current + 1, oom ? 'memory' : 'crash', oom ? `more than ${this.memory} MB of heap` : `worker failed: ${e.message.split('\n')[0]}`);
      };
      this.w.postMessage(job);
    });
  }
}

async function main(): Promise<number> {
  const o = parseOptions(process.argv.slice(2));
  if (o.help) {
    process.stdout.write(HELP);
    return 0;
  }
  mkdirSync(o.out, { recursive: true });
  const progress = new Progress(o.out, o.seed, o.resume);
  const before = progress.done.size;
  const bases = shippedBases();
  const failures: { index: number; verdict: Verdict; detail: string; file: string }[] = [];
  const started = Date.now();
  const deadline = o.seconds > 0 ? started + o.seconds * 1000 : Infinity;
  const end = o.start + o.mutants;
  let doneBefore = 0;
  for (const i of progress.done) if (i >= o.start && i < end) doneBefore++;
  const remaining = () => o.mutants - doneBefore - (progress.done.size - before);
  const rate = () => (progress.done.size - before) / Math.max(1, (Date.now() - started) / 1000);
  const summary = () => ({
    seed: o.seed,
    start: o.start,
    mutants: o.mutants,
    checked: progress.done.size,
    thisRun: { checked: progress.done.size - before, seconds: Math.round((Date.now() - started) / 1000), perSecond: Number(rate().toFixed(2)) },
    counts: progress.counts,
    failures,
  });
  const save = () => {
    progress.flush();
    writeFileSync(join(o.out, 'summary.json'), `${JSON.stringify(summary(), null, 2)}\n`);
  };
  const record: Record_ = (index, verdict, detail, failure) => {
    if (progress.done.has(index)) return;
    progress.add(index, verdict);
    if (FAILURES.has(verdict)) {
      let m: { base: string; ops: readonly string[]; bytes: Buffer };
      try {
        m = mutant(bases, o.seed, index);
      } catch (err) {
        m = { base: '?', ops: [`the mutant could not be made again: ${String((err as Error)?.message).split('\n')[0]}`], bytes: Buffer.alloc(0) };
      }
      const file = join(o.out, `${verdict}-${o.seed}-${index}.yaml`);
      writeFileSync(file, failure?.reproducer ?? m.bytes);
      writeFileSync(`${file}.txt`, `${verdict}: ${detail}\nbase ${m.base}, operators ${m.ops.join(', ')}\n`);
      failures.push({ index, verdict, detail, file });
      process.stderr.write(`fuzz: mutant ${index}: ${verdict}: ${detail.slice(0, 200)}\n`);
    }
    const n = progress.done.size - before;
    if (n % 100 === 0) {
      save();
      const left = remaining();
      process.stderr.write(`fuzz: ${new Date().toISOString().slice(11, 19)} ${progress.done.size} checked, ${rate().toFixed(1)}/s, ${left} left: ${verdictLine(progress.counts)}\n`);
    }
  };

  let next = o.start;
  const take = (): Job | undefined => {
    while (next < end && Date.now() < deadline) {
      const from = next;
      const to = Math.min(end, from + RANGE);
      next = to;
      const skip: number[] = [];
      for (let i = from; i < to; i++) if (progress.done.has(i)) skip.push(i);
      if (skip.length < to - from) return { seed: o.seed, from, to, skip };
    }
    return undefined;
  };
  let stopping = false;
  const lanes: FuzzWorker[] = [];
  const lane = async (slot: number): Promise<void> => {
    let w = (lanes[slot] = new FuzzWorker(o.memory, o.workers));
    let job = take();
    while (job && !stopping) {
      const first = await w.run(job, o.timeLimit, record, false);
      let resume = first.resume;
      if (first.timedOut) {
        const alone = new FuzzWorker(o.memory, o.workers);
        resume = (await alone.run({ ...job, from: resume, to: resume + 1 }, o.timeLimit * 3, record, true)).resume;
        alone.stop();
      }
      if (w.dead) w = lanes[slot] = new FuzzWorker(o.memory, o.workers);
      job = resume < job.to ? { ...job, from: resume } : take();
    }
    w.stop();
  };
  const interrupt = () => {
    stopping = true;
    for (const w of lanes) w.stop();
    save();
    // Synchronously: the process exits right after, and a piped stdout would lose an asynchronous write.
    writeSync(1, `fuzz: interrupted after ${progress.done.size} mutants: ${verdictLine(progress.counts)} (--resume goes on)\n`);
    process.exit(130);
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  await Promise.all(Array.from({ length: o.workers }, (_, i) => lane(i)));
  save();
  const s = summary();
  process.stdout.write(
    `fuzz: ${s.checked} mutants checked (seed ${o.seed}; ${s.thisRun.checked} in this run, ${s.thisRun.seconds} s, ${s.thisRun.perSecond}/s on ${o.workers} workers): ${verdictLine(progress.counts)}\n`,
  );
  process.stdout.write(`fuzz: summary, progress and reproducers in ${o.out}\n`);
  return FAILURES.size && [...FAILURES].some((v) => progress.counts[v] > 0) ? 1 : 0;
}

if (isMainThread) {
  main().then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      process.stderr.write(`fuzz: ${err instanceof OptionError ? '' : 'internal error: '}${(err as Error).message}\n`);
      process.exitCode = 2;
    },
  );
} else serve();
