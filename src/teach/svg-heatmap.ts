/**
 * The relation matrix as an inline SVG heatmap: rows regard columns, a diverging red–blue scale (ColorBrewer
 * RdBu, readable with the common colour-vision deficiencies), and in every cell the number and the band
 * symbol, so the map still reads in black and white or on a washed-out projector.
 */
import type { Band } from '../core/model.js';
import { bandFor, escapeHtml as e, num, signed } from './text.js';

const NEG = [178, 24, 43]; // #b2182b
const POS = [33, 102, 172]; // #2166ac
const MID = [247, 247, 247]; // #f7f7f7

function mix(a: readonly number[], b: readonly number[], t: number): string {
  const c = a.map((x, i) => Math.round(x + (b[i]! - x) * t));
  return `#${c.map((x) => x.toString(16).padStart(2, '0')).join('')}`;
}

/** Fill for a value on a scale of ±`range`, and whether text on it should be white. */
export function heatColor(value: number, range = 100): { fill: string; light: boolean } {
  const t = Math.max(-1, Math.min(1, value / range));
  return { fill: t < 0 ? mix(MID, NEG, -t) : mix(MID, POS, t), light: Math.abs(t) > 0.55 };
}

export interface HeatmapSpec {
  readonly id: string;
  readonly title: string;
  readonly actors: readonly { readonly id: string; readonly name: string }[];
  readonly values: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly bands: readonly Band[];
  /** A change map: signed numbers, no band symbols, scaled to the largest change. */
  readonly delta?: boolean;
}

const CELL = 64;
const LEFT = 64;
const TOP = 52;

export function heatmapSvg(spec: HeatmapSpec): string {
  const n = spec.actors.length;
  const width = LEFT + n * CELL + 8;
  const height = TOP + n * CELL + 8;
  const all = spec.actors.flatMap((a) => spec.actors.filter((b) => b.id !== a.id).map((b) => spec.values[a.id]?.[b.id] ?? 0));
  const range = spec.delta ? Math.max(10, ...all.map(Math.abs)) : 100;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="heatmap" id="${e(spec.id)}" role="img" aria-labelledby="${e(spec.id)}-t" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">`,
    `<title id="${e(spec.id)}-t">${e(spec.title)}</title>`,
    `<text x="4" y="${TOP - 34}" class="axis">row regards column</text>`,
  );
  spec.actors.forEach((b, j) => {
    parts.push(`<text x="${LEFT + j * CELL + CELL / 2}" y="${TOP - 10}" text-anchor="middle" class="head">${e(b.id)}</text>`);
  });
  spec.actors.forEach((a, i) => {
    const y = TOP + i * CELL;
    parts.push(`<text x="${LEFT - 8}" y="${y + CELL / 2 + 6}" text-anchor="end" class="head">${e(a.id)}</text>`);
    spec.actors.forEach((b, j) => {
      const x = LEFT + j * CELL;
      if (a.id === b.id) {
        parts.push(`<rect x="${x}" y="${y}" width="${CELL}" height="${CELL}" fill="#ffffff" stroke="#000" stroke-width="1"/>`);
        parts.push(`<line x1="${x}" y1="${y}" x2="${x + CELL}" y2="${y + CELL}" stroke="#999" stroke-width="1"/>`);
        return;
      }
      const v = spec.values[a.id]?.[b.id] ?? 0;
      const { fill, light } = heatColor(v, range);
      const band = bandFor(spec.bands, v);
      // Whole numbers fit the cell; the tooltip keeps one decimal.
      const label = spec.delta ? signed(Math.round(v)) : num(Math.round(v));
      const exact = spec.delta ? signed(v) : num(v);
      const tip = spec.delta ? `${a.name} → ${b.name}: ${exact}` : `${a.name} → ${b.name}: ${exact} (${band.label})`;
      const ink = light ? '#ffffff' : '#000000';
      parts.push(
        `<g><title>${e(tip)}</title>`,
        `<rect x="${x}" y="${y}" width="${CELL}" height="${CELL}" fill="${fill}" stroke="#000" stroke-width="1"/>`,
        `<text x="${x + CELL / 2}" y="${y + (spec.delta ? 39 : 32)}" text-anchor="middle" class="val" fill="${ink}">${e(label)}</text>`,
        spec.delta ? '' : `<text x="${x + CELL / 2}" y="${y + 52}" text-anchor="middle" class="sym" fill="${ink}">${e(band.symbol)}</text>`,
        '</g>',
      );
    });
  });
  parts.push('</svg>');
  return parts.filter(Boolean).join('');
}
