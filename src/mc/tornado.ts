/** `geosim sweep` output: a text tornado chart of the target's sensitivity, Morris effects, and the brink. */
import type { Scenario } from '../core/model.js';
import type { Paint } from './format.js';
import { PLAIN } from './format.js';
import type { SweepResult } from './sweep.js';

const pct = (p: number) => `${(p * 100).toFixed(1)}%`;

/** A value for display: up to 3 significant decimals, no trailing zeros. */
export function short(x: number): string {
  const r = Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2);
  return r.includes('.') ? r.replace(/\.?0+$/, '') : r;
}

/** One tornado bar: the span of P over the range on a [lo, hi] axis, with the base P marked. */
export function bar(ps: readonly number[], base: number, lo: number, hi: number, width: number): string {
  const x = (p: number) => Math.max(0, Math.min(width - 1, Math.round(((p - lo) / (hi - lo || 1)) * (width - 1))));
  const a = x(Math.min(...ps));
  const b = x(Math.max(...ps));
  const m = x(base);
  let s = '';
  for (let i = 0; i < width; i++) s += i === m ? '│' : i >= a && i <= b ? '█' : '·';
  return s;
}

export function formatSweepText(scenario: Scenario, r: SweepResult, preset: string | undefined, paint: Paint = PLAIN): string {
  const out: string[] = [];
  const dot = r.target.indexOf('.');
  const what =
    dot < 0
      ? `prediction ${r.target}: ${scenario.predictions.find((p) => p.id === r.target)?.claim ?? ''}`
      : `option ${r.target}: ${findOptionLabel(scenario, r.target) ?? ''}`;
  out.push(paint.heading(`Sensitivity of ${what}`));
  out.push(
    paint.dim(
      `P = ${pct(r.baseP)} at base${preset ? ` (preset ${preset})` : ''} · ${r.runs.toLocaleString('en-US')} runs per point, same seeds (${r.seed}) at every point · ${r.steps} steps per assumption`,
    ),
  );
  const all = r.oat.flatMap((l) => l.p).concat(r.baseP);
  const lo = Math.max(0, Math.min(...all) - 0.02);
  const hi = Math.min(1, Math.max(...all) + 0.02);
  const width = 32;
  const idW = Math.max(10, ...r.oat.map((l) => l.id.length));
  const mu = new Map(r.morris?.map((m) => [m.id, m]) ?? []);
  out.push('', paint.heading('One at a time') + paint.dim('  P at min … P at max of each assumption, ranked by swing; │ marks the base'));
  out.push(paint.dim(`  ${''.padEnd(idW)}  ${'at min'.padStart(6)}  ${pct(lo).padEnd(width - 6)}${pct(hi).padStart(6)}  ${'at max'.padEnd(6)}  swing${r.morris ? '     μ*      σ' : ''}`));
  for (const l of r.oat) {
    const m = mu.get(l.id);
    const morris = m ? `  ${m.muStar.toFixed(3).padStart(6)} ${m.sigma.toFixed(3).padStart(6)}` : '';
    out.push(
      `  ${l.id.padEnd(idW)}  ${pct(l.p[0]!).padStart(6)}  ${bar(l.p, r.baseP, lo, hi, width)}  ${pct(l.p[l.p.length - 1]!).padEnd(6)}  ${`${(l.swing * 100).toFixed(1)} pts`.padStart(9)}${morris}`,
    );
    out.push(paint.dim(`  ${''.padEnd(idW)}  ${l.label}: ${short(l.min)} … ${short(l.max)}, base ${short(l.base)}`));
  }
  if (r.morris) {
    out.push(
      '',
      paint.dim(
        `Morris: ${r.trajectories} trajectories, all assumptions moving; μ* = mean |change in P| per full range, σ = spread (interactions, curvature).`,
      ),
    );
  }
  out.push('', paint.heading('Brink') + paint.dim('  decisions whose most likely option flips within an assumption’s range (others at base)'));
  if (r.brink.length === 0) out.push('  none: every decision keeps its most likely option across the ranges swept');
  for (const f of r.brink) {
    out.push(`  ${f.decision}: ${f.from} → ${f.to} when ${f.assumption} crosses ${short(f.at)} ${paint.dim(`(±${Number(f.within.toPrecision(2))})`)}`);
  }
  return out.join('\n') + '\n';
}

function findOptionLabel(scenario: Scenario, target: string): string | undefined {
  const [d, o] = target.split('.');
  for (const ev of Object.values(scenario.events)) {
    const dec = ev.decision;
    if (dec !== undefined && dec.id === d) return dec.options.find((x) => x.id === o)?.label;
  }
  return undefined;
}
