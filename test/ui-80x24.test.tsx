/**
 * 80×24 (issue 13): every screen fits the terminal (at most 23 lines, none wider than 80 columns) and what does
 * not fit scrolls instead of being cut: paging through a screen shows every line of it, and no line but the
 * scroll hint ends in a cut (…). The why screen shows each source in full with its address, wrapped.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { flagship } from './helpers/scenarios.js';
import { KEY, mount, tick, type Harness } from './helpers/ui.js';
import type { LiveOddsFn } from '../src/ui/use-live-odds.js';
import type { McResult } from '../src/mc/result.js';

let h: Harness | undefined;
afterEach(() => {
  h?.unmount();
  h = undefined;
});

function expectFits(frame: string): void {
  const ls = frame.split('\n');
  expect(ls.length).toBeLessThanOrEqual(23);
  for (const l of ls) expect(l.length, l).toBeLessThanOrEqual(80);
}

/** The screen's body (no header, message and status lines) while paging down with `key` until it stops moving. */
async function pageThrough(x: Harness, key: string): Promise<string[]> {
  const seen: string[] = [];
  let frame = x.frame();
  for (let i = 0; i < 60; i++) {
    expectFits(frame);
    seen.push(...frame.split('\n').slice(1, -2));
    const next = await x.press(key);
    if (next === frame) break;
    frame = next;
  }
  return seen;
}

/** Lines cut with … that are not the scroll hint ("  … 3 more below"). */
const cut = (lines: readonly string[]) => lines.filter((l) => /…\s*$/.test(l) && !/^\s*… /.test(l));

/** Monte Carlo odds as the assumptions screen shows them, with long option labels (the widest real case). */
const liveOdds: LiveOddsFn = async (scenario) => {
  const decisions = Object.values(scenario.events)
    .filter((e) => e.decision)
    .map((e) => ({ id: e.decision!.id, reached: 800, options: e.decision!.options.map((o, i, all) => ({ id: o.id, p: i === 0 ? 1 - (all.length - 1) * 0.1 : 0.1 })) }));
  return { runs: 1000, decisions } as unknown as McResult;
};

describe('every screen at 80×24', () => {
  it('why: the ledger pages through every term, each source in full with its URL, nothing cut', async () => {
    const sc = flagship();
    h = mount(sc, { columns: 80, rows: 24, roles: ['KOR'] });
    await tick();
    await h.press('G', '1', ' ', ' ', 'w');
    const lines = await pageThrough(h, ']');
    expect(cut(lines)).toEqual([]);
    // The ledger, page after page (the lines under its header, not the scroll hints).
    const ledger: string[] = [];
    for (let i = 0, frame = await h.press('[', '[', '[', '[', '[', '[', '[', '[', '[', '['); i < 30; i++) {
      const ls = frame.split('\n');
      ledger.push(...ls.slice(ls.findIndex((l) => l.includes('largest first')) + 1, -2).filter((l) => !/^\s*… /.test(l)));
      const next = await h.press(']');
      if (next === frame) break;
      frame = next;
    }
    // Every source the terms of RUS→PRK cite is on screen with its whole URL (wrapped across lines, not cut).
    const text = ledger.join('').replace(/\s+/g, '');
    const shown = [...text.matchAll(/<(https?:[^>]*)>/g)].map((m) => m[1]!);
    expect(shown.length).toBeGreaterThan(5);
    const known = new Set(Object.values(sc.sources).map((s) => s.url?.replace(/\s+/g, '')));
    for (const u of shown) expect(known.has(u), u).toBe(true);
  });

  it('assumptions with the Monte Carlo lines: everything is reachable by paging, nothing cut', async () => {
    h = mount(flagship(), { columns: 80, rows: 24, liveOdds });
    await tick();
    await h.press(' ', 'a');
    await new Promise((r) => setTimeout(r, 600)); // the live odds are debounced
    const lines = await pageThrough(h, ']');
    expect(cut(lines)).toEqual([]);
    expect(lines.some((l) => l.startsWith('Monte Carlo, 1000 runs')), lines.join('\n')).toBe(true);
    // The last decision's odds line is reached.
    const last = Object.values(flagship().events).filter((e) => e.decision).at(-1)!.decision!.actor;
    expect(lines.some((l) => l.startsWith(`${last} (reached in 80%):`))).toBe(true);
    // Back up: [ reaches the top again at once (no hidden offset).
    const top = await h.press('[', '[', '[', '[', '[', '[');
    expect(top.split('\n')[1]).toMatch(/^Preset /);
  });

  it('predictions, help and injects page through to their end without cutting a line', async () => {
    for (const key of ['p', '?', 'i']) {
      h = mount(flagship(), { columns: 80, rows: 24 });
      await tick();
      await h.press(key);
      const lines = await pageThrough(h, ']');
      expect(cut(lines), key).toEqual([]);
      h.unmount();
    }
    h = undefined;
  });

  it('compare: both headers in full, and every difference reachable with ↓', async () => {
    h = mount(flagship(), { columns: 80, rows: 24, roles: ['KOR'] });
    await tick();
    await h.press('G', '1', KEY.left, '2', 'G');
    await h.press('b', 'c');
    const lines = await pageThrough(h, 'j');
    expect(cut(lines)).toEqual([]);
    expect(lines.join('\n')).toMatch(/#1 · step \d+ .*tension/);
    const n = Number(/(\d+) differences?/.exec(lines.join('\n'))?.[1] ?? 0);
    expect(n).toBeGreaterThan(3);
  });
});
