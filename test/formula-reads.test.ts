// What a compiled formula reads (formula-deps.ts): exact masks for plain cases, and soundness (every reader a
// formula calls is in its mask) over the flagship's and kursk's formulas.
import { describe, expect, it } from 'vitest';
import type { EvalContext, Formula, Scenario } from '../src/core/model.js';
import type { FormulaScope } from '../src/core/formula-types.js';
import { compileFormula } from '../src/core/formula.js';
import {
  READS_ASSUMPTION,
  READS_CHOSEN,
  READS_GOLDSTEIN,
  READS_HAPPENED,
  READS_INDICATOR,
  READS_POSTURE,
  READS_REL,
  READS_TENSION,
} from '../src/core/formula-deps.js';
import { loadScenarioFile } from '../src/scenario/load.js';

const scope: FormulaScope = {
  assumptions: new Set(['k']),
  indicators: new Set(['oil']),
  actors: new Set(['KOR', 'RUS']),
  postures: new Map([['KOR', new Set(['calm', 'alert'])]]),
  decisions: new Map([['arms', new Set(['yes', 'no'])]]),
  events: new Set(['summit']),
};
const reads = (src: string | number) => compileFormula(src, scope).reads;

describe('formula reads', () => {
  it('names each reader a formula uses, and nothing else', () => {
    expect(reads(3)).toBe(0);
    expect(reads('1 + 2 * 3')).toBe(0);
    expect(reads('k * 2')).toBe(READS_ASSUMPTION);
    expect(reads('oil > 80')).toBe(READS_INDICATOR);
    expect(reads('rel(KOR, RUS) < -40')).toBe(READS_REL);
    expect(reads('chosen(arms, yes) || chosen(arms, no)')).toBe(READS_CHOSEN);
    expect(reads('posture(KOR, alert) and happened(summit)')).toBe(READS_POSTURE | READS_HAPPENED);
    expect(reads('max(tension, goldstein * k)')).toBe(READS_TENSION | READS_GOLDSTEIN | READS_ASSUMPTION);
    expect(reads('chosen(arms, yes) ? clamp(rel(RUS, KOR), -1, 1) : not oil')).toBe(READS_CHOSEN | READS_REL | READS_INDICATOR);
  });

  it('covers every reader a scenario formula actually calls (soundness over two scenarios)', () => {
    const bits: Record<keyof EvalContext, number> = {
      rel: READS_REL,
      relOf: READS_REL,
      assumption: READS_ASSUMPTION,
      indicator: READS_INDICATOR,
      tension: READS_TENSION,
      posture: READS_POSTURE,
      chosen: READS_CHOSEN,
      happened: READS_HAPPENED,
      goldstein: READS_GOLDSTEIN,
    };
    let called = 0;
    const ctx = Object.fromEntries(
      Object.entries(bits).map(([name, bit]) => [name, () => ((called |= bit), name === 'rel' || name === 'relOf' ? -50 : 1)]),
    ) as unknown as EvalContext;
    let checked = 0;
    for (const file of ['scenarios/pyongyang-2024.yaml', 'scenarios/kursk-2024.yaml']) {
      const sc: Scenario = loadScenarioFile(file);
      const formulas: Formula[] = [sc.model.goldsteinScale, sc.model.balanceStrength, sc.model.tensionScale];
      const effects = (list: Scenario['events'][string]['effects']) => {
        for (const e of list) if ((e.kind === 'opinion' || e.kind === 'tension' || e.kind === 'indicator') && e.value) formulas.push(e.value);
      };
      for (const ev of Object.values(sc.events)) {
        if (ev.when) formulas.push(ev.when);
        effects(ev.effects);
        for (const o of ev.decision?.options ?? []) {
          formulas.push(o.weight, ...(o.available ? [o.available] : []));
          effects(o.effects);
        }
      }
      for (const chart of Object.values(sc.postures))
        for (const st of Object.values(chart.states)) for (const t of st.on) if (t.when) formulas.push(t.when);
      for (const r of sc.reactions) if (r.when) formulas.push(r.when);
      for (const p of sc.predictions) formulas.push(p.holds);
      for (const f of formulas) {
        called = 0;
        f.evaluate(ctx);
        expect(f.reads).toBeDefined();
        expect(called & ~f.reads!, f.src).toBe(0);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(150);
  });
});
