/**
 * Compiling data that was validated before (a prevalidated entry, or what another thread or a Web Worker was
 * sent): no YAML document, no positions. Browser-safe, so the CLI's worker threads and the web page's Web
 * Workers compile the scenario they are sent the same way (src/mc/worker-core.ts).
 */
import type { Scenario } from '../core/model.js';
import { compileScenario } from './compile.js';
import type { RawScenario } from './schema.js';
import { SourceMap } from './source-map.js';
import { rememberValidated } from './validated.js';
import { MAX_DEPTH } from './file-limits.js';

/** The `format` of a prevalidated entry (src/build/bundle.mjs writes them; prevalidated.ts, the page read them). */
export const PREVALIDATED_FORMAT = 'geosim-prevalidated/1';
export const DATA_KEY = '","data":';
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** An entry's text up to its digest: format, build and hash, in this order, so a stale one shows in its first bytes. */
export function entryHead(build: string, hash: string): string {
  return `{"format":${JSON.stringify(PREVALIDATED_FORMAT)},"build":${JSON.stringify(build)},"hash":${JSON.stringify(hash)},"digest":"`;
}

/**
 * The data of an entry's text when it is from `build` for bytes hashing to `hash` and intact (its digest, by
 * `sha256` over the data's text, matches; no forbidden key; no deeper than the YAML reader accepts), else undefined.
 */
export function entryData(text: string, build: string, hash: string, sha256: (s: string) => string): RawScenario | undefined {
  const h = entryHead(build, hash);
  // Stale entries (other bytes, other build) are told apart by their first line of text, before any parsing.
  if (!text.startsWith(h) || !text.endsWith('}\n')) return undefined;
  const digest = text.slice(h.length, h.length + 64);
  const at = h.length + 64;
  if (!/^[0-9a-f]{64}$/.test(digest) || text.slice(at, at + DATA_KEY.length) !== DATA_KEY) return undefined;
  const body = text.slice(at + DATA_KEY.length, -2);
  if (sha256(body) !== digest) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !plainTree(data, 0)) return undefined;
  return data as RawScenario;
}

/** No forbidden key anywhere, and no deeper than the YAML reader accepts. */
function plainTree(v: unknown, depth: number): boolean {
  if (typeof v !== 'object' || v === null) return true;
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(v)) {
    for (const x of v) if (!plainTree(x, depth + 1)) return false;
    return true;
  }
  for (const k of Object.keys(v)) {
    if (FORBIDDEN_KEYS.has(k) || !plainTree((v as Record<string, unknown>)[k], depth + 1)) return false;
  }
  return true;
}

/** Thrown by the position-less source map: the compile wants a position, so it found a problem. */
export class NeedsPositions extends Error {}

/**
 * A source map for data without a YAML document. The compile asks for positions only to report problems, and
 * prevalidated data compiled without any: a request means something is off, so it stops the fast path.
 */
class NoPositions extends SourceMap {
  constructor(file: string) {
    super(file, '');
  }
  override get locates(): boolean {
    return false;
  }
  override position(): never {
    throw new NeedsPositions();
  }
  override find(): never {
    throw new NeedsPositions();
  }
  override at(): never {
    throw new NeedsPositions();
  }
  override found(): never {
    throw new NeedsPositions();
  }
  override describe(): never {
    throw new NeedsPositions();
  }
  override scalarAt(): never {
    throw new NeedsPositions();
  }
  override error(): never {
    throw new NeedsPositions();
  }
}

/**
 * Compiles data that was validated before (an entry, or what another thread loaded): positions are not known,
 * so a problem throws NeedsPositions rather than a ScenarioError.
 */
export function compileValidated(raw: RawScenario, file: string, hash: string): Scenario {
  return rememberValidated(compileScenario(raw, new NoPositions(file), hash), raw);
}

