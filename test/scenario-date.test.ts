/** The loader's data helpers in the core: calendar days (src/core/date.ts) and the CAMEO table (src/core/cameo.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CAMEO_EVENT, GOLDSTEIN } from '../src/core/cameo.js';
import { formatDay, parseDay } from '../src/core/date.js';

describe('parseDay / formatDay', () => {
  it('counts whole days from 1970-01-01', () => {
    expect(parseDay('1970-01-01')).toBe(0);
    expect(parseDay('1969-12-31')).toBe(-1);
    expect(parseDay('2024-06-19')).toBe(19893);
    expect(parseDay('2000-03-01')).toBe(11017);
    expect(formatDay(19893)).toBe('2024-06-19');
    expect(formatDay(-1)).toBe('1969-12-31');
  });

  it('agrees with Date.UTC on every day of 1900–2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25567, max: 47482 }), (d) => {
        const iso = new Date(d * 86_400_000).toISOString().slice(0, 10);
        expect(formatDay(d)).toBe(iso);
        expect(parseDay(iso)).toBe(d);
      }),
    );
  });

  it('refuses dates that are not on the calendar or not YYYY-MM-DD', () => {
    for (const bad of ['2024-02-30', '2023-02-29', '1900-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '2024-01-00', '2024-6-1', '24-06-01', '2024-06-01T00:00', ' 2024-06-01', '']) {
      expect(parseDay(bad), bad).toBeUndefined();
    }
    expect(parseDay('2024-02-29')).toBe(19782);
    expect(parseDay('2000-02-29')).toBe(11016);
  });
});

describe('CAMEO → Goldstein', () => {
  it('holds the weights of model-anchors.md, keyed by code strings with their leading zeros', () => {
    expect(GOLDSTEIN['057']).toBe(8);
    expect(GOLDSTEIN['042']).toBe(1.9);
    expect(GOLDSTEIN['0334']).toBe(6);
    expect(GOLDSTEIN['1312']).toBe(-5.8);
    expect(GOLDSTEIN['190']).toBe(-10);
    expect(['150', '151', '152', '153', '154'].map((c) => GOLDSTEIN[c])).toEqual([-7.2, -7.2, -7.2, -7.2, -7.2]);
    expect(GOLDSTEIN['57']).toBeUndefined();
    expect(Object.keys(GOLDSTEIN)).toHaveLength(32);
  });

  it('names every code, and every weight is on the −10..+10 scale', () => {
    expect(Object.keys(CAMEO_EVENT).sort()).toEqual(Object.keys(GOLDSTEIN).sort());
    for (const w of Object.values(GOLDSTEIN)) expect(Math.abs(w)).toBeLessThanOrEqual(10);
    expect(Object.isFrozen(GOLDSTEIN)).toBe(true);
  });
});
