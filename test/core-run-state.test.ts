/**
 * The two list operations every step leans on (src/core/run-state.ts), against their plain definitions over
 * random sequences: the agenda's insertion keeps (date, seq) order exactly as a sort would, and the search for a
 * capped effect's entry finds what `findIndex` on the key finds, however the list grew and was merged into since.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addToList, firstWithKey, insertByDate } from '../src/core/run-state.js';
import type { AgendaItem, Modifier } from '../src/core/state.js';

const item = (date: number, seq: number): AgendaItem => ({ event: `e${seq}`, date, seq, depth: 0, origin: { kind: 'timeline', by: 'x' } });

describe('insertByDate', () => {
  it('gives the (date, seq) order a sort gives, inserting anywhere in a long agenda', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 300 }), (dates) => {
        const agenda: AgendaItem[] = [];
        dates.forEach((d, seq) => insertByDate(agenda, item(d, seq)));
        const sorted = dates.map((d, seq) => item(d, seq)).sort((a, b) => a.date - b.date || a.seq - b.seq);
        expect(agenda.map((a) => a.seq)).toEqual(sorted.map((a) => a.seq));
      }),
    );
  });

  it('puts an item due soon before every timeline event still to come', () => {
    const agenda = Array.from({ length: 5000 }, (_, i) => item(100 + i, i));
    insertByDate(agenda, item(100, 6000));
    insertByDate(agenda, item(99, 6001));
    expect(agenda.slice(0, 3).map((a) => a.seq)).toEqual([6001, 0, 6000]);
    expect(agenda).toHaveLength(5002);
  });
});

describe('firstWithKey', () => {
  const mod = (key: string, value: number, cap: number | null): Modifier => ({ key, value, created: 0, fade: 0, cap, cause: { kind: 'event', event: 'e' }, note: null }) as Modifier;

  it('finds the first entry with the key, as findIndex does, while the list grows and capped entries merge', () => {
    const op = fc.record({ key: fc.constantFrom('a', 'b', 'c', 'd'), value: fc.integer({ min: -30, max: 30 }), capped: fc.boolean(), ask: fc.constantFrom('a', 'b', 'c', 'd', 'z') });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const list: Modifier[] = [];
        for (const o of ops) {
          expect(firstWithKey(list, o.ask)).toBe(list.findIndex((m) => m.key === o.ask));
          const before = list.findIndex((m) => m.key === o.key);
          const at = addToList(list, mod(o.key, o.value, o.capped ? 20 : null), 0);
          // A capped entry merges onto the first with its key; anything else is added at the end.
          expect(at).toBe(o.capped && before >= 0 ? before : list.length - 1);
        }
      }),
    );
  });

  it('starts afresh on a list that got shorter (never trusts an index past the end)', () => {
    const list = [mod('a', 1, null), mod('b', 1, null)];
    expect(firstWithKey(list, 'b')).toBe(1);
    list.length = 1;
    list.push(mod('c', 1, null));
    expect(firstWithKey(list, 'b')).toBe(-1);
  });
});
