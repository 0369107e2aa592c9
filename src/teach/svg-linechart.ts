/**
 * The relations that moved most, over time, as an inline SVG line chart. The x axis is calendar time; each
 * relation fades linearly between dates and jumps on the dates when something happened, so the path goes to
 * the faded value and then straight up or down. Lines differ in colour (Okabe–Ito, safe for colour-vision
 * deficiencies) and in dash pattern, and are labelled at their right end, so the chart prints in grey.
 */
import type { Series } from './report-model.js';
import { formatDay, parseDay } from '../core/date.js';
import { escapeHtml as e, num } from './text.js';

export const LINE_STYLES: readonly { readonly color: string; readonly dash: string }[] = [
  { color: '#0072B2', dash: '' },
  { color: '#D55E00', dash: '10 5' },
  { color: '#009E73', dash: '3 4' },
  { color: '#CC79A7', dash: '12 4 3 4' },
  { color: '#E69F00', dash: '6 3' },
  { color: '#000000', dash: '2 2' },
];

const W = 960;
const H = 400;
const M = { left: 56, right: 170, top: 16, bottom: 48 };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function niceRange(lo: number, hi: number): [number, number, number] {
  const span = Math.max(10, hi - lo);
  const step = span > 120 ? 25 : span > 60 ? 20 : span > 30 ? 10 : 5;
  const a = Math.max(-100, Math.floor((lo - step / 2) / step) * step);
  const b = Math.min(100, Math.ceil((hi + step / 2) / step) * step);
  return [a, b, step];
}

/** First days of months between two days, thinned to at most ~10 ticks. */
function monthTicks(d0: number, d1: number): { day: number; label: string }[] {
  const ticks: { day: number; label: string }[] = [];
  const [yy, mm] = formatDay(d0).split('-');
  let y = Number(yy);
  let m = Number(mm) - 1;
  for (;;) {
    const day = parseDay(`${y}-${String(m + 1).padStart(2, '0')}-01`)!;
    if (day > d1) break;
    if (day >= d0) ticks.push({ day, label: `${MONTHS[m]} ${y}` });
    m = (m + 1) % 12;
    if (m === 0) y++;
  }
  const every = Math.max(1, Math.ceil(ticks.length / 10));
  return ticks.filter((_, i) => i % every === 0);
}

export function lineChartSvg(series: Series, id = 'moved-chart'): string {
  const days = series.dates.map((d) => parseDay(d)!);
  const d0 = days[0]!;
  const d1 = Math.max(days[days.length - 1]!, d0 + 1);
  const all = series.lines.flatMap((l) => [...l.values, ...l.before]);
  const [lo, hi, step] = niceRange(Math.min(...all, 0), Math.max(...all, 0));
  const x = (d: number) => M.left + ((d - d0) / (d1 - d0)) * (W - M.left - M.right);
  const y = (v: number) => M.top + ((hi - v) / (hi - lo)) * (H - M.top - M.bottom);
  const f = (n: number) => n.toFixed(1);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="linechart" id="${e(id)}" role="img" aria-labelledby="${e(id)}-t" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}">`,
    `<title id="${e(id)}-t">The relations that moved most, ${e(series.dates[0]!)} to ${e(series.dates[series.dates.length - 1]!)}</title>`,
  ];
  for (let v = lo; v <= hi; v += step) {
    parts.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${f(y(v))}" y2="${f(y(v))}" stroke="${v === 0 ? '#000' : '#bbb'}" stroke-width="${v === 0 ? 1.5 : 1}"/>`,
      `<text x="${M.left - 8}" y="${f(y(v) + 5)}" text-anchor="end" class="tick">${e(num(v))}</text>`,
    );
  }
  for (const t of monthTicks(d0, d1)) {
    parts.push(
      `<line x1="${f(x(t.day))}" x2="${f(x(t.day))}" y1="${M.top}" y2="${H - M.bottom}" stroke="#ddd" stroke-width="1"/>`,
      `<text x="${f(x(t.day))}" y="${H - M.bottom + 22}" text-anchor="middle" class="tick">${e(t.label)}</text>`,
    );
  }
  parts.push(`<rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}" fill="none" stroke="#000"/>`);
  const ends: { y: number; text: string; color: string }[] = [];
  series.lines.forEach((l, i) => {
    const st = LINE_STYLES[i % LINE_STYLES.length]!;
    const pts: string[] = [`${f(x(days[0]!))},${f(y(l.values[0]!))}`];
    for (let k = 1; k < days.length; k++) {
      pts.push(`${f(x(days[k]!))},${f(y(l.before[k]!))}`, `${f(x(days[k]!))},${f(y(l.values[k]!))}`);
    }
    if (days[days.length - 1]! < d1) pts.push(`${f(x(d1))},${f(y(l.end))}`);
    parts.push(
      `<g><title>${e(`${l.from} → ${l.to}: ${num(l.start)} → ${num(l.end)}`)}</title>`,
      `<polyline points="${pts.join(' ')}" fill="none" stroke="${st.color}" stroke-width="3.5" stroke-linejoin="round"${st.dash ? ` stroke-dasharray="${st.dash}"` : ''}/></g>`,
    );
    ends.push({ y: y(l.end), text: `${l.from} → ${l.to} ${num(l.end)}`, color: st.color });
  });
  // End labels, nudged apart so that lines ending together stay readable.
  ends.sort((a, b) => a.y - b.y);
  for (let i = 1; i < ends.length; i++) ends[i]!.y = Math.max(ends[i]!.y, ends[i - 1]!.y + 18);
  for (const l of ends) {
    parts.push(`<text x="${W - M.right + 8}" y="${f(l.y + 5)}" class="endlabel" fill="${l.color === '#E69F00' ? '#8a5f00' : l.color}">${e(l.text)}</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}
