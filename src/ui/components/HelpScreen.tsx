/** Help: every key in every mode, generated from the binding table. */
import type { Band } from '../../core/model.js';
import { bindingsIn, keysLabel, MODE_TITLES, type Mode } from '../keys.js';
import { padEnd, wrap } from '../../machines/view/text.js';
import { Lines, type LineSpec } from './Line.js';

const ORDER: readonly Mode[] = ['main', 'decision', 'forecast', 'why', 'assumptions', 'change', 'branches', 'compare', 'predictions', 'roles', 'injects', 'prompt', 'overwrite', 'confirm'];

/** Help rows: per mode, the bindings that are specific to it; then those that work on every screen. */
export function helpRows(): { title: string; rows: { keys: string; description: string }[] }[] {
  const shown = new Set<unknown>();
  const sections = ORDER.map((mode) => ({
    title: MODE_TITLES[mode],
    rows: bindingsIn(mode)
      .filter((r) => Array.isArray(r.binding.modes) && !shown.has(r.binding))
      .map((r) => {
        shown.add(r.binding);
        return { keys: keysLabel(r.keys), description: r.binding.description };
      }),
  })).filter((s) => s.rows.length > 0);
  const everywhere = bindingsIn('main')
    .filter((r) => !Array.isArray(r.binding.modes))
    .map((r) => ({ keys: keysLabel(r.keys), description: r.binding.description }));
  return [...sections, { title: 'On every screen', rows: everywhere }];
}

/** What the marks on screen mean (not keys, but the help is where people look). */
export function legendLines(bands: readonly Band[], width: number): LineSpec[] {
  const out: LineSpec[] = [[{ text: 'What the marks mean', bold: true, role: 'accent' }]];
  const rows: [string, string][] = [
    ['Timeline', '▶ the cursor · ◆ your choice · ◇ the engine\'s draw · ⑂ another branch parts here · ? a decision waiting · · not reached yet · × did not happen (its condition was false) · ○ the start · ✚ a teacher\'s inject'],
    ['Matrix', 'how the row actor regards the column actor, −100…100 · ▲▼ change since the previous step · the band symbol reads without colour'],
    ['Bands', bands.map((b) => `${b.symbol} ${b.label} (from ${b.from})`).join(' · ')],
    ['Header', 'the date, the step and how many steps are computed, the branch, the actors you play, ● unsaved when the session file would change'],
  ];
  for (const [k, v] of rows) {
    wrap(v, Math.max(10, width - 22)).forEach((l, i) => out.push([{ text: `  ${padEnd(i ? '' : k, 20)}`, bold: true }, { text: l }]));
  }
  return out;
}

export function helpLines(width: number, bands: readonly Band[] = []): LineSpec[] {
  const out: LineSpec[] = [];
  for (const s of helpRows()) {
    out.push([{ text: s.title, bold: true, role: 'accent' }]);
    for (const r of s.rows) {
      wrap(r.description, Math.max(10, width - 22)).forEach((l, i) =>
        out.push([{ text: `  ${padEnd(i ? '' : r.keys, 20)}`, bold: true }, { text: l }]),
      );
    }
  }
  return [...out, ...legendLines(bands, width)];
}

export function HelpScreen({ bands, scroll, width, height }: { bands: readonly Band[]; scroll: number; width: number; height: number }) {
  const all = helpLines(width, bands);
  const maxScroll = Math.max(0, all.length - height);
  const off = Math.min(scroll, maxScroll);
  const body = all.slice(off, off + height);
  if (off < maxScroll) body[height - 1] = [{ text: `  … more below: ↓ or ] to scroll · ? or esc closes`, dim: true }];
  return <Lines lines={body} width={width} height={height} />;
}
