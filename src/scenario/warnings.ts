/**
 * The loader's own warnings: what is probably an oversight but still runs. Computed on demand from the raw
 * data and the source map (`geosim validate`; errors under --strict), never while compiling, so the
 * prevalidated fast path, which has no positions, compiles the same files as before.
 */
import type { ScenarioError } from './errors.js';
import type { SourceMap } from './source-map.js';
import type { RawScenario } from './schema.js';

/** A directed pair of simulated actors with no initial relation starts at 0: say so, it is usually an oversight. */
export function omittedRelations(raw: RawScenario, map: SourceMap): ScenarioError[] {
  const given = new Set<string>();
  for (const r of raw.relations) {
    if (r.among) for (const a of r.among) for (const b of r.among) given.add(`${a}>${b}`);
    else if (r.between) {
      given.add(`${r.between[0]}>${r.between[1]}`);
      given.add(`${r.between[1]}>${r.between[0]}`);
    } else if (r.from !== undefined && r.to !== undefined) given.add(`${r.from}>${r.to}`);
  }
  const actors = Object.keys(raw.actors);
  const missing: string[] = [];
  for (const a of actors) for (const b of actors) if (a !== b && !given.has(`${a}>${b}`)) missing.push(`${a} → ${b}`);
  if (missing.length === 0) return [];
  const shown = missing.slice(0, 4).join(', ') + (missing.length > 4 ? ', …' : '');
  return [
    map.error(
      ['relations'],
      {
        problem: `no initial relation for ${missing.length === 1 ? '1 direction' : `${missing.length} directions`} (${shown}), which start at 0`,
        expected: 'a relation for every pair of actors (write value: 0 to mean neutral)',
      },
      { key: true },
    ),
  ];
}
