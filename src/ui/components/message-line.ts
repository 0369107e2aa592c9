/** The line above the status line: a prompt being typed, the quit question, the last message, or a hint. */
import type { SessionData } from '../../machines/session-logic.js';
import { atEnd, takenHere } from '../../machines/selectors.js';
import type { Prompt, UiState } from '../ui-state.js';
import { forecastDue } from '../forecast.js';
import { decisionView, type DecisionView } from '../../machines/view/decision.js';
import type { LineSpec, Seg } from './Line.js';

export function messageLine(ui: UiState, d: SessionData): LineSpec {
  const o = ui.overlay;
  if (o?.kind === 'save') return promptLine('Save session as: ', o, 'enter saves');
  if (o?.kind === 'export') return promptLine('Export branch as run file: ', o, 'enter saves');
  if (o?.kind === 'date') return promptLine('Go to date (YYYY-MM-DD): ', o, 'enter goes');
  if (o?.kind === 'overwrite') {
    return [
      { text: `${o.path} exists (${o.what ?? 'another run'}). `, bold: true, role: 'warn' },
      { text: 'y', bold: true, role: 'accent' },
      { text: ' replace it · ' },
      { text: 'n', bold: true, role: 'accent' },
      { text: ' type another name' },
    ];
  }
  if (o?.kind === 'quit') {
    return [
      { text: `Unsaved work (${d.branches.length} branch${d.branches.length === 1 ? '' : 'es'}). `, bold: true, role: 'warn' },
      ...(ui.interrupted ? [{ text: 'Ctrl-C again or ', bold: true, role: 'warn' as const }] : []),
      { text: 'y', bold: true, role: 'accent' },
      { text: ' quit without saving · ' },
      { text: 's', bold: true, role: 'accent' },
      { text: ` save to ${ui.savePath} and quit · ` },
      { text: 'n', bold: true, role: 'accent' },
      { text: ' stay' },
    ];
  }
  const change = d.pendingChange;
  if (change) {
    const more = change.flips.length > 1 ? ` (+${change.flips.length - 1} more)` : '';
    return [
      { text: `${change.flips[0]}${more}. `, bold: true, role: 'warn' },
      { text: 'b', bold: true, role: 'accent' },
      { text: ' keep as new branch · ' },
      { text: 'a', bold: true, role: 'accent' },
      { text: ' apply here · ' },
      { text: 'esc', bold: true, role: 'accent' },
      { text: ' cancel' },
    ];
  }
  if (ui.message) return [{ text: ui.message.text, role: ui.message.tone === 'error' ? 'bad' : ui.message.tone === 'good' ? 'good' : 'accent', bold: ui.message.tone === 'error' }];
  if (ui.screen !== 'main') return '';
  if (forecastDue(d)) return [{ text: 'Forecast first: type a % per option (↑↓ moves, = the rest), enter records; f turns it off', role: 'warn' }];
  const dv = decisionView(d);
  if (dv) return pendingHint(dv);
  if (atEnd(d)) return [{ text: 'The end of the scenario. ← steps back; p shows the predictions; s saves the session', role: 'good' }];
  const t = takenHere(d);
  if (t) {
    const who = t.by === 'user' ? 'You chose this' : 'The engine drew this';
    return [{ text: `${who}: 1-${t.options.length} chooses differently (a new branch), ← shows the odds`, dim: true }];
  }
  return '';
}

/**
 * The hint at a decision waiting at the cursor: whose it is (the actor's, not whether the session is blocked:
 * going back to a decision already taken on this branch shows it again), and what the keys do there.
 */
function pendingHint(dv: DecisionView): LineSpec {
  const n = `1-${dv.options.length}`;
  const taken = dv.options.find((o) => o.taken);
  if (dv.yours) {
    const text = taken
      ? `Your decision (taken on this branch): → keeps it, ${n} chooses again`
      : `Your decision: press ${n} to choose, ↑↓ and enter, or r to let the engine draw`;
    return [{ text, role: 'warn' }];
  }
  const text = taken
    ? `A decision you do not play, taken on this branch: → keeps it, ${n} chooses again`
    : `A decision you do not play: → lets the engine draw, or choose one yourself with ${n}`;
  return [{ text, dim: true }];
}

/** A prompt: the label, the text (selected while it is the proposal), the reason enter was refused, the keys. */
function promptLine(label: string, o: Prompt, enter: string): LineSpec {
  const text: Seg[] = o.fresh && o.text ? [{ text: o.text, inverse: true }, { text: '▏' }] : [{ text: `${o.text}▏` }];
  const tail: Seg = o.error
    ? { text: `  ${o.error}`, role: 'bad', bold: true }
    : { text: `  ${enter} · ${o.fresh && o.text ? 'typing replaces · → edits' : 'esc cancels'}`, dim: true };
  return [{ text: label, bold: true, role: 'accent' }, ...text, tail];
}
