/** The line above the status line: a prompt being typed, the quit question, the last message, or a hint. */
import type { SessionData } from '../../machines/session-logic.js';
import { awaitingUser, branchOf } from '../../machines/session-logic.js';
import { isFinished } from '../../core/step.js';
import type { UiState } from '../ui-state.js';
import { modeOf, pendingHere } from '../ui-state.js';
import type { LineSpec } from './Line.js';

export function messageLine(ui: UiState, d: SessionData): LineSpec {
  const o = ui.overlay;
  if (o?.kind === 'save') return [{ text: 'Save run file as: ', bold: true, role: 'accent' }, { text: `${o.text}▏`, inverse: false }, { text: '  enter saves · esc cancels', dim: true }];
  if (o?.kind === 'date') return [{ text: 'Go to date (YYYY-MM-DD): ', bold: true, role: 'accent' }, { text: `${o.text}▏` }, { text: '  enter goes · esc cancels', dim: true }];
  if (o?.kind === 'quit') {
    return [
      { text: 'Unsaved work. ', bold: true, role: 'warn' },
      ...(ui.interrupted ? [{ text: 'Ctrl-C again or ', bold: true, role: 'warn' as const }] : []),
      { text: 'y', bold: true, role: 'accent' },
      { text: ' quit without saving · ' },
      { text: 's', bold: true, role: 'accent' },
      { text: ` save to ${ui.savePath} and quit · ` },
      { text: 'n', bold: true, role: 'accent' },
      { text: ' stay' },
    ];
  }
  if (ui.message) return [{ text: ui.message.text, role: ui.message.tone === 'error' ? 'bad' : ui.message.tone === 'good' ? 'good' : 'accent', bold: ui.message.tone === 'error' }];
  if (ui.screen !== 'main') return '';
  if (modeOf(ui, d) === 'forecast') return [{ text: 'Forecast first: type a % per option (↑↓ moves, = the rest), enter records; f turns it off', role: 'warn' }];
  if (awaitingUser(d)) return [{ text: 'Your decision: press 1-9 to choose, ↑↓ and enter, or r to let the engine draw', role: 'warn' }];
  if (pendingHere(d)) return [{ text: 'A decision you do not play: → lets the engine draw, or choose one yourself with 1-9', dim: true }];
  const b = branchOf(d);
  if (isFinished(b.states[b.cursor]!)) return [{ text: 'The end of the scenario. ← steps back; p shows the predictions; s saves the run', role: 'good' }];
  return '';
}
