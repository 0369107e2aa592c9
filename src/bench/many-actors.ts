/**
 * A synthetic scenario with many actors, in the documented format (valid, deterministic): every actor acts
 * on a few others through dated events, and every fifth event is a decision with two options whose effects
 * differ, so final scores spread across runs the way a real scenario's do. For the tally-memory check
 * (`npm run bench`, #12: under 64 MiB per worker at 50 actors) and its test.
 */
import { stringify } from 'yaml';

/** Actor ids AAA, AAB, … (the format's 2–4 capital letters). */
export function actorIds(n: number): string[] {
  const L = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return Array.from({ length: n }, (_, i) => `A${L[Math.floor(i / 26) % 26]}${L[i % 26]}`);
}

/** The YAML text of a scenario with `actors` actors and `eventsPerActor` events each. */
export function manyActorsYaml(actors: number, eventsPerActor = 4): string {
  const ids = actorIds(actors);
  let x = 7;
  const rnd = (n: number) => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x % n;
  };
  const other = (a: number) => (a + 1 + rnd(actors - 1)) % actors;
  const day = (i: number) => {
    const d = new Date(Date.UTC(2030, 0, 2) + i * 86_400_000);
    return d.toISOString().slice(0, 10);
  };
  const timeline: unknown[] = [];
  let k = 0;
  for (let e = 0; e < eventsPerActor; e++) {
    for (let a = 0; a < actors; a++, k++) {
      const b = other(a);
      const base = { id: `e${k}`, date: day(k), title: `Event ${k}`, text: 'Synthetic.', source: '¶1' };
      if (k % 5 === 4) {
        timeline.push({
          ...base,
          decision: {
            actor: ids[a],
            question: 'Which way?',
            options: [
              { id: 'warm', label: 'Warm', explain: 'Warm.', weight: 'w', source: '¶1', effects: [{ opinion: { from: ids[b], to: ids[a], value: 5 + rnd(10), fade: 2 } }] },
              { id: 'cool', label: 'Cool', explain: 'Cool.', weight: '1', source: '¶1', effects: [{ opinion: { from: ids[b], to: ids[a], value: -(5 + rnd(10)), fade: 2 } }] },
            ],
          },
        });
      } else {
        timeline.push({ ...base, actor: ids[a], target: ids[b], goldstein: rnd(2) ? 3 : -3, effects: [{ opinion: { from: ids[b], to: ids[a] } }] });
      }
    }
  }
  const doc = {
    format: 'geosim/1',
    id: `actors_${actors}`,
    title: `Synthetic: ${actors} actors`,
    summary: 'A generated scenario for measurements.',
    start: '2030-01-01',
    article: { title: 'None', paragraphs: { 1: 'Generated.' } },
    sources: { gen: { title: 'Generator' } },
    actors: Object.fromEntries(ids.map((id) => [id, { name: `Actor ${id}`, capital: 'Capital' }])),
    bands: [
      { id: 'hostile', label: 'Hostile', from: -100, symbol: '--', color: 'red' },
      { id: 'neutral', label: 'Neutral', from: -20, symbol: '·', color: 'gray' },
      { id: 'friendly', label: 'Friendly', from: 20, symbol: '+', color: 'green' },
    ],
    model: { goldstein_scale: 2, balance_strength: 0.1, tension_scale: 1, tension_initial: 30, tension_fade_per_month: 1.5, balance_threshold: 10, fade: 6, cascade_cap: 16 },
    assumptions: { w: { label: 'Warmth', default: 1, min: 0, max: 4, step: 0.1, unit: '', description: 'Odds of warming.', rationale: 'Even.', source: '¶1' } },
    presets: { article: { label: 'Article', description: 'Defaults.', values: { w: 1 } } },
    relations: ids.map((id, a) => ({ from: id, to: ids[(a + 1) % actors], value: rnd(41) - 20, why: 'Generated.', source: '¶1' })),
    timeline,
    predictions: [{ id: 'p0', claim: 'Tension stays up.', source: '¶1', holds: 'tension > 20', actual: { status: 'open', text: 'Generated.' } }],
  };
  return stringify(doc, { lineWidth: 0 });
}
