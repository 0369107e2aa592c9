/** Shared pieces of the formula compiler: compiled closures, the compile-time environment, name suggestions. */
import { nearestName } from './suggest.js';
import type { EvalContext } from './model.js';
import type { FormulaScope } from './formula-types.js';
import type { Node } from './formula-ast.js';
import type { Positions } from './formula-positions.js';

/** A compiled (sub)formula. Booleans are 1 and 0. */
export type Fn = (ctx: EvalContext) => number;

export interface Compiled {
  readonly fn: Fn;
  /** Set when the value does not depend on the context (folded at compile time). */
  readonly constant?: number;
}

/** What the node compilers need: the scope, the source, and ways to fail at a column. */
export interface Env {
  readonly scope: FormulaScope;
  readonly src: string;
  /** Node positions, computed on first use (only errors need them). */
  pos(): Positions;
  /** Throws a FormulaError at a 0-based source index. */
  failAt(message: string, index: number, suggestion?: string): never;
  /** Throws a FormulaError at the node's own token (`at: 'first'`: its leftmost token). */
  fail(message: string, node: Node, suggestion?: string, at?: 'own' | 'first'): never;
  /** Compiles a sub-expression one level deeper. */
  compile(node: Node): Compiled;
}

/** A context for folding constants: folded closures never read it, and if one did, it would read zeros. */
const FOLDING_CONTEXT: EvalContext = Object.freeze({
  rel: () => 0,
  assumption: () => 0,
  indicator: () => 0,
  tension: () => 0,
  posture: () => false,
  chosen: () => false,
  happened: () => false,
  goldstein: () => 0,
});

export function constant(value: number): Compiled {
  return { fn: () => value, constant: value };
}

/** Folds `fn` to a constant when every part is constant. */
export function folded(fn: Fn, parts: readonly Compiled[]): Compiled {
  return parts.every((p) => p.constant !== undefined) ? constant(fn(FOLDING_CONTEXT)) : { fn };
}

/**
 * A valid name that `name` is plausibly a typo or an abbreviation of: a candidate that starts with it (at
 * least 3 characters typed; the shortest such), else the nearest by edit distance when that distance is small
 * (at most max(2, length/3), and less than the length, so that `x` does not suggest `k`).
 */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  return nearestName(name, candidates);
}

/** ` (did you mean 'x'?)`, or nothing. */
export function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? '' : ` (did you mean '${suggestion}'?)`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
