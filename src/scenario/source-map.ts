/**
 * Positions in a scenario file, for error messages: from a data path (`['timeline', 3, 'decision']`) back to the
 * line and column of what holds it, and a short description of what is written there. The compile sees only
 * this interface; the YAML reader's map is yaml-source-map.ts, and the prevalidated fast path has one that
 * knows no positions (compile-validated.ts), so that path never loads the YAML library.
 */
import type { Node } from 'yaml';
import { formatPath, ScenarioError, type ScenarioErrorInit } from './errors.js';

export type DataPath = readonly (string | number)[];

export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface Found {
  /** The deepest node reached on the path (the parent map when a key is missing). */
  readonly node: Node | undefined;
  /** The key node of the last segment, when the last segment is a map key that exists. */
  readonly key: Node | undefined;
  /** True when the whole path was found. */
  readonly complete: boolean;
}


export abstract class SourceMap {
  constructor(
    readonly file: string,
    readonly text: string,
  ) {}

  /** Whether this map can place a problem in the file (the prevalidated fast path's cannot). */
  get locates(): boolean {
    return true;
  }

  abstract position(offset: number): Position;
  abstract find(path: DataPath): Found;
  /** Line and column of the value at `path` (of its key with `key: true`); the nearest parent when missing. */
  abstract at(path: DataPath, opts?: { key?: boolean }): Position;
  /** A short description of the value written at `path`, e.g. `'abc'`, `1e300`, `a list`; undefined if absent. */
  abstract found(path: DataPath): string | undefined;
  abstract describe(node: Node | undefined | null): string;
  /**
   * Line and column of character `index` (0-based) of the scalar value written at `path`, through its quoting,
   * escapes and line folding; the value's own place when it is not a scalar.
   */
  abstract scalarAt(path: DataPath, index: number): Position;

  /** A ScenarioError positioned at `path`. */
  error(path: DataPath, init: Omit<ScenarioErrorInit, 'file' | 'line' | 'column' | 'path'>, opts: { key?: boolean } = {}): ScenarioError {
    const { line, column } = this.at(path, opts);
    return new ScenarioError({ ...init, file: this.file, line, column, path: formatPath(path) });
  }
}

/** Sorts errors into file order and returns the first, carrying the rest in `more`. */
export function firstError(errors: readonly ScenarioError[]): ScenarioError | undefined {
  if (errors.length === 0) return undefined;
  const sorted = [...errors].sort((a, b) => a.line - b.line || a.column - b.column);
  const first = sorted[0] as ScenarioError;
  first.more = sorted;
  return first;
}
