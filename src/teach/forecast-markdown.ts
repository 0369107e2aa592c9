/** The forecasting-practice section of the report, in Markdown. */
import type { ForecastReport } from './forecasts.js';
import { mdTable, mdText, pct, score3 } from './text.js';

export function forecastMarkdown(f: ForecastReport): string[] {
  const out = ['## Forecasts', '', `Scoring: ${f.convention}`, ''];
  const rows = f.items.map((it) => [
    mdText(it.question),
    it.reality ? score3(it.reality.you) : 'no real outcome',
    it.reality ? score3(it.reality.model) : '',
    it.run ? score3(it.run.you) : 'not reached',
    it.run ? score3(it.run.model) : '',
  ]);
  out.push(
    ...mdTable(['decision', 'you vs reality', 'model vs reality', 'you vs this run', 'model vs this run'], rows, new Set([1, 2, 3, 4])),
    '',
  );
  const mean = (label: string, m: ForecastReport['reality']) =>
    m.n === 0
      ? `- ${label}: nothing to score.`
      : `- ${label}: your mean Brier score ${score3(m.you)} over ${m.n} forecast${m.n === 1 ? '' : 's'}; the model's ${score3(m.model)} over ${m.nModel}.`;
  out.push(mean('Against what actually happened', f.reality), mean('Against this run', f.run), '');
  for (const it of f.items) {
    out.push(`**${mdText(it.question)}** (${it.actor})`, '');
    const opts = it.options.map((o) => [
      mdText(o.label),
      pct(o.forecast),
      o.model === null ? 'n/a' : pct(o.model),
      [o.actual ? 'actually happened' : '', o.chosen ? `this run (${it.chosenBy})` : ''].filter(Boolean).join(', '),
    ]);
    out.push(...mdTable(['option', 'your forecast', "model's odds", 'outcome'], opts, new Set([1, 2])), '');
  }
  if (f.calibration) {
    out.push(
      `Calibration against what actually happened (${f.optionForecasts} option-forecasts): of the options you gave a probability in each band, how many happened.`,
      '',
    );
    const rows = f.calibration.map((b) => [
      `${pct(b.lo)}–${pct(b.hi)}`,
      String(b.count),
      b.meanForecast === null ? '' : pct(b.meanForecast),
      b.observed === null ? '' : pct(b.observed),
    ]);
    out.push(...mdTable(['forecast band', 'options', 'mean forecast', 'happened'], rows, new Set([1, 2, 3])));
  } else {
    out.push(
      `A calibration table needs at least ${f.calibrationMin} option-forecasts scored against what actually happened; this run has ${f.optionForecasts}.`,
    );
  }
  return out;
}
