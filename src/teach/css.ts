/**
 * The stylesheet of the HTML handouts (report and role sheets), inlined into each file. Screen: large type and
 * black on white for a projector. Print: A4, 10–11 pt, sections and figures kept whole, table headers repeated.
 * Only system fonts: nothing is fetched.
 */
export const HANDOUT_CSS = `
@page { size: A4; margin: 14mm 12mm 16mm 12mm; }
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { background: #fff; color: #000; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", "DejaVu Sans", Arial, sans-serif; }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem 2rem 3rem; font-size: 1.3rem; line-height: 1.45; }
h1 { font-size: 2.3rem; line-height: 1.15; margin: 0 0 .5rem; }
h2 { font-size: 1.7rem; margin: 2.2rem 0 .8rem; padding-bottom: .2rem; border-bottom: 4px solid #000; }
h3 { font-size: 1.3rem; margin: 1.4rem 0 .4rem; }
p, ul, ol, dl { margin: .5rem 0; }
.lead { font-size: 1.4rem; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; }
.facts dt { font-weight: 700; }
.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid #444; padding: .3em .5em; text-align: left; vertical-align: top; }
th { background: #e6e6e6; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.date { white-space: nowrap; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; padding: 0 .4em; border: 2px solid #000; border-radius: .3em; font-size: .85em; font-weight: 700; white-space: nowrap; }
.badge.inject { background: #ffe14d; }
.badge.student { background: #000; color: #fff; }
.badge.engine { background: #fff; }
tr.inject td { background: #fff6c2; }
tr.decision td { background: #eef3fb; }
.muted { color: #333; }
.refs { font-size: .85em; color: #222; }
figure { margin: 1rem 0; }
figcaption { font-weight: 700; margin-bottom: .3rem; }
svg { display: block; max-width: 100%; height: auto; }
svg text { font-family: inherit; }
.heatmaps { display: flex; flex-wrap: wrap; gap: 1.5rem; }
.heatmaps figure { flex: 1 1 18rem; margin: 0; }
.heatmap .head { font-size: 16px; font-weight: 700; }
.heatmap .axis { font-size: 12px; }
.heatmap .val { font-size: 19px; font-weight: 700; }
.heatmap .sym { font-size: 14px; font-weight: 700; }
.linechart .tick { font-size: 15px; }
.linechart .endlabel { font-size: 16px; font-weight: 700; }
.key { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem 1.5rem; }
.key svg { display: inline-block; vertical-align: middle; }
.change { margin-bottom: 1.2rem; }
.questions li { margin: .4rem 0; }
.sources li { overflow-wrap: anywhere; }
a { color: #0a3a8c; }
footer { margin-top: 2.5rem; padding-top: .5rem; border-top: 1px solid #000; font-size: .9rem; }
.sheet + .sheet { margin-top: 3rem; border-top: 4px double #000; padding-top: 1rem; }
@media screen and (min-width: 1600px) { body { font-size: 1.5rem; max-width: 84rem; } }
@media print {
  html, body { font-size: 10.5pt; }
  body { max-width: none; padding: 0; }
  h1 { font-size: 20pt; }
  h2 { font-size: 14pt; margin-top: 1.2rem; border-bottom-width: 2px; break-after: avoid; page-break-after: avoid; }
  h3 { font-size: 11.5pt; break-after: avoid; page-break-after: avoid; }
  .lead { font-size: 11pt; }
  figure, .change, tr, .facts, .key { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .heatmaps figure { flex: 1 1 30%; }
  a { color: #000; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .sheet + .sheet { margin-top: 0; border-top: none; padding-top: 0; break-before: page; page-break-before: always; }
  section.page { break-before: page; page-break-before: always; }
}
`;
