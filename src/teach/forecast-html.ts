/** The forecasting-practice section of the HTML report. */
import type { ForecastReport, MeanScores } from './forecasts.js';
import { table } from './html.js';
import { escapeHtml as e, pct, score3 } from './text.js';

function meanLine(label: string, m: MeanScores): string {
  if (m.n === 0) return `<li>${label}: nothing to score.</li>`;
  return `<li>${label}: your mean Brier score <strong>${score3(m.you)}</strong> over ${m.n} forecast${m.n === 1 ? '' : 's'}; the model's <strong>${score3(m.model)}</strong> over ${m.nModel}.</li>`;
}

export function forecastHtml(f: ForecastReport): string {
  const summary = table(
    ['decision', 'you vs reality', 'model vs reality', 'you vs this run', 'model vs this run'],
    f.items.map((it) => [
      e(it.question),
      it.reality ? score3(it.reality.you) : 'no real outcome',
      it.reality ? score3(it.reality.model) : '',
      it.run ? score3(it.run.you) : 'not reached',
      it.run ? score3(it.run.model) : '',
    ]),
    { num: new Set([1, 2, 3, 4]) },
  );
  const details = f.items.map((it) => {
    const rows = it.options.map((o) => [
      e(o.label),
      e(pct(o.forecast)),
      o.model === null ? 'n/a' : e(pct(o.model)),
      [o.actual ? '<strong>actually happened</strong>' : '', o.chosen ? `this run (${it.chosenBy ?? ''})` : ''].filter(Boolean).join(', '),
    ]);
    return `<h3>${e(it.question)} <span class="muted">(${e(it.actor)})</span></h3>\n${table(['option', 'your forecast', "model's odds", 'outcome'], rows, { num: new Set([1, 2]) })}`;
  });
  const cal = f.calibration
    ? `<h3>Calibration</h3>\n<p>Against what actually happened, ${f.optionForecasts} option-forecasts: of the options you gave a probability in each band, the share that happened. A well-calibrated forecaster's 70 % options happen about 70 % of the time.</p>\n${table(
        ['forecast band', 'options', 'mean forecast', 'happened'],
        f.calibration.map((b) => [
          `${pct(b.lo)}–${pct(b.hi)}`,
          String(b.count),
          b.meanForecast === null ? '' : pct(b.meanForecast),
          b.observed === null ? '' : pct(b.observed),
        ]),
        { num: new Set([1, 2, 3]) },
      )}`
    : `<p>A calibration table needs at least ${f.calibrationMin} option-forecasts scored against what actually happened; this run has ${f.optionForecasts}.</p>`;
  return [
    `<p><strong>Scoring.</strong> ${e(f.convention)}</p>`,
    summary,
    `<ul>${meanLine('Against what actually happened', f.reality)}${meanLine('Against this run', f.run)}</ul>`,
    ...details,
    cal,
  ].join('\n');
}
