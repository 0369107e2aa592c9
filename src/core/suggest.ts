/**
 * The one "did you mean" rule of geosim, for flags, commands, scenario keys and ids, and formula names alike:
 * a candidate that starts with what was typed (at least 3 characters; the shortest such), else the candidate
 * nearest by edit distance, ignoring case, when that distance is small: one edit for names of one or two
 * letters, otherwise at most max(2, a third of the length), and always less than the length of either name
 * (so `x` never suggests `k`, nor `KOR` the one-letter `k`).
 */
import { distance } from 'fastest-levenshtein';

export function nearestName(name: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  if (list.length === 0 || name.length === 0) return undefined;
  const lower = name.toLowerCase();
  if (name.length >= 3) {
    const prefixed = list.filter((c) => c.toLowerCase().startsWith(lower) && c !== name).sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
    if (prefixed[0] !== undefined) return prefixed[0];
  }
  const limit = name.length <= 2 ? 1 : Math.max(2, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDist = Infinity;
  for (const c of list) {
    const d = distance(lower, c.toLowerCase());
    if (d < bestDist && d <= limit && d < name.length && d < c.length) [best, bestDist] = [c, d];
  }
  return best;
}
