/**
 * The assumptions screen as text (terminal and web page): why an assumption has its value, and what the last
 * change of assumptions or injects moved (the session's resim report), in the scenario's words.
 */
import type { Assumption, Scenario } from '../../core/model.js';
import type { SessionData } from '../session-logic.js';
import { changeShows } from './numbers.js';
import { oddsLabel } from './labels.js';
import { percent, whole } from './text.js';

/** A value as the screens show it: at most three decimals, no trailing zeros. */
export function fmtValue(x: number): string {
  return String(Number(x.toFixed(3)));
}

/**
 * Why the assumption has the value shown: the rationale is written for the default, so a preset that sets
 * another value (Hindsight's 0.7 against the default 0.8) says so and names its own value first.
 */
export function assumptionWhy(sc: Scenario, presetId: string, overrides: Readonly<Record<string, number>>, a: Assumption): string {
  const preset = sc.presets.find((p) => p.id === presetId);
  const fromPreset = preset?.values[a.id];
  if (a.id in overrides) {
    const base = fromPreset ?? a.default;
    return `You set ${fmtValue(overrides[a.id]!)}; ${preset?.label ?? presetId} has ${fmtValue(base)}. Why ${fmtValue(a.default)} by default: ${a.rationale}`;
  }
  if (fromPreset !== undefined && fromPreset !== a.default) {
    return `Why ${fmtValue(fromPreset)}: the preset “${preset!.label}” sets it (${preset!.description}). The default is ${fmtValue(a.default)}: ${a.rationale}`;
  }
  return `Why ${fmtValue(a.default)}: ${a.rationale}`;
}

/** What the last re-simulation moved, as sentences; null when nothing was re-simulated yet. */
export function resimText(d: SessionData): string | null {
  const r = d.resim;
  if (!r) return null;
  // Only changes that show (numbers.ts): `28%→28%` or `−93→−93` is no move.
  const shown = r.odds.filter((o) => changeShows(o.before * 100, o.after * 100));
  const oddsText = (list: typeof shown) => list.map((o) => `${oddsLabel(d.scenario, o.decision, o.option)} ${percent(o.before)}→${percent(o.after)}`).join(' · ');
  const here = shown.filter((o) => !o.ahead);
  const ahead = shown.filter((o) => o.ahead);
  const scores = r.scores.filter((s) => changeShows(s.before, s.after)).map((s) => `${s.from}→${s.to} ${whole(s.before)}→${whole(s.after)}`);
  // Every decision the change can reach is looked at, the ones still ahead in the branch too.
  return [
    here.length ? `Odds moved: ${oddsText(here)}.` : '',
    ahead.length ? `Odds ahead (played on by the engine): ${oddsText(ahead)}.` : '',
    here.length || ahead.length ? '' : 'No odds moved, here or ahead.',
    scores.length ? `Scores moved (at the cursor): ${scores.join(' · ')}.` : 'No score at the cursor moved.',
  ]
    .filter(Boolean)
    .join(' ');
}
