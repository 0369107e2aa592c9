/** Forecast-first mode and the forecasts a session records (decision → option → probability). */
import { SimError } from '../core/errors.js';
import type { SessionData } from './session-data.js';

export function setForecastFirst(d: SessionData, on: boolean): SessionData {
  return { ...d, forecastFirst: on };
}

/** Records a forecast for a decision: probabilities for each option, summing to 1. */
export function recordForecast(d: SessionData, decision: string, p: Readonly<Record<string, number>>): SessionData {
  const dec = Object.values(d.scenario.events).find((e) => e.decision?.id === decision)?.decision;
  if (!dec) throw new SimError(`unknown decision '${decision}'`);
  for (const k of Object.keys(p)) if (!dec.options.some((o) => o.id === k)) throw new SimError(`decision '${decision}' has no option '${k}'`);
  const sum = Object.values(p).reduce((a, x) => a + x, 0);
  if (Math.abs(sum - 1) > 1e-6) throw new SimError(`a forecast must add up to 100 %, not ${Math.round(sum * 100)} %`);
  return { ...d, forecasts: { ...d.forecasts, [decision]: { ...p } } };
}
