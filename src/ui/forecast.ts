/**
 * Forecast-first mode (forecasting practice): at each decision the odds stay hidden until the student has given
 * a probability for every option, in whole percent summing to 100. The forecasts are kept for the session and
 * saved in the run file's `forecasts` field, which `geosim report` scores (Brier score). This is UI state:
 * forecasts change no simulation input.
 */
import type { Decision } from '../core/model.js';
import type { Command } from './keys.js';
import type { UiState } from './ui-state.js';
import { fail, info, sendAndReport, type SessionPort } from './port.js';
import { decisionHere, draftFor, draftSum, type Draft } from './forecast-state.js';

export { decisionHere, draftFor, draftSum, forecastDue, forecastUi, type Draft, type ForecastUi, type Forecasts } from './forecast-state.js';

export function toggleForecastFirst(ui: UiState): UiState {
  const on = !ui.forecast.on;
  const text = on
    ? 'Forecast first: at each decision, give a probability for every option before the odds are shown (f turns it off)'
    : 'Forecast first is off: the odds are shown at once (your forecasts so far are kept)';
  return { ...ui, forecast: { ...ui.forecast, on, draft: null }, message: info(text) };
}

function withDraft(ui: UiState, draft: Draft): UiState {
  return { ...ui, forecast: { ...ui.forecast, draft } };
}

function record(ui: UiState, dec: Decision, draft: Draft): UiState {
  const sum = draftSum(draft.values);
  if (sum !== 100) return { ...withDraft(ui, draft), message: fail(`Your probabilities add up to ${sum} %, not 100 % (= fills the rest into the selected option)`) };
  const forecast: Record<string, number> = {};
  dec.options.forEach((o, i) => (forecast[o.id] = Number(draft.values[i] || '0') / 100));
  const recorded = { ...ui.forecast.recorded, [dec.id]: forecast };
  return {
    ...ui,
    forecast: { ...ui.forecast, recorded, draft: null, unsaved: true },
    message: info(`Forecast recorded (${dec.options.map((o, i) => `${o.label} ${draft.values[i] || '0'} %`).join(', ')}). Now the model's odds:`),
  };
}

/** Keys while a forecast is due (mode 'forecast'). Undefined: not a forecast key (the global keys apply). */
export function forecastKey(ui: UiState, cmd: Command, key: string, port: SessionPort): UiState | undefined {
  const dec = decisionHere(port.data());
  if (!dec) return undefined;
  const draft = draftFor(ui.forecast, dec);
  const n = dec.options.length;
  const set = (value: string): UiState => withDraft(ui, { ...draft, values: draft.values.map((v, i) => (i === draft.row ? value : v)) });
  const cur = draft.values[draft.row] ?? '';
  switch (cmd) {
    case 'up':
    case 'down':
      return withDraft(ui, { ...draft, row: (draft.row + (cmd === 'up' ? n - 1 : 1)) % n });
    case 'type': {
      const next = cur === '0' ? key : cur + key;
      if (Number(next) > 100) return { ...withDraft(ui, draft), message: fail('A probability is at most 100 %') };
      return set(next);
    }
    case 'erase':
      return set(cur.slice(0, -1));
    case 'fill': {
      const others = draftSum(draft.values.filter((_, i) => i !== draft.row));
      if (others > 100) return { ...withDraft(ui, draft), message: fail(`The other options already add up to ${others} %`) };
      return set(String(100 - others));
    }
    case 'clear':
      return withDraft(ui, { ...draft, values: draft.values.map(() => ''), row: 0 });
    case 'submit':
      return record(ui, dec, draft);
    case 'back':
      return sendAndReport(withDraft(ui, draft), port, { type: 'BACK' });
    default:
      return undefined;
  }
}
