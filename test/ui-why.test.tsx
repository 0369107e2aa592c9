/** The why screen: sources cited once, the cell cursor, scrolling by ledger entry, what changed since the previous step. */
import { describe, expect, it } from 'vitest';
import { flagship, small } from './helpers/scenarios.js';
import { mount, startSession } from './helpers/ui.js';
import { explainPair } from '../src/core/explain.js';
import { currentState } from '../src/machines/session-logic.js';
import { ledgerLines, pairLines } from '../src/ui/components/WhyScreen.js';
import { ledgerWindow, pageFrom } from '../src/machines/view/ledger.js';
import { lineText } from '../src/ui/components/Line.js';
import { sourcesShort } from '../src/machines/view/sources.js';

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

describe('what changed since the previous step', () => {
  it('gives the pair its change since the last step, and marks the terms that are new or stacked onto', () => {
    const actor = startSession(small(), 1, []);
    let text = pairLines(actor.getSnapshot().context.data, 'AAA', 'BBB').map(lineText).join('\n');
    expect(text).toContain('the start: no previous step');
    actor.send({ type: 'NEXT' }); // the treaty: an opinion change and a tie
    const d = actor.getSnapshot().context.data;
    text = pairLines(d, 'AAA', 'BBB').map(lineText).join('\n');
    expect(text).toContain('since the last step: +55 (2 new)');
    const ledger = ledgerLines(d, 'AAA', 'BBB', 200).map(lineText);
    expect(ledger[0]).toContain('largest first · [new]/[changed] since the last step');
    expect(ledger.slice(1).filter((l) => l.includes('[new]'))).toHaveLength(2);
    expect(ledger.find((l) => l.includes('initial relation'))).not.toContain('[new]');
    // A capped modifier stacked onto by a later event is marked changed (CCC's grievance against AAA).
    actor.send({ type: 'NEXT' });
    const g = ledgerLines(actor.getSnapshot().context.data, 'CCC', 'AAA', 200).map(lineText);
    expect(g.some((l) => l.includes('[changed]'))).toBe(true);
    // AAA→BBB only faded over the month: a change, but no new or changed term.
    expect(pairLines(actor.getSnapshot().context.data, 'AAA', 'BBB').map(lineText).join('\n')).toMatch(/since the last step: −\d+$/m);
    actor.stop();
  });
});

describe('scrolling the ledger', () => {
  it('windows whole entries and pages by what was shown', () => {
    const h = [2, 2, 1, 2, 2, 2];
    expect(ledgerWindow(h, 0, 20)).toEqual({ first: 0, count: 6, above: 0, below: 0, maxFirst: 0 });
    expect(ledgerWindow(h, 0, 5)).toEqual({ first: 0, count: 2, above: 0, below: 4, maxFirst: 4 });
    expect(pageFrom(h, 0, 5, 1)).toBe(2);
    expect(ledgerWindow(h, 2, 5)).toMatchObject({ first: 2, count: 2, below: 2 });
    expect(pageFrom(h, 2, 5, 1)).toBe(4);
    expect(pageFrom(h, 4, 5, 1)).toBe(4); // the last page
    expect(pageFrom(h, 4, 5, -1)).toBe(2);
    expect(ledgerWindow(h, 99, 5).first).toBe(4);
  });

  it('] shows every term once, a screenful at a time; a page starts with a term unless an entry taller than the screen goes on', async () => {
    const m = mount(sc, { columns: 80, rows: 24 });
    await m.press('G', 'w');
    const terms = ledgerLines(m.data(), 'RUS', 'PRK', 80).map((l) => lineText(l).slice(0, 60)).filter((l) => /^ {0,5}[+−]?\d/.test(l));
    expect(terms.length).toBeGreaterThan(8); // more than one screen
    const seen: string[] = [];
    let prevTall = false;
    for (let i = 0; i < 40; i++) {
      const f = i === 0 ? m.frame() : await m.press(']');
      const rows = f.split('\n');
      const at = rows.findIndex((l) => l.includes('largest first'));
      const body = rows.slice(at + 1, rows.length - 2).filter((l) => l.trim() && !l.includes('… '));
      // A term first, not its detail line, unless the previous page was filled by one entry taller than a page.
      if (!/^ {0,5}[+−]?\d/.test(body[0] ?? '')) expect(prevTall, f).toBe(true);
      prevTall = body.length >= rows.length - at - 4 && body.filter((l) => /^ {0,5}[+−]?\d/.test(l)).length <= 1;
      for (const l of body.map((x) => x.slice(0, 60))) if (/^ {0,5}[+−]?\d/.test(l) && !seen.includes(l)) seen.push(l);
      if (!f.includes('more below')) break;
    }
    expect(seen).toEqual(terms);
    const back = await m.press(...Array<string>(seen.length + 10).fill('['));
    expect(back).not.toContain('above ([ or PgUp)');
    m.unmount();
  });
});
