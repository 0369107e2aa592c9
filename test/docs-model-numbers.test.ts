/**
 * docs/model.md, "What lasts: branches that converge", quotes how far the end states of the main branches of
 * both shipped scenarios differ. Those figures are recomputed here from the engine and looked up in the text, so
 * a change of data or model that moves them fails until the docs say the new numbers (as the real branches' end
 * states are pinned in test/flagship.test.ts and test/scenario-kursk.test.ts for the scenario notes).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explainPair } from '../src/core/explain.js';
import type { Option, Scenario } from '../src/core/model.js';
import { resolveAssumptions } from '../src/core/run.js';
import { summarize } from '../src/core/summary.js';
import { runFast } from '../src/machines/engine.js';
import { flagship, kursk, root } from './helpers/scenarios.js';

const doc = readFileSync(`${root}docs/model.md`, 'utf8');
const section = doc.slice(doc.indexOf('## What lasts'), doc.indexOf('## Indicators'));
/** The text with its line breaks and indentation folded, so a figure may sit across a wrapped line. */
const text = section.replace(/\s+/g, ' ');
/** One decimal, half up from the hundredths a summary keeps (68.05 → 68.1, as a reader rounds it). */
const one = (x: number) => (Math.round(Math.round(x * 100) / 10) / 10).toFixed(1);

function marked(s: Scenario, pick: (o: Option) => boolean): Record<string, string> {
  const choices: Record<string, string> = {};
  for (const ev of Object.values(s.events)) {
    const o = ev.decision?.options.find(pick);
    if (ev.decision && o) choices[ev.decision.id] = o.id;
  }
  return choices;
}

function finalRelations(s: Scenario, preset: string, choices: Record<string, string>) {
  return summarize(s, runFast(s, { seed: 1, assumptions: resolveAssumptions(s, preset), choices }), preset).final.relations;
}

/** |a − b| for every directed pair, largest first. */
function differences(s: Scenario, a: Record<string, string>, b: Record<string, string>) {
  const ra = finalRelations(s, 'article', a);
  const rb = finalRelations(s, 'article', b);
  const out: { pair: string; d: number }[] = [];
  for (const { id: x } of s.actors) for (const { id: y } of s.actors) if (x !== y) out.push({ pair: `${x}→${y}`, d: Math.abs(ra[x]![y]! - rb[x]![y]!) });
  out.sort((p, q) => q.d - p.d);
  const mean = out.reduce((acc, p) => acc + p.d, 0) / out.length;
  const of = (pair: string) => out.find((p) => p.pair === pair)!.d;
  return { out, mean, of };
}

describe('docs/model.md: the branch-difference figures', () => {
  it("flagship: the article's predicted options against the real ones", () => {
    const s = flagship();
    const diff = differences(s, marked(s, (o) => o.prediction !== undefined), marked(s, (o) => o.actual !== undefined));
    expect(diff.out).toHaveLength(30);
    expect(text).toContain(`RUS→KOR differs by ${one(diff.of('RUS→KOR'))} and KOR→RUS by ${one(diff.of('KOR→RUS'))}`);
    expect(text).toContain(`(${one(diff.of('CHN→PRK'))} and ${one(diff.of('PRK→CHN'))}:`);
    expect(text).toContain(`the mean over all 30 pairs is ${one(diff.mean)}`);
    const real = finalRelations(s, 'hindsight', marked(s, (o) => o.actual !== undefined));
    expect(text).toContain(`RUS→PRK now ends the real branch at ${one(real.RUS!.PRK!)}`);
  });

  it("Kursk: the baseline's seed-1 draw against the real options, and Pyongyang's withdrawal", () => {
    const s = kursk();
    const real = marked(s, (o) => o.actual !== undefined);
    const drawn = Object.fromEntries(
      Object.entries(runFast(s, { seed: 1, assumptions: resolveAssumptions(s, 'article'), choices: {} }).choices).map(([d, c]) => [d, c.option]),
    );
    // The draw the text describes: Beijing presses, Seoul arms Ukraine, Washington keeps to sanctions.
    expect(drawn).toMatchObject({ beijing_stance: 'pressure_pyongyang', seoul_response: 'arm_ukraine', washington_response: 'sanctions_only' });
    const diff = differences(s, drawn, real);
    expect(text).toContain(`mean ${one(diff.mean)} over 30 pairs; RUS→KOR ${one(diff.of('RUS→KOR'))}, KOR→RUS ${one(diff.of('KOR→RUS'))}`);
    const third = diff.out[2]!.d;
    expect(text).toContain(`the rest under ${one(Math.ceil(third * 10 + 1e-9) / 10)}`);
    const withdraw = finalRelations(s, 'article', { ...drawn, pyongyang_next: 'withdraw' });
    const realEnd = finalRelations(s, 'article', real);
    expect(text).toContain(`ends RUS→PRK at ${one(withdraw.RUS!.PRK!)} against ${one(realEnd.RUS!.PRK!)} on the real branch`);
  });

  it('Kursk: on the real branch (hindsight) one event modifier of 5 points or more has faded to zero, the one the text names', () => {
    const s = kursk();
    const end = runFast(s, { seed: 1, assumptions: resolveAssumptions(s, 'hindsight'), choices: marked(s, (o) => o.actual !== undefined) });
    const gone: string[] = [];
    for (const { id: a } of s.actors) {
      for (const { id: b } of s.actors) {
        if (a === b) continue;
        for (const t of explainPair(s, end, a, b).lines) {
          if (['event', 'option', 'reaction'].includes(t.kind) && Math.abs(t.start) >= 5 && Math.abs(t.now) < 0.005) gone.push(`${a}→${b} ${t.event ?? ''}`);
        }
      }
    }
    expect(gone).toEqual(['JPN→RUS tokyo_seriously_worried']);
    expect(text).toContain("Tokyo's worry at the treaty's entry into force, −5 on JPN→RUS");
  });
});
