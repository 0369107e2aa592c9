/**
 * Interned ids and small process-wide indexes for pairs and names: what hot code keys its arrays by. Imports
 * nothing, so that the formula compiler, the model and the state can all use it without an import circle.
 */
/**
 * The same string as the engine's shared (interned) copy: the one property keys use. Ids parsed from a YAML
 * file or a formula are separate copies, and looking a copy up as a key, or comparing two copies, reads its
 * characters every time; the hot path uses interned ids. Same characters: same data, same JSON.
 */
export function interned(s: string): string {
  for (const k in { [s]: 0 }) return k;
  return s;
}

/** A directed pair: its ledger key `FROM>TO` and a small process-wide index (for per-pair arrays). */
export interface PairSlot {
  readonly from: string;
  readonly to: string;
  readonly key: string;
  readonly index: number;
}

const pairSlots: Record<string, Record<string, PairSlot>> = Object.create(null);
let pairCount = 0;

/** The pair's slot; slots are cached, so hot ledger lookups reuse one interned key string per pair. */
export function pairSlot(from: string, to: string): PairSlot {
  const row = (pairSlots[from] ??= Object.create(null) as Record<string, PairSlot>);
  return (row[to] ??= { from: interned(from), to: interned(to), key: interned(`${from}>${to}`), index: pairCount++ });
}

/** `FROM>TO`, the key of the pair's modifiers in `SimState.ledger`. */
export function pairKey(from: string, to: string): string {
  return pairSlot(from, to).key;
}

const nameIndexes: Record<string, number> = Object.create(null);
let nameCount = 0;

/** A small process-wide index for a name formulas read (assumptions), for per-run arrays. */
export function nameIndex(name: string): number {
  return (nameIndexes[name] ??= nameCount++);
}
