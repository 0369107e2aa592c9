/**
 * Positions in a parsed YAML document: from a data path (`['timeline', 3, 'decision']`) back to the line and
 * column of the node that holds it, and a short description of what is written there, for error messages.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import { formatPath, ScenarioError, type ScenarioErrorInit } from './errors.js';

export type DataPath = readonly (string | number)[];

export interface Position {
  readonly line: number;
  readonly column: number;
}

interface Found {
  /** The deepest node reached on the path (the parent map when a key is missing). */
  readonly node: Node | undefined;
  /** The key node of the last segment, when the last segment is a map key that exists. */
  readonly key: Node | undefined;
  /** True when the whole path was found. */
  readonly complete: boolean;
}

const MAX_FOUND = 40;

export class SourceMap {
  constructor(
    readonly file: string,
    readonly text: string,
    readonly doc: Document,
    private readonly lineCounter: LineCounter,
  ) {}

  /** Whether this map can place a problem in the file (the prevalidated fast path's cannot). */
  get locates(): boolean {
    return true;
  }

  position(offset: number): Position {
    const { line, col } = this.lineCounter.linePos(offset);
    return { line, column: col };
  }

  find(path: DataPath): Found {
    let node: Node | undefined = (this.doc.contents ?? undefined) as Node | undefined;
    let key: Node | undefined;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      if (node && isAlias(node)) node = (node.resolve(this.doc) ?? undefined) as Node | undefined;
      let next: Node | undefined;
      let nextKey: Node | undefined;
      let hit = false;
      if (node && isMap(node)) {
        for (const pair of node.items) {
          if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === String(seg)) {
            nextKey = pair.key;
            next = (pair.value ?? undefined) as Node | undefined;
            hit = true;
            break;
          }
        }
      } else if (node && isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg];
        if (item !== undefined) {
          next = (item ?? undefined) as Node | undefined;
          hit = true;
        }
      }
      if (!hit) return { node, key: undefined, complete: false };
      key = nextKey;
      // A key with no value (`title:`) has no value node worth pointing at: point at the key.
      node = next ?? nextKey;
    }
    return { node, key, complete: true };
  }

  /** Line and column of the value at `path` (of its key with `key: true`); the nearest parent when missing. */
  at(path: DataPath, opts: { key?: boolean } = {}): Position {
    const f = this.find(path);
    const target = opts.key && f.key ? f.key : f.node;
    return this.position(target?.range?.[0] ?? 0);
  }

  /** A short description of the value written at `path`, e.g. `'abc'`, `1e300`, `a list`; undefined if absent. */
  found(path: DataPath): string | undefined {
    const f = this.find(path);
    if (!f.complete) return undefined;
    return this.describe(f.node);
  }

  describe(node: Node | undefined | null): string {
    if (!node) return 'nothing';
    if (isAlias(node)) return this.describe(node.resolve(this.doc) as Node | undefined);
    if (isMap(node)) return 'a map';
    if (isSeq(node)) return 'a list';
    if (isScalar(node)) {
      const v = node.value;
      if (v === null || v === undefined) return 'nothing';
      if (typeof v === 'string') {
        const s = v.length > MAX_FOUND ? `${v.slice(0, MAX_FOUND)}…` : v;
        return `'${s}'`;
      }
      const raw = node.range ? this.text.slice(node.range[0], node.range[1]).trim() : String(v);
      return raw.length > MAX_FOUND ? `${raw.slice(0, MAX_FOUND)}…` : raw;
    }
    return 'a value';
  }

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
