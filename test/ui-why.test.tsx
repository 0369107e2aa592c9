/** The why screen: sources cited once, the cell cursor, scrolling by ledger entry, what changed since the previous step. */
import { describe, expect, it } from 'vitest';
import { flagship } from './helpers/scenarios.js';
import { startSession } from './helpers/ui.js';
import { explainPair } from '../src/core/explain.js';
import { currentState } from '../src/machines/session-logic.js';
import { ledgerLines } from '../src/ui/components/WhyScreen.js';
import { lineText } from '../src/ui/components/Line.js';
import { sourcesShort } from '../src/ui/view/sources.js';

const sc = flagship();

function ended() {
  const actor = startSession(sc, 1, []);
  actor.send({ type: 'END' });
  return actor;
}

describe('sources', () => {
  it('are listed once each, though an option and its event cite the same paragraph', () => {
    expect(sourcesShort(sc, [{ id: 'article', para: 15 }, { id: 'article', para: 15 }, { id: 'article', para: 3 }])).toBe('¶15, ¶3');
    const actor = ended();
    const d = actor.getSnapshot().context.data;
    const ids = sc.actors.map((a) => a.id);
    let doubled = 0;
    for (const from of ids)
      for (const to of ids) {
        if (from === to) continue;
        for (const t of explainPair(sc, currentState(d), from, to).lines) {
          const keys = t.sources.map((r) => JSON.stringify(r));
          if (new Set(keys).size < keys.length) doubled++;
        }
        for (const l of ledgerLines(d, from, to, 400).map(lineText)) {
          const m = /source: (.*)$/.exec(l);
          if (!m) continue;
          const list = m[1]!.split(', ');
          expect(new Set(list).size, l).toBe(list.length);
        }
      }
    expect(doubled).toBeGreaterThan(0); // the ledger does cite some twice: the view is what removes them
    actor.stop();
  });
});
