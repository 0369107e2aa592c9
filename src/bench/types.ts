/** The benchmark's plug-in shape: each suite measures something and returns rows for the table and the JSON. */
export interface BenchRow {
  readonly id: string;
  readonly label: string;
  /** The median over the repetitions. */
  readonly value: number;
  readonly unit: string;
  /** Every repetition's value, for the JSON. */
  readonly samples?: readonly number[];
  /** The goal in words, e.g. "≤ 100 ms". */
  readonly goal?: string;
  readonly ok?: boolean;
  readonly note?: string;
}

export interface BenchContext {
  /** BENCH_QUICK=1 or --quick: smaller sizes (100,000 instead of 1,000,000 runs for the memory test). */
  readonly quick: boolean;
  /** Repetitions per measurement (medians are reported). */
  readonly reps: number;
  readonly log: (line: string) => void;
  /** The bundle being run (dist/bench.js): workers that take samples in isolation run it too. */
  readonly entry: URL;
}

export interface BenchSuite {
  readonly name: string;
  run(ctx: BenchContext): Promise<BenchRow[]>;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export async function repeat(reps: number, f: () => Promise<number> | number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < reps; i++) out.push(await f());
  return out;
}
