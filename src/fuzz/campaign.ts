/**
 * A fuzz campaign in this thread: mutants [from, to) of a seed, each checked, failures shrunk to a small
 * reproducer. The test suite runs a small one; `npm run fuzz` (main.ts) runs long ones in worker threads that
 * add the time and memory limits.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scenariosDir } from '../scenario/load.js';
import { checkText, type Outcome, type Verdict } from './check.js';
import { makeBase, mutant, type Base } from './mutate.js';

export const VERDICTS: readonly Verdict[] = ['refused', 'late', 'bounded', 'crash', 'hang', 'memory', 'wrong', 'control'];
/** Verdicts that are failures: anything but a clean refusal or a bounded, deterministic run. */
export const FAILURES: ReadonlySet<Verdict> = new Set(['late', 'crash', 'hang', 'memory', 'wrong', 'control']);

export interface Failure {
  readonly index: number;
  readonly base: string;
  readonly ops: readonly string[];
  readonly verdict: Verdict;
  readonly detail: string;
  /** The smallest text found that fails the same way. */
  readonly reproducer: string;
}

/**
 * The scenarios the mutants start from: the three shipped ones, the format extensions' fixture (groups with
 * `among:`, `variants:`, dated predictions, fixed-date follow-ups), and the worked example of the later ones
 * (group actor and target, fading indicators, recurring predictions, named posture charts), which no shipped
 * scenario uses yet.
 */
export const BASE_FILES = [
  'template.yaml',
  'pyongyang-2024.yaml',
  'kursk-2024.yaml',
  '../test/fixtures/author/trilateral.yaml',
  '../docs/examples/alignment.yaml',
] as const;

export function shippedBases(dir: string = scenariosDir()): Base[] {
  return BASE_FILES.map((f) => makeBase(f.replace(/^.*\//, ''), readFileSync(join(dir, f), 'utf8')));
}

/**
 * Removes lines (in halving chunks) while the text still fails with the same verdict; at most `budget` checks,
 * so shrinking stays bounded even for slow mutants.
 */
export function shrink(text: string, verdict: Verdict, budget = 150): string {
  let lines = text.split('\n');
  let checks = 0;
  for (let chunk = Math.max(1, Math.floor(lines.length / 2)); chunk >= 1 && checks < budget; chunk = Math.floor(chunk / 2)) {
    for (let at = 0; at < lines.length && checks < budget; ) {
      const candidate = [...lines.slice(0, at), ...lines.slice(at + chunk)];
      checks++;
      if (checkText(candidate.join('\n')).verdict === verdict) lines = candidate;
      else at += chunk;
    }
  }
  return lines.join('\n');
}

export interface CampaignResult {
  readonly counts: Record<Verdict, number>;
  readonly failures: Failure[];
}

export function emptyCounts(): Record<Verdict, number> {
  return Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
}

/** Checks one mutant; a failure comes back with its reproducer. */
export function checkMutant(bases: readonly Base[], seed: number, index: number, shrinkBudget = 150): { outcome: Outcome; failure?: Failure } {
  const m = mutant(bases, seed, index);
  // The immutable history (the UI's path) is compared with the fast path on every tenth mutant: it is slow.
  const outcome = checkText(m.bytes, 'mutant.yaml', index % 10 === 0);
  if (!FAILURES.has(outcome.verdict)) return { outcome };
  const encoded = m.bytes.toString('utf8') !== m.text;
  const reproducer = shrinkBudget > 0 && !encoded ? shrink(m.text, outcome.verdict, shrinkBudget) : m.text;
  return { outcome, failure: { index, base: m.base, ops: m.ops, verdict: outcome.verdict, detail: outcome.detail, reproducer } };
}

export function runCampaign(seed: number, from: number, to: number, bases: readonly Base[] = shippedBases()): CampaignResult {
  const counts = emptyCounts();
  const failures: Failure[] = [];
  for (let i = from; i < to; i++) {
    const { outcome, failure } = checkMutant(bases, seed, i);
    counts[outcome.verdict]++;
    if (failure) failures.push(failure);
  }
  return { counts, failures };
}
