/**
 * Compiling data that was validated before (a prevalidated entry, or what another thread or a Web Worker was
 * sent): no YAML document, no positions. Browser-safe, so the CLI's worker threads and the web page's Web
 * Workers compile the scenario they are sent the same way (src/mc/worker-core.ts).
 */
import { Document, LineCounter } from 'yaml';
import type { Scenario } from '../core/model.js';
import { compileScenario } from './compile.js';
import type { RawScenario } from './schema.js';
import { SourceMap } from './source-map.js';
import { rememberValidated } from './validated.js';

/** Thrown by the position-less source map: the compile wants a position, so it found a problem. */
export class NeedsPositions extends Error {}

/**
 * A source map for data without a YAML document. The compile asks for positions only to report problems, and
 * prevalidated data compiled without any: a request means something is off, so it stops the fast path.
 */
class NoPositions extends SourceMap {
  constructor(file: string) {
    super(file, '', new Document(), new LineCounter());
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

